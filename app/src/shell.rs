//! The HTML document around every page, the site header and footer, and the
//! list of routes.

use crate::accessibility::AccessibilityPage;
use crate::accounts::account::{AccountPage, SecondFactorPage};
use crate::accounts::invite::InvitePage;
use crate::accounts::sign_in::{CodePage, SignInPage};
use crate::admin::page::{AccountsPage, AuditLogPage, InvitesPage, SettingsPage};
use crate::admin::workspace::WorkspacePage;
use crate::components::not_found::NotFound;
use crate::components::session_warning::SessionWarning;
use crate::dreams::page::DreamPage;
use crate::dreams::poster::PosterPage;
use crate::funnelling::page::FunnellingPage;
use crate::i18n::use_i18n;
use crate::insight::dashboard::DashboardPage;
use crate::insight::report::RoundReportPage;
use crate::mine::edit::EditIdeaPage;
use crate::mine::mail_stop::MailStopPage;
use crate::mine::page::MinePage;
use crate::moderation::page::ModerationPage;
use crate::open_data::page::ExportsPage;
use crate::paper::page::PaperPage;
use crate::plan::page::PlanPage;
use crate::plan::work::PlanWorkPage;
use crate::privacy::PrivacyPage;
use crate::progress::page::{ReportPage, TimelinePage};
use crate::round::flag::FlagPage;
use crate::round::home::HomePage;
use crate::round::page::RoundPage;
use crate::round::receipt::ReceiptPage;
use crate::setup::challenges::{ChallengesPage, EditChallengePage, NewChallengePage};
use crate::setup::round_admin::RoundAdminPage;
use crate::setup::round_setup::{EditRoundPage, NewRoundPage};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{SsrMode, path};
use serde::{Deserialize, Serialize};

/// The signed-in person, for the site header (`None` for residents).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedInName(pub Option<String>);

/// Facts about this installation that every page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub municipality: String,
    /// The stylesheet's URL, versioned by its content so browsers may cache
    /// it for good.
    pub stylesheet: String,
    /// How people reach the municipality about this site (mail, web page
    /// or phone), from `TRECHTER_CONTACT`.
    pub contact: Option<String>,
    /// The municipality's logo from its theme, versioned like the
    /// stylesheet.
    pub logo: Option<String>,
    /// The name of the municipality's OpenID provider, when staff can sign
    /// in there.
    pub provider_name: Option<String>,
}

pub fn use_site() -> SiteInfo {
    use_context::<SiteInfo>().unwrap_or_default()
}

pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    #[cfg(feature = "ssr")]
    crate::web::security::set_page_policy();
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
        // Every page's title is escaped here, once: leptos_meta writes it raw.
        <Title formatter=crate::components::raw_text::escape_title/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug") view=RoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/ontvangen/:id") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn") view=MinePage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/bewerken/:id") view=EditIdeaPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/toegankelijkheid") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/mail-stoppen/:token") view=MailStopPage ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen/code") view=CodePage ssr=SsrMode::Async/>
                    <Route path=path!("/uitnodiging/:token") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/tweestaps") view=SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer") view=WorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/accounts") view=AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/uitnodigen") view=InvitesPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/instellingen") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/logboek") view=AuditLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/ronde/:slug") view=RoundAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/ronde/:slug/poster") view=PosterPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/ronde/:slug/bewerken") view=EditRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/opgaven") view=ChallengesPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/opgaven/nieuw") view=NewChallengePage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/opgave/:slug") view=EditChallengePage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/opgave/:slug/ronde") view=NewRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/moderatie") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/papier") view=PaperPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/trechter") view=FunnellingPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/melden/:id") view=FlagPage ssr=SsrMode::Async/>
                    <Route path=path!("/droom/:slug") view=DreamPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/plan") view=PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/plan/werk") view=PlanWorkPage ssr=SsrMode::Async/>
                    <Route path=path!("/voortgang/:slug") view=TimelinePage ssr=SsrMode::Async/>
                    <Route path=path!("/inzicht/:slug") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/verslag") view=RoundReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/ronde/:slug/export") view=ExportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/voortgang") view=ReportPage ssr=SsrMode::Async/>
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
    let name = use_context::<SignedInName>().and_then(|s| s.0);
    // Signed-in people are not asked to sign in.
    let staff_sign_in = name
        .is_none()
        .then(|| view! { <a href="/inloggen">{i18n.t("site.staff_sign_in")}</a> });
    let signed_in = name.map(|name| {
        view! {
            <nav class="account-bar wrap" aria-label=i18n.t("site.account_nav")>
                <span class="account-name">{name}</span>
                <a href="/beheer">{i18n.t("workspace.title")}</a>
                <a href="/account">{i18n.t("account.title")}</a>
                <form method="post" action="/uitloggen" class="inline-form">
                    <button type="submit" class="link-button">{i18n.t("site.sign_out")}</button>
                </form>
            </nav>
            <SessionWarning/>
        }
    });
    view! {
        <a class="skip-link" href="#main">{i18n.t("site.skip_to_content")}</a>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href="/">
                    {site.logo.clone().map(|src| view! {
                        // The name beside it says what the logo says.
                        <img class="brand-logo" src=src alt="" height="40"/>
                    })}
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
            {signed_in}
        </header>
        <main id="main" tabindex="-1">
            <div class="wrap">{children()}</div>
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{i18n.t("site.footer")}</p>
                <p class="footer-links">
                    <a href="/privacy">{i18n.t("privacy.title")}</a>
                    <a href="/toegankelijkheid">{i18n.t("accessibility.title")}</a>
                    {staff_sign_in}
                </p>
            </div>
        </footer>
    }
}
