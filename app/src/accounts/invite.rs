//! An invitation or password reset link: the invited person chooses their
//! name and password.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{Field, FormErrors};
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub reset: bool,
    pub email: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub invited_by: Option<String>,
}

#[server(endpoint = "invite")]
pub async fn invite_data(token: String) -> Result<InviteView, AppError> {
    crate::web::access::require("/api/invite", None)?;
    let state = crate::web::state();
    let token = domain::SecretToken::parse(&token).ok_or(AppError::NotFound)?;
    let open = store::invite::open_by_token(&state.db, &token.storage_hash(), chrono::Utc::now())
        .await?
        .ok_or(AppError::Gone)?;
    Ok(InviteView {
        reset: open.purpose() == store::invite::Purpose::Reset,
        email: open.email,
        role: open.role,
        organisation: open.organisation_name,
        invited_by: open.created_by_name,
    })
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map()
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let action = format!("/uitnodiging/{token}");
    view! {
        <Title text=i18n.t("invite.title")/>
        {loaded(invite_data(token), move |data| match data {
            Ok(invite) => view! { <InviteForm invite action/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn InviteForm(invite: InviteView, action: String) -> impl IntoView {
    let i18n = use_i18n();
    let role = invite
        .role
        .as_ref()
        .map(|role| i18n.t(&format!("role.{role}")).to_owned());
    let intro = match (&invite.invited_by, &role) {
        _ if invite.reset => i18n.t("invite.reset_intro").to_owned(),
        (Some(by), Some(role)) => i18n.tf("invite.intro_by", &[("name", by), ("role", role)]),
        (_, Some(role)) => i18n.tf("invite.intro", &[("role", role)]),
        _ => String::new(),
    };
    let password_hint = i18n.tf(
        "invite.password_hint",
        &[("min", &domain::password::MIN_CHARS.to_string())],
    );
    view! {
        <h1>{if invite.reset { i18n.t("invite.reset_title") } else { i18n.t("invite.title") }}</h1>
        <p>{intro}</p>
        {invite.organisation.map(|o| view! { <p>{i18n.tf("invite.organisation", &[("name", &o)])}</p> })}
        <form method="post" action=action class="narrow-form" novalidate=true>
            <FormErrors form="accept"/>
            <p>{i18n.t("sign_in.email")} ": " <strong>{invite.email.clone()}</strong></p>
            <input type="hidden" name="email" value=invite.email autocomplete="username"/>
            {(!invite.reset).then(|| view! {
                <Field form="accept" name="name" autocomplete="name" required=true
                    label=i18n.t("invite.name").to_owned() hint=i18n.t("invite.name_hint").to_owned()/>
            })}
            <Field form="accept" name="password" kind="password" autocomplete="new-password" required=true
                label=i18n.t("invite.password").to_owned() hint=password_hint/>
            <Field form="accept" name="password_again" kind="password" autocomplete="new-password" required=true
                label=i18n.t("invite.password_again").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("invite.submit")}</button>
        </form>
    }
}
