//! Receiving paper and meeting input: all lines of a batch are stored
//! together with their source, or none are.

use crate::paper::page::PaperFormState;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::lifecycle::{self, RoundAction};
use domain::paper::PaperInput;
use domain::{Role, SubmissionKey};
use serde::Deserialize;
use store::paper::PaperEntry;

#[derive(Debug, Default, Deserialize)]
pub struct PaperFields {
    #[serde(default)]
    lines: String,
    channel: Option<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place: String,
    group: Option<String>,
    question: Option<String>,
    key: Option<String>,
}

pub async fn enter(
    State(state): State<AppState>,
    SignedInAccount(me): SignedInAccount,
    Path(slug): Path<String>,
    request: Request,
) -> Answer {
    let (parts, body) = request.into_parts();
    let lang = crate::web::request::lang(&parts.headers);
    let fields: PaperFields = match forms::read(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return Err(error.response(lang, &state.site)),
    };
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    if !lifecycle::allows(round.phase, RoundAction::EnterPaperInput) {
        return Err(render::error_page(
            lang,
            &state.site,
            StatusCode::CONFLICT,
            "paper.closed",
        ));
    }
    let questions = store::round::questions(&state.db, round.id)
        .await
        .or_unavailable(lang, &state.site)?;
    let key = SubmissionKey::from_form_or_random(fields.key.as_deref());
    let input = PaperInput {
        lines: fields.lines,
        channel: fields.channel,
        source: fields.source,
        held_on: fields.held_on,
        place: fields.place,
        group: fields.group,
        question: fields.question,
    };
    let question_ids: Vec<i64> = questions.iter().map(|q| q.id).collect();
    let batch = match input.validate(&question_ids, Utc::now().date_naive()) {
        Ok(batch) => batch,
        Err(errors) => {
            let form_state = PaperFormState {
                input,
                key: Some(key.to_form_value()),
                errors,
            };
            return Err(render::fix(&state, parts, form_state).await);
        }
    };
    let entry = PaperEntry {
        round_id: round.id,
        batch,
        entered_by: me.account_id,
        // Staff vouch for what they type; in a pre-moderated round a
        // partner's entries are looked at like anyone's.
        awaiting_review: round.premoderated && me.role != Role::Staff,
        submission_hash: key.storage_hash(),
        at: Utc::now(),
    };
    let entered = store::paper::enter(&state.db, entry)
        .await
        .or_unavailable(lang, &state.site)?;
    tracing::info!(round = %round.slug, source = entered.source_id, ideas = entered.ideas, duplicate = entered.duplicate, "paper input entered");
    Ok(Redirect::to(&format!("/ronde/{slug}/papier?gedaan=paper_entered")).into_response())
}
