//! The workspace's forms: accounts (admin), settings (admin), and a
//! round's co-moderators (staff).

use crate::accounts::invite_forms::link_delivery;
use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::audit;
use crate::web::forms;
use crate::web::forms::Posted;
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::AccountActor;
use domain::{Role, SecretToken, retention};
use serde::Deserialize;
use store::audit::Event;
use store::invite::{NewInvite, Purpose};
use store::{account, co_moderator, setting};

#[derive(Debug, Default, Deserialize)]
pub struct AccountFields {
    #[serde(default)]
    account: i64,
    #[serde(default)]
    action: String,
    #[serde(default)]
    role: String,
}

pub async fn account(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: me, .. }): SignedInAccount,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<AccountFields>,
) -> Answer {
    let db = &state.db;
    let now = Utc::now();
    let target = match account::by_id(db, fields.account)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Some(target) => target,
        None => {
            return Err(render::again(
                &state,
                parts,
                FormFeedback::error("accounts", 404, "accounts.unknown"),
            )
            .await);
        }
    };
    // An admin who demotes or blocks themselves could lock everyone out.
    if target.id == me && fields.action != "reset" {
        return Err(render::again(
            &state,
            parts,
            FormFeedback::error("accounts", 409, "accounts.not_yourself"),
        )
        .await);
    }
    let (result, event, detail, done) = match fields.action.as_str() {
        "role" => {
            let Ok(role) = Role::from_code(&fields.role) else {
                return Err(forms::FormError::Unreadable.response(lang, &state.site));
            };
            (
                account::set_role(db, target.id, role).await,
                "role_changed",
                role.code().to_owned(),
                "role_changed",
            )
        }
        "block" => (
            account::set_disabled(db, target.id, Some(now)).await,
            "account_blocked",
            String::new(),
            "blocked",
        ),
        "unblock" => (
            account::set_disabled(db, target.id, None).await,
            "account_unblocked",
            String::new(),
            "unblocked",
        ),
        "reset" => {
            let token = SecretToken::random();
            let created = store::invite::create(
                db,
                NewInvite {
                    token_hash: token.storage_hash(),
                    purpose: Purpose::Reset,
                    email: target.email.clone(),
                    role: None,
                    organisation_id: None,
                    account_id: Some(target.id),
                    created_by: Some(me),
                    created_at: now,
                    expires_at: now + retention::RESET_VALID,
                },
            )
            .await;
            let logged = audit::record(
                &state,
                Event {
                    event: "password_reset_created",
                    actor: Some(me),
                    subject: Some(target.id),
                    ..Event::default()
                },
            )
            .await;
            created
                .map(|_| ())
                .and(logged)
                .or_unavailable(lang, &state.site)?;
            let path = format!("/uitnodiging/{}", token.as_str());
            let feedback = link_delivery(&state, &parts, "reset", &target.email, &path)
                .await
                .or_unavailable(lang, &state.site)?;
            let feedback = FormFeedback {
                form: "accounts",
                ..feedback
            };
            return Err(render::again(&state, parts, feedback).await);
        }
        _ => return Err(forms::FormError::Unreadable.response(lang, &state.site)),
    };
    let logged = audit::record(
        &state,
        Event {
            event,
            actor: Some(me),
            subject: Some(target.id),
            detail,
            ..Event::default()
        },
    )
    .await;

    result.and(logged).or_unavailable(lang, &state.site)?;
    Ok(Redirect::to(&format!("/beheer/accounts?gedaan={done}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsFields {
    require_second_factor: Option<String>,
    require_provider: Option<String>,
}

pub async fn settings(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: me, .. }): SignedInAccount,
    Posted { lang, fields, .. }: Posted<SettingsFields>,
) -> Answer {
    let checked = |field: &Option<String>| if field.is_some() { "true" } else { "false" };
    let mut changes = vec![(
        setting::REQUIRE_SECOND_FACTOR,
        checked(&fields.require_second_factor),
    )];
    // Only offered (and only meaningful) with a provider configured.
    if state.provider.is_some() {
        changes.push((setting::REQUIRE_PROVIDER, checked(&fields.require_provider)));
    }
    for (key, value) in changes {
        let saved = setting::set(&state.db, key, value).await;
        let logged = audit::record(
            &state,
            Event {
                event: "settings_changed",
                actor: Some(me),
                detail: format!("{key}={value}"),
                ..Event::default()
            },
        )
        .await;
        saved.and(logged).or_unavailable(lang, &state.site)?;
    }
    Ok(Redirect::to("/beheer/instellingen?gedaan=settings_saved").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct CoModeratorFields {
    #[serde(default)]
    account: i64,
    #[serde(default)]
    action: String,
}

pub async fn co_moderators(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: me, .. }): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<CoModeratorFields>,
) -> Answer {
    let db = &state.db;
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    let (changed, event, done) = match fields.action.as_str() {
        "add" => (
            co_moderator::appoint(db, round.id, fields.account, me, Utc::now()).await,
            "co_moderator_added",
            "co_moderator_added",
        ),
        "remove" => (
            co_moderator::remove(db, round.id, fields.account).await,
            "co_moderator_removed",
            "co_moderator_removed",
        ),
        _ => return Err(forms::FormError::Unreadable.response(lang, &state.site)),
    };
    Ok(match changed.or_unavailable(lang, &state.site)? {
        true => {
            let logged = audit::record(
                &state,
                Event {
                    event,
                    actor: Some(me),
                    subject: Some(fields.account),
                    round_id: Some(round.id),
                    ..Event::default()
                },
            )
            .await;
            logged.or_unavailable(lang, &state.site)?;
            Redirect::to(&format!("/beheer/ronde/{slug}?gedaan={done}")).into_response()
        }
        false => {
            render::again(
                &state,
                parts,
                FormFeedback::error("co_moderators", 422, "round_admin.not_changed"),
            )
            .await
        }
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct PhaseFields {
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

/// Moves a round to the next phase, or back to the previous one with a
/// reason (the domain's lifecycle decides which are allowed).
pub async fn phase(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: by, .. }): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<PhaseFields>,
) -> Answer {
    let db = &state.db;
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    let Some(to) = domain::Phase::from_code(&fields.to) else {
        return Err(forms::FormError::Unreadable.response(lang, &state.site));
    };
    let mut parts = parts;
    // The answer is the round's workspace page, also after an error.
    parts.uri = format!("/beheer/ronde/{slug}").parse().unwrap_or_default();
    if let Err(error) = domain::lifecycle::transition(round.phase, to, &fields.reason) {
        let feedback = FormFeedback::error("phase", 422, &format!("error.{}", error.code()))
            .on("reason")
            .with("max", domain::lifecycle::MAX_REASON_CHARS.to_string())
            .typed("reason", &fields.reason);
        return Err(render::again(&state, parts, feedback).await);
    }
    // The plan decides these two steps: it goes out once it is ready (and
    // participants are told), and the round closes when its final plan is
    // published.
    match (round.phase, to) {
        (domain::Phase::Funnelling, domain::Phase::Feedback) => {
            let done = format!("/beheer/ronde/{slug}?gedaan=phase_changed");
            // The phase page has no second question; the plan page asks it.
            return Err(crate::plan::send_out::send_out(
                &state, parts, round, by, "phase", done, true,
            )
            .await);
        }
        (domain::Phase::Feedback, domain::Phase::Closed) => {
            let (sent, published) = store::plan::plan_state(db, round.id)
                .await
                .or_unavailable(lang, &state.site)?;
            if sent && !published {
                let feedback = FormFeedback::error("phase", 409, "error.plan_not_published");
                return Err(render::again(&state, parts, feedback).await);
            }
        }
        _ => {}
    }
    let reason = fields.reason.trim().to_owned();
    Ok(
        match store::round::change_phase(db, round.id, round.phase, to, reason, by, Utc::now())
            .await
            .or_unavailable(lang, &state.site)?
        {
            true => {
                Redirect::to(&format!("/beheer/ronde/{slug}?gedaan=phase_changed")).into_response()
            }
            false => {
                render::again(
                    &state,
                    parts,
                    FormFeedback::error("phase", 409, "round_admin.not_changed"),
                )
                .await
            }
        },
    )
}
