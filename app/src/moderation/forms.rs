//! Moderation actions on one idea: approve, hide with a public reason, show
//! again, redact personal data, merge into another idea, change its
//! labels. Staff and the round's co-moderators.

use crate::components::form_feedback::FormFeedback;
use crate::moderation::page::ListPlace;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms;
use crate::web::forms::Posted;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::AccountActor;
use domain::lifecycle::{self, RoundAction};
use serde::Deserialize;
use store::moderation::{Acted, Action};

#[derive(Debug, Default, Deserialize)]
pub struct ModerationFields {
    #[serde(default)]
    idea: i64,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    life_domain: String,
    #[serde(default)]
    policy_domain: String,
}

pub async fn act(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: me, .. }): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<ModerationFields>,
) -> Answer {
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    let refuse = |key: &str, field: &'static str| {
        FormFeedback::error("moderation", 422, key)
            .on(field)
            .with("max", domain::moderation::MAX_REASON_CHARS.to_string())
            .typed("idea", &fields.idea.to_string())
            .typed(
                field,
                match field {
                    "reason" => &fields.reason,
                    "text" => &fields.text,
                    _ => &fields.target,
                },
            )
    };
    if !lifecycle::allows(round.phase, RoundAction::Moderate) {
        let feedback = FormFeedback::error("moderation", 409, "moderation.not_open")
            .typed("idea", &fields.idea.to_string());
        return Err(render::again(&state, parts, feedback).await);
    }
    let (action, done) = match fields.action.as_str() {
        "approve" => (Action::Approve, "approved"),
        "hide" => match domain::moderation::reason(&fields.reason) {
            Ok(reason) => (Action::Hide { reason }, "hidden"),
            Err(code) => {
                return Err(render::again(
                    &state,
                    parts,
                    refuse(&format!("moderation.{code}"), "reason"),
                )
                .await);
            }
        },
        "restore" => (Action::Restore, "restored"),
        "redact" => {
            let original = store::idea::text_of(&state.db, round.id, fields.idea).await;
            let original = original
                .or_unavailable(lang, &state.site)?
                .unwrap_or_default();
            match domain::moderation::redaction(&original, &fields.text) {
                Ok(text) => (Action::Redact { text }, "redacted"),
                Err(code) => {
                    return Err(render::again(
                        &state,
                        parts,
                        refuse(&format!("moderation.{code}"), "text"),
                    )
                    .await);
                }
            }
        }
        "merge" => match domain::bounded::id(&fields.target) {
            Some(target) => (Action::MergeInto { target }, "merged"),
            None => {
                return Err(render::again(
                    &state,
                    parts,
                    refuse("moderation.merge_target_invalid", "target"),
                )
                .await);
            }
        },
        "retag" => {
            // A code the form does not offer is a forged form, not a mistake.
            let life = optional_code(&fields.life_domain, domain::LifeDomain::from_code);
            let policy = optional_code(&fields.policy_domain, domain::PolicyDomain::from_code);
            match (life, policy) {
                (Some(life_domain), Some(policy_domain)) => (
                    Action::Retag {
                        life_domain,
                        policy_domain,
                    },
                    "retagged",
                ),
                _ => return Err(forms::FormError::Unreadable.response(lang, &state.site)),
            }
        }
        _ => return Err(forms::FormError::Unreadable.response(lang, &state.site)),
    };
    let place = list_place(&parts.uri);
    Ok(
        match store::moderation::act(&state.db, round.id, fields.idea, action, me, Utc::now())
            .await
            .or_unavailable(lang, &state.site)?
        {
            Acted::Done => Redirect::to(&place.back(
                &slug,
                &format!("gedaan={done}"),
                &format!("#idee-{}", fields.idea),
            ))
            .into_response(),
            Acted::BadTarget => {
                render::again(
                    &state,
                    parts,
                    refuse("moderation.merge_target_invalid", "target"),
                )
                .await
            }
            // Someone else acted first, or the idea was withdrawn: show the
            // queue as it is now.
            Acted::NotApplicable => Redirect::to(&place.href(&slug, place.page)).into_response(),
        },
    )
}

/// Where in the list the form was posted from: the action address carries
/// the list's query, so the answer goes back there.
fn list_place(uri: &axum::http::Uri) -> ListPlace {
    #[derive(Deserialize)]
    struct Query {
        lijst: Option<String>,
        pagina: Option<String>,
        zoek: Option<String>,
    }
    let query: Option<Query> = uri.query().and_then(|q| serde_urlencoded::from_str(q).ok());
    query.map_or_else(
        || ListPlace::read(None, None, None),
        |q| ListPlace::read(q.lijst.as_deref(), q.pagina.as_deref(), q.zoek.as_deref()),
    )
}

/// An optional choice: `Some(None)` when nothing was chosen, `None` when
/// the code is not one of the choices.
fn optional_code<T>(code: &str, parse: fn(&str) -> Option<T>) -> Option<Option<T>> {
    match code.trim() {
        "" => Some(None),
        code => parse(code).map(Some),
    }
}
