//! The islands' script, without the resource hints Leptos's
//! `HydrationScripts` adds. Those preload the JS and the 43 KB WASM at full
//! priority, so on a slow phone network they share the line with the
//! stylesheet and delay the first paint (Lighthouse, mobile: LCP 1.2 s on
//! the round page instead of 0.9 s). The islands only enhance forms that
//! work without them, so their files are fetched once the page is shown
//! and the browser is idle.

use leptos::prelude::*;

const ISLAND_SCRIPT: &str = include_str!("island_script.js");

/// `bundle` is the wasm-bindgen output name; the residents' by default.
#[component]
pub fn IslandScripts(#[prop(optional)] bundle: Option<&'static str>) -> impl IntoView {
    // As `HydrationScripts` does: islands hydrate themselves, the page not.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let options = expect_context::<LeptosOptions>();
    let pkg = options.site_pkg_dir.to_string();
    let bundle = bundle.map_or_else(|| options.output_name.to_string(), str::to_owned);
    let wasm = format!("{bundle}_bg");
    let call = format!("{ISLAND_SCRIPT}(\"\", {pkg:?}, {bundle:?}, {wasm:?});");
    view! { <script type="module" nonce=use_nonce()>{call}</script> }
}
