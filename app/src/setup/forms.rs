//! Staff setting up challenges and rounds (creating and changing them)
//! and the municipality's neighbourhoods. Every change goes to the audit
//! log.

use crate::components::form_feedback::FormFeedback;
use crate::format::{day_end, day_start, local_day};
use crate::setup::challenges::ChallengeFormState;
use crate::setup::round_setup::RoundFormState;
use crate::web::AppState;
use crate::web::access::Viewer;
use crate::web::audit;
use crate::web::forms::Posted;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Utc};
use domain::challenge_setup::ChallengeInput;
use domain::lifecycle::{self, RoundAction};
use domain::round_setup::{RoundInput, RoundSetup, Situation};
use domain::{Phase, slug};
use serde::Deserialize;
use store::audit::Event;
use store::challenge::{self, NewChallenge};
use store::round::{self, NewRound, RoundChange};

#[derive(Debug, Default, Deserialize)]
pub struct ChallengeFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    horizon_year: String,
    #[serde(default)]
    spearheads: String,
}

impl ChallengeFields {
    fn input(self) -> ChallengeInput {
        ChallengeInput {
            title: self.title,
            description: self.description,
            horizon_year: self.horizon_year,
            spearheads: self.spearheads,
        }
    }
}

fn this_year() -> i32 {
    local_day(Utc::now()).year()
}

pub async fn create_challenge(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<ChallengeFields>,
) -> Answer {
    let input = fields.input();
    let challenge = match input.validate(this_year()) {
        Ok(challenge) => challenge,
        Err(errors) => {
            return Err(render::fix(&state, parts, ChallengeFormState { input, errors }).await);
        }
    };
    let new = NewChallenge {
        slug: slug::from_title(&challenge.title),
        title: challenge.title,
        description: challenge.description,
        horizon_year: challenge.horizon_year,
        spearheads: challenge
            .spearheads
            .into_iter()
            .map(|title| (title, String::new()))
            .collect(),
    };
    let (_, slug) = challenge::create(&state.db, new)
        .await
        .or_unavailable(lang, &state.site)?;

    log(&state, &parts, "challenge_created", None, &slug)
        .await
        .or_unavailable(lang, &state.site)?;
    Ok(Redirect::to("/beheer/opgaven?gedaan=challenge_created").into_response())
}

pub async fn edit_challenge(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<ChallengeFields>,
) -> Answer {
    let stored = challenge_or_answer(&state, &parts, lang, &slug).await?;
    let input = fields.input();
    let in_use = challenge::spearheads_in_use(&state.db, stored.id)
        .await
        .or_unavailable(lang, &state.site)?;
    let challenge = match input.validate(this_year()).and_then(|challenge| {
        domain::challenge_setup::keeps_spearheads_in_use(&challenge, &in_use).map(|()| challenge)
    }) {
        Ok(challenge) => challenge,
        Err(errors) => {
            return Err(render::fix(&state, parts, ChallengeFormState { input, errors }).await);
        }
    };
    let saved = challenge::update(&state.db, stored.id, challenge).await;
    let logged = log(&state, &parts, "challenge_changed", None, &slug).await;

    saved.and(logged).or_unavailable(lang, &state.site)?;
    Ok(Redirect::to("/beheer/opgaven?gedaan=challenge_saved").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct RoundFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    introduction: String,
    #[serde(default)]
    question_1: String,
    #[serde(default)]
    question_2: String,
    #[serde(default)]
    question_3: String,
    #[serde(default)]
    question_4: String,
    #[serde(default)]
    question_5: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    // Checkboxes: sent when ticked, absent when not.
    dreams_open: Option<String>,
    premoderated: Option<String>,
    dreams_premoderated: Option<String>,
}

impl RoundFields {
    fn input(self) -> RoundInput {
        RoundInput {
            title: self.title,
            introduction: self.introduction,
            questions: vec![
                self.question_1,
                self.question_2,
                self.question_3,
                self.question_4,
                self.question_5,
            ],
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            dreams_open: self.dreams_open.is_some(),
            premoderated: self.premoderated.is_some(),
            dreams_premoderated: self.dreams_premoderated.is_some(),
        }
    }
}

/// A stored round as the form's domain type, for filling in the form.
pub fn stored_setup(round: &round::Round, questions: &[(i64, String, bool)]) -> RoundSetup {
    let today = local_day(Utc::now());
    RoundSetup {
        title: round.title.clone(),
        introduction: round.introduction.clone(),
        questions: questions
            .iter()
            .map(|(position, text, _)| (*position as usize, text.clone()))
            .collect(),
        opens_on: round.opens_at.map_or(today, local_day),
        closes_on: round.closes_at.map_or(today, local_day),
        dreams_open: round.dreams_open,
        premoderated: round.premoderated,
        dreams_premoderated: round.dreams_premoderated,
    }
}

pub async fn create_round(
    State(state): State<AppState>,
    Path(challenge_slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<RoundFields>,
) -> Answer {
    let stored = challenge_or_answer(&state, &parts, lang, &challenge_slug).await?;
    let input = fields.input();
    let situation = Situation {
        today: local_day(Utc::now()),
        answered: Vec::new(),
        new: true,
    };
    let setup = match input.validate(&situation) {
        Ok(setup) => setup,
        Err(errors) => {
            return Err(render::fix(&state, parts, RoundFormState { input, errors }).await);
        }
    };
    let new = NewRound {
        challenge_id: stored.id,
        slug: slug::from_title(&setup.title),
        title: setup.title,
        introduction: setup.introduction,
        // Residents see it only when staff open it.
        phase: Phase::Draft,
        opens_at: Some(day_start(setup.opens_on)),
        closes_at: Some(day_end(setup.closes_on)),
        questions: setup.questions.into_iter().map(|(_, text)| text).collect(),
        dreams_open: setup.dreams_open,
        premoderated: setup.premoderated,
        dreams_premoderated: setup.dreams_premoderated,
    };
    let created = round::create(&state.db, new)
        .await
        .or_unavailable(lang, &state.site)?;
    let slug = created.slug;

    log(&state, &parts, "round_created", Some(created.id), &slug)
        .await
        .or_unavailable(lang, &state.site)?;
    Ok(Redirect::to(&format!("/beheer/ronde/{slug}?gedaan=round_created")).into_response())
}

pub async fn edit_round(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<RoundFields>,
) -> Answer {
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    if !lifecycle::allows(round.phase, RoundAction::EditSetup) {
        return Err(render::error_page(
            lang,
            &state.site,
            StatusCode::CONFLICT,
            "setup.round_closed",
        ));
    }
    let answered = round::questions_for_editing(&state.db, round.id)
        .await
        .or_unavailable(lang, &state.site)?
        .into_iter()
        .filter(|(_, _, answered)| *answered)
        .map(|(position, _, _)| position as usize)
        .collect();
    let input = fields.input();
    let situation = Situation {
        today: local_day(Utc::now()),
        answered,
        new: false,
    };
    let setup = match input.validate(&situation) {
        Ok(setup) => setup,
        Err(errors) => {
            return Err(render::fix(&state, parts, RoundFormState { input, errors }).await);
        }
    };
    let change = RoundChange {
        title: setup.title,
        introduction: setup.introduction,
        opens_at: day_start(setup.opens_on),
        closes_at: day_end(setup.closes_on),
        questions: setup
            .questions
            .into_iter()
            .map(|(slot, text)| (slot as i64, text))
            .collect(),
        dreams_open: setup.dreams_open,
        premoderated: setup.premoderated,
        dreams_premoderated: setup.dreams_premoderated,
    };
    let saved = round::update(&state.db, round.id, change).await;
    let logged = log(&state, &parts, "round_changed", Some(round.id), &slug).await;

    saved.and(logged).or_unavailable(lang, &state.site)?;
    Ok(Redirect::to(&format!("/beheer/ronde/{slug}?gedaan=round_saved")).into_response())
}

/// The challenge a form posts to, or the answer to give instead: the "not
/// found" page, or the database's apology.
async fn challenge_or_answer(
    state: &AppState,
    parts: &axum::http::request::Parts,
    lang: domain::Lang,
    slug: &str,
) -> Result<challenge::StoredChallenge, Response> {
    match challenge::by_slug(&state.db, slug).await {
        Ok(Some(stored)) => Ok(stored),
        Ok(None) => Err(render::page(state, parts.clone(), StatusCode::NOT_FOUND, || ()).await),
        Err(error) => Err(render::unavailable(lang, &state.site, &error)),
    }
}

async fn log(
    state: &AppState,
    parts: &axum::http::request::Parts,
    event: &'static str,
    round_id: Option<i64>,
    slug: &str,
) -> Result<(), store::StoreError> {
    audit::record(
        state,
        Event {
            event,
            actor: Viewer::of(parts).account().map(|a| a.account_id),
            round_id,
            detail: slug.to_owned(),
            ..Event::default()
        },
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct NeighbourhoodFields {
    #[serde(default)]
    list: String,
}

pub async fn neighbourhoods(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<NeighbourhoodFields>,
) -> Answer {
    let in_use = store::neighbourhood::in_use(&state.db)
        .await
        .or_unavailable(lang, &state.site)?;
    let names = match domain::neighbourhoods::parse_list(&fields.list, &in_use) {
        Ok(names) => names,
        Err(error) => {
            let feedback = FormFeedback::error(
                "neighbourhoods",
                422,
                &format!("neighbourhoods.error.{}", error.code),
            )
            .on("list")
            .with("name", error.name.unwrap_or_default())
            .with(
                "max",
                domain::neighbourhoods::MAX_NEIGHBOURHOODS.to_string(),
            )
            .typed("list", &fields.list);
            return Err(render::again(&state, parts, feedback).await);
        }
    };
    let count = names.len();
    let saved = store::neighbourhood::replace_all(&state.db, names).await;
    let logged = log(
        &state,
        &parts,
        "neighbourhoods_changed",
        None,
        &count.to_string(),
    )
    .await;
    saved
        .and_then(|all_gone| logged.map(|_| all_gone))
        .or_unavailable(lang, &state.site)?;
    Ok(Redirect::to("/beheer/opgaven?gedaan=neighbourhoods_saved").into_response())
}
