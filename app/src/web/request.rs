//! What a request says about its sender: language and participant.

use crate::web::cookies;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use domain::{Lang, ReceiptCode};
use leptos::prelude::use_context;

pub fn lang(headers: &HeaderMap) -> Lang {
    Lang::choose(
        cookies::get(headers, cookies::LANGUAGE),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The language of the request being rendered.
pub fn lang_in_context() -> Lang {
    use_context::<Parts>()
        .map(|parts| lang(&parts.headers))
        .unwrap_or_default()
}

/// The participant code of the request being rendered, if it carries one.
pub fn participant_code() -> Option<ReceiptCode> {
    use_context::<Parts>().and_then(|parts| cookies::participant_code(&parts.headers))
}

/// Whether a request's `If-None-Match` names `etag` (a quoted entity tag
/// such as `"ab12"`), so the answer can be 304. Per RFC 9110 §13.1.2 the
/// comparison is weak: `W/"ab12"` matches `"ab12"`; the header may list
/// several tags, and `*` matches any. Tags are read one by one rather than
/// split on commas, as a tag may itself hold a comma.
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.strip_prefix("W/").unwrap_or(tag).to_owned();
    let ours = opaque(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|list| {
            if list.trim() == "*" {
                return true;
            }
            let mut rest = list;
            loop {
                rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
                if rest.is_empty() {
                    return false;
                }
                let tag_start = rest.strip_prefix("W/").unwrap_or(rest);
                let Some(inner) = tag_start.strip_prefix('"') else {
                    return false; // not an entity tag: the header is malformed
                };
                let Some(end) = inner.find('"') else {
                    return false;
                };
                if format!("\"{}\"", &inner[..end]) == ours {
                    return true;
                }
                rest = &inner[end + 1..];
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn entity_tags_compare_weakly() {
        assert!(none_match(&with("\"ab12\""), "\"ab12\""));
        assert!(none_match(&with("W/\"ab12\""), "\"ab12\""));
        assert!(none_match(&with("\"ab12\""), "W/\"ab12\""));
        assert!(none_match(&with("\"x\", W/\"ab12\""), "\"ab12\""));
        assert!(none_match(&with("\"a,b\",\"ab12\""), "\"ab12\""));
        assert!(none_match(&with("*"), "\"ab12\""));
        assert!(!none_match(&with("\"ab13\""), "\"ab12\""));
        assert!(!none_match(&with("ab12"), "\"ab12\""));
        assert!(!none_match(&with("W/\"ab\""), "\"ab12\""));
        assert!(!none_match(&HeaderMap::new(), "\"ab12\""));
    }
}
