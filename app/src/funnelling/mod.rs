//! Funnelling a round's ideas into clusters (themes): the workspace and
//! its actions.

pub mod page;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[Form {
    path: "/ronde/{slug}/trechter",
    rule: Rule::ClusterRound,
    handler: || post(server::act),
}];
