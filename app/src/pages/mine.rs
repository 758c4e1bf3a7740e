//! "My contributions": what a participant sent in. Opens with the cookie on
//! the device that contributed, or with the receipt code on any other.

use super::{ErrorContent, loaded, set_status};
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnIdeaView {
    pub id: i64,
    pub text: String,
    pub round_slug: String,
    pub round_title: String,
    pub challenge_title: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MineView {
    /// The participant's code as shown to a person.
    pub code: String,
    pub ideas: Vec<OwnIdeaView>,
}

/// A code form coming back with an error: what was typed and what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeFormState {
    pub typed: String,
    pub error_code: Option<String>,
}

/// The participant's contributions, or `None` when this device does not
/// know a participant.
#[server(endpoint = "mine")]
pub async fn mine_data() -> Result<Option<MineView>, AppError> {
    let state = crate::ssr::state();
    let Some(code) = crate::ssr::request::participant_code() else {
        return Ok(None);
    };
    let hash = code.lookup_hash();
    if store::participant::id_by_code_hash(&state.db, &hash)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let ideas = store::idea::all_own(&state.db, &hash)
        .await?
        .into_iter()
        .map(|i| OwnIdeaView {
            id: i.id,
            text: i.text,
            round_slug: i.round_slug,
            round_title: i.round_title,
            challenge_title: i.challenge_title,
            created_at: i.created_at,
        })
        .collect();
    Ok(Some(MineView {
        code: code.display(),
        ideas,
    }))
}

#[component]
pub fn MinePage() -> impl IntoView {
    let i18n = use_i18n();
    let form_state = use_context::<CodeFormState>();
    view! {
        <Title text=i18n.t("mine.title")/>
        <h1>{i18n.t("mine.title")}</h1>
        {loaded(mine_data(), move |data| match data {
                Ok(Some(mine)) => view! { <Contributions mine/> }.into_any(),
                Ok(None) => view! { <CodeForm state=form_state.clone().unwrap_or_default()/> }.into_any(),
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
    }
}

#[component]
fn Contributions(mine: MineView) -> impl IntoView {
    let i18n = use_i18n();
    let count = i18n.tn("mine.count", mine.ideas.len() as i64);
    let ideas = mine
        .ideas
        .into_iter()
        .map(|idea| {
            view! {
                <li class="idea">
                    <p class="meta">
                        <a href=format!("/ronde/{}", idea.round_slug)>{idea.round_title}</a>
                        " · " {idea.challenge_title}
                    </p>
                    <p class="idea-text">{idea.text}</p>
                    <p class="meta">
                        <span class="status">{i18n.t("mine.status_received")}</span>
                        " · " {i18n.tf("mine.sent_on", &[("date", &format::date(i18n, idea.created_at))])}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="code-box">
            <p class="code-label" id="mine-code-label">{i18n.t("receipt.code_label")}</p>
            <p class="code" aria-labelledby="mine-code-label">{mine.code}</p>
            <p>{i18n.t("receipt.code_explained")}</p>
        </div>
        <p>{count}</p>
        <ul class="ideas">{ideas}</ul>
        <section class="panel" aria-labelledby="forget-title">
            <h2 id="forget-title">{i18n.t("mine.forget_heading")}</h2>
            <p>{i18n.t("mine.forget_hint")}</p>
            <form method="post" action="/mijn/vergeten">
                <button type="submit" class="button">{i18n.t("mine.forget")}</button>
            </form>
        </section>
    }
}

#[component]
fn CodeForm(state: CodeFormState) -> impl IntoView {
    let i18n = use_i18n();
    let error = state
        .error_code
        .as_ref()
        .map(|code| i18n.t(&format!("error.{code}")));
    if error.is_some() {
        set_status(422);
    }
    view! {
        <p>{i18n.t("mine.intro_code")}</p>
        <form method="post" action="/mijn" class="code-form" novalidate=true>
            {error.map(|message| view! {
                <div class="error-summary" tabindex="-1" autofocus=true aria-labelledby="code-errors-title">
                    <h2 id="code-errors-title">{i18n.t("mine.error_summary")}</h2>
                    <ul><li><a href="#code">{message}</a></li></ul>
                </div>
            })}
            <div class="field" class:field-invalid=error.is_some()>
                <label for="code">{i18n.t("mine.code_label")}</label>
                <p id="code-hint" class="hint">{i18n.t("mine.code_hint")}</p>
                {error.map(|message| view! { <p id="code-error" class="field-error">{message}</p> })}
                <input type="text" id="code" name="code" value=state.typed.clone() autocomplete="off"
                    autocapitalize="characters" spellcheck="false" inputmode="text"
                    aria-invalid=error.map(|_| "true")
                    aria-describedby=if error.is_some() { "code-hint code-error" } else { "code-hint" }/>
            </div>
            <button type="submit" class="button primary">{i18n.t("mine.open")}</button>
        </form>
    }
}
