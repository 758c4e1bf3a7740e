//! One's own account: the second factor, and signing out everywhere.

use crate::accounts::sign_in_forms::verify_code;
use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::{SESSION_COOKIE, Viewer};
use crate::web::audit;
use crate::web::cookies;
use crate::web::forms;
use crate::web::forms::Posted;
use crate::web::render;
use crate::web::render::Answer;
use crate::web::render::OrUnavailable;
use crate::web::request;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::{password, totp};
use serde::Deserialize;
use store::account;
use store::audit::Event;

#[derive(Debug, Default, Deserialize)]
pub struct SecondFactorFields {
    #[serde(default)]
    action: String,
    #[serde(default)]
    code: String,
    /// Proof of the factor already on: the password, or a code (or
    /// recovery code) from the current authenticator.
    #[serde(default)]
    current: String,
}

pub async fn second_factor(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<SecondFactorFields>,
) -> Answer {
    let Some(me) = Viewer::of(&parts).session else {
        return Err(render::forbidden(lang, &state.site));
    };
    let db = &state.db;
    let now = Utc::now();
    let credentials = match account::credentials_by_id(db, me.account_id)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Some(credentials) => credentials,
        None => {
            return Err(render::forbidden(lang, &state.site));
        }
    };
    // An open session alone may not replace or remove a second factor that
    // is on: whoever holds it (a borrowed laptop, a stolen cookie) must also
    // know the password or hold the current authenticator.
    if fields.action == "off" && me.role.is_powerful() && required(&state).await {
        return Err(render::again(
            &state,
            parts,
            FormFeedback::error("second_factor", 409, "account.second_factor_required"),
        )
        .await);
    }
    let replacing = credentials.totp_secret.is_some() && fields.action != "confirm";
    Ok({
        if replacing {
            let typed = if fields.current.trim().is_empty() {
                &fields.code
            } else {
                &fields.current
            };
            match proves_current(&state, &credentials, typed, now)
                .await
                .or_unavailable(lang, &state.site)?
            {
                true => {}
                false => {
                    // The page has two forms that ask for it: say which one.
                    let form = if fields.action == "off" {
                        "second_factor"
                    } else {
                        "second_factor_new"
                    };
                    return Err(render::again(
                        &state,
                        parts,
                        FormFeedback::error(form, 422, "account.current_proof_wrong").on("current"),
                    )
                    .await);
                }
            }
        }
        match fields.action.as_str() {
            "start" => {
                let secret = totp::TotpSecret::random();
                if let Err(error) =
                    account::set_pending_second_factor(db, me.account_id, secret.to_base32()).await
                {
                    return Err(render::unavailable(lang, &state.site, &error));
                }
                Redirect::to("/account/tweestaps").into_response()
            }
            "confirm" => {
                let pending = credentials
                    .totp_pending_secret
                    .as_deref()
                    .and_then(totp::TotpSecret::from_base32);
                let step = pending
                    .and_then(|secret| totp::verify(&secret, &fields.code, now.timestamp(), None));
                let Some(step) = step else {
                    return Err(render::again(
                        &state,
                        parts,
                        FormFeedback::error("second_factor", 422, "sign_in.code_wrong").on("code"),
                    )
                    .await);
                };
                let codes = totp::generate_recovery_codes();
                let hashes = codes.iter().map(totp::RecoveryCode::hash).collect();
                let enabled = account::enable_second_factor(db, me.account_id, step, hashes).await;
                let logged = audit::record(
                    &state,
                    Event {
                        event: "second_factor_on",
                        actor: Some(me.account_id),
                        subject: Some(me.account_id),
                        ..Event::default()
                    },
                )
                .await;
                enabled.and(logged).or_unavailable(lang, &state.site)?;
                let feedback = FormFeedback {
                    form: "second_factor",
                    shown_once: codes.iter().map(totp::RecoveryCode::display).collect(),
                    status: 200,
                    ..FormFeedback::default()
                };
                render::again(&state, parts, feedback).await
            }
            "off" => {
                if !replacing {
                    // Nothing is on to turn off.
                    return Err(Redirect::to("/account/tweestaps").into_response());
                }
                let disabled = account::disable_second_factor(db, me.account_id).await;
                let logged = audit::record(
                    &state,
                    Event {
                        event: "second_factor_off",
                        actor: Some(me.account_id),
                        subject: Some(me.account_id),
                        ..Event::default()
                    },
                )
                .await;
                disabled.and(logged).or_unavailable(lang, &state.site)?;
                Redirect::to("/account?gedaan=second_factor_off").into_response()
            }
            _ => forms::FormError::Unreadable.response(lang, &state.site),
        }
    })
}

/// Whether `typed` is the account's password or a valid code of its
/// current second factor (a used code is spent, as at sign-in).
async fn proves_current(
    state: &AppState,
    credentials: &account::Credentials,
    typed: &str,
    now: chrono::DateTime<Utc>,
) -> Result<bool, store::StoreError> {
    if typed.trim().is_empty() {
        return Ok(false);
    }
    let (password, stored) = (typed.to_owned(), credentials.password_hash.clone());
    let is_password = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .unwrap_or(false);
    if is_password {
        return Ok(true);
    }
    verify_code(state, credentials.id, typed, now).await
}

async fn required(state: &AppState) -> bool {
    store::setting::get(&state.db, store::setting::REQUIRE_SECOND_FACTOR)
        .await
        .ok()
        .flatten()
        .as_deref()
        == Some("true")
}

pub async fn sign_out_everywhere(State(state): State<AppState>, request: Request) -> Answer {
    let (parts, _) = request.into_parts();
    let lang = request::lang(&parts.headers);
    let Some(me) = Viewer::of(&parts).session else {
        return Err(render::forbidden(lang, &state.site));
    };
    let ended = store::session::delete_all_of(&state.db, me.account_id).await;
    let count = ended.as_ref().map(|n| n.to_string()).unwrap_or_default();
    let logged = audit::record(
        &state,
        Event {
            event: "sessions_revoked",
            actor: Some(me.account_id),
            subject: Some(me.account_id),
            detail: count,
            ..Event::default()
        },
    )
    .await;
    ended
        .map(|_| ())
        .and(logged)
        .or_unavailable(lang, &state.site)?;
    let mut response = Redirect::to("/inloggen?gedaan=signed_out_everywhere").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(SESSION_COOKIE, state.secure_cookies),
    );
    Ok(response)
}
