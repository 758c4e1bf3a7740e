//! A round's plan: the public page (with the reaction form while
//! feedback runs) and the workspace where staff and co-moderators write
//! it, sign it and send it out. When a plan may go out is
//! `domain::send_out`, checked from the workspace in [`send_out`] and
//! again in `store::plan::send_out`; how a reaction is saved is
//! [`crate::reaction`], how reactions are counted `domain::tally`.

#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
pub mod notice;
pub mod page;
#[cfg(feature = "ssr")]
pub mod send_out;
pub mod work;
#[cfg(feature = "ssr")]
pub mod work_forms;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[Form {
    path: "/ronde/{slug}/plan/werk",
    rule: Rule::ClusterRound,
    handler: || post(work_forms::work),
}];
