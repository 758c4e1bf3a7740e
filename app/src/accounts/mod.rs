//! Accounts of staff, experience experts and partners: signing in (with
//! a second factor), invitations and password resets, one's own account.

pub mod account;
#[cfg(feature = "ssr")]
pub mod account_forms;
pub mod invite;
#[cfg(feature = "ssr")]
pub mod invite_forms;
#[cfg(feature = "ssr")]
pub mod password_hashing;
#[cfg(feature = "ssr")]
pub mod provider;
#[cfg(feature = "ssr")]
pub mod provider_forms;
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod sign_in_forms;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[
    Form {
        path: "/inloggen",
        rule: Rule::Public,
        handler: || post(sign_in_forms::password),
    },
    Form {
        path: "/inloggen/code",
        rule: Rule::SecondFactorStep,
        handler: || post(sign_in_forms::second_factor),
    },
    Form {
        path: "/uitloggen",
        rule: Rule::Public,
        handler: || post(sign_in_forms::sign_out),
    },
    Form {
        path: "/uitnodiging/{token}",
        rule: Rule::Public,
        handler: || post(invite_forms::accept),
    },
    Form {
        path: "/account",
        rule: Rule::OwnAccount,
        handler: || post(account_forms::sign_out_everywhere),
    },
    Form {
        path: "/account/tweestaps",
        rule: Rule::OwnAccount,
        handler: || post(account_forms::second_factor),
    },
    Form {
        path: "/beheer/uitnodigen",
        rule: Rule::Invite,
        handler: || post(invite_forms::create),
    },
];
