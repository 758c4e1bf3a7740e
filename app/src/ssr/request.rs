//! What a request says about its sender: language and participant.

use super::cookies;
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
