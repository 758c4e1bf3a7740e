//! Insight: a challenge's public dashboard and a round's report for the
//! council, with the figures behind them.

pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod figures_cache;
pub mod report;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[Form {
    path: "/inzicht/{slug}",
    rule: Rule::ManageRounds,
    handler: || post(server::take_moment),
}];
