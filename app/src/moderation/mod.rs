//! Moderating a round: the queue and the actions on one idea.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[Form {
    path: "/ronde/{slug}/moderatie",
    rule: Rule::ModerateRound,
    handler: || post(forms::act),
}];
