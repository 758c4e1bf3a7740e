//! Trechter's web interface: pages rendered on the server with Leptos, and
//! the small islands that enhance them in the browser.
//!
//! Resident pages work without JavaScript: forms are plain HTML forms posted
//! to handlers in [`ssr`], and data comes from server functions next to the
//! page that shows it. Built with `ssr` for the server and with `hydrate`
//! for the browser, where only the islands end up in the wasm.
// The funnelling workspace is one deep view type; the browser build needs
// more room than the default to lay it out.
#![recursion_limit = "256"]

pub mod components;
pub mod errors;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use shell::{App, SiteInfo, shell};

/// The browser's entry point: wakes up the islands on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
