//! One's own account: who am I here, the second factor, sessions.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, Field, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub organisation: Option<String>,
    pub second_factor: bool,
    pub recovery_codes_left: i64,
    pub sessions: i64,
    pub must_set_up_second_factor: bool,
}

#[server(endpoint = "account")]
pub async fn account_data() -> Result<AccountView, AppError> {
    let viewer = crate::web::access::require("/api/account", None)?;
    let session = viewer.session.ok_or(AppError::Forbidden)?;
    let state = crate::web::state();
    let account = store::account::by_id(&state.db, session.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (codes, sessions) = tokio::try_join!(
        store::account::unused_recovery_codes(&state.db, account.id),
        store::session::count_of(&state.db, account.id, chrono::Utc::now())
    )?;
    Ok(AccountView {
        display_name: account.display_name,
        email: account.email,
        role: account.role.code().to_owned(),
        organisation: account.organisation_name,
        second_factor: account.second_factor,
        recovery_codes_left: codes,
        sessions,
        must_set_up_second_factor: session.must_set_up_second_factor,
    })
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("account.title")/>
        <h1>{i18n.t("account.title")}</h1>
        <DoneNotice/>
        {loaded(account_data(), move |data| match data {
            Ok(account) => view! { <AccountDetails account/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn AccountDetails(account: AccountView) -> impl IntoView {
    let i18n = use_i18n();
    let status = if account.second_factor {
        i18n.tf(
            "account.second_factor_on",
            &[("n", &account.recovery_codes_left.to_string())],
        )
    } else {
        i18n.t("account.second_factor_off").to_owned()
    };
    view! {
        <dl class="facts">
            <dt>{i18n.t("invite.name")}</dt><dd>{account.display_name}</dd>
            <dt>{i18n.t("sign_in.email")}</dt><dd>{account.email}</dd>
            <dt>{i18n.t("account.role")}</dt><dd>{i18n.t(&format!("role.{}", account.role))}</dd>
            {account.organisation.map(|o| view! { <dt>{i18n.t("account.organisation")}</dt><dd>{o}</dd> })}
        </dl>
        <section class="panel" aria-labelledby="second-factor-title">
            <h2 id="second-factor-title">{i18n.t("account.second_factor")}</h2>
            <p>{status}</p>
            <p><a class="button" href="/account/tweestaps">{i18n.t("account.second_factor_manage")}</a></p>
        </section>
        <section class="panel" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{i18n.t("account.sessions")}</h2>
            <p>{i18n.tn("account.sessions_count", account.sessions)}</p>
            <form method="post" action="/account">
                <button type="submit" class="button">{i18n.t("account.sign_out_everywhere")}</button>
            </form>
        </section>
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorView {
    pub enabled: bool,
    /// While setting up: the secret to type, and its QR code (SVG).
    pub pending: Option<(String, String)>,
    pub required: bool,
}

#[server(endpoint = "second_factor")]
pub async fn second_factor_data() -> Result<SecondFactorView, AppError> {
    let viewer = crate::web::access::require("/api/second_factor", None)?;
    let session = viewer.session.ok_or(AppError::Forbidden)?;
    // The page may show a new secret for the authenticator.
    crate::web::security::no_store();
    let state = crate::web::state();
    let credentials = store::account::credentials_by_id(&state.db, session.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = store::account::by_id(&state.db, session.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pending = credentials
        .totp_pending_secret
        .as_deref()
        .and_then(domain::totp::TotpSecret::from_base32)
        .map(|secret| {
            let uri = domain::totp::otpauth_uri(
                &secret,
                &format!("Trechter {}", state.site.municipality),
                &account.email,
            );
            (secret.display_grouped(), domain::qr::qr_svg(&uri))
        });
    Ok(SecondFactorView {
        enabled: credentials.totp_secret.is_some(),
        pending,
        required: session.must_set_up_second_factor,
    })
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let codes = feedback_for("second_factor")
        .map(|f| f.shown_once)
        .filter(|c| !c.is_empty());
    view! {
        <Title text=i18n.t("account.second_factor")/>
        <h1>{i18n.t("account.second_factor")}</h1>
        {match codes {
            Some(codes) => view! { <RecoveryCodes codes/> }.into_any(),
            None => loaded(second_factor_data(), move |data| match data {
                Ok(view) => view! { <SecondFactorForms view/> }.into_any(),
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            }).into_any(),
        }}
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice done" role="status" tabindex="-1" autofocus=true>{i18n.t("account.second_factor_enabled")}</p>
        <h2>{i18n.t("account.recovery_codes")}</h2>
        <p>{i18n.t("account.recovery_codes_hint")}</p>
        <ul class="recovery-codes">{codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
        <p><a class="button primary" href="/account">{i18n.t("account.done")}</a></p>
    }
}

#[component]
fn SecondFactorForms(view: SecondFactorView) -> impl IntoView {
    let i18n = use_i18n();
    let required = view
        .required
        .then(|| view! { <p class="notice">{i18n.t("account.second_factor_required")}</p> });
    // With a factor on, a new one is set up only after proving the current
    // one (password or code): the handler asks for it on `start`.
    let body = if view.enabled && view.pending.is_none() {
        view! {
            <p>{i18n.t("account.second_factor_is_on")}</p>
            <form method="post" action="/account/tweestaps" class="narrow-form" novalidate=true>
                <FormErrors form="second_factor"/>
                <input type="hidden" name="action" value="off"/>
                <Field form="second_factor" name="current" kind="password" autocomplete="current-password"
                    label=i18n.t("account.current_proof").to_owned() hint=i18n.t("sign_in.code_hint").to_owned()/>
                <button type="submit" class="button">{i18n.t("account.second_factor_turn_off")}</button>
            </form>
            <h2>{i18n.t("account.second_factor_replace")}</h2>
            <p>{i18n.t("account.second_factor_replace_explained")}</p>
            <form method="post" action="/account/tweestaps" class="narrow-form" novalidate=true>
                <FormErrors form="second_factor_new"/>
                <input type="hidden" name="action" value="start"/>
                <Field form="second_factor_new" name="current" kind="password" autocomplete="current-password"
                    label=i18n.t("account.current_proof").to_owned()/>
                <button type="submit" class="button">{i18n.t("account.second_factor_replace")}</button>
            </form>
        }
        .into_any()
    } else if let Some((secret, qr)) = view.pending {
        view! {
            <ol class="steps">
                <li>{i18n.t("account.step_app")}</li>
                <li>
                    {i18n.t("account.step_scan")}
                    <div class="qr" role="img" aria-label=i18n.t("account.qr_label") inner_html=qr></div>
                    <p>{i18n.t("account.step_type")}</p>
                    <p><code class="secret">{secret}</code></p>
                </li>
                <li>{i18n.t("account.step_confirm")}</li>
            </ol>
            <form method="post" action="/account/tweestaps" class="narrow-form" novalidate=true>
                <FormErrors form="second_factor"/>
                <input type="hidden" name="action" value="confirm"/>
                <Field form="second_factor" name="code" autocomplete="one-time-code" required=true
                    label=i18n.t("sign_in.code").to_owned()/>
                <button type="submit" class="button primary">{i18n.t("account.second_factor_confirm")}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <p>{i18n.t("account.second_factor_explained")}</p>
            <form method="post" action="/account/tweestaps">
                <input type="hidden" name="action" value="start"/>
                <button type="submit" class="button primary">{i18n.t("account.second_factor_start")}</button>
            </form>
        }
        .into_any()
    };
    view! { {required} {body} }
}
