//! How a reaction to a plan item is saved: the form on the plan page, from
//! anyone while feedback runs (no account needed). The store keeps one
//! reaction per participant and item (`store::reaction::save`); how
//! reactions are counted and what of them may be shown is
//! `domain::tally`.

use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::Viewer;
use crate::web::forms::{Pairs, Posted};
use crate::web::limits::Action;
use crate::web::render::{Answer, OrUnavailable};
use crate::web::{Form, access::Rule};
use crate::web::{cookies, render};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use chrono::Utc;
use domain::Role;
use domain::lifecycle::{self, RoundAction};
use domain::plan::{self, ReactionGroup, Stance};
use store::reaction::Reacted;

/// A reaction to a plan item, from anyone: no account needed.
pub async fn save(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = Pairs(fields);
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    if !lifecycle::allows(round.phase, RoundAction::React) {
        return Err(render::error_page(
            lang,
            &state.site,
            StatusCode::CONFLICT,
            "plan.not_open",
        ));
    }
    let Some(item_id) = domain::bounded::id(fields.get("item")) else {
        return Err(crate::web::forms::FormError::Unreadable.response(lang, &state.site));
    };
    let expert = Viewer::of(&parts)
        .account()
        .is_some_and(|a| a.role == Role::ExperienceExpert);
    let typed = |key: &str| {
        FormFeedback::error("reaction", 422, &format!("error.{key}"))
            .with("max", plan::MAX_SHORT_CHARS.to_string())
            .typed("item", &item_id.to_string())
            .typed("stance", fields.get("stance"))
            .typed("why", fields.get("why"))
            .typed("group", fields.get("group"))
            .typed("lived_experience", fields.get("lived_experience"))
    };
    let Some(stance) = Stance::from_code(fields.get("stance")) else {
        let feedback = typed("stance_missing").on("stance");
        return Err(render::again(&state, parts, feedback).await);
    };
    let lived_experience = expert || fields.get("lived_experience") == "yes";
    let Some(group) = ReactionGroup::counted(fields.get("group"), lived_experience) else {
        return Err(render::again(&state, parts, typed("group_missing").on("group")).await);
    };
    let why = match plan::optional(fields.get("why"), "why") {
        Ok(why) => why,
        Err(code) => return Err(render::again(&state, parts, typed(code).on("why")).await),
    };
    let sender = cookies::Sender::of(&parts.headers, Some(fields.get("key")));
    let client_key = crate::web::client::key_hash(&state, &parts);
    if let Err(seconds) =
        state
            .limits
            .check(Action::Reaction, Some(&sender.limit_key()), &client_key)
    {
        return Err(render::too_many(
            lang,
            &state.site,
            seconds,
            "limits.too_many_reactions",
        ));
    }
    let input = store::reaction::ReactionInput {
        round_id: round.id,
        item_id,
        group,
        stance,
        why,
        known_code_hash: sender.known_hash(),
        new_code_hash: sender.new_hash(),
        at: Utc::now(),
    };
    Ok(
        match store::reaction::save(&state.db, input)
            .await
            .or_unavailable(lang, &state.site)?
        {
            Reacted::Saved { new_participant } => {
                let mut response = Redirect::to(&format!(
                    "/ronde/{slug}/plan?gedaan=reaction_saved#punt-{item_id}"
                ))
                .into_response();
                sender.remember(&mut response, new_participant, state.secure_cookies);
                response
            }
            Reacted::NotOpen => {
                render::error_page(lang, &state.site, StatusCode::CONFLICT, "plan.not_open")
            }
        },
    )
}

/// The forms of this feature, with who may post them (see `crate::web::forms`).
pub const FORMS: &[Form] = &[Form {
    path: "/ronde/{slug}/plan",
    rule: Rule::Public,
    handler: || post(save),
}];
