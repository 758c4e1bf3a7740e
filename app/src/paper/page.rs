//! Entering ideas gathered on paper or at a meeting, in bulk: one idea per
//! line, with where they came from. Staff, partners and the round's
//! co-moderators.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, ErrorSummary};
use crate::components::idea_form::QuestionView;
use crate::components::page::loaded;
use crate::components::pictogram;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use chrono::NaiveDate;
use domain::paper::{MAX_LINES, PaperError, PaperField, PaperInput};
use domain::{Channel, ContributorGroup};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub channel: String,
    pub name: String,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub group: String,
    pub entered_by: String,
    pub ideas: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperView {
    pub slug: String,
    pub round_title: String,
    pub questions: Vec<QuestionView>,
    /// The round's phase lets paper input in (collecting or funnelling).
    pub open: bool,
    pub sources: Vec<SourceView>,
    pub submission_key: String,
    pub today: NaiveDate,
}

/// A paper form coming back because it needs fixing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaperFormState {
    pub input: PaperInput,
    pub key: Option<String>,
    pub errors: Vec<PaperError>,
}

#[server(endpoint = "paper")]
pub async fn paper_data(slug: String) -> Result<PaperView, AppError> {
    let db = &crate::web::state().db;
    let round = store::round::by_slug(db, &slug).await?;
    crate::web::access::require("/api/paper", round.as_ref().map(|r| r.id))?;
    let round = round.ok_or(AppError::NotFound)?;
    let (questions, sources) = tokio::try_join!(
        store::round::questions(db, round.id),
        store::paper::sources(db, round.id)
    )?;
    Ok(PaperView {
        open: domain::lifecycle::allows(
            round.phase,
            domain::lifecycle::RoundAction::EnterPaperInput,
        ),
        slug: round.slug,
        round_title: round.title,
        questions: questions.into_iter().map(QuestionView::from).collect(),
        sources: sources
            .into_iter()
            .map(|s| SourceView {
                channel: s.channel,
                name: s.name,
                held_on: s.held_on,
                place: s.place,
                group: s.contributor_group,
                entered_by: s.entered_by,
                ideas: s.ideas,
            })
            .collect(),
        submission_key: domain::SubmissionKey::random().to_form_value(),
        today: chrono::Utc::now().date_naive(),
    })
}

#[component]
pub fn PaperPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let state = use_context::<PaperFormState>().unwrap_or_default();
    view! {
        <Title text=i18n.t("paper.title")/>
        {loaded(paper_data(slug), move |data| match data {
            Ok(paper) => view! { <Paper paper state=state.clone()/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

fn field_id(field: PaperField) -> String {
    format!("paper-{}", field.name().replace('_', "-"))
}

#[component]
fn Paper(paper: PaperView, state: PaperFormState) -> impl IntoView {
    let i18n = use_i18n();
    let message = move |e: &PaperError| {
        let line = e.line.map(|l| l.to_string()).unwrap_or_default();
        let same_as = e.same_as.map(|l| l.to_string()).unwrap_or_default();
        i18n.tf(
            &format!("paper.error.{}", e.code),
            &[
                ("line", &line),
                ("same_as", &same_as),
                ("max", &MAX_LINES.to_string()),
            ],
        )
    };
    let errors_of = |field: PaperField| -> Vec<String> {
        state
            .errors
            .iter()
            .filter(|e| e.field == field)
            .map(message)
            .collect()
    };
    let error_lines = move |field: PaperField| {
        let messages = errors_of(field);
        (!messages.is_empty()).then(|| {
            view! {
                <ul id=format!("{}-error", field_id(field)) class="field-error">
                    {messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let summary = view! {
        <ErrorSummary form="paper" title=i18n.t("form.error_summary")
            errors=state.errors.iter().map(|e| (field_id(e.field), message(e))).collect()/>
    };
    let input = state.input.clone();
    let key = state.key.clone().unwrap_or(paper.submission_key.clone());
    let chosen_channel = input.channel.clone().unwrap_or_default();
    let channels = Channel::OFFLINE
        .into_iter()
        .enumerate()
        .map(|(n, c)| {
            let id = if n == 0 { field_id(PaperField::Channel) } else { format!("paper-channel-{}", c.code()) };
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="channel" value=c.code() checked=chosen_channel == c.code()/>
                    <label for=id>{i18n.t(&format!("channel.{}", c.code()))}</label>
                </div>
            }
        })
        .collect_view();
    let chosen_group = input.group.clone().unwrap_or_default();
    let groups = ContributorGroup::ALL
        .into_iter()
        .map(|g| view! { <option value=g.code() selected=chosen_group == g.code()>{i18n.t(&format!("group.{}", g.code()))}</option> })
        .collect_view();
    let chosen_question = input.question.clone().unwrap_or_default();
    let questions = (paper.questions.len() > 1).then(|| {
        let options = paper
            .questions
            .iter()
            .map(|q| view! { <option value=q.id.to_string() selected=chosen_question == q.id.to_string()>{q.text.clone()}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for="paper-question">{i18n.t("paper.question")}</label>
                {error_lines(PaperField::Question)}
                <select id="paper-question" name="question">
                    <option value="">{i18n.t("form.not_chosen")}</option>{options}
                </select>
            </div>
        }
    });
    let sources = paper
        .sources
        .iter()
        .map(|s| {
            let place = s.place.clone().map(|p| format!(", {p}")).unwrap_or_default();
            view! {
                <li>
                    <strong>{s.name.clone()}</strong> {format!(" ({}{place})", s.held_on.format("%d-%m-%Y"))}
                    <span class="meta">" · " {i18n.t(&format!("channel.{}", s.channel))} " · "
                        {i18n.t(&format!("group.{}", s.group))} " · " {i18n.tn("round.idea_count", s.ideas)} " · "
                        {i18n.tf("paper.entered_by", &[("name", &s.entered_by)])}</span>
                </li>
            }
        })
        .collect_view();
    let form = paper.open.then(|| view! {
        <form method="post" action=format!("/ronde/{}/papier", paper.slug) novalidate=true class="paper-form">
            {summary}
            <input type="hidden" name="key" value=key/>
            <fieldset class="field">
                <legend>{i18n.t("paper.channel")}</legend>
                {error_lines(PaperField::Channel)}
                {channels}
            </fieldset>
            <div class="field">
                <label for="paper-source">{i18n.t("paper.source")}</label>
                <p id="paper-source-hint" class="hint">{i18n.t("paper.source_hint")}</p>
                {error_lines(PaperField::Source)}
                <input type="text" id="paper-source" name="source" maxlength="120" value=input.source.clone()
                    aria-describedby="paper-source-hint"/>
            </div>
            <div class="field">
                <label for="paper-held-on">{i18n.t("paper.held_on")}</label>
                {error_lines(PaperField::HeldOn)}
                <input type="date" id="paper-held-on" name="held_on" value=input.held_on.clone()
                    max=paper.today.format("%Y-%m-%d").to_string()/>
            </div>
            <div class="field">
                <label for="paper-place">{i18n.t("paper.place")} " " <span class="optional">{i18n.t("form.optional")}</span></label>
                {error_lines(PaperField::Place)}
                <input type="text" id="paper-place" name="place" maxlength="120" value=input.place.clone()/>
            </div>
            <div class="field">
                <label for="paper-group">{i18n.t("paper.group")}</label>
                {error_lines(PaperField::Group)}
                <select id="paper-group" name="group">
                    <option value="">{i18n.t("form.not_chosen")}</option>{groups}
                </select>
            </div>
            {questions}
            <div class="field">
                <label for="paper-lines">{i18n.t("paper.lines")}</label>
                <p id="paper-lines-hint" class="hint">{i18n.tf("paper.lines_hint", &[("max", &MAX_LINES.to_string())])}</p>
                {error_lines(PaperField::Lines)}
                <textarea id="paper-lines" name="lines" rows="12" aria-describedby="paper-lines-hint">{raw_text::textarea(input.lines.clone())}</textarea>
            </div>
            <button type="submit" class="button primary">{i18n.t("paper.submit")}</button>
        </form>
    });
    view! {
        <p class="eyebrow"><a href=format!("/ronde/{}", paper.slug)>{paper.round_title.clone()}</a></p>
        <h1 class="with-picto"><span class="picto" inner_html=pictogram::PAPER></span>{i18n.t("paper.title")}</h1>
        <DoneNotice/>
        <p>{i18n.t("paper.intro")}</p>
        {if paper.open { form.into_any() } else { view! { <p class="notice">{i18n.t("paper.closed")}</p> }.into_any() }}
        <section aria-labelledby="paper-sources-title">
            <h2 id="paper-sources-title">{i18n.t("paper.sources")}</h2>
            {if paper.sources.is_empty() {
                view! { <p>{i18n.t("paper.no_sources")}</p> }.into_any()
            } else {
                view! { <ul class="sources">{sources}</ul> }.into_any()
            }}
        </section>
    }
}
