//! Server-only code: the state pages and handlers share, and the handlers of
//! the plain HTML forms (idea, code, language). Each form handler answers a
//! browser without JavaScript with a redirect or a whole page, and the idea
//! form's island with an HTML fragment.

pub mod access;
pub mod account_forms;
pub mod admin_forms;
pub mod audit;
pub mod client;
pub mod cookies;
pub mod dreams;
pub mod figures_cache;
pub mod flags;
pub mod forms;
pub mod funnelling;
pub mod idea_status;
pub mod idea_submission;
pub mod index_cache;
pub mod insight;
pub mod invites;
pub mod language;
pub mod limits;
pub mod mail;
pub mod mine_forms;
pub mod moderation;
pub mod open_data;
pub mod paper_forms;
pub mod password_hashing;
pub mod plan;
pub mod receipt_codes;
pub mod render;
pub mod request;
pub mod security;
pub mod setup_forms;
pub mod sign_in;
pub mod similar;
mod state;
pub mod supports;

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
        handler: || post(idea_submission::submit),
    },
    Form {
        path: "/ronde/{slug}/steun",
        rule: Rule::Public,
        handler: || post(supports::change),
    },
    Form {
        path: "/ronde/{slug}/lijkt-op",
        rule: Rule::Public,
        handler: || post(similar::while_typing),
    },
    Form {
        path: "/mijn",
        rule: Rule::Public,
        handler: || post(mine_forms::open_with_code),
    },
    Form {
        path: "/mijn/vergeten",
        rule: Rule::Public,
        handler: || post(mine_forms::forget),
    },
    Form {
        path: "/mijn/profiel",
        rule: Rule::Public,
        handler: || post(mine_forms::profile),
    },
    Form {
        path: "/mijn/bewerken/{id}",
        rule: Rule::Public,
        handler: || post(mine_forms::edit),
    },
    Form {
        path: "/mijn/intrekken",
        rule: Rule::Public,
        handler: || post(mine_forms::withdraw),
    },
    Form {
        path: "/ontvangen/{id}",
        rule: Rule::Public,
        handler: || post(mine_forms::mail_me),
    },
    Form {
        path: "/mail-stoppen/{token}",
        rule: Rule::Public,
        handler: || post(mine_forms::stop_mail),
    },
    Form {
        path: "/taal",
        rule: Rule::Public,
        handler: || post(language::switch),
    },
    Form {
        path: "/inloggen",
        rule: Rule::Public,
        handler: || post(sign_in::password),
    },
    Form {
        path: "/inloggen/code",
        rule: Rule::SecondFactorStep,
        handler: || post(sign_in::second_factor),
    },
    Form {
        path: "/uitloggen",
        rule: Rule::Public,
        handler: || post(sign_in::sign_out),
    },
    Form {
        path: "/uitnodiging/{token}",
        rule: Rule::Public,
        handler: || post(invites::accept),
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
        handler: || post(invites::create),
    },
    Form {
        path: "/beheer/accounts",
        rule: Rule::ManageAccounts,
        handler: || post(admin_forms::account),
    },
    Form {
        path: "/beheer/instellingen",
        rule: Rule::ManageSettings,
        handler: || post(admin_forms::settings),
    },
    Form {
        path: "/beheer/ronde/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(admin_forms::co_moderators),
    },
    Form {
        path: "/beheer/ronde/{slug}/bewerken",
        rule: Rule::ManageRounds,
        handler: || post(setup_forms::edit_round),
    },
    Form {
        path: "/beheer/opgaven",
        rule: Rule::ManageRounds,
        handler: || post(setup_forms::neighbourhoods),
    },
    Form {
        path: "/beheer/opgaven/nieuw",
        rule: Rule::ManageRounds,
        handler: || post(setup_forms::create_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(setup_forms::edit_challenge),
    },
    Form {
        path: "/beheer/opgave/{slug}/ronde",
        rule: Rule::ManageRounds,
        handler: || post(setup_forms::create_round),
    },
    Form {
        path: "/beheer/ronde/{slug}/fase",
        rule: Rule::ManageRounds,
        handler: || post(admin_forms::phase),
    },
    Form {
        path: "/ronde/{slug}/moderatie",
        rule: Rule::ModerateRound,
        handler: || post(moderation::act),
    },
    Form {
        path: "/ronde/{slug}/trechter",
        rule: Rule::ClusterRound,
        handler: || post(funnelling::act),
    },
    Form {
        path: "/ronde/{slug}/plan",
        rule: Rule::Public,
        handler: || post(plan::react),
    },
    Form {
        path: "/ronde/{slug}/plan/werk",
        rule: Rule::ClusterRound,
        handler: || post(plan::work),
    },
    Form {
        path: "/inzicht/{slug}",
        rule: Rule::ManageRounds,
        handler: || post(insight::take_moment),
    },
    Form {
        path: "/beheer/voortgang",
        rule: Rule::ReportProgress,
        handler: || post(plan::report_progress),
    },
    Form {
        path: "/ronde/{slug}/papier",
        rule: Rule::EnterPaperInput,
        handler: || post(paper_forms::enter),
    },
    Form {
        path: "/ronde/{slug}/melden/{id}",
        rule: Rule::Public,
        handler: || post(flags::flag),
    },
    Form {
        path: "/droom/{slug}",
        rule: Rule::Public,
        handler: || post(dreams::submit),
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
        .merge(open_data::api::routes())
        .route(
            open_data::export::PATH,
            axum::routing::get(open_data::export::download),
        )
}
