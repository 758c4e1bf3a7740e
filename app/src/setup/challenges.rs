//! Staff set up the municipality's challenges (opgaven): the overview of
//! every challenge with its rounds, drafts included, the municipality's
//! neighbourhoods, and the form to create or change a challenge.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{
    DoneNotice, ErrorSummary, FormErrors, feedback_for, field_error,
};
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use domain::Phase;
use domain::challenge_setup::{
    ChallengeError, ChallengeField, ChallengeInput, MAX_SPEARHEADS, TITLE_MAX,
};
use domain::neighbourhoods::MAX_NEIGHBOURHOODS;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupRound {
    pub slug: String,
    pub number: i64,
    pub title: String,
    pub phase: Phase,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupChallenge {
    pub slug: String,
    pub title: String,
    pub rounds: Vec<SetupRound>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    pub challenges: Vec<SetupChallenge>,
    /// The municipality's neighbourhoods, in order.
    pub neighbourhoods: Vec<String>,
}

#[server(endpoint = "challenges")]
pub async fn challenges_data() -> Result<SetupView, AppError> {
    crate::web::access::require("/api/challenges", None)?;
    let db = &crate::web::state().db;
    let (challenges, rounds, neighbourhoods) = tokio::try_join!(
        store::challenge::all(db),
        store::round::all(db),
        store::neighbourhood::all(db)
    )?;
    let challenges = challenges
        .into_iter()
        .map(|(id, slug, title)| SetupChallenge {
            slug,
            title,
            rounds: rounds
                .iter()
                .filter(|r| r.challenge_id == id)
                .map(|r| SetupRound {
                    slug: r.slug.clone(),
                    number: r.number,
                    title: r.title.clone(),
                    phase: r.phase,
                })
                .collect(),
        })
        .collect();
    Ok(SetupView {
        challenges,
        neighbourhoods: neighbourhoods.into_iter().map(|n| n.name).collect(),
    })
}

#[component]
pub fn ChallengesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("setup.title")/>
        <h1>{i18n.t("setup.title")}</h1>
        <DoneNotice/>
        <p>{i18n.t("setup.intro")}</p>
        <p><a class="button primary" href="/beheer/opgaven/nieuw">{i18n.t("setup.new_challenge")}</a></p>
        {loaded(challenges_data(), move |data| match data {
            Ok(setup) => view! {
                {setup.challenges.is_empty().then(|| view! { <p>{i18n.t("setup.no_challenges")}</p> })}
                {setup.challenges.into_iter().map(|c| view! { <ChallengeCard challenge=c/> }).collect_view()}
                <Neighbourhoods names=setup.neighbourhoods/>
            }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn ChallengeCard(challenge: SetupChallenge) -> impl IntoView {
    let i18n = use_i18n();
    let rounds = challenge
        .rounds
        .into_iter()
        .map(|r| {
            view! {
                <li class="round-card">
                    <p class="meta">
                        {i18n.tf("setup.round_number", &[("n", &r.number.to_string())])} " · "
                        <span class=format!("phase phase-{}", r.phase.code())>{i18n.t(&format!("phase.{}", r.phase.code()))}</span>
                    </p>
                    <h3>{r.title.clone()}</h3>
                    <p>
                        <a href=format!("/beheer/ronde/{}/bewerken", r.slug)>{i18n.t("setup.edit_round")}</a> " · "
                        <a href=format!("/beheer/ronde/{}", r.slug)>{i18n.t("round_admin.title")}</a> " · "
                        <a href=format!("/ronde/{}", r.slug)>{i18n.t("setup.view_round")}</a>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby=format!("challenge-{}", challenge.slug)>
            <h2 id=format!("challenge-{}", challenge.slug)>{challenge.title.clone()}</h2>
            <p>
                <a href=format!("/beheer/opgave/{}", challenge.slug)>{i18n.t("setup.edit_challenge")}</a> " · "
                <a href=format!("/beheer/opgave/{}/ronde", challenge.slug)>{i18n.t("setup.new_round")}</a>
            </p>
            <ul class="rounds">{rounds}</ul>
        </section>
    }
}

/// The municipality's neighbourhoods, one per line.
#[component]
fn Neighbourhoods(names: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for("neighbourhoods");
    let invalid = feedback.as_ref().is_some_and(|f| f.error.is_some());
    let typed = feedback
        .map(|f| f.value("list"))
        .unwrap_or_else(|| names.join("\n"));
    view! {
        <section class="panel" aria-labelledby="neighbourhoods-title">
            <h2 id="neighbourhoods-title">{i18n.t("neighbourhoods.title")}</h2>
            <FormErrors form="neighbourhoods"/>
            <form method="post" action="/beheer/opgaven" class="narrow-form" novalidate=true>
                <div class="field">
                    <label for="neighbourhoods-list">{i18n.t("neighbourhoods.label")}</label>
                    <p id="neighbourhoods-list-hint" class="hint">{i18n.tf("neighbourhoods.hint", &[("max", &MAX_NEIGHBOURHOODS.to_string())])}</p>
                    <textarea id="neighbourhoods-list" name="list" rows="8" aria-describedby="neighbourhoods-list-hint"
                        aria-invalid=invalid.then_some("true")>{raw_text::textarea(typed)}</textarea>
                </div>
                <button type="submit" class="button">{i18n.t("neighbourhoods.submit")}</button>
            </form>
        </section>
    }
}

/// The challenge form's page: empty for a new challenge, filled in for an
/// existing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeFormView {
    /// `None` for a new challenge.
    pub slug: Option<String>,
    pub input: ChallengeInput,
}

/// A challenge form coming back because it needs fixing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChallengeFormState {
    pub input: ChallengeInput,
    pub errors: Vec<ChallengeError>,
}

#[server(endpoint = "challenge_form")]
pub async fn challenge_form_data(slug: Option<String>) -> Result<ChallengeFormView, AppError> {
    crate::web::access::require("/api/challenge_form", None)?;
    let Some(slug) = slug else {
        return Ok(ChallengeFormView {
            slug: None,
            input: ChallengeInput::default(),
        });
    };
    let stored = store::challenge::by_slug(&crate::web::state().db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ChallengeFormView {
        slug: Some(stored.slug),
        input: ChallengeInput::of(&stored.challenge),
    })
}

#[component]
pub fn NewChallengePage() -> impl IntoView {
    challenge_form_page(None)
}

#[component]
pub fn EditChallengePage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    challenge_form_page(Some(slug))
}

fn challenge_form_page(slug: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<ChallengeFormState>();
    let title = if slug.is_some() {
        "setup.edit_challenge"
    } else {
        "setup.new_challenge"
    };
    view! {
        <Title text=i18n.t(title)/>
        <p class="eyebrow"><a href="/beheer/opgaven">{i18n.t("setup.title")}</a></p>
        <h1>{i18n.t(title)}</h1>
        {loaded(challenge_form_data(slug), move |data| match data {
            Ok(form) => view! { <ChallengeForm form state=state.clone()/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

fn challenge_field_id(field: ChallengeField) -> String {
    format!("challenge-{}", field.name().replace('_', "-"))
}

#[component]
fn ChallengeForm(form: ChallengeFormView, state: Option<ChallengeFormState>) -> impl IntoView {
    let i18n = use_i18n();
    let (input, errors) = match state {
        Some(state) => (state.input, state.errors),
        None => (form.input, Vec::new()),
    };
    let message = move |(field, code): ChallengeError| {
        i18n.tf(
            &format!("setup.error.{}_{code}", field.name()),
            &[("max", &MAX_SPEARHEADS.to_string())],
        )
    };
    let error_of = |field: ChallengeField| {
        let message = errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|e| message(*e));
        field_error(&challenge_field_id(field), message)
    };
    let invalid = |field: ChallengeField| {
        errors
            .iter()
            .any(|(f, _)| *f == field)
            .then(|| format!("{}-error", challenge_field_id(field)))
    };
    let action = match &form.slug {
        Some(slug) => format!("/beheer/opgave/{slug}"),
        None => "/beheer/opgaven/nieuw".to_owned(),
    };
    let submit = if form.slug.is_some() {
        "setup.save"
    } else {
        "setup.create_challenge"
    };
    view! {
        <form method="post" action=action class="narrow-form" novalidate=true>
            <ErrorSummary form="challenge" title=i18n.t("form.error_summary")
                errors=errors.iter().map(|e| (challenge_field_id(e.0), message(*e))).collect()/>
            <div class="field">
                <label for="challenge-title">{i18n.t("setup.challenge_title")}</label>
                <p id="challenge-title-hint" class="hint">{i18n.t("setup.challenge_title_hint")}</p>
                {error_of(ChallengeField::Title)}
                <input type="text" id="challenge-title" name="title" value=input.title maxlength=TITLE_MAX.to_string()
                    aria-describedby=invalid(ChallengeField::Title).unwrap_or("challenge-title-hint".into())/>
            </div>
            <div class="field">
                <label for="challenge-description">{i18n.t("setup.description")}</label>
                {error_of(ChallengeField::Description)}
                <textarea id="challenge-description" name="description" rows="6"
                    aria-describedby=invalid(ChallengeField::Description)>{raw_text::textarea(input.description)}</textarea>
            </div>
            <div class="field">
                <label for="challenge-horizon-year">{i18n.t("setup.horizon_year")} " " <span class="optional">{i18n.t("form.optional")}</span></label>
                <p id="challenge-horizon-year-hint" class="hint">{i18n.t("setup.horizon_year_hint")}</p>
                {error_of(ChallengeField::HorizonYear)}
                <input type="text" inputmode="numeric" id="challenge-horizon-year" name="horizon_year" size="6" maxlength="4"
                    value=input.horizon_year
                    aria-describedby=invalid(ChallengeField::HorizonYear).unwrap_or("challenge-horizon-year-hint".into())/>
            </div>
            <div class="field">
                <label for="challenge-spearheads">{i18n.t("setup.spearheads")} " " <span class="optional">{i18n.t("form.optional")}</span></label>
                <p id="challenge-spearheads-hint" class="hint">{i18n.tf("setup.spearheads_hint", &[("max", &MAX_SPEARHEADS.to_string())])}</p>
                {error_of(ChallengeField::Spearheads)}
                <textarea id="challenge-spearheads" name="spearheads" rows="5"
                    aria-describedby=invalid(ChallengeField::Spearheads).unwrap_or("challenge-spearheads-hint".into())>{raw_text::textarea(input.spearheads)}</textarea>
            </div>
            <button type="submit" class="button primary">{i18n.t(submit)}</button>
        </form>
    }
}
