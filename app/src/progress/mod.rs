//! Progress of final plans over the years: the public timeline and the
//! form staff and partners report on.

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
    path: "/beheer/voortgang",
    rule: Rule::ReportProgress,
    handler: || post(forms::report_progress),
}];
