//! Signing in, for staff, experience experts and partners. Residents never
//! need this.

use crate::components::form_feedback::{DoneNotice, Field, FormErrors};
use crate::components::pending_change::{CarriedFields, PendingChange, SaveNow};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn back() -> String {
    use_query_map()
        .with_untracked(|q| q.get("terug"))
        .unwrap_or_default()
}

/// Signed in again with a change waiting: the page offers to save it.
fn saving_pending() -> Option<impl IntoView> {
    let i18n = use_i18n();
    use_context::<PendingChange>().filter(|p| p.signed_in)?;
    Some(view! {
        <Title text=i18n.t("pending.title")/>
        <h1>{i18n.t("pending.title")}</h1>
        <SaveNow back=back()/>
    })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    if let Some(page) = saving_pending() {
        return page.into_any();
    }
    let provider = crate::shell::use_site().provider_name;
    let signed_out_there = use_query_map()
        .with_untracked(|q| q.get("gedaan"))
        .is_some_and(|done| done == "signed_out_provider");
    // Signed out here after signing in at the provider: out there too?
    let sign_out_there = provider.clone().filter(|_| signed_out_there).map(|name| view! {
        <p class="notice">
            {i18n.t("sign_in.provider_sign_out_intro")}" "
            <a href="/uitloggen/organisatie">{i18n.tf("sign_in.provider_sign_out", &[("name", &name)])}</a>
        </p>
    });
    let with_provider = provider.map(|name| {
        let href = format!(
            "/inloggen/organisatie?terug={}",
            domain::local_path::percent_encode(&back())
        );
        view! {
            <h2>{i18n.t("sign_in.provider_title")}</h2>
            <FormErrors form="provider"/>
            <p><a class="button primary" href=href>{i18n.tf("sign_in.provider", &[("name", &name)])}</a></p>
            <h2>{i18n.t("sign_in.password_title")}</h2>
        }
    });
    view! {
        <Title text=i18n.t("sign_in.title")/>
        <h1>{i18n.t("sign_in.title")}</h1>
        <DoneNotice/>
        {sign_out_there}
        <p>{i18n.t("sign_in.intro")}</p>
        {with_provider}
        <form method="post" action="/inloggen" class="narrow-form" novalidate=true>
            <FormErrors form="login"/>
            <input type="hidden" name="terug" value=back()/>
            <CarriedFields/>
            <Field form="login" name="email" kind="email" autocomplete="username" required=true
                label=i18n.t("sign_in.email").to_owned()/>
            <Field form="login" name="password" kind="password" autocomplete="current-password" required=true
                label=i18n.t("sign_in.password").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("sign_in.submit")}</button>
        </form>
        <p class="meta">{i18n.t("sign_in.forgot")}</p>
    }
    .into_any()
}

#[component]
pub fn CodePage() -> impl IntoView {
    let i18n = use_i18n();
    if let Some(page) = saving_pending() {
        return page.into_any();
    }
    view! {
        <Title text=i18n.t("sign_in.code_title")/>
        <h1>{i18n.t("sign_in.code_title")}</h1>
        <p>{i18n.t("sign_in.code_intro")}</p>
        <form method="post" action="/inloggen/code" class="narrow-form" novalidate=true>
            <FormErrors form="code"/>
            <input type="hidden" name="terug" value=back()/>
            <CarriedFields/>
            <Field form="code" name="code" autocomplete="one-time-code" required=true
                label=i18n.t("sign_in.code").to_owned() hint=i18n.t("sign_in.code_hint").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("sign_in.submit")}</button>
        </form>
    }
    .into_any()
}
