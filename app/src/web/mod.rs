//! Server-only plumbing every feature shares: the state, access to every
//! route, reading forms, cookies, rate limits, rendering answers, mail.
//! The features themselves (pages, their data and their form handlers)
//! live in their own modules at the crate root. Each form handler answers
//! a browser without JavaScript with a redirect or a whole page, and an
//! island with an HTML fragment.

pub mod access;
pub mod audit;
pub mod client;
pub mod cookies;
pub mod forms;
pub mod index_cache;
pub mod language;
pub mod limits;
pub mod mail;
pub mod receipt_codes;
pub mod render;
pub mod request;
pub mod security;
mod state;

pub use state::{AppState, state};

use access::Rule;
use axum::Router;
use axum::routing::{MethodRouter, post};

/// A form handler: where it listens, who may post to it, and the handler.
pub struct Form {
    pub path: &'static str,
    pub rule: Rule,
    handler: fn() -> MethodRouter<AppState>,
}

/// Every form handler of the app. Their paths are those of the pages the
/// forms are on, so an answer that shows the page again keeps the page's
/// address. Being in this table is the only way to become a route, so no
/// handler goes without an access rule.
pub const FORMS: &[Form] = &[
    Form {
        path: "/ronde/{slug}",
        rule: Rule::Public,
        handler: || post(crate::round::submit::submit),
    },
    Form {
        path: "/ronde/{slug}/steun",
        rule: Rule::Public,
        handler: || post(crate::supports::change),
    },
    Form {
        path: "/ronde/{slug}/lijkt-op",
        rule: Rule::Public,
        handler: || post(crate::round::similar::while_typing),
    },
    Form {
        path: "/mijn",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::open_with_code),
    },
    Form {
        path: "/mijn/vergeten",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::forget),
    },
    Form {
        path: "/mijn/profiel",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::profile),
    },
    Form {
        path: "/mijn/bewerken/{id}",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::edit),
    },
    Form {
        path: "/mijn/intrekken",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::withdraw),
    },
    Form {
        path: "/ontvangen/{id}",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::mail_me),
    },
    Form {
        path: "/mail-stoppen/{token}",
        rule: Rule::Public,
        handler: || post(crate::mine::forms::stop_mail),
    },
    Form {
        path: "/taal",
        rule: Rule::Public,
        handler: || post(language::switch),
    },
    Form {
        path: "/inloggen",
        rule: Rule::Public,
        handler: || post(crate::accounts::sign_in_forms::password),
    },
    Form {
        path: "/inloggen/code",
        rule: Rule::SecondFactorStep,
        handler: || post(crate::accounts::sign_in_forms::second_factor),
    },
    Form {
        path: "/uitloggen",
        rule: Rule::Public,
        handler: || post(crate::accounts::sign_in_forms::sign_out),
    },
    Form {
        path: "/uitnodiging/{token}",
        rule: Rule::Public,
        handler: || post(crate::accounts::invite_forms::accept),
    },
    Form {
        path: "/account",
        rule: Rule::OwnAccount,
        handler: || post(crate::accounts::account_forms::sign_out_everywhere),
    },
    Form {
        path: "/account/tweestaps",
        rule: Rule::OwnAccount,
        handler: || post(crate::accounts::account_forms::second_factor),
    },
    Form {
        path: "/beheer/uitnodigen",
        rule: Rule::Invite,
        handler: || post(crate::accounts::invite_forms::create),
    },
    Form {
        path: "/beheer/accounts",
        rule: Rule::ManageAccounts,
        handler: || post(crate::admin::forms::account),
    },
    Form {
        path: "/beheer/instellingen",
        rule: Rule::ManageSettings,
        handler: || post(crate::admin::forms::settings),
    },
    Form {
        path: "/beheer/ronde/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(crate::admin::forms::co_moderators),
    },
    Form {
        path: "/beheer/ronde/{slug}/bewerken",
        rule: Rule::ManageRounds,
        handler: || post(crate::setup::forms::edit_round),
    },
    Form {
        path: "/beheer/opgaven",
        rule: Rule::ManageRounds,
        handler: || post(crate::setup::forms::neighbourhoods),
    },
    Form {
        path: "/beheer/opgaven/nieuw",
        rule: Rule::ManageRounds,
        handler: || post(crate::setup::forms::create_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(crate::setup::forms::edit_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}/ronde",
        rule: Rule::ManageRounds,
        handler: || post(crate::setup::forms::create_round),
    },
    Form {
        path: "/beheer/ronde/{slug}/fase",
        rule: Rule::ManageRounds,
        handler: || post(crate::admin::forms::phase),
    },
    Form {
        path: "/ronde/{slug}/moderatie",
        rule: Rule::ModerateRound,
        handler: || post(crate::moderation::forms::act),
    },
    Form {
        path: "/ronde/{slug}/trechter",
        rule: Rule::ClusterRound,
        handler: || post(crate::funnelling::server::act),
    },
    Form {
        path: "/ronde/{slug}/plan",
        rule: Rule::Public,
        handler: || post(crate::reaction::save),
    },
    Form {
        path: "/ronde/{slug}/plan/werk",
        rule: Rule::ClusterRound,
        handler: || post(crate::plan::server::work),
    },
    Form {
        path: "/inzicht/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(crate::insight::server::take_moment),
    },
    Form {
        path: "/beheer/voortgang",
        rule: Rule::ReportProgress,
        handler: || post(crate::progress::forms::report_progress),
    },
    Form {
        path: "/ronde/{slug}/papier",
        rule: Rule::EnterPaperInput,
        handler: || post(crate::paper::forms::enter),
    },
    Form {
        path: "/ronde/{slug}/melden/{id}",
        rule: Rule::Public,
        handler: || post(crate::round::flag_form::flag),
    },
    Form {
        path: "/droom/{slug}",
        rule: Rule::Public,
        handler: || post(crate::dreams::forms::submit),
    },
];

/// Routes outside the access tables: static files and the health check,
/// the same for everyone.
pub const OPEN_PATHS: &[&str] = &["/pkg/", "/healthz"];

pub fn routes() -> Router<AppState> {
    FORMS
        .iter()
        .fold(Router::new(), |router, form| {
            router.route(form.path, (form.handler)())
        })
        .merge(crate::open_data::api::routes())
        .route(
            crate::open_data::export::PATH,
            axum::routing::get(crate::open_data::export::download),
        )
}
