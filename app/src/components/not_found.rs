use crate::components::page::set_status;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    set_status(404);
    view! {
        <Title text=i18n.t("not_found.title")/>
        <h1>{i18n.t("not_found.title")}</h1>
        <p>{i18n.t("not_found.text")}</p>
        <p><a class="button" href="/">{i18n.t("not_found.home")}</a></p>
    }
}
