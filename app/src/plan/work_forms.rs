//! The plan's workspace forms: writing items, the introduction and
//! reasons, co-signing, sending out, concluding and publishing (one
//! `domain::plan_action::PlanAction` per form, parsed once).

use crate::components::form_feedback::FormFeedback;
use crate::plan::notice::{notice, stop_link};
use crate::plan::send_out::send_out;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms::{Pairs, Posted};
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::Actor;
use domain::Phase;
use domain::lifecycle;
use domain::plan::{self, ChildEffect, ChildRight, Outcome, PlanItemText};
use domain::plan_action::{Landing, PlanAction};
use domain::policy;
use store::plan::Changed;

/// The plan's workspace forms, for staff and the round's co-moderators
/// (the route's rule); signing is for co-moderators only, sending out,
/// concluding and publishing for staff only.
pub async fn work(
    State(state): State<AppState>,
    SignedInAccount(account): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = Pairs(fields);
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    let me = account.account_id;
    let actor = Actor::Account(account);
    let may = |permission| policy::allows(&actor, permission);
    let action = PlanAction::from_code(fields.get("action"));
    if !may(PlanAction::permission(action, round.id)) {
        return Err(render::forbidden(lang, &state.site));
    }
    let phase_ok = lifecycle::allows(round.phase, PlanAction::round_action(action));
    let fail =
        |key: &str, status: u16| FormFeedback::error("plan", status, &format!("error.{key}"));
    if !phase_ok {
        return Err(render::again(&state, parts, fail("plan_wrong_phase", 409)).await);
    }
    let now = Utc::now();
    let db = &state.db;
    let id = |name: &str| domain::bounded::id(fields.get(name));
    let Some(action) = action else {
        return Err(crate::web::forms::FormError::Unreadable.response(lang, &state.site));
    };
    let result = match action {
        PlanAction::Item => {
            let clusters: Vec<i64> = fields
                .all("cluster")
                .filter_map(domain::bounded::id)
                .collect();
            let typed = |f: FormFeedback| {
                f.typed("item", fields.get("item"))
                    .typed("title", fields.get("title"))
                    .typed("description", fields.get("description"))
                    .typed("child_note", fields.get("child_note"))
                    .with("max", plan::MAX_TITLE_CHARS.to_string())
            };
            let text =
                match plan::plan_item(fields.get("title"), fields.get("description"), &clusters) {
                    Ok(text) => text,
                    Err((field, code)) => {
                        let feedback = typed(fail(code, 422).on(field));
                        return Err(render::again(&state, parts, feedback).await);
                    }
                };
            let child_note = match plan::optional(fields.get("child_note"), "note") {
                Ok(note) => note,
                Err(code) => {
                    let feedback = typed(fail(code, 422).on("child_note"));
                    return Err(render::again(&state, parts, feedback).await);
                }
            };
            let item = id("item").zip(id("version"));
            store::plan::draft::save_item(
                db,
                item_input(&fields, round.id, item, text, child_note, me, now),
            )
            .await
        }
        PlanAction::Introduction => {
            let text = match plan::optional(fields.get("introduction"), "note") {
                Ok(text) => text,
                Err(code) => {
                    let feedback = fail(code, 422)
                        .on("introduction")
                        .with("max", plan::MAX_SHORT_CHARS.to_string())
                        .typed("introduction", fields.get("introduction"));
                    return Err(render::again(&state, parts, feedback).await);
                }
            };
            store::plan::draft::set_introduction(db, round.id, text, me, now).await
        }
        PlanAction::Remove => match id("item").zip(id("version")) {
            Some((item, version)) => {
                store::plan::draft::remove_item(db, round.id, item, version, me, now).await
            }
            None => Ok(Changed::Gone),
        },
        PlanAction::Up | PlanAction::Down => match id("item") {
            Some(item) => {
                let up = action == PlanAction::Up;
                store::plan::draft::move_item(db, round.id, item, up, me, now).await
            }
            None => Ok(Changed::Gone),
        },
        PlanAction::LeftOut => {
            let reason = match plan::reason(fields.get("reason")) {
                Ok(reason) => reason,
                Err(code) => {
                    let feedback = fail(code, 422)
                        .on("reason")
                        .with("max", plan::MAX_SHORT_CHARS.to_string())
                        .typed("cluster", fields.get("cluster"))
                        .typed("reason", fields.get("reason"));
                    return Err(render::again(&state, parts, feedback).await);
                }
            };
            match id("cluster") {
                Some(cluster) => {
                    store::plan::draft::leave_out(db, round.id, cluster, reason, me, now).await
                }
                None => Ok(Changed::Gone),
            }
        }
        PlanAction::Sign | PlanAction::Object => {
            let objection = if action == PlanAction::Object {
                match plan::reason(fields.get("objection")) {
                    Ok(text) => Some(text),
                    Err(code) => {
                        let feedback = fail(code, 422)
                            .on("objection")
                            .with("max", plan::MAX_SHORT_CHARS.to_string())
                            .typed("objection", fields.get("objection"));
                        return Err(render::again(&state, parts, feedback).await);
                    }
                }
            } else {
                None
            };
            let version = id("version").unwrap_or(-1);
            store::plan::send_out::sign(db, round.id, version, me, objection, now).await
        }
        PlanAction::Send => {
            let done = format!("/ronde/{slug}/plan?gedaan=plan_sent");
            let confirmed = fields.get("confirm") == "yes";
            return Err(send_out(&state, parts, round, me, "plan", done, confirmed).await);
        }
        PlanAction::Conclude => {
            let Some(outcome) = Outcome::from_code(fields.get("outcome")) else {
                let feedback = fail("outcome_missing", 422)
                    .on("outcome")
                    .typed("item", fields.get("item"));
                return Err(render::again(&state, parts, feedback).await);
            };
            let typed = |f: FormFeedback| {
                f.typed("item", fields.get("item"))
                    .typed("outcome", fields.get("outcome"))
                    .typed("final_title", fields.get("final_title"))
                    .typed("final_description", fields.get("final_description"))
                    .typed("note", fields.get("note"))
                    .with("max", plan::MAX_TITLE_CHARS.to_string())
            };
            let text = match plan::plan_item(
                fields.get("final_title"),
                fields.get("final_description"),
                &[0],
            ) {
                Ok(text) => text,
                Err((field, code)) => {
                    let field = if field == "title" {
                        "final_title"
                    } else {
                        "final_description"
                    };
                    let feedback = typed(fail(code, 422).on(field));
                    return Err(render::again(&state, parts, feedback).await);
                }
            };
            // What was done with the feedback must be said, except when
            // the item stays as it was.
            let note = match (outcome, plan::reason(fields.get("note"))) {
                (_, Ok(note)) => note,
                (Outcome::Kept, Err("reason_missing")) => String::new(),
                (_, Err(code)) => {
                    let feedback = typed(fail(code, 422).on("note"));
                    return Err(render::again(&state, parts, feedback).await);
                }
            };
            match id("item").zip(id("version")) {
                Some((item_id, version)) => {
                    store::plan::final_plan::conclude(
                        db,
                        store::plan::final_plan::Conclusion {
                            round_id: round.id,
                            item_id,
                            version,
                            outcome,
                            final_title: text.title,
                            final_description: text.description,
                            note,
                            at: now,
                        },
                    )
                    .await
                }
                None => Ok(Changed::Gone),
            }
        }
        PlanAction::Publish => {
            if round.phase != Phase::Feedback {
                return Err(render::again(&state, parts, fail("plan_wrong_phase", 409)).await);
            }
            let link = crate::accounts::invite_forms::mail_base(&state)
                .map(|b| format!("{b}/ronde/{slug}/plan"));
            let notice = notice(
                "final_plan",
                &round.title,
                link.as_deref(),
                stop_link(&state),
            );
            match store::plan::final_plan::publish(db, round.id, me, notice, now).await {
                Ok(Changed::Conflict) => {
                    return Err(render::again(&state, parts, fail("not_concluded", 409)).await);
                }
                other => other,
            }
        }
    };
    Ok(match result.or_unavailable(lang, &state.site)? {
        Changed::Done(_) => {
            let (landing, done) = action.done();
            let page = match landing {
                Landing::Plan => format!("/ronde/{slug}/plan"),
                Landing::Workspace => format!("/ronde/{slug}/plan/werk"),
            };
            let anchor = match id("item") {
                Some(item) if action.returns_to_item() => format!("#werk-{item}"),
                _ => String::new(),
            };
            Redirect::to(&format!("{page}?gedaan={done}{anchor}")).into_response()
        }
        Changed::Conflict => render::again(&state, parts, fail("plan_conflict", 409)).await,
        Changed::Gone => render::again(&state, parts, fail("plan_gone", 409)).await,
    })
}

fn item_input(
    fields: &Pairs,
    round_id: i64,
    item: Option<(i64, i64)>,
    text: PlanItemText,
    child_note: String,
    by: i64,
    at: chrono::DateTime<Utc>,
) -> store::plan::draft::ItemInput {
    let known = |value: &str, valid: bool| (valid && !value.is_empty()).then(|| value.to_owned());
    let life = fields.get("life_domain");
    let policy = fields.get("policy_domain");
    store::plan::draft::ItemInput {
        round_id,
        item,
        text,
        life_domain: known(life, domain::LifeDomain::from_code(life).is_some()),
        policy_domain: known(policy, domain::PolicyDomain::from_code(policy).is_some()),
        spearhead_id: domain::bounded::id(fields.get("spearhead")),
        partners: fields
            .all("partner")
            .filter_map(domain::bounded::id)
            .collect(),
        rights: fields
            .all("right")
            .filter_map(ChildRight::from_code)
            .collect(),
        child_effect: ChildEffect::from_code(fields.get("child_effect")),
        child_note,
        by,
        at,
    }
}
