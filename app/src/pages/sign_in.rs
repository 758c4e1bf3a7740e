//! Signing in, for staff, experience experts and partners. Residents never
//! need this.

use crate::components::form_feedback::{DoneNotice, Field, FormErrors};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn back() -> String {
    use_query_map()
        .with_untracked(|q| q.get("terug"))
        .unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("sign_in.title")/>
        <h1>{i18n.t("sign_in.title")}</h1>
        <DoneNotice/>
        <p>{i18n.t("sign_in.intro")}</p>
        <form method="post" action="/inloggen" class="narrow-form" novalidate=true>
            <FormErrors form="login"/>
            <input type="hidden" name="terug" value=back()/>
            <Field form="login" name="email" kind="email" autocomplete="username" required=true
                label=i18n.t("sign_in.email").to_owned()/>
            <Field form="login" name="password" kind="password" autocomplete="current-password" required=true
                label=i18n.t("sign_in.password").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("sign_in.submit")}</button>
        </form>
        <p class="meta">{i18n.t("sign_in.forgot")}</p>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("sign_in.code_title")/>
        <h1>{i18n.t("sign_in.code_title")}</h1>
        <p>{i18n.t("sign_in.code_intro")}</p>
        <form method="post" action="/inloggen/code" class="narrow-form" novalidate=true>
            <FormErrors form="code"/>
            <input type="hidden" name="terug" value=back()/>
            <Field form="code" name="code" autocomplete="one-time-code" required=true
                label=i18n.t("sign_in.code").to_owned() hint=i18n.t("sign_in.code_hint").to_owned()/>
            <button type="submit" class="button primary">{i18n.t("sign_in.submit")}</button>
        </form>
    }
}
