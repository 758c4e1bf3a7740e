//! The accessibility statement (toegankelijkheidsverklaring), in the form
//! Dutch government sites use: how accessible the site is, how that is
//! tested, what does not work yet, and how to reach the municipality.
//! The municipality's name comes from its settings, its contact from
//! `TRECHTER_CONTACT`.

use crate::i18n::use_i18n;
use crate::shell::use_site;
use leptos::prelude::*;
use leptos_meta::Title;

/// The contact as a link where it is an address (`domain::contact`), else
/// as the words it is.
fn contact_link(contact: String) -> AnyView {
    match domain::contact::href(&contact) {
        Some(href) => view! { <a href=href>{contact}</a> }.into_any(),
        None => view! { <span>{contact}</span> }.into_any(),
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let municipality = site.municipality.clone();
    let with_name = |key: &str| i18n.tf(key, &[("municipality", &municipality)]);
    let contact = match site.contact {
        Some(contact) => view! {
            <p>{with_name("accessibility.contact_at")} " " {contact_link(contact)}</p>
        }
        .into_any(),
        None => view! { <p>{with_name("accessibility.contact_general")}</p> }.into_any(),
    };
    view! {
        <Title text=i18n.t("accessibility.title")/>
        <h1>{i18n.t("accessibility.title")}</h1>
        <p class="lead">{with_name("accessibility.intro")}</p>
        <h2>{i18n.t("accessibility.status_title")}</h2>
        <p>{i18n.t("accessibility.status")}</p>
        <h2>{i18n.t("accessibility.tested_title")}</h2>
        <p>{i18n.t("accessibility.tested")}</p>
        <h2>{i18n.t("accessibility.works_title")}</h2>
        <p>{i18n.t("accessibility.works")}</p>
        <h2>{i18n.t("accessibility.limits_title")}</h2>
        <p>{i18n.t("accessibility.limits")}</p>
        <h2>{i18n.t("accessibility.contact_title")}</h2>
        <p>{i18n.t("accessibility.contact")}</p>
        {contact}
        <p>{i18n.t("accessibility.appeal")}</p>
    }
}
