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
pub mod meaning;
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
    pub handler: fn() -> MethodRouter<AppState>,
}

/// The web's own forms; every feature lists its own in its `FORMS`.
const FORMS: &[Form] = &[Form {
    path: "/taal",
    rule: Rule::Public,
    handler: || post(language::switch),
}];

/// Every form handler of the app: the features' tables, each next to the
/// handlers it names. Their paths are those of the pages the forms are on,
/// so an answer that shows the page again keeps the page's address. Being
/// in one of these tables is the only way to become a route, so no handler
/// goes without an access rule.
pub fn forms() -> impl Iterator<Item = &'static Form> {
    [
        crate::round::FORMS,
        crate::supports::FORMS,
        crate::mine::FORMS,
        crate::accounts::FORMS,
        crate::admin::FORMS,
        crate::setup::FORMS,
        crate::moderation::FORMS,
        crate::funnelling::FORMS,
        crate::reaction::FORMS,
        crate::plan::FORMS,
        crate::insight::FORMS,
        crate::progress::FORMS,
        crate::paper::FORMS,
        crate::dreams::FORMS,
        FORMS,
    ]
    .into_iter()
    .flatten()
}

/// Routes outside the access tables: static files and the health check,
/// the same for everyone.
pub const OPEN_PATHS: &[&str] = &["/pkg/", "/healthz", security::SECURITY_TXT];

pub fn routes() -> Router<AppState> {
    forms()
        .fold(Router::new(), |router, form| {
            router.route(form.path, (form.handler)())
        })
        .merge(crate::open_data::api::routes())
        .route(
            crate::accounts::provider::START,
            axum::routing::get(crate::accounts::provider_forms::start),
        )
        .route(
            crate::accounts::provider::BACK,
            axum::routing::get(crate::accounts::provider_forms::back),
        )
        .route(
            crate::accounts::provider::SIGN_OUT,
            axum::routing::get(crate::accounts::provider_forms::sign_out),
        )
        .route(
            security::SECURITY_TXT,
            axum::routing::get(security::security_txt),
        )
        .route(
            crate::open_data::export::PATH,
            axum::routing::get(crate::open_data::export::download),
        )
}
