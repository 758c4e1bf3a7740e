# Sourced by the other scripts: where builds go and where tools are found.
# Build caches live outside the clone, so a fresh clone (as in CI) reuses them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trechter/target}"
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
# Exactly the version pinned as `wasm-bindgen` in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
