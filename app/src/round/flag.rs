//! Reporting an idea to the moderators: anyone can, with a reason.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use domain::moderation::{FlagReason, MAX_NOTE_CHARS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub slug: String,
    pub round_title: String,
    pub idea_id: i64,
    pub idea_text: String,
}

#[server(endpoint = "flag")]
pub async fn flag_data(slug: String, id: i64) -> Result<FlagView, AppError> {
    crate::web::access::require("/api/flag", None)?;
    let db = &crate::web::state().db;
    let round = store::round::by_slug(db, &slug)
        .await?
        .filter(|r| r.phase.is_public())
        .ok_or(AppError::NotFound)?;
    let text = store::idea::public_text(db, round.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FlagView {
        slug: round.slug,
        round_title: round.title,
        idea_id: id,
        idea_text: text,
    })
}

#[component]
pub fn FlagPage() -> impl IntoView {
    let i18n = use_i18n();
    let (slug, id) = use_params_map().with_untracked(|p| {
        (
            p.get("slug").unwrap_or_default(),
            domain::bounded::optional_id(p.get("id").as_deref()).unwrap_or_default(),
        )
    });
    let done = use_query_map().with_untracked(|q| q.get("gedaan").is_some());
    view! {
        <Title text=i18n.t("flag.title")/>
        {loaded(flag_data(slug, id), move |data| match data {
            Ok(flag) if done => view! {
                <h1>{i18n.t("flag.title")}</h1>
                <DoneNotice/>
                <p><a href=format!("/ronde/{}#idee-{}", flag.slug, flag.idea_id)>{i18n.t("flag.back")}</a></p>
            }.into_any(),
            Ok(flag) => view! { <FlagForm flag/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn FlagForm(flag: FlagView) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for("flag");
    let chosen = feedback
        .as_ref()
        .map(|f| f.value("reason"))
        .unwrap_or_default();
    let note = feedback
        .as_ref()
        .map(|f| f.value("note"))
        .unwrap_or_default();
    let reasons = FlagReason::ALL
        .into_iter()
        .map(|reason| {
            let id = if reason == FlagReason::ALL[0] {
                "flag-reason".to_owned()
            } else {
                format!("flag-reason-{}", reason.code())
            };
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="reason" value=reason.code() checked=chosen == reason.code()/>
                    <label for=id>{i18n.t(&format!("flag.reason.{}", reason.code()))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <p class="eyebrow"><a href=format!("/ronde/{}#idee-{}", flag.slug, flag.idea_id)>{flag.round_title.clone()}</a></p>
        <h1>{i18n.t("flag.title")}</h1>
        <p>{i18n.t("flag.intro")}</p>
        <blockquote class="idea-text">{flag.idea_text.clone()}</blockquote>
        <form method="post" action=format!("/ronde/{}/melden/{}", flag.slug, flag.idea_id) novalidate=true>
            <FormErrors form="flag"/>
            <fieldset class="field">
                <legend>{i18n.t("flag.reason_legend")}</legend>
                {reasons}
            </fieldset>
            <div class="field">
                <label for="flag-note">{i18n.t("flag.note_label")}</label>
                <p id="flag-note-hint" class="hint">{i18n.t("flag.note_hint")}</p>
                <textarea id="flag-note" name="note" rows="3" maxlength=MAX_NOTE_CHARS.to_string()
                    aria-describedby="flag-note-hint">{raw_text::textarea(note)}</textarea>
            </div>
            <button type="submit" class="button primary">{i18n.t("flag.submit")}</button>
        </form>
    }
}
