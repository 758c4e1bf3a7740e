//! Trechter's web interface: pages rendered on the server with Leptos, and
//! the small islands that enhance them in the browser.
//!
//! One module per feature (a round and its ideas, dreams, paper input,
//! supports, moderation, funnelling, the plan, reactions, progress,
//! insight, open data, accounts, setup): its view types, the server
//! functions that load its pages, the pages, and its form handlers, the
//! server-only parts behind the `ssr` feature. Plumbing every feature
//! shares on the server is in [`web`]; pieces of pages in [`components`].
//!
//! Resident pages work without JavaScript: forms are plain HTML forms posted
//! to the features' handlers, and data comes from server functions next to
//! the page that shows it. Built with `ssr` for the server and with `hydrate`
//! for the browser, where only the islands end up in the wasm.
// The funnelling workspace is one deep view type; the browser build needs
// more room than the default to lay it out.
#![recursion_limit = "256"]

pub mod components;
pub mod errors;
pub mod format;
pub mod i18n;
pub mod shell;

pub mod accessibility;
pub mod accounts;
pub mod admin;
pub mod dreams;
pub mod funnelling;
pub mod insight;
pub mod mine;
pub mod moderation;
pub mod open_data;
pub mod paper;
pub mod plan;
pub mod privacy;
pub mod progress;
#[cfg(feature = "ssr")]
pub mod reaction;
pub mod round;
pub mod setup;
#[cfg(feature = "ssr")]
pub mod supports;

#[cfg(feature = "ssr")]
pub mod web;

pub use shell::{App, SiteInfo, shell};

/// The browser's entry point: wakes up the islands on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
