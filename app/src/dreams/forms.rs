//! Receiving a child's dream. Stored as an idea of the group "young
//! people", waiting for a moderator (children write names and addresses
//! more often than they should). No cookie is set: a child's device is
//! often shared, and nothing about a dream needs to be found again.

use crate::dreams::page::DreamFormState;
use crate::web::AppState;
use crate::web::forms;
use crate::web::limits::Action;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::lifecycle::{self, RoundAction};
use domain::{ContributorGroup, DreamInput, ReceiptCode, SubmissionKey};
use serde::Deserialize;
use store::idea::{DreamDetails, Submission};

#[derive(Debug, Default, Deserialize)]
pub struct DreamFields {
    #[serde(default)]
    wish: String,
    #[serde(default)]
    need: String,
    age_group: Option<String>,
    #[serde(default)]
    first_name: String,
    wants_contact: Option<String>,
    #[serde(default)]
    contact: String,
    key: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    request: Request,
) -> Answer {
    let (parts, body) = request.into_parts();
    let lang = crate::web::request::lang(&parts.headers);
    let fields: DreamFields = match forms::read(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return Err(error.response(lang, &state.site)),
    };
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    if !round.dreams_open {
        return Err(render::page(&state, parts, StatusCode::NOT_FOUND, || ()).await);
    }
    if !lifecycle::allows(round.phase, RoundAction::Contribute) {
        return Err(render::page(&state, parts, StatusCode::CONFLICT, || ()).await);
    }
    let key = SubmissionKey::from_form_or_random(fields.key.as_deref());
    let input = DreamInput {
        wish: fields.wish,
        need: fields.need,
        age_group: fields.age_group,
        first_name: fields.first_name,
        wants_contact: fields.wants_contact.is_some(),
        contact: fields.contact,
    };
    let dream = match input.validate() {
        Ok(dream) => dream,
        Err(errors) => {
            let form_state = DreamFormState {
                input,
                key: Some(key.to_form_value()),
                errors,
            };
            return Err(render::fix(&state, parts, form_state).await);
        }
    };
    let code = ReceiptCode::derive(&key);
    let client_key = crate::web::client::key_hash(&state, &parts);
    if let Err(seconds) = state
        .limits
        .check(Action::Idea, Some(&code.lookup_hash()), &client_key)
    {
        return Err(render::too_many(
            lang,
            &state.site,
            seconds,
            "dream.too_many",
        ));
    }
    let question_id = store::round::dream_question(&state.db, round.id)
        .await
        .or_unavailable(lang, &state.site)?;
    let submission = Submission {
        round_id: round.id,
        draft: dream.draft(question_id),
        group: ContributorGroup::YoungPerson,
        channel: domain::Channel::Online,
        awaiting_review: round.dreams_premoderated,
        dream: Some(DreamDetails {
            need: dream.need,
            age_group: dream.age_group,
            first_name: dream.first_name,
            contact: dream.contact,
        }),
        submission_hash: key.storage_hash(),
        known_code_hash: None,
        new_code_hash: code.lookup_hash(),
        at: Utc::now(),
    };
    let submitted = store::idea::submit(&state.db, submission)
        .await
        .or_unavailable(lang, &state.site)?;
    tracing::info!(round = %round.slug, idea = submitted.idea_id, duplicate = submitted.duplicate, "dream received");
    let mut response = Redirect::to(&format!("/droom/{slug}?gedaan=1")).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
