//! Receipt codes as keys: every code a client tries, typed on "my
//! contributions" or sent in the cookie, passes the same throttle
//! (`domain::throttle::Attempt::ReceiptCode`), so codes cannot be guessed
//! fast in either way. A code found unknown is a failure; a wrong cookie
//! is then ignored and cleared, so it is not tried again.

use crate::web::AppState;

use crate::web::client;

use crate::web::cookies;

use crate::web::render;

use crate::web::request;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
use domain::ReceiptCode;
use domain::throttle::{Attempt, Gate};
use domain::token::keyed_hash;
use std::collections::HashSet;
use std::sync::Mutex;
use store::login_failure;

/// Codes this app server already found valid, so a resident's cookie is
/// checked once here, not on every page. Forgotten all at once when full:
/// that only costs a check each.
#[derive(Debug, Default)]
pub struct KnownCodes {
    hashes: Mutex<HashSet<String>>,
}

const KNOWN_CODES_KEPT: usize = 100_000;

impl KnownCodes {
    fn contains(&self, hash: &str) -> bool {
        self.lock().contains(hash)
    }

    fn insert(&self, hash: String) {
        let mut hashes = self.lock();
        if hashes.len() >= KNOWN_CODES_KEPT {
            hashes.clear();
        }
        hashes.insert(hash);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.hashes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checked {
    Known,
    Unknown,
    /// Too many unknown codes from this client: try again after this.
    Throttled(DateTime<Utc>),
}

/// Whether `code` belongs to a participant, counted against the client's
/// receipt-code throttle unless this server already knows it.
pub async fn check(
    state: &AppState,
    parts: &axum::http::request::Parts,
    code: &ReceiptCode,
    now: DateTime<Utc>,
) -> Result<Checked, store::StoreError> {
    let hash = code.lookup_hash();
    if state.known_codes.contains(&hash) {
        return Ok(Checked::Known);
    }
    let attempt = Attempt::ReceiptCode {
        client: keyed_hash(
            &state.client_salt,
            &format!("receipt-codes:{}", client::key_hash(state, parts)),
        ),
    };
    let reserved = match login_failure::reserve(&state.db, attempt, now).await? {
        Ok(reserved) => reserved,
        Err(Gate::Wait(until) | Gate::Locked(until)) => return Ok(Checked::Throttled(until)),
        Err(Gate::Open) => unreachable!("an open gate reserves"),
    };
    if store::participant::id_by_code_hash(&state.db, &hash)
        .await?
        .is_none()
    {
        return Ok(Checked::Unknown);
    }
    login_failure::release(&state.db, reserved).await?;
    state.known_codes.insert(hash);
    Ok(Checked::Known)
}

/// 429 with the receipt-code message and when to try again.
pub fn throttled(state: &AppState, lang: domain::Lang, until: DateTime<Utc>) -> Response {
    let seconds = (until - Utc::now()).num_seconds().max(1) as u64;
    render::too_many(lang, &state.site, seconds, "error.receipt_code_throttled")
}

/// Checks the receipt code in the cookie before any page or form sees it:
/// an unknown code is dropped from the request and cleared in the browser.
/// A code this server hands out is known from then on: a school class
/// behind one address, each with a new code, is not a flood of guesses.
pub async fn check_cookie(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = check_cookie_first(&state, request, next).await;
    for value in response.headers().get_all(header::SET_COOKIE) {
        let issued = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("trechter_code="))
            .and_then(|v| v.split(';').next())
            .and_then(|v| ReceiptCode::parse(v).ok());
        if let Some(code) = issued {
            state.known_codes.insert(code.lookup_hash());
        }
    }
    response
}

async fn check_cookie_first(state: &AppState, request: Request, next: Next) -> Response {
    let is_open_path = request.extensions().get::<MatchedPath>().is_some_and(|m| {
        crate::web::OPEN_PATHS
            .iter()
            .any(|p| m.as_str().starts_with(p))
    });
    let code = cookies::participant_code(request.headers());
    let (Some(code), false) = (code, is_open_path) else {
        return next.run(request).await;
    };
    let lang = request::lang(request.headers());
    let (mut parts, body) = request.into_parts();
    match check(state, &parts, &code, Utc::now()).await {
        Ok(Checked::Known) => next.run(Request::from_parts(parts, body)).await,
        Ok(Checked::Unknown) => {
            without_cookie(&mut parts.headers, cookies::PARTICIPANT);
            let mut response = next.run(Request::from_parts(parts, body)).await;
            let sets_code = response
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .any(|v| v.as_bytes().starts_with(b"trechter_code="));
            if !sets_code {
                response.headers_mut().append(
                    header::SET_COOKIE,
                    cookies::clear(cookies::PARTICIPANT, state.secure_cookies),
                );
            }
            response
        }
        Ok(Checked::Throttled(until)) => throttled(state, lang, until),
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}

/// Removes one cookie from a request's `Cookie` headers.
fn without_cookie(headers: &mut HeaderMap, name: &str) {
    let kept: Vec<String> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty() && pair.split_once('=').map(|(k, _)| k) != Some(name))
        .map(str::to_owned)
        .collect();
    headers.remove(header::COOKIE);
    if let Ok(value) = HeaderValue::from_str(&kept.join("; "))
        && !kept.is_empty()
    {
        headers.insert(header::COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_cookie_is_dropped() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; trechter_code=ABCDEFGHJK"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("trechter_lang=en"));
        without_cookie(&mut headers, cookies::PARTICIPANT);
        assert_eq!(cookies::get(&headers, "a"), Some("1"));
        assert_eq!(cookies::get(&headers, cookies::LANGUAGE), Some("en"));
        assert_eq!(cookies::get(&headers, cookies::PARTICIPANT), None);

        let mut alone = HeaderMap::new();
        alone.insert(
            header::COOKIE,
            HeaderValue::from_static("trechter_code=ABCDEFGHJK"),
        );
        without_cookie(&mut alone, cookies::PARTICIPANT);
        assert!(alone.get(header::COOKIE).is_none());
    }
}
