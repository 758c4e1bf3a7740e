//! Children's dreams: a round's page for children, its poster with a QR
//! code, and receiving a dream.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
pub mod poster;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[Form {
    path: "/droom/{slug}",
    rule: Rule::Public,
    handler: || post(forms::submit),
}];
