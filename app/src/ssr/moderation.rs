//! Hiding an idea from the public pages (with a reason) and showing it
//! again: staff and the round's co-moderators.

use super::access::Viewer;
use super::forms::Posted;
use super::render;
use super::{AppState, forms};
use crate::components::form_feedback::FormFeedback;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

pub const MAX_REASON_CHARS: usize = 300;

#[derive(Debug, Default, Deserialize)]
pub struct ModerationFields {
    #[serde(default)]
    idea: i64,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

pub async fn act(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<ModerationFields>,
) -> Response {
    let Some(me) = parts
        .extensions
        .get::<Viewer>()
        .and_then(|v| v.account())
        .map(|a| a.account_id)
    else {
        return render::forbidden(lang, &state.site);
    };
    let round = match render::round_or_answer(&state, &parts, lang, &slug, false).await {
        Ok(round) => round,
        Err(answer) => return answer,
    };
    let (reason, done) = match fields.action.as_str() {
        "hide" => {
            let reason = fields.reason.trim();
            let chars = reason.chars().count();
            if !(3..=MAX_REASON_CHARS).contains(&chars) || reason.chars().any(char::is_control) {
                let feedback = FormFeedback::error("moderation", 422, "moderation.reason_invalid")
                    .on("reason")
                    .with("max", MAX_REASON_CHARS.to_string())
                    .typed("reason", &fields.reason)
                    .typed("idea", &fields.idea.to_string());
                return render::again(&state, parts, feedback).await;
            }
            (Some(reason.to_owned()), "hidden")
        }
        "restore" => (None, "restored"),
        _ => return forms::FormError::Unreadable.response(lang, &state.site),
    };
    match store::idea::set_hidden(&state.db, round.id, fields.idea, reason, me, Utc::now()).await {
        Ok(_) => Redirect::to(&format!(
            "/ronde/{slug}/moderatie?gedaan={done}#idee-{}",
            fields.idea
        ))
        .into_response(),
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}
