//! Changing the text of one's own idea while the round collects.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnIdeaText {
    pub id: i64,
    pub text: String,
    pub round_title: String,
}

/// The idea, if it is the viewer's own and can still be changed.
#[server(endpoint = "own_idea")]
pub async fn own_idea(id: i64) -> Result<OwnIdeaText, AppError> {
    crate::web::access::require("/api/own_idea", None)?;
    let state = crate::web::state();
    let code = crate::web::request::participant_code().ok_or(AppError::NotFound)?;
    let idea = store::idea::own_by_id(&state.db, id, &code.lookup_hash())
        .await?
        .filter(|i| {
            i.round_phase.accepts_ideas() && i.withdrawn_at.is_none() && i.hidden_at.is_none()
        })
        .ok_or(AppError::NotFound)?;
    Ok(OwnIdeaText {
        id: idea.id,
        text: idea.text,
        round_title: idea.round_title,
    })
}

#[component]
pub fn EditIdeaPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map()
        .with_untracked(|p| domain::bounded::optional_id(p.get("id").as_deref()))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("mine.edit_title")/>
        {loaded(own_idea(id), move |data| match data {
            Ok(idea) => view! { <EditForm idea/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn EditForm(idea: OwnIdeaText) -> impl IntoView {
    let i18n = use_i18n();
    let text = feedback_for("edit")
        .map(|f| f.value("text"))
        .unwrap_or(idea.text);
    view! {
        <h1>{i18n.t("mine.edit_title")}</h1>
        <p class="meta">{idea.round_title}</p>
        <form method="post" action=format!("/mijn/bewerken/{}", idea.id) novalidate=true>
            <FormErrors form="edit"/>
            <div class="field">
                <label for="edit-text">{i18n.t("form.text_label")}</label>
                <p id="edit-text-hint" class="hint">{i18n.t("form.text_hint")}</p>
                <textarea id="edit-text" name="text" rows="6" aria-describedby="edit-text-hint">{raw_text::textarea(text)}</textarea>
            </div>
            <button type="submit" class="button primary">{i18n.t("mine.save")}</button>
            <a class="button" href="/mijn">{i18n.t("mine.edit_cancel")}</a>
        </form>
    }
}
