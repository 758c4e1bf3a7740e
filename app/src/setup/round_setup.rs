//! Staff create a round in a challenge, or change one: title,
//! introduction, up to five questions, opening and closing day, and whether
//! dreams and ideas wait for a moderator. A new round starts as a draft.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, ErrorSummary, field_error};
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use chrono::NaiveDate;
use domain::Phase;
use domain::round_setup::{QUESTION_MAX, QUESTION_SLOTS, RoundError, RoundField, RoundInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSetupView {
    pub challenge_title: String,
    /// Where the form posts to.
    pub action: String,
    /// `None` for a new round.
    pub round: Option<ExistingRound>,
    pub input: RoundInput,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingRound {
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    /// Question slots that already have ideas.
    pub answered: Vec<usize>,
}

/// A round form coming back because it needs fixing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundFormState {
    pub input: RoundInput,
    pub errors: Vec<RoundError>,
}

/// The form for a new round in `challenge`, or for changing `round`.
#[server(endpoint = "round_setup")]
pub async fn round_setup_data(
    challenge: Option<String>,
    round: Option<String>,
) -> Result<RoundSetupView, AppError> {
    crate::web::access::require("/api/round_setup", None)?;
    let db = &crate::web::state().db;
    let today = crate::format::local_day(chrono::Utc::now());
    if let Some(slug) = round {
        let round = store::round::by_slug(db, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let questions = store::round::questions_for_editing(db, round.id).await?;
        let setup = crate::setup::forms::stored_setup(&round, &questions);
        return Ok(RoundSetupView {
            challenge_title: round.challenge_title,
            action: format!("/beheer/ronde/{}/bewerken", round.slug),
            input: RoundInput::of(&setup),
            round: Some(ExistingRound {
                answered: questions
                    .iter()
                    .filter(|(_, _, answered)| *answered)
                    .map(|(position, _, _)| *position as usize)
                    .collect(),
                slug: round.slug,
                title: round.title,
                phase: round.phase,
            }),
            today,
        });
    }
    let slug = challenge.unwrap_or_default();
    let challenge = store::challenge::by_slug(db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(RoundSetupView {
        challenge_title: challenge.challenge.title,
        action: format!("/beheer/opgave/{slug}/ronde"),
        round: None,
        input: RoundInput {
            opens_on: today.format("%Y-%m-%d").to_string(),
            ..RoundInput::default()
        },
        today,
    })
}

#[component]
pub fn NewRoundPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    round_setup_page(Some(slug), None)
}

#[component]
pub fn EditRoundPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    round_setup_page(None, Some(slug))
}

fn round_setup_page(challenge: Option<String>, round: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<RoundFormState>();
    let title = if round.is_some() {
        "setup.edit_round"
    } else {
        "setup.new_round"
    };
    view! {
        <Title text=i18n.t(title)/>
        {loaded(round_setup_data(challenge, round), move |data| match data {
            Ok(setup) => view! {
                <p class="eyebrow"><a href="/beheer/opgaven">{i18n.t("setup.title")}</a> " · " {setup.challenge_title.clone()}</p>
                <h1>{i18n.t(title)}</h1>
                <DoneNotice/>
                <RoundForm setup state=state.clone()/>
            }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

fn round_field_id(field: RoundField) -> String {
    format!("round-{}", field.name().replace('_', "-"))
}

#[component]
fn RoundForm(setup: RoundSetupView, state: Option<RoundFormState>) -> impl IntoView {
    let i18n = use_i18n();
    let (input, errors) = match state {
        Some(state) => (state.input, state.errors),
        None => (setup.input.clone(), Vec::new()),
    };
    let editable = setup.round.as_ref().is_none_or(|r| {
        domain::lifecycle::allows(r.phase, domain::lifecycle::RoundAction::EditSetup)
    });
    if !editable {
        return view! { <p class="notice">{i18n.t("setup.round_closed")}</p> }.into_any();
    }
    let message = move |(field, code): RoundError| {
        i18n.tf(
            &format!("setup.error.{}_{code}", field.kind()),
            &[("max", &QUESTION_SLOTS.to_string())],
        )
    };
    let error_of = |field: RoundField| {
        let message = errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|e| message(*e));
        field_error(&round_field_id(field), message)
    };
    let described = |field: RoundField, hint: Option<String>| {
        let error = errors
            .iter()
            .any(|(f, _)| *f == field)
            .then(|| format!("{}-error", round_field_id(field)));
        let ids: Vec<String> = [hint, error].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let answered = setup
        .round
        .as_ref()
        .map(|r| r.answered.clone())
        .unwrap_or_default();
    let questions = (1..=QUESTION_SLOTS)
        .map(|slot| {
            let field = RoundField::Question(slot);
            let id = round_field_id(field);
            let has_ideas = answered.contains(&slot);
            let hint_id = format!("{id}-hint");
            let hint = has_ideas.then(|| view! { <p id=hint_id.clone() class="hint">{i18n.t("setup.question_has_ideas")}</p> });
            let value = input.questions.get(slot - 1).cloned().unwrap_or_default();
            view! {
                <div class="field">
                    <label for=id.clone()>{i18n.tf("setup.question_number", &[("n", &slot.to_string())])}</label>
                    {hint}
                    {error_of(field)}
                    <input type="text" id=id name=field.name() value=value maxlength=QUESTION_MAX.to_string()
                        aria-describedby=described(field, has_ideas.then_some(hint_id))/>
                </div>
            }
        })
        .collect_view();
    let checkbox = |name: &'static str, checked: bool, label: &'static str, hint: &'static str| {
        let id = format!("round-{}", name.replace('_', "-"));
        let hint_id = format!("{id}-hint");
        view! {
            <div class="choice">
                <input type="checkbox" id=id.clone() name=name value="ja" checked=checked aria-describedby=hint_id.clone()/>
                <label for=id>{i18n.t(label)}</label>
                <p id=hint_id class="hint">{i18n.t(hint)}</p>
            </div>
        }
    };
    let is_new = setup.round.is_none();
    let submit = if is_new {
        "setup.create_round"
    } else {
        "setup.save"
    };
    let today = setup.today.format("%Y-%m-%d").to_string();
    view! {
        {setup.round.as_ref().map(|r| view! {
            <p>{i18n.tf("round_admin.phase_now", &[("phase", i18n.t(&format!("phase.{}", r.phase.code())))])} " "
                <a href=format!("/beheer/ronde/{}", r.slug)>{i18n.t("round_admin.title")}</a></p>
        })}
        {is_new.then(|| view! { <p>{i18n.t("setup.new_round_intro")}</p> })}
        <form method="post" action=setup.action.clone() class="narrow-form" novalidate=true>
            <ErrorSummary form="round" title=i18n.t("form.error_summary")
                errors=errors.iter().map(|e| (round_field_id(e.0), message(*e))).collect()/>
            <div class="field">
                <label for="round-title">{i18n.t("setup.round_title")}</label>
                <p id="round-title-hint" class="hint">{i18n.t("setup.round_title_hint")}</p>
                {error_of(RoundField::Title)}
                <input type="text" id="round-title" name="title" value=input.title.clone() maxlength="120"
                    aria-describedby=described(RoundField::Title, Some("round-title-hint".into()))/>
            </div>
            <div class="field">
                <label for="round-introduction">{i18n.t("setup.introduction")}</label>
                <p id="round-introduction-hint" class="hint">{i18n.t("setup.introduction_hint")}</p>
                {error_of(RoundField::Introduction)}
                <textarea id="round-introduction" name="introduction" rows="6"
                    aria-describedby=described(RoundField::Introduction, Some("round-introduction-hint".into()))>{raw_text::textarea(input.introduction.clone())}</textarea>
            </div>
            <fieldset class="field">
                <legend>{i18n.t("setup.questions")}</legend>
                <p class="hint">{i18n.tf("setup.questions_hint", &[("max", &QUESTION_SLOTS.to_string())])}</p>
                {questions}
            </fieldset>
            <div class="field">
                <label for="round-opens-on">{i18n.t("setup.opens_on")}</label>
                {error_of(RoundField::OpensOn)}
                <input type="date" id="round-opens-on" name="opens_on" value=input.opens_on.clone()
                    aria-describedby=described(RoundField::OpensOn, None)/>
            </div>
            <div class="field">
                <label for="round-closes-on">{i18n.t("setup.closes_on")}</label>
                <p id="round-closes-on-hint" class="hint">{i18n.t("setup.closes_on_hint")}</p>
                {error_of(RoundField::ClosesOn)}
                <input type="date" id="round-closes-on" name="closes_on" value=input.closes_on.clone()
                    min=is_new.then_some(today)
                    aria-describedby=described(RoundField::ClosesOn, Some("round-closes-on-hint".into()))/>
            </div>
            <fieldset class="field">
                <legend>{i18n.t("setup.settings")}</legend>
                {checkbox("premoderated", input.premoderated, "setup.premoderated", "setup.premoderated_hint")}
                {checkbox("dreams_open", input.dreams_open, "setup.dreams_open", "setup.dreams_open_hint")}
                {checkbox("dreams_premoderated", input.dreams_premoderated, "setup.dreams_premoderated", "setup.dreams_premoderated_hint")}
            </fieldset>
            <button type="submit" class="button primary">{i18n.t(submit)}</button>
        </form>
    }
    .into_any()
}
