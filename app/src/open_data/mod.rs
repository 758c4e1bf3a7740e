//! Open data: what the public pages show, as JSON and CSV. The records
//! here are the only shapes data leaves in: the API answers with them,
//! the exports write them, and the OpenAPI description is derived from
//! them, so documentation and data cannot drift apart.
//!
//! Never in here: e-mail addresses, contact requests, children's first
//! names, who wrote what (contributors are salted pseudonyms), hidden,
//! withdrawn or unreviewed ideas, a redacted idea's original text, draft
//! plans, or reactions per person (only counts per group, under the
//! small-group rule of `domain::disclosure`, through `domain::tally`).
//!
//! [`page`] lists a round's downloads; [`api`] and [`export`] serve them.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod page;
#[cfg(feature = "ssr")]
pub mod records;
