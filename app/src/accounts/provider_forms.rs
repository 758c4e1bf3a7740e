//! The routes of signing in through the municipality's OpenID provider:
//! off to the provider, back from it, and signing out there too. The
//! browser that starts a sign-in gets a cookie; the sign-in waits in the
//! store under that cookie's hash and is used once, so an answer from the
//! provider counts only in the browser that asked for it, and only once.

use crate::accounts::provider::Provider;
use crate::accounts::sign_in_forms::{destination, sign_in_page, with_session_cookie};
use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::{SESSION_COOKIE, Viewer};
use crate::web::audit;
use crate::web::cookies;
use crate::web::forms::Pairs;
use crate::web::limits::Action;
use crate::web::render::{self, Answer, OrUnavailable};
use crate::web::request;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use domain::provider_sign_in::{Admission, Refusal, admit};
use domain::{SecretToken, retention};
use std::sync::Arc;
use store::audit::Event;
use store::provider_sign_in::{self as pending, Newcomer, Pending};
use store::session;

/// Holds the sign-in this browser started at the provider.
const COOKIE: &str = "trechter_aanmelding";
/// Time to sign in at the provider.
const PATIENCE: Duration = Duration::minutes(10);

fn query(parts: &Parts) -> Pairs {
    Pairs(serde_urlencoded::from_str(parts.uri.query().unwrap_or_default()).unwrap_or_default())
}

/// The configured provider, or the not-found page: without one these
/// routes do not exist.
async fn provider_of(state: &AppState, parts: &Parts) -> Result<Arc<Provider>, Response> {
    match state.provider.clone() {
        Some(provider) => Ok(provider),
        None => Err(render::page(state, parts.clone(), StatusCode::NOT_FOUND, || ()).await),
    }
}

/// The sign-in page again, saying why the provider's sign-in did not work.
async fn refused(state: &AppState, parts: Parts, key: &str, status: StatusCode) -> Response {
    let name = state.site.provider_name.clone().unwrap_or_default();
    let feedback = FormFeedback::error("provider", status.as_u16(), key).with("name", name);
    let mut response = sign_in_page(
        state,
        parts,
        "/inloggen",
        None,
        Some(feedback),
        None,
        status,
    )
    .await;
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(COOKIE, state.secure_cookies),
    );
    response
}

async fn record(state: &AppState, event: &'static str, detail: &str, subject: Option<i64>) {
    let logged = audit::record(
        state,
        Event {
            event,
            subject,
            detail: detail.to_owned(),
            ..Event::default()
        },
    )
    .await;
    if let Err(error) = logged {
        tracing::error!(%error, event, "audit log not written");
    }
}

/// Off to the provider.
pub async fn start(State(state): State<AppState>, request: Request) -> Answer {
    let (parts, _) = request.into_parts();
    let lang = request::lang(&parts.headers);
    let provider = provider_of(&state, &parts).await?;
    let back = destination(Some(query(&parts).get("terug")).filter(|b| !b.is_empty()));
    let client = crate::web::client::key_hash(&state, &parts);
    if let Err(seconds) = state.limits.check(Action::ProviderSignIn, None, &client) {
        return Err(render::too_many(
            lang,
            &state.site,
            seconds,
            "sign_in.provider_too_many",
        ));
    }
    let started = match provider.start().await {
        Ok(started) => started,
        Err(error) => {
            tracing::warn!(%error, "sign-in at the OpenID provider could not start");
            return Err(refused(
                &state,
                parts,
                "sign_in.provider_unreachable",
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await);
        }
    };
    let browser = SecretToken::random();
    let now = Utc::now();
    pending::start(
        &state.db,
        browser.storage_hash(),
        Pending {
            state: started.state,
            nonce: started.nonce,
            pkce_verifier: started.pkce_verifier,
            back,
        },
        now + PATIENCE,
    )
    .await
    .or_unavailable(lang, &state.site)?;
    let mut response = Redirect::to(&started.url).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set_for(
            COOKIE,
            browser.as_str(),
            PATIENCE.num_seconds(),
            state.secure_cookies,
        ),
    );
    Ok(response)
}

/// Back from the provider: check its answer, decide who may enter, and
/// sign them in.
pub async fn back(State(state): State<AppState>, request: Request) -> Answer {
    let (parts, _) = request.into_parts();
    let lang = request::lang(&parts.headers);
    let provider = provider_of(&state, &parts).await?;
    let db = &state.db;
    let now = Utc::now();
    let answer = query(&parts);
    let browser = cookies::get(&parts.headers, COOKIE).and_then(SecretToken::parse);
    let started = match browser {
        Some(browser) => pending::take(db, browser.storage_hash(), now)
            .await
            .or_unavailable(lang, &state.site)?,
        None => None,
    };
    // Not started in this browser, expired, or used before: a replayed
    // or forged answer looks the same.
    let Some(started) = started.filter(|s| s.state == answer.get("state")) else {
        record(
            &state,
            "provider_sign_in_failed",
            "no_sign_in_under_way",
            None,
        )
        .await;
        return Err(refused(
            &state,
            parts,
            "sign_in.provider_expired",
            StatusCode::BAD_REQUEST,
        )
        .await);
    };
    if !answer.get("error").is_empty() || answer.get("code").is_empty() {
        record(&state, "provider_sign_in_failed", "cancelled", None).await;
        return Err(refused(
            &state,
            parts,
            "sign_in.provider_cancelled",
            StatusCode::UNAUTHORIZED,
        )
        .await);
    }
    let vouched = match provider
        .finish(answer.get("code"), &started.nonce, &started.pkce_verifier)
        .await
    {
        Ok(vouched) => vouched,
        Err(error) => {
            tracing::warn!(%error, "sign-in at the OpenID provider refused");
            record(&state, "provider_sign_in_failed", "token_refused", None).await;
            return Err(refused(
                &state,
                parts,
                "sign_in.provider_refused",
                StatusCode::FORBIDDEN,
            )
            .await);
        }
    };
    let person = &vouched.person;
    let known = pending::known(db, &vouched.subject, person.email.as_deref(), now)
        .await
        .or_unavailable(lang, &state.site)?;
    let admission = admit(person, &known);
    if let Admission::Refused(refusal) = admission {
        let subject = known.linked.or(known.by_email).map(|a| a.id);
        record(&state, "provider_sign_in_refused", refusal.code(), subject).await;
        let (key, status) = match refusal {
            Refusal::NotStrongEnough => ("sign_in.provider_not_strong", StatusCode::FORBIDDEN),
            Refusal::EmailNotVerified => ("sign_in.provider_unverified", StatusCode::FORBIDDEN),
            // Whether an account exists is not told.
            Refusal::Blocked | Refusal::LinkedToOther | Refusal::NoRole => {
                ("sign_in.provider_no_access", StatusCode::FORBIDDEN)
            }
        };
        return Err(refused(&state, parts, key, status).await);
    }
    let newcomer = Newcomer {
        subject: vouched.subject.clone(),
        email: person.email.clone().unwrap_or_default(),
        display_name: vouched.display_name.clone(),
    };
    let Some(account_id) = pending::enter(db, admission, newcomer, now)
        .await
        .or_unavailable(lang, &state.site)?
    else {
        // Another sign-in of theirs linked or made the account meanwhile.
        return Err(refused(
            &state,
            parts,
            "sign_in.provider_expired",
            StatusCode::CONFLICT,
        )
        .await);
    };
    let mut events = Vec::new();
    match admission {
        Admission::LinkByEmail { new_role, .. } => {
            events.push(("provider_linked", None));
            events.push(("role_changed", new_role));
        }
        Admission::Linked { new_role, .. } => events.push(("role_changed", new_role)),
        Admission::FromInvite { role } | Admission::Mapped { role } => {
            events.push(("account_created", Some(role)));
        }
        Admission::Refused(_) => {}
    }
    for (event, role) in events {
        if event == "role_changed" && role.is_none() {
            continue;
        }
        let detail = role.map(|r| r.code()).unwrap_or_default();
        record(&state, event, detail, Some(account_id)).await;
    }
    // Whatever session this browser had ends: the new one has a new id.
    if let Some(old) = cookies::get(&parts.headers, SESSION_COOKIE).and_then(SecretToken::parse) {
        let _ = session::delete(db, old.storage_hash()).await;
    }
    let token = SecretToken::random();
    let strong = provider.settings.strong.counts_as_second_factor(person);
    let created = session::create_via_provider(
        db,
        token.storage_hash(),
        account_id,
        strong,
        now,
        now + retention::SESSION_ABSOLUTE,
    )
    .await;
    let logged = audit::record(
        &state,
        Event {
            event: "sign_in",
            actor: Some(account_id),
            detail: "provider".to_owned(),
            ..Event::default()
        },
    )
    .await;
    created.and(logged).or_unavailable(lang, &state.site)?;
    let mut response = with_session_cookie(
        Redirect::to(&destination(Some(&started.back))).into_response(),
        &token,
        retention::SESSION_ABSOLUTE.num_seconds(),
        state.secure_cookies,
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(COOKIE, state.secure_cookies),
    );
    Ok(response)
}

/// After signing out of Trechter: on to sign out at the provider as well.
/// A link, not a redirect from the sign-out form, because the page's
/// `form-action 'self'` policy stops forms from leading elsewhere.
pub async fn sign_out(State(state): State<AppState>, request: Request) -> Answer {
    let (parts, _) = request.into_parts();
    let provider = provider_of(&state, &parts).await?;
    Ok(match provider.sign_out_url().await {
        Some(url) => Redirect::to(&url).into_response(),
        None => Redirect::to("/inloggen?gedaan=signed_out").into_response(),
    })
}

/// Where signing out of Trechter leads: the sign-in page, which offers to
/// sign out at the provider too when the session came from there.
pub fn after_sign_out(viewer: &Viewer) -> &'static str {
    match viewer.session.as_ref().is_some_and(|s| s.via_provider) {
        true => "/inloggen?gedaan=signed_out_provider",
        false => "/inloggen?gedaan=signed_out",
    }
}
