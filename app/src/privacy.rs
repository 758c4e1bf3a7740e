//! The privacy page: what Trechter keeps, why, and how long. Written from
//! the same retention facts the code that expires and deletes data uses.

use crate::i18n::use_i18n;
use domain::retention::{FACTS, in_words};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let facts = FACTS
        .iter()
        .map(|fact| {
            let kept = match fact.kept {
                None => i18n.t("privacy.kept_while").to_owned(),
                Some(duration) if duration.is_zero() => i18n.t("privacy.not_kept").to_owned(),
                Some(duration) => {
                    let (n, unit) = in_words(duration);
                    i18n.tf(
                        "privacy.kept_for",
                        &[("duration", &i18n.tn(&format!("duration.{unit}"), n))],
                    )
                }
            };
            view! {
                <section class="fact">
                    <h2>{i18n.t(&format!("privacy.{}.what", fact.key))}</h2>
                    <p>{i18n.t(&format!("privacy.{}.why", fact.key))}</p>
                    <p class="meta">{kept}</p>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=i18n.t("privacy.title")/>
        <h1>{i18n.t("privacy.title")}</h1>
        <p class="lead">{i18n.t("privacy.intro")}</p>
        {facts}
        <h2>{i18n.t("privacy.rights_title")}</h2>
        <p>{i18n.t("privacy.rights")}</p>
    }
}
