//! The Content-Security-Policy. Pages get a fresh nonce per response for the
//! one inline script that starts the islands; everything else gets a policy
//! that allows no scripts at all.

use super::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;

/// Scripts only from this origin or with this response's nonce (no
/// `unsafe-inline`); `wasm-unsafe-eval` lets the islands' WebAssembly
/// compile. Nothing may load from elsewhere, frame the site, or post forms to
/// another site.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'"
    )
}

/// Where `security.txt` is published (RFC 9116).
pub const SECURITY_TXT: &str = "/.well-known/security.txt";

/// `/.well-known/security.txt`: the configured contact and expiry, the same
/// for everyone; 404 when no contact is configured.
pub async fn security_txt(State(state): State<AppState>) -> Response {
    match state.security_txt {
        Some(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ),
            ],
            text,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Sets the page's policy, with the nonce leptos gave this render.
pub fn set_page_policy() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let policy = content_security_policy(use_nonce().as_deref());
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// `Cache-Control: no-store` for the response being rendered: it shows a
/// secret (a receipt code, a second-factor secret, an invitation link),
/// which no cache, not even the browser's own on a shared device, may keep.
/// Pages otherwise get `private, no-cache` (server `security::headers`).
pub const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

/// Marks the response being rendered with [`NO_STORE`]. Called by the
/// server functions that load a secret, so every page showing it inherits
/// the header, also when rendered again after a form.
pub fn no_store() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(header::CACHE_CONTROL, NO_STORE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce_and_never_run_inline() {
        let policy = content_security_policy(Some("abc"));
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(content_security_policy(None).contains("script-src 'none'"));
    }
}
