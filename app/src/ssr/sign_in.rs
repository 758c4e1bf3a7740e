//! Signing in (password, then the second factor if it is on) and out.
//! Each try is counted as a failure before the secret is checked and taken
//! back if it was right (`domain::throttle`, `store::login_failure`), so
//! parallel tries cannot pass the throttle together; passwords are checked
//! a few at a time (`password_hashing`). The message never says whether
//! the email address is known.

use super::access::{self, SESSION_COOKIE};
use super::forms::Posted;
use super::render::{self};
use super::{AppState, audit, client, cookies, forms, request};
use crate::components::form_feedback::FormFeedback;
use crate::format;
use axum::extract::{Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use domain::throttle::{Attempt, Gate};
use domain::token::keyed_hash;
use domain::{SecretToken, password, retention, totp};
use serde::Deserialize;
use store::audit::Event;
use store::session::{self, Stage};
use store::{account, login_failure};

#[derive(Debug, Default, Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    terug: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeFields {
    #[serde(default)]
    code: String,
    terug: Option<String>,
}

/// Where to go after signing in: a local path the sign-in page was asked
/// for, else the workspace.
fn destination(back: Option<String>) -> String {
    back.filter(|path| super::language::is_local_path(path))
        .unwrap_or_else(|| "/beheer".to_owned())
}

/// A try of this client at the account named by `account` (`account:` and
/// the email for passwords, `account-id:` and the id for codes).
fn attempt(state: &AppState, parts: &Parts, account: &str) -> Attempt {
    let client = client::key_hash(state, parts);
    Attempt::SignIn {
        account_and_client: keyed_hash(&state.client_salt, &format!("{account}\n{client}")),
        client,
        account: keyed_hash(&state.client_salt, account),
    }
}

/// Too many passwords are being checked right now.
fn busy(form: &'static str) -> FormFeedback {
    FormFeedback::error(form, 503, "sign_in.busy")
}

fn throttled(form: &'static str, gate: Gate) -> Option<FormFeedback> {
    match gate {
        Gate::Open => None,
        Gate::Wait(until) | Gate::Locked(until) => Some(
            FormFeedback::error(form, 429, "sign_in.throttled").with("time", format::time(until)),
        ),
    }
}

fn with_session_cookie(
    mut response: Response,
    token: &SecretToken,
    max_age: i64,
    secure: bool,
) -> Response {
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set_for(SESSION_COOKIE, token.as_str(), max_age, secure),
    );
    response
}

pub async fn password(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<PasswordFields>,
) -> Response {
    let db = &state.db;
    let now = Utc::now();
    let email = fields.email.trim().to_lowercase();
    let attempt = attempt(&state, &parts, &format!("account:{email}"));
    // The first key is this client's on this account.
    let pair_key = attempt.keys()[0].to_owned();
    let typed = |feedback: FormFeedback| feedback.typed("email", &fields.email);

    let reserved = match login_failure::reserve(db, attempt, now).await {
        Ok(Ok(reserved)) => reserved,
        Ok(Err(gate)) => {
            let feedback = throttled("login", gate).unwrap_or_else(|| busy("login"));
            return render::again(&state, parts, typed(feedback)).await;
        }
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    let credentials = match account::credentials_by_email(db, &email).await {
        Ok(credentials) => credentials,
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let typed_password = fields.password.clone();
    let matches = state
        .password_hashing
        .run(move || match stored {
            Some(stored) => password::verify(&typed_password, &stored),
            None => {
                password::verify_nothing(&typed_password);
                false
            }
        })
        .await;
    let Ok(matches) = matches else {
        // Not checked, so not a failure.
        if let Err(error) = login_failure::release(db, reserved).await {
            return render::unavailable(lang, &state.site, &error);
        }
        return render::again(&state, parts, typed(busy("login"))).await;
    };
    let known = credentials.as_ref().map(|c| c.id);
    let Some(credentials) = credentials.filter(|c| matches && c.disabled_at.is_none()) else {
        let logged = audit::record(
            &state,
            Event {
                event: "sign_in_failed",
                subject: known,
                ..Event::default()
            },
        )
        .await;
        if let Err(error) = logged {
            return render::unavailable(lang, &state.site, &error);
        }
        return render::again(
            &state,
            parts,
            typed(FormFeedback::error("login", 422, "sign_in.failed").on("email")),
        )
        .await;
    };

    // Right: this try was no failure, and this client's earlier ones are
    // forgiven (the account's ceiling keeps counting them).
    let released = login_failure::release(db, reserved).await;
    if let Err(error) = released.and(login_failure::clear(db, pair_key).await) {
        return render::unavailable(lang, &state.site, &error);
    }
    if password::needs_rehash(&credentials.password_hash) {
        let typed_password = fields.password.clone();
        if let Ok(hash) = state
            .password_hashing
            .run(move || password::hash(&typed_password))
            .await
        {
            let _ = account::set_password_hash(db, credentials.id, hash).await;
        }
    }
    // Whatever session this browser had ends: the new one has a new id.
    if let Some(old) = cookies::get(&parts.headers, SESSION_COOKIE).and_then(SecretToken::parse) {
        let _ = session::delete(db, old.storage_hash()).await;
    }
    let token = SecretToken::random();
    let back = destination(fields.terug);
    let (stage, lifetime, next, event) = if credentials.totp_secret.is_some() {
        let next = format!("/inloggen/code?terug={}", forms::encode(&back));
        (
            Stage::SecondFactor,
            retention::SECOND_FACTOR_PENDING,
            next,
            "sign_in_password_ok",
        )
    } else {
        (
            Stage::SignedIn,
            retention::SESSION_ABSOLUTE,
            back,
            "sign_in",
        )
    };
    let created = session::create(
        db,
        token.storage_hash(),
        credentials.id,
        stage,
        now,
        now + lifetime,
    )
    .await;
    let logged = audit::record(
        &state,
        Event {
            event,
            actor: Some(credentials.id),
            ..Event::default()
        },
    )
    .await;
    if let Err(error) = created.and(logged) {
        return render::unavailable(lang, &state.site, &error);
    }
    with_session_cookie(
        Redirect::to(&next).into_response(),
        &token,
        lifetime.num_seconds(),
        state.secure_cookies,
    )
}

pub async fn second_factor(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<CodeFields>,
) -> Response {
    let Some(signed_in) = parts
        .extensions
        .get::<access::Viewer>()
        .and_then(|v| v.session.clone())
    else {
        return Redirect::to("/inloggen").into_response();
    };
    let db = &state.db;
    let now = Utc::now();
    let attempt = attempt(
        &state,
        &parts,
        &format!("account-id:{}", signed_in.account_id),
    );
    // The first key is this client's on this account.
    let pair_key = attempt.keys()[0].to_owned();
    let reserved = match login_failure::reserve(db, attempt, now).await {
        Ok(Ok(reserved)) => reserved,
        Ok(Err(gate)) => {
            let feedback = throttled("code", gate).unwrap_or_else(|| busy("code"));
            return render::again(&state, parts, feedback).await;
        }
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    let verified = match verify_code(&state, signed_in.account_id, &fields.code, now).await {
        Ok(verified) => verified,
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    if !verified {
        let logged = audit::record(
            &state,
            Event {
                event: "second_factor_failed",
                subject: Some(signed_in.account_id),
                ..Event::default()
            },
        )
        .await;
        if let Err(error) = logged {
            return render::unavailable(lang, &state.site, &error);
        }
        return render::again(
            &state,
            parts,
            FormFeedback::error("code", 422, "sign_in.code_wrong").on("code"),
        )
        .await;
    }
    let token = SecretToken::random();
    let rotated = session::rotate(
        db,
        signed_in.id_hash,
        token.storage_hash(),
        Stage::SignedIn,
        now,
        now + retention::SESSION_ABSOLUTE,
    )
    .await;
    let _ = login_failure::release(db, reserved).await;
    let _ = login_failure::clear(db, pair_key).await;
    let logged = audit::record(
        &state,
        Event {
            event: "sign_in",
            actor: Some(signed_in.account_id),
            ..Event::default()
        },
    )
    .await;
    match rotated.and_then(|ok| logged.map(|_| ok)) {
        Ok(true) => with_session_cookie(
            Redirect::to(&destination(fields.terug)).into_response(),
            &token,
            retention::SESSION_ABSOLUTE.num_seconds(),
            state.secure_cookies,
        ),
        Ok(false) => Redirect::to("/inloggen").into_response(),
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}

/// Checks a code from the authenticator app, or else a recovery code.
/// Each is accepted once only.
pub async fn verify_code(
    state: &AppState,
    account_id: i64,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<bool, store::StoreError> {
    let Some(credentials) = account::credentials_by_id(&state.db, account_id).await? else {
        return Ok(false);
    };
    let Some(secret) = credentials
        .totp_secret
        .as_deref()
        .and_then(totp::TotpSecret::from_base32)
    else {
        return Ok(false);
    };
    if let Some(step) = totp::verify(&secret, typed, now.timestamp(), credentials.totp_last_step) {
        return account::claim_totp_step(&state.db, account_id, step).await;
    }
    match totp::normalise_recovery_code(typed) {
        Some(code) => {
            let used = account::use_recovery_code(
                &state.db,
                account_id,
                totp::recovery_code_hash(&code),
                now,
            )
            .await?;
            if used {
                audit::record(
                    state,
                    Event {
                        event: "recovery_code_used",
                        actor: Some(account_id),
                        ..Event::default()
                    },
                )
                .await?;
            }
            Ok(used)
        }
        None => Ok(false),
    }
}

pub async fn sign_out(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    if let Some(token) = cookies::get(&parts.headers, SESSION_COOKIE).and_then(SecretToken::parse)
        && let Err(error) = session::delete(&state.db, token.storage_hash()).await
    {
        return render::unavailable(request::lang(&parts.headers), &state.site, &error);
    }
    let mut response = Redirect::to("/inloggen?gedaan=signed_out").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(SESSION_COOKIE, state.secure_cookies),
    );
    response
}
