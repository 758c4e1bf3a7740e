# Trechter in a container: a multi-stage build, a small runtime image that
# runs as an unprivileged user. Build: `docker build -t trechter .`
# (not built on the development machines, which have no Docker engine).

# --- Build: the browser bundles (wasm) and the release binary.
FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add wasm32-unknown-unknown
WORKDIR /src
# The exact wasm-bindgen-cli that Cargo.toml pins (see scripts/env.sh).
COPY scripts/env.sh scripts/env.sh
RUN . scripts/env.sh \
 && CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
# wasm-opt (binaryen) comes from npm, like on the development machines.
COPY end2end/package.json end2end/package-lock.json end2end/
RUN cd end2end && npm ci --no-audit --no-fund --loglevel=error
COPY . .
ENV CARGO_TARGET_DIR=/target
RUN scripts/build

# --- Run: the binary, the browser files and nothing else.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home trechter
COPY --from=build /target/release/trechter /usr/local/bin/trechter
COPY --from=build /src/site /srv/trechter/site
USER trechter
WORKDIR /data
ENV TRECHTER_SITE_ROOT=/srv/trechter/site \
    TRECHTER_DATABASE_URL=/data/trechter.db \
    TRECHTER_LISTEN=0.0.0.0:3000 \
    TRECHTER_LOG_FORMAT=json
EXPOSE 3000
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/trechter"]
CMD ["serve"]
