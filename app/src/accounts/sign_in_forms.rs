//! Signing in (password, then the second factor if it is on) and out.
//! Each try is counted as a failure before the secret is checked and taken
//! back if it was right (`domain::throttle`, `store::login_failure`), so
//! parallel tries cannot pass the throttle together; passwords are checked
//! a few at a time (`password_hashing`). The message never says whether
//! the email address is known.

use crate::components::form_feedback::FormFeedback;
use crate::components::pending_change::PendingChange;
use crate::format;
use crate::web::AppState;
use crate::web::access::{self, SESSION_COOKIE};
use crate::web::audit;
use crate::web::client;
use crate::web::cookies;
use crate::web::forms;
use crate::web::forms::{Pairs, Posted};
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use crate::web::request;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use domain::local_path::is_local_path;
use domain::throttle::{Attempt, Gate};
use domain::token::keyed_hash;
use domain::{SecretToken, password, retention, totp};
use leptos::prelude::provide_context;
use store::audit::Event;
use store::session::{self, Stage};
use store::{account, login_failure};

/// A sign-in form's fields: its own, and a change it may carry
/// ([`PendingChange`]), which can repeat names and so needs pairs.
pub struct SignInFields {
    pairs: Pairs,
    terug: Option<String>,
    pending: Option<PendingChange>,
}

impl SignInFields {
    fn new(pairs: Vec<(String, String)>) -> SignInFields {
        let pending = PendingChange::carried(&pairs);
        let pairs = Pairs(pairs);
        let terug = Some(pairs.get("terug").to_owned()).filter(|t| !t.is_empty());
        SignInFields {
            pairs,
            terug,
            pending,
        }
    }

    fn get(&self, name: &str) -> &str {
        self.pairs.get(name)
    }
}

/// The sign-in page at `path` (`/inloggen` or its code step) again, with
/// where to go afterwards, the form's feedback and the change it carries.
pub(crate) async fn sign_in_page(
    state: &AppState,
    mut parts: Parts,
    path: &str,
    back: Option<&str>,
    feedback: Option<FormFeedback>,
    pending: Option<PendingChange>,
    status: StatusCode,
) -> Response {
    let query = back.map_or_else(String::new, |b| format!("?terug={}", forms::encode(b)));
    parts.uri = format!("{path}{query}")
        .parse()
        .unwrap_or_else(|_| Uri::from_static("/inloggen"));
    parts.method = Method::GET;
    render::page(state, parts, status, move || {
        if let Some(feedback) = feedback.clone() {
            provide_context(feedback);
        }
        if let Some(pending) = pending.clone() {
            provide_context(pending);
        }
    })
    .await
}

/// A form sent to a signed-in page after the session ended (idle too long,
/// or signed out in another tab): the sign-in page, carrying the fields,
/// so the change can be saved after signing in again. Passwords are not
/// carried.
pub async fn signed_out_change(state: &AppState, parts: Parts, body: Body) -> Response {
    let lang = request::lang(&parts.headers);
    let fields = match forms::read::<Vec<(String, String)>>(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return error.response(lang, &state.site),
    };
    let to = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    // Back to the page the form was on, if the browser says which.
    let back = parts
        .headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.parse::<Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|p| p.as_str().to_owned()))
        .filter(|path| is_local_path(path) && !path.starts_with("/inloggen"))
        .unwrap_or_else(|| "/beheer".to_owned());
    // The code step timed out while carrying a change: carry that one on.
    let pending =
        PendingChange::carried(&fields).unwrap_or_else(|| PendingChange::sent(&to, fields));
    sign_in_page(
        state,
        parts,
        "/inloggen",
        Some(&back),
        None,
        Some(pending),
        StatusCode::UNAUTHORIZED,
    )
    .await
}

/// Whether an admin turned passwords off for this role: the provider is
/// required (and configured).
async fn password_off(state: &AppState, role: domain::Role) -> Result<bool, store::StoreError> {
    if state.provider.is_none() {
        return Ok(false);
    }
    let required = store::setting::get(&state.db, store::setting::REQUIRE_PROVIDER).await?;
    Ok(!domain::provider_sign_in::password_allowed(
        role,
        required.as_deref() == Some("true"),
    ))
}

/// Where to go after signing in: a local path the sign-in page was asked
/// for, else the workspace.
pub(crate) fn destination(back: Option<&str>) -> String {
    back.map(str::to_owned)
        .filter(|path| domain::local_path::is_local_path(path))
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

pub(crate) fn with_session_cookie(
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
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = SignInFields::new(fields);
    let db = &state.db;
    let now = Utc::now();
    let typed_email = fields.get("email").to_owned();
    let email = typed_email.trim().to_lowercase();
    let again = async |parts: Parts, feedback: FormFeedback| {
        let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::OK);
        let feedback = feedback.typed("email", &typed_email);
        let (back, pending) = (fields.terug.as_deref(), fields.pending.clone());
        sign_in_page(
            &state,
            parts,
            "/inloggen",
            back,
            Some(feedback),
            pending,
            status,
        )
        .await
    };
    let attempt = attempt(&state, &parts, &format!("account:{email}"));
    // The first key is this client's on this account.
    let pair_key = attempt.keys()[0].to_owned();

    let reserved = match login_failure::reserve(db, attempt, now)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Ok(reserved) => reserved,
        Err(gate) => {
            let feedback = throttled("login", gate).unwrap_or_else(|| busy("login"));
            return Err(again(parts, feedback).await);
        }
    };
    let credentials = account::credentials_by_email(db, &email)
        .await
        .or_unavailable(lang, &state.site)?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let typed_password = fields.get("password").to_owned();
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
        login_failure::release(db, reserved)
            .await
            .or_unavailable(lang, &state.site)?;
        return Err(again(parts, busy("login")).await);
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
        logged.or_unavailable(lang, &state.site)?;
        return Err(again(
            parts,
            FormFeedback::error("login", 422, "sign_in.failed").on("email"),
        )
        .await);
    };

    // Right, but this account must sign in at the provider: not a failure.
    if password_off(&state, credentials.role)
        .await
        .or_unavailable(lang, &state.site)?
    {
        let released = login_failure::release(db, reserved).await;
        let logged = audit::record(
            &state,
            Event {
                event: "sign_in_failed",
                subject: Some(credentials.id),
                detail: "password_off".to_owned(),
                ..Event::default()
            },
        )
        .await;
        released.and(logged).or_unavailable(lang, &state.site)?;
        let name = state.site.provider_name.clone().unwrap_or_default();
        let feedback = FormFeedback::error("login", 403, "sign_in.use_provider").with("name", name);
        return Err(again(parts, feedback).await);
    }
    // Right: this try was no failure, and this client's earlier ones are
    // forgiven (the account's ceiling keeps counting them).
    let released = login_failure::release(db, reserved).await;
    released
        .and(login_failure::clear(db, pair_key).await)
        .or_unavailable(lang, &state.site)?;
    if password::needs_rehash(&credentials.password_hash) {
        let typed_password = fields.get("password").to_owned();
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
    let back = destination(fields.terug.as_deref());
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
            back.clone(),
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
    created.and(logged).or_unavailable(lang, &state.site)?;
    // A carried change goes on to the code step, or is offered for saving.
    let response = match fields.pending.clone() {
        None => Redirect::to(&next).into_response(),
        Some(pending) => {
            let (path, pending) = match stage {
                Stage::SecondFactor => ("/inloggen/code", pending),
                Stage::SignedIn => ("/inloggen", pending.signed_in()),
            };
            let back = Some(back.as_str());
            sign_in_page(
                &state,
                parts,
                path,
                back,
                None,
                Some(pending),
                StatusCode::OK,
            )
            .await
        }
    };
    Ok(with_session_cookie(
        response,
        &token,
        lifetime.num_seconds(),
        state.secure_cookies,
    ))
}

pub async fn second_factor(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = SignInFields::new(fields);
    let again = async |parts: Parts, feedback: FormFeedback| {
        let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::OK);
        let (back, pending) = (fields.terug.as_deref(), fields.pending.clone());
        sign_in_page(
            &state,
            parts,
            "/inloggen/code",
            back,
            Some(feedback),
            pending,
            status,
        )
        .await
    };
    let Some(signed_in) = parts
        .extensions
        .get::<access::Viewer>()
        .and_then(|v| v.session.clone())
    else {
        return Err(Redirect::to("/inloggen").into_response());
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
    let reserved = match login_failure::reserve(db, attempt, now)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Ok(reserved) => reserved,
        Err(gate) => {
            let feedback = throttled("code", gate).unwrap_or_else(|| busy("code"));
            return Err(again(parts, feedback).await);
        }
    };
    let verified = verify_code(&state, signed_in.account_id, fields.get("code"), now)
        .await
        .or_unavailable(lang, &state.site)?;
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
        logged.or_unavailable(lang, &state.site)?;
        return Err(again(
            parts,
            FormFeedback::error("code", 422, "sign_in.code_wrong").on("code"),
        )
        .await);
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
    let back = destination(fields.terug.as_deref());
    Ok(
        match rotated
            .and_then(|ok| logged.map(|_| ok))
            .or_unavailable(lang, &state.site)?
        {
            true => {
                let response = match fields.pending.clone() {
                    None => Redirect::to(&back).into_response(),
                    Some(pending) => {
                        let pending = Some(pending.signed_in());
                        let back = Some(back.as_str());
                        sign_in_page(
                            &state,
                            parts,
                            "/inloggen/code",
                            back,
                            None,
                            pending,
                            StatusCode::OK,
                        )
                        .await
                    }
                };
                with_session_cookie(
                    response,
                    &token,
                    retention::SESSION_ABSOLUTE.num_seconds(),
                    state.secure_cookies,
                )
            }
            false => Redirect::to("/inloggen").into_response(),
        },
    )
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

pub async fn sign_out(State(state): State<AppState>, request: Request) -> Answer {
    let (parts, _) = request.into_parts();
    if let Some(token) = cookies::get(&parts.headers, SESSION_COOKIE).and_then(SecretToken::parse)
        && let Err(error) = session::delete(&state.db, token.storage_hash()).await
    {
        return Err(render::unavailable(
            request::lang(&parts.headers),
            &state.site,
            &error,
        ));
    }
    let after = super::provider_forms::after_sign_out(&access::Viewer::of(&parts));
    let mut response = Redirect::to(after).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(SESSION_COOKIE, state.secure_cookies),
    );
    Ok(response)
}
