//! Ideas gathered on paper or at a meeting, entered in bulk by staff.

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
    path: "/ronde/{slug}/papier",
    rule: Rule::EnterPaperInput,
    handler: || post(forms::enter),
}];
