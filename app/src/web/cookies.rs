//! Cookies: HttpOnly, SameSite=Lax, and Secure when served over HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};
use domain::ReceiptCode;

/// Holds the participant's receipt code: the device stays "theirs".
pub const PARTICIPANT: &str = "trechter_code";
/// Holds an explicit language choice.
pub const LANGUAGE: &str = "trechter_lang";

/// 400 days: the longest browsers keep a cookie. Participants follow what
/// becomes of their ideas for a long time.
const MAX_AGE_SECONDS: u64 = 400 * 24 * 60 * 60;

pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

pub fn participant_code(headers: &HeaderMap) -> Option<ReceiptCode> {
    get(headers, PARTICIPANT).and_then(|value| ReceiptCode::parse(value).ok())
}

/// Who sends a support or reaction without an account: the participant
/// the device already is, or a new one, whose code the device gets only
/// once the store made them. The new code is derived from the form's
/// submission key, so a form sent twice is one new participant, not two.
pub struct Sender {
    pub known: Option<ReceiptCode>,
    pub new: ReceiptCode,
}

impl Sender {
    pub fn of(headers: &HeaderMap, form_key: Option<&str>) -> Sender {
        Sender {
            known: participant_code(headers),
            new: ReceiptCode::derive(&domain::SubmissionKey::from_form_or_random(form_key)),
        }
    }

    /// The key the rate limits count this sender under.
    pub fn limit_key(&self) -> String {
        self.known.as_ref().unwrap_or(&self.new).lookup_hash()
    }

    pub fn known_hash(&self) -> Option<String> {
        self.known.as_ref().map(ReceiptCode::lookup_hash)
    }

    pub fn new_hash(&self) -> String {
        self.new.lookup_hash()
    }

    /// Gives the device its new code, when the store made a participant.
    pub fn remember(&self, response: &mut axum::response::Response, made_new: bool, secure: bool) {
        if made_new {
            response.headers_mut().append(
                header::SET_COOKIE,
                set(PARTICIPANT, self.new.as_str(), secure),
            );
        }
    }
}

/// A `Set-Cookie` value. `value` must be a cookie-safe token (codes and
/// language codes are).
pub fn set(name: &str, value: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie values are ASCII tokens")
}

/// A cookie that lives `max_age_seconds` at most (sessions).
pub fn set_for(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie values are ASCII tokens")
}

pub fn clear(name: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie names are ASCII tokens")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; trechter_lang=en; b=2"),
        );
        assert_eq!(get(&headers, LANGUAGE), Some("en"));
        assert_eq!(get(&headers, "c"), None);
    }

    #[test]
    fn a_tampered_participant_cookie_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("trechter_code=<script>"),
        );
        assert!(participant_code(&headers).is_none());
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let value = set(PARTICIPANT, "ABCDEFGHJK", true);
        let value = value.to_str().unwrap();
        assert!(
            value.contains("HttpOnly")
                && value.contains("SameSite=Lax")
                && value.contains("Secure")
        );
        assert!(
            !set(PARTICIPANT, "ABCDEFGHJK", false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }
}
