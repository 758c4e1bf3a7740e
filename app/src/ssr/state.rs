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
}

impl AppState {
    /// Provides the state, and the language of the current request, to a
    /// page render or server function. Runs once per request.
    pub fn provide(&self) {
        provide_context(self.clone());
        provide_context(self.site.clone());
        provide_context(self.leptos_options.clone());
        provide_context(I18n::new(super::request::lang_in_context()));
    }
}

/// The state, inside a page render or server function.
pub fn state() -> AppState {
    expect_context::<AppState>()
}
