//! "Ik ook": supporting an idea, or taking the support back. Works as a
//! plain form; the answer is the round page again, at the idea.

use crate::web::AppState;
use crate::web::cookies;
use crate::web::forms::{FormError, Posted};
use crate::web::limits::Action;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use crate::web::{Form, access::Rule};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use chrono::Utc;
use domain::lifecycle::{self, RoundAction};
use serde::Deserialize;
use store::support::{SupportChange, Supported};

#[derive(Debug, Default, Deserialize)]
pub struct SupportFields {
    #[serde(default)]
    idea: i64,
    #[serde(default)]
    action: String,
    back: Option<String>,
    key: Option<String>,
}

pub async fn change(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<SupportFields>,
) -> Answer {
    let on = match fields.action.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(FormError::Unreadable.response(lang, &state.site)),
    };
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    let closed = || render::error_page(lang, &state.site, StatusCode::CONFLICT, "support.not_open");
    if !lifecycle::allows(round.phase, RoundAction::Support) {
        return Err(closed());
    }
    let sender = cookies::Sender::of(&parts.headers, fields.key.as_deref());
    let client_key = crate::web::client::key_hash(&state, &parts);
    if let Err(seconds) =
        state
            .limits
            .check(Action::Support, Some(&sender.limit_key()), &client_key)
    {
        return Err(render::too_many(
            lang,
            &state.site,
            seconds,
            "limits.too_many_supports",
        ));
    }
    let change = SupportChange {
        round_id: round.id,
        idea_id: fields.idea,
        on,
        known_code_hash: sender.known_hash(),
        new_code_hash: sender.new_hash(),
        at: Utc::now(),
    };
    Ok(
        match store::support::change(&state.db, change)
            .await
            .or_unavailable(lang, &state.site)?
        {
            Supported::Counted {
                new_participant, ..
            } => {
                let back = fields
                    .back
                    .filter(|path| {
                        // Back to the round, or to the receipt that suggested
                        // supporting a similar idea.
                        domain::local_path::is_local_path(path)
                            && (path.starts_with(&format!("/ronde/{slug}"))
                                || path.starts_with("/ontvangen/"))
                    })
                    .unwrap_or_else(|| format!("/ronde/{slug}#idee-{}", fields.idea));
                let mut response = Redirect::to(&back).into_response();
                sender.remember(&mut response, new_participant, state.secure_cookies);
                response
            }
            Supported::NotOpen => closed(),
            Supported::OwnIdea => {
                render::error_page(lang, &state.site, StatusCode::CONFLICT, "support.own_idea")
            }
        },
    )
}

/// The forms of this feature, with who may post them (see `crate::web::forms`).
pub const FORMS: &[Form] = &[Form {
    path: "/ronde/{slug}/steun",
    rule: Rule::Public,
    handler: || post(change),
}];
