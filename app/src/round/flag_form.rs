//! Receiving a report about an idea. One flag per person per idea: the
//! flagger is known only by a salted hash of their receipt code, or of
//! their connection when they have none.

use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::cookies;
use crate::web::forms::Posted;
use crate::web::limits::Action;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::lifecycle::{self, RoundAction};
use serde::Deserialize;
use store::flag::Flagged;

#[derive(Debug, Default, Deserialize)]
pub struct FlagFields {
    reason: Option<String>,
    #[serde(default)]
    note: String,
}

pub async fn flag(
    State(state): State<AppState>,
    Path((slug, idea_id)): Path<(String, i64)>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<FlagFields>,
) -> Answer {
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    if !lifecycle::allows(round.phase, RoundAction::Flag) {
        return Err(render::error_page(
            lang,
            &state.site,
            StatusCode::CONFLICT,
            "flag.not_open",
        ));
    }
    let flag = match domain::moderation::flag(fields.reason.as_deref(), &fields.note) {
        Ok(flag) => flag,
        Err(code) => {
            let feedback = FormFeedback::error("flag", 422, &format!("flag.error.{code}"))
                .on(if code == "reason_missing" {
                    "reason"
                } else {
                    "note"
                })
                .with("max", domain::moderation::MAX_NOTE_CHARS.to_string())
                .typed("reason", fields.reason.as_deref().unwrap_or_default())
                .typed("note", &fields.note);
            return Err(render::again(&state, parts, feedback).await);
        }
    };
    let client_key = crate::web::client::key_hash(&state, &parts);
    let participant = cookies::participant_code(&parts.headers).map(|c| c.lookup_hash());
    if let Err(seconds) = state
        .limits
        .check(Action::Flag, participant.as_deref(), &client_key)
    {
        return Err(render::too_many(
            lang,
            &state.site,
            seconds,
            "flag.too_many",
        ));
    }
    let flagger = domain::token::keyed_hash(
        &state.client_salt,
        participant.as_deref().unwrap_or(&client_key),
    );
    Ok(
        match store::flag::add(&state.db, round.id, idea_id, flag, flagger, Utc::now())
            .await
            .or_unavailable(lang, &state.site)?
        {
            Flagged::NotFound => render::page(&state, parts, StatusCode::NOT_FOUND, || ()).await,
            outcome => {
                let done = if outcome == Flagged::Added {
                    "flagged"
                } else {
                    "already_flagged"
                };
                Redirect::to(&format!("/ronde/{slug}/melden/{idea_id}?gedaan={done}"))
                    .into_response()
            }
        },
    )
}
