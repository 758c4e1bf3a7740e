//! "Mijn inbreng": what a participant sent in, opened with their receipt
//! code; changing or withdrawing an idea, an address for news, and
//! stopping mail from the mail itself.

pub mod edit;
#[cfg(feature = "ssr")]
pub mod forms;
pub mod mail_stop;
pub mod page;

#[cfg(feature = "ssr")]
use crate::web::{Form, access::Rule};
#[cfg(feature = "ssr")]
use axum::routing::post;

/// The forms of this feature, with who may post them (see `crate::web::forms`).
#[cfg(feature = "ssr")]
pub const FORMS: &[Form] = &[
    Form {
        path: "/mijn",
        rule: Rule::Public,
        handler: || post(forms::open_with_code),
    },
    Form {
        path: "/mijn/vergeten",
        rule: Rule::Public,
        handler: || post(forms::forget),
    },
    Form {
        path: "/mijn/profiel",
        rule: Rule::Public,
        handler: || post(forms::profile),
    },
    Form {
        path: "/mijn/bewerken/{id}",
        rule: Rule::Public,
        handler: || post(forms::edit),
    },
    Form {
        path: "/mijn/intrekken",
        rule: Rule::Public,
        handler: || post(forms::withdraw),
    },
    Form {
        path: "/ontvangen/{id}",
        rule: Rule::Public,
        handler: || post(forms::mail_me),
    },
    Form {
        path: "/mail-stoppen/{token}",
        rule: Rule::Public,
        handler: || post(forms::stop_mail),
    },
];
