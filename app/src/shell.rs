//! The HTML document around every page, the site header and footer, and the
//! list of routes.

use crate::i18n::use_i18n;
use crate::pages::{
    home::HomePage, mine::MinePage, not_found::NotFound, receipt::ReceiptPage, round::RoundPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{SsrMode, path};
use serde::{Deserialize, Serialize};

/// Facts about this installation that every page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub municipality: String,
    /// The stylesheet's URL, versioned by its content so browsers may cache
    /// it for good.
    pub stylesheet: String,
}

pub fn use_site() -> SiteInfo {
    use_context::<SiteInfo>().unwrap_or_default()
}

pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    #[cfg(feature = "ssr")]
    crate::ssr::security::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang=i18n.lang.code()>
            <head>
                <HeadBasics stylesheet=site.stylesheet/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// What every document's `<head>` starts with.
#[component]
pub fn HeadBasics(stylesheet: String) -> impl IntoView {
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <link rel="stylesheet" href=stylesheet/>
        // No favicon request: one round trip less on a slow network.
        <link rel="icon" href="data:,"/>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug") view=RoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/ontvangen/:id") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn") view=MinePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let other = i18n.t("site.other_language_code");
    view! {
        <a class="skip-link" href="#main">{i18n.t("site.skip_to_content")}</a>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href="/">
                    <span class="brand-place">{site.municipality.clone()}</span>
                    <span class="brand-name">{i18n.t("site.name")}</span>
                </a>
                <form method="post" action="/taal" class="language-switch">
                    <input type="hidden" name="back" value=here/>
                    <button type="submit" name="lang" value=other lang=other
                        aria-label=format!("{} ({})", i18n.t("site.choose_language"), i18n.t("site.other_language"))>
                        {i18n.t("site.other_language")}
                    </button>
                </form>
            </div>
        </header>
        <main id="main" tabindex="-1">
            <div class="wrap">{children()}</div>
        </main>
        <footer class="site-footer">
            <div class="wrap"><p>{i18n.t("site.footer")}</p></div>
        </footer>
    }
}
