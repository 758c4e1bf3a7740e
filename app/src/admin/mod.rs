//! The workspace: its front page by role, and the admin's pages and
//! forms (accounts, settings, the audit log, a round's co-moderators and
//! phase).

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
pub mod workspace;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[
    Form {
        path: "/beheer/accounts",
        rule: Rule::ManageAccounts,
        handler: || post(forms::account),
    },
    Form {
        path: "/beheer/instellingen",
        rule: Rule::ManageSettings,
        handler: || post(forms::settings),
    },
    Form {
        path: "/beheer/ronde/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(forms::co_moderators),
    },
    Form {
        path: "/beheer/ronde/{slug}/fase",
        rule: Rule::ManageRounds,
        handler: || post(forms::phase),
    },
];
