//! Protections every response gets: refusing cross-site form posts, a limit
//! on request bodies, and security headers.

use app::SiteInfo;
use app::web::forms::MAX_FORM_BYTES;
use app::web::render::error_page;
use app::web::security::content_security_policy;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Refuses state-changing requests that a browser sent on behalf of another
/// site. Follows the algorithm of Go's `http.CrossOriginProtection`: trust
/// `Sec-Fetch-Site` when the browser sends it, otherwise compare `Origin`
/// with `Host`; a request with neither did not come from a browser (or from
/// one too old to send them) and cannot carry a victim's cookies across
/// sites anyway, since every cookie is `SameSite=Lax`.
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    origin_host.is_none() || origin_host != host
}

pub async fn cross_origin_protection(
    State(site): State<SiteInfo>,
    request: Request,
    next: Next,
) -> Response {
    if is_cross_site(request.method(), request.headers()) {
        tracing::warn!(method = %request.method(), "refused a cross-site request");
        let lang = app::web::request::lang(request.headers());
        return error_page(lang, &site, StatusCode::FORBIDDEN, "error_page.cross_site");
    }
    next.run(request).await
}

/// Refuses bodies larger than a form can be, with a translated page when the
/// size is announced; bodies that grow past it while streaming make the
/// handler's read fail, which answers with the same page.
pub async fn limit_body(State(site): State<SiteInfo>, request: Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|length| length > MAX_FORM_BYTES) {
        let lang = app::web::request::lang(request.headers());
        return error_page(
            lang,
            &site,
            StatusCode::PAYLOAD_TOO_LARGE,
            "error_page.too_large",
        );
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, MAX_FORM_BYTES));
    next.run(Request::from_parts(parts, body)).await
}

/// Headers every response carries. Pages set their own policy with a
/// script nonce; every other response gets one that allows no scripts.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    // Pages carry per-view submission keys (a new participant's code is
    // derived from them) and what the viewer sent: never for a shared cache.
    let html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = content_security_policy(None);
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("ASCII policy"),
        );
    }
    response
}

/// The app with `Strict-Transport-Security` on every response, when the
/// site runs behind HTTPS and the operator asked for it.
pub fn with_hsts(app: axum::Router, max_age: Option<u64>) -> axum::Router {
    let Some(value) = max_age
        .and_then(|age| HeaderValue::from_str(&format!("max-age={age}; includeSubDomains")).ok())
    else {
        return app;
    };
    app.layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
        header::STRICT_TRANSPORT_SECURITY,
        value,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn reads_are_never_refused() {
        let h = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(!is_cross_site(&Method::GET, &h));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "none")])
        ));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
    }

    #[test]
    fn origin_must_match_host_otherwise() {
        let same = headers(&[
            ("origin", "http://trechter.test"),
            ("host", "trechter.test"),
        ]);
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "trechter.test"),
        ]);
        let null = headers(&[("origin", "null"), ("host", "trechter.test")]);
        assert!(!is_cross_site(&Method::POST, &same));
        assert!(is_cross_site(&Method::POST, &other));
        assert!(is_cross_site(&Method::POST, &null));
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[("host", "trechter.test")])
        ));
    }

    #[tokio::test]
    async fn pages_are_private_to_the_viewer() {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/",
                axum::routing::get(|| async { axum::response::Html("<p>x</p>") }),
            )
            .route("/api", axum::routing::get(|| async { "{}" }))
            .layer(axum::middleware::from_fn(super::headers));
        let get = |path: &str| {
            axum::http::Request::get(path)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let page = app.clone().oneshot(get("/")).await.unwrap();
        assert_eq!(page.headers()[header::CACHE_CONTROL], "private, no-cache");
        let other = app.oneshot(get("/api")).await.unwrap();
        assert!(!other.headers().contains_key(header::CACHE_CONTROL));
    }

    #[tokio::test]
    async fn hsts_only_when_asked() {
        use tower::ServiceExt;
        let app = || axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
        let request = || {
            axum::http::Request::get("/")
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let on = with_hsts(app(), Some(31_536_000))
            .oneshot(request())
            .await
            .unwrap();
        assert_eq!(
            on.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains"
        );
        let off = with_hsts(app(), None).oneshot(request()).await.unwrap();
        assert!(
            !off.headers()
                .contains_key(header::STRICT_TRANSPORT_SECURITY)
        );
    }
}
