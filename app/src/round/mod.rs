//! A round and its ideas, as residents meet them: the home page with the
//! challenges and their rounds, a round's page with the idea form, ideas
//! like a new one while typing, the receipt after sending, where an idea
//! stands, and reporting an idea to the moderators.

pub mod flag;
#[cfg(feature = "ssr")]
pub mod flag_form;
pub mod home;
pub mod page;
pub mod receipt;
#[cfg(feature = "ssr")]
pub mod similar;
#[cfg(feature = "ssr")]
pub mod status;
#[cfg(feature = "ssr")]
pub mod submit;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[
    Form {
        path: "/ronde/{slug}",
        rule: Rule::Public,
        handler: || post(submit::submit),
    },
    Form {
        path: "/ronde/{slug}/lijkt-op",
        rule: Rule::Public,
        handler: || post(similar::while_typing),
    },
    Form {
        path: "/ronde/{slug}/melden/{id}",
        rule: Rule::Public,
        handler: || post(flag_form::flag),
    },
];
