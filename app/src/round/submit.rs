//! Receiving the idea form. A valid idea is stored once (the form's
//! submission key and the text fingerprint see to that) and answered with
//! the receipt; anything else with the form again, as typed, with errors.

use crate::components::enhance::FRAGMENT_HEADER;
use crate::components::idea_form::{
    IdeaForm, IdeaFormState, IdeaFormView, NeighbourhoodView, QuestionView,
};
use crate::components::receipt::Receipt;
use crate::i18n::use_i18n;
use crate::web::AppState;
use crate::web::access;
use crate::web::cookies;
use crate::web::forms;
use crate::web::limits::Action;
use crate::web::render::{self, fragment, page};
use crate::web::render::{Answer, OrUnavailable};
use crate::web::request;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::idea::IdeaRejection;
use domain::{ContributorGroup, IdeaInput, ReceiptCode, RoundRules, SubmissionKey};
use leptos::prelude::*;
use serde::Deserialize;
use store::idea::Submission;

/// The form's fields as posted. Optional selects and the checkbox may be
/// missing altogether.
#[derive(Debug, Default, Deserialize)]
pub struct Fields {
    #[serde(default)]
    text: String,
    question: Option<String>,
    life_domain: Option<String>,
    policy_domain: Option<String>,
    neighbourhood: Option<String>,
    lived_experience: Option<String>,
    key: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    request: Request,
) -> Answer {
    let (parts, body) = request.into_parts();
    let lang = request::lang(&parts.headers);
    let site = &state.site;
    let wants_fragment = parts.headers.contains_key(FRAGMENT_HEADER);
    let fields: Fields = match forms::read(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return Err(error.response(lang, site)),
    };

    let db = &state.db;
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    let (questions, neighbourhoods) = tokio::try_join!(
        store::round::questions(db, round.id),
        store::neighbourhood::all(db)
    )
    .or_unavailable(lang, site)?;
    let rules = RoundRules {
        phase: round.phase,
        question_ids: questions.iter().map(|q| q.id).collect(),
        neighbourhood_ids: neighbourhoods.iter().map(|n| n.id).collect(),
    };
    let input = IdeaInput {
        text: fields.text,
        question: fields.question,
        life_domain: fields.life_domain,
        policy_domain: fields.policy_domain,
        neighbourhood: fields.neighbourhood,
        lived_experience: fields.lived_experience.is_some(),
    };
    // A form without a valid key still works; it just cannot be recognised
    // when sent twice (the text fingerprint still can).
    let key = SubmissionKey::from_form_or_random(fields.key.as_deref());

    let draft = match input.validate(&rules) {
        Ok(draft) => draft,
        Err(IdeaRejection::NotCollecting(_)) => {
            return Err(if wants_fragment {
                fragment(lang, site, StatusCode::CONFLICT, || {
                    view! { <p class="notice" tabindex="-1" data-focus="">{use_i18n().t("round.not_collecting")}</p> }
                })
            } else {
                page(&state, parts, StatusCode::CONFLICT, || ()).await
            });
        }
        Err(IdeaRejection::Fields(errors)) => {
            let form_state = IdeaFormState {
                input,
                key: Some(key.to_form_value()),
                errors,
            };
            return Err(if wants_fragment {
                let form = IdeaFormView {
                    action: format!("/ronde/{}", round.slug),
                    questions: questions.into_iter().map(QuestionView::from).collect(),
                    neighbourhoods: neighbourhoods
                        .into_iter()
                        .map(|n| NeighbourhoodView {
                            id: n.id,
                            name: n.name,
                        })
                        .collect(),
                    submission_key: key.to_form_value(),
                };
                fragment(lang, site, StatusCode::UNPROCESSABLE_ENTITY, move || {
                    view! { <IdeaForm form state=form_state/> }
                })
            } else {
                render::fix(&state, parts, form_state).await
            });
        }
    };

    let known = cookies::participant_code(&parts.headers);
    let new_code = ReceiptCode::derive(&key);
    // A first idea counts for the participant it is about to create.
    let participant_key = known.as_ref().unwrap_or(&new_code).lookup_hash();
    let client_key = crate::web::client::key_hash(&state, &parts);
    if let Err(seconds) = state
        .limits
        .check(Action::Idea, Some(&participant_key), &client_key)
    {
        return Err(too_many(&state, parts, lang, wants_fragment, seconds).await);
    }
    // Experience experts with an account contribute verified experience
    // knowledge; everyone else as a resident.
    let group = match parts
        .extensions
        .get::<access::Viewer>()
        .and_then(|v| v.account())
    {
        Some(account) if account.role == domain::Role::ExperienceExpert => {
            ContributorGroup::ExperienceExpert
        }
        _ => ContributorGroup::Resident,
    };
    let submission = Submission {
        round_id: round.id,
        draft,
        group,
        channel: domain::Channel::Online,
        awaiting_review: round.premoderated,
        dream: None,
        submission_hash: key.storage_hash(),
        known_code_hash: known.as_ref().map(ReceiptCode::lookup_hash),
        new_code_hash: new_code.lookup_hash(),
        at: Utc::now(),
    };
    let submitted = store::idea::submit(db, submission)
        .await
        .or_unavailable(lang, site)?;
    tracing::info!(round = %round.slug, idea = submitted.idea_id, duplicate = submitted.duplicate, "idea received");

    let code = match known {
        Some(known) if !submitted.new_participant => known,
        _ => new_code,
    };
    let mut response = if wants_fragment {
        match store::idea::own_by_id(db, submitted.idea_id, &code.lookup_hash()).await {
            Ok(Some(idea)) => {
                match crate::round::status::receipt(&state, idea, &code, submitted.duplicate).await
                {
                    Ok(receipt) => fragment(
                        lang,
                        site,
                        StatusCode::OK,
                        move || view! { <Receipt receipt heading_level=2/> },
                    ),
                    Err(error) => render::unavailable(lang, site, &error),
                }
            }
            Ok(None) => render::unavailable(lang, site, &store::StoreError::NotFound),
            Err(error) => render::unavailable(lang, site, &error),
        }
    } else {
        let again = if submitted.duplicate {
            "?opnieuw=1"
        } else {
            ""
        };
        Redirect::to(&format!("/ontvangen/{}{again}", submitted.idea_id)).into_response()
    };
    // The receipt fragment shows the participant's code.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        crate::web::security::NO_STORE,
    );
    if submitted.new_participant {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::PARTICIPANT, code.as_str(), state.secure_cookies),
        );
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Over a rate limit: 429 with a translated message and when to try again.
async fn too_many(
    state: &AppState,
    parts: axum::http::request::Parts,
    lang: domain::Lang,
    wants_fragment: bool,
    seconds: u64,
) -> Response {
    let minutes = seconds.div_ceil(60).to_string();
    let mut response = if wants_fragment {
        fragment(
            lang,
            &state.site,
            StatusCode::TOO_MANY_REQUESTS,
            move || {
                view! { <p class="notice" tabindex="-1" data-focus="" role="alert">{use_i18n().tf("limits.too_many", &[("minutes", &minutes)])}</p> }
            },
        )
    } else {
        let feedback = crate::components::form_feedback::FormFeedback::error(
            "idea_limit",
            429,
            "limits.too_many",
        )
        .with("minutes", minutes);
        page(state, parts, StatusCode::TOO_MANY_REQUESTS, move || {
            provide_context(feedback.clone())
        })
        .await
    };
    render::retry_after(&mut response, seconds);
    response
}
