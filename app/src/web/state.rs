use crate::SiteInfo;
use crate::i18n::I18n;
use axum::extract::FromRef;
use leptos::prelude::*;
use store::Db;

/// What every handler, page and server function can reach.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub site: SiteInfo,
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// The header a trusted load balancer puts the client's address in.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// Mixed into hashes of client addresses (from the database, so all
    /// app servers agree).
    pub client_salt: String,
    pub limits: std::sync::Arc<crate::web::limits::Limiter>,
    /// Argon2 runs a few at a time (see `password_hashing`).
    pub password_hashing: std::sync::Arc<crate::accounts::password_hashing::PasswordHashing>,
    /// Receipt codes this app server found valid (see `receipt_codes`).
    pub known_codes: std::sync::Arc<crate::web::receipt_codes::KnownCodes>,
    /// The dashboard's figures per challenge, kept briefly.
    pub figures: std::sync::Arc<crate::insight::figures_cache::FiguresCache>,
    /// The analysis index of the rounds asked for most recently.
    pub indexes: std::sync::Arc<crate::web::index_cache::IndexCache>,
    /// The embeddings endpoint as this server knows it.
    pub meaning: std::sync::Arc<crate::web::meaning::Meaning>,
    /// Reactions' "why" texts grouped by what they say, per item.
    pub why_groups: std::sync::Arc<crate::plan::data::WhyGroupCache>,
    /// The address residents and staff reach the site at, for links shown
    /// or mailed (`https://inspraak.gemeente.nl`); else taken from the request.
    pub public_url: Option<String>,
    /// The municipality's OpenID provider, when staff can sign in there.
    #[from_ref(skip)]
    pub provider: Option<std::sync::Arc<crate::accounts::provider::Provider>>,
    /// The text of `/.well-known/security.txt`, when a contact is set.
    #[from_ref(skip)]
    pub security_txt: Option<String>,
    /// An SMTP server is configured: links are mailed, not shown.
    #[from_ref(skip)]
    pub mail_enabled: bool,
}

impl AppState {
    /// Provides the state, and the language of the current request, to a
    /// page render or server function. Runs once per request.
    pub fn provide(&self) {
        provide_context(self.clone());
        provide_context(self.site.clone());
        provide_context(self.leptos_options.clone());
        provide_context(I18n::new(crate::web::request::lang_in_context()));
        let viewer = crate::web::access::current_viewer();
        let name = viewer
            .session
            .filter(|s| s.stage == store::session::Stage::SignedIn)
            .map(|s| s.display_name);
        provide_context(crate::shell::SignedInName(name));
    }
}

/// The state, inside a page render or server function.
pub fn state() -> AppState {
    expect_context::<AppState>()
}
