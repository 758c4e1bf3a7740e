//! Staff set up challenges and rounds: creating and changing them, and a
//! round's co-moderators.

pub mod challenges;
#[cfg(feature = "ssr")]
pub mod forms;
pub mod round_admin;
pub mod round_setup;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[
    Form {
        path: "/beheer/ronde/{slug}/bewerken",
        rule: Rule::ManageRounds,
        handler: || post(forms::edit_round),
    },
    Form {
        path: "/beheer/opgaven",
        rule: Rule::ManageRounds,
        handler: || post(forms::neighbourhoods),
    },
    Form {
        path: "/beheer/opgaven/nieuw",
        rule: Rule::ManageRounds,
        handler: || post(forms::create_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(forms::edit_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}/ronde",
        rule: Rule::ManageRounds,
        handler: || post(forms::create_round),
    },
];
