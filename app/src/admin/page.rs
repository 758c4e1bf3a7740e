//! The admin's pages: accounts, invitations, settings, the audit log.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, Field, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub second_factor: bool,
    pub blocked: bool,
    pub is_me: bool,
}

#[server(endpoint = "accounts")]
pub async fn accounts_data() -> Result<Vec<AccountRow>, AppError> {
    let viewer = crate::web::access::require("/api/accounts", None)?;
    let me = viewer.account().map(|a| a.account_id);
    let state = crate::web::state();
    Ok(store::account::all(&state.db)
        .await?
        .into_iter()
        .map(|a| AccountRow {
            is_me: Some(a.id) == me,
            id: a.id,
            display_name: a.display_name,
            email: a.email,
            role: a.role,
            organisation: a.organisation_name,
            second_factor: a.second_factor,
            blocked: a.disabled_at.is_some(),
        })
        .collect())
}

/// A link shown once after it was made: copy it and pass it on.
#[component]
pub fn ShownOnce(form: &'static str, label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for(form)?;
    let notice = feedback.notice.as_ref().map(|(key, values)| {
        let values: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        i18n.tf(key, &values)
    });
    let Some(link) = feedback.shown_once.first().cloned() else {
        return notice.map(|text| {
            view! { <p class="notice done" role="status" tabindex="-1" autofocus=true>{text}</p> }
                .into_any()
        });
    };
    // A link that works once: no cache may keep this page.
    #[cfg(feature = "ssr")]
    crate::web::security::no_store();
    Some(
        view! {
            <div class="notice done" role="status" tabindex="-1" autofocus=true>
                {notice.map(|text| view! { <p>{text}</p> })}
                <p><strong>{i18n.t(label)}</strong></p>
                <p><code class="link">{link}</code></p>
                <p>{i18n.t("invite.link_hint")}</p>
            </div>
        }
        .into_any(),
    )
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("workspace.accounts")/>
        <h1>{i18n.t("workspace.accounts")}</h1>
        <DoneNotice/>
        <FormErrors form="accounts"/>
        <ShownOnce form="accounts" label="accounts.reset_link"/>
        <p><a href="/beheer/uitnodigen">{i18n.t("workspace.invite")}</a></p>
        {loaded(accounts_data(), move |data| match data {
            Ok(accounts) => view! { <AccountTable accounts/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn AccountTable(accounts: Vec<AccountRow>) -> impl IntoView {
    let i18n = use_i18n();
    accounts
        .into_iter()
        .map(|a| {
            let role_options = Role::ALL
                .into_iter()
                .map(|r| view! { <option value=r.code() selected=r == a.role>{i18n.t(&format!("role.{}", r.code()))}</option> })
                .collect_view();
            let id = a.id.to_string();
            let select_id = format!("role-{}", a.id);
            let status = if a.blocked { i18n.t("accounts.blocked") } else if a.second_factor { i18n.t("accounts.with_second_factor") } else { i18n.t("accounts.without_second_factor") };
            let actions = (!a.is_me).then(|| view! {
                <form method="post" action="/beheer/accounts" class="inline-form">
                    <input type="hidden" name="account" value=id.clone()/>
                    <input type="hidden" name="action" value="role"/>
                    <label for=select_id.clone()>{i18n.t("account.role")}</label>
                    <select id=select_id name="role">{role_options}</select>
                    <button type="submit" class="button">{i18n.t("accounts.change_role")}</button>
                </form>
                <form method="post" action="/beheer/accounts" class="inline-form">
                    <input type="hidden" name="account" value=id.clone()/>
                    <input type="hidden" name="action" value=if a.blocked { "unblock" } else { "block" }/>
                    <button type="submit" class="button">{if a.blocked { i18n.t("accounts.unblock") } else { i18n.t("accounts.block") }}</button>
                </form>
            });
            view! {
                <section class="account-card" aria-label=a.display_name.clone()>
                    <h2>{a.display_name.clone()}</h2>
                    <p class="meta">{a.email} " · " {i18n.t(&format!("role.{}", a.role.code()))}
                        {a.organisation.map(|o| format!(" · {o}"))} " · " {status}</p>
                    {actions}
                    <form method="post" action="/beheer/accounts" class="inline-form">
                        <input type="hidden" name="account" value=id/>
                        <input type="hidden" name="action" value="reset"/>
                        <button type="submit" class="button">{i18n.t("accounts.reset")}</button>
                    </form>
                </section>
            }
        })
        .collect_view()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRow {
    pub email: String,
    pub role: Option<String>,
    pub reset: bool,
    pub created_by: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitesView {
    /// The roles this person may hand out.
    pub roles: Vec<Role>,
    pub open: Vec<InviteRow>,
}

#[server(endpoint = "invites")]
pub async fn invites_data() -> Result<InvitesView, AppError> {
    let viewer = crate::web::access::require("/api/invites", None)?;
    let inviter = viewer.account().ok_or(AppError::Forbidden)?.role;
    let state = crate::web::state();
    let open = store::invite::all_open(&state.db, Utc::now())
        .await?
        .into_iter()
        .map(|i| InviteRow {
            reset: i.purpose() == store::invite::Purpose::Reset,
            email: i.email,
            role: i.role,
            created_by: i.created_by_name,
            expires_at: i.expires_at,
        })
        .collect();
    Ok(InvitesView {
        roles: Role::ALL
            .into_iter()
            .filter(|r| domain::policy::may_invite(inviter, *r))
            .collect(),
        open,
    })
}

#[component]
pub fn InvitesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("workspace.invite")/>
        <h1>{i18n.t("workspace.invite")}</h1>
        <ShownOnce form="invite" label="invite.link_made"/>
        {loaded(invites_data(), move |data| match data {
            Ok(invites) => view! { <InviteForm invites/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn InviteForm(invites: InvitesView) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = feedback_for("invite")
        .map(|f| f.value("role"))
        .unwrap_or_default();
    let roles = invites
        .roles
        .into_iter()
        .map(|r| {
            let id = format!("invite-role-{}", r.code());
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="role" value=r.code() checked=chosen == r.code()/>
                    <label for=id>{i18n.t(&format!("role.{}", r.code()))}</label>
                </div>
            }
        })
        .collect_view();
    let open = invites
        .open
        .into_iter()
        .map(|i| {
            let what = if i.reset { i18n.t("invite.kind_reset").to_owned() } else { i18n.t(&format!("role.{}", i.role.unwrap_or_default())).to_owned() };
            view! {
                <li>{i.email} " · " {what} " · "
                    {i18n.tf("invite.valid_until", &[("date", &format::date_time(i18n, i.expires_at))])}
                    {i.created_by.map(|by| format!(" · {by}"))}
                </li>
            }
        })
        .collect_view();
    view! {
        <form method="post" action="/beheer/uitnodigen" class="narrow-form" novalidate=true>
            <FormErrors form="invite"/>
            <Field form="invite" name="email" kind="email" autocomplete="off" required=true
                label=i18n.t("sign_in.email").to_owned()/>
            <fieldset class="field" id="invite-role">
                <legend>{i18n.t("account.role")}</legend>
                {roles}
            </fieldset>
            <Field form="invite" name="organisation" autocomplete="organization"
                label=i18n.t("account.organisation").to_owned() hint=i18n.t("invite.organisation_hint").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("invite.create")}</button>
        </form>
        <h2>{i18n.t("invite.open")}</h2>
        <ul>{open}</ul>
    }
}

/// The settings as the admin sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentSettings {
    pub require_second_factor: bool,
    /// The OpenID provider's name, when one is configured.
    pub provider: Option<String>,
    pub require_provider: bool,
}

#[server(endpoint = "settings")]
pub async fn settings_data() -> Result<CurrentSettings, AppError> {
    crate::web::access::require("/api/settings", None)?;
    let state = crate::web::state();
    let on = async |key| {
        store::setting::get(&state.db, key)
            .await
            .map(|v| v.as_deref() == Some("true"))
    };
    Ok(CurrentSettings {
        require_second_factor: on(store::setting::REQUIRE_SECOND_FACTOR).await?,
        provider: state.site.provider_name.clone(),
        require_provider: on(store::setting::REQUIRE_PROVIDER).await?,
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("workspace.settings")/>
        <h1>{i18n.t("workspace.settings")}</h1>
        <DoneNotice/>
        {loaded(settings_data(), move |data| match data {
            Ok(data) => {
                let provider = data.provider.clone().map(|name| view! {
                    <div class="choice">
                        <input type="checkbox" id="require_provider" name="require_provider" value="true" checked=data.require_provider/>
                        <label for="require_provider">{i18n.tf("settings.require_provider", &[("name", &name)])}</label>
                    </div>
                    <p class="hint">{i18n.tf("settings.require_provider_hint", &[("name", &name)])}</p>
                });
                view! {
                    <form method="post" action="/beheer/instellingen">
                        <div class="choice">
                            <input type="checkbox" id="require_second_factor" name="require_second_factor" value="true" checked=data.require_second_factor/>
                            <label for="require_second_factor">{i18n.t("settings.require_second_factor")}</label>
                        </div>
                        <p class="hint">{i18n.t("settings.require_second_factor_hint")}</p>
                        {provider}
                        <button type="submit" class="button primary">{i18n.t("settings.save")}</button>
                    </form>
                }.into_any()
            }
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub event: String,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub round: Option<String>,
    pub detail: String,
}

#[server(endpoint = "audit_log")]
pub async fn audit_log_data(before: Option<i64>) -> Result<Vec<AuditRow>, AppError> {
    crate::web::access::require("/api/audit_log", None)?;
    let state = crate::web::state();
    Ok(store::audit::newest(&state.db, AUDIT_PAGE_SIZE, before)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: e.at,
            event: e.event,
            actor: e.actor_name,
            subject: e.subject_name,
            round: e.round_title,
            detail: e.detail,
        })
        .collect())
}

/// Event codes the audit log writes, for the translation test.
pub const AUDIT_EVENTS: &[&str] = &[
    "sign_in",
    "sign_in_failed",
    "sign_in_password_ok",
    "second_factor_failed",
    "recovery_code_used",
    "invite_created",
    "account_created",
    "password_reset_created",
    "password_reset_used",
    "role_changed",
    "account_blocked",
    "account_unblocked",
    "second_factor_on",
    "second_factor_off",
    "sessions_revoked",
    "settings_changed",
    "co_moderator_added",
    "co_moderator_removed",
    "challenge_created",
    "challenge_changed",
    "round_created",
    "round_changed",
    "neighbourhoods_changed",
];

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let before =
        use_query_map().with_untracked(|q| domain::bounded::optional_id(q.get("voor").as_deref()));
    view! {
        <Title text=i18n.t("workspace.audit_log")/>
        <h1>{i18n.t("workspace.audit_log")}</h1>
        <p>{i18n.t("audit.intro")}</p>
        {loaded(audit_log_data(before), move |data| match data {
            Ok(rows) => {
                let next = (rows.len() as i64 == AUDIT_PAGE_SIZE).then(|| rows.last().map(|r| r.id)).flatten();
                let items = rows.into_iter().map(|r| {
                    let event = if AUDIT_EVENTS.contains(&r.event.as_str()) { i18n.t(&format!("audit.{}", r.event)).to_owned() } else { r.event.clone() };
                    let who = [r.actor.map(|a| i18n.tf("audit.by", &[("name", &a)])), r.subject.map(|s| i18n.tf("audit.about", &[("name", &s)])), r.round, (!r.detail.is_empty()).then_some(r.detail)]
                        .into_iter().flatten().collect::<Vec<_>>().join(" · ");
                    view! { <tr><td>{format::date_time(i18n, r.at)}</td><td>{event}</td><td>{who}</td></tr> }
                }).collect_view();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t("workspace.audit_log")>
                        <table>
                            <thead><tr><th scope="col">{i18n.t("audit.when")}</th><th scope="col">{i18n.t("audit.what")}</th><th scope="col">{i18n.t("audit.who")}</th></tr></thead>
                            <tbody>{items}</tbody>
                        </table>
                    </div>
                    {next.map(|id| view! { <p><a href=format!("/beheer/logboek?voor={id}")>{i18n.t("audit.older")}</a></p> })}
                }.into_any()
            }
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}
