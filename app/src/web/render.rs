//! Turning views into responses outside the page router: fragments for the
//! island, whole pages that answer a form, standalone error pages.

use crate::components::error_page::ErrorDocument;
use crate::i18n::I18n;
use crate::web::AppState;
use crate::{SiteInfo, shell};
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// What a form handler returns: the answer it set out to give (`Ok`), or
/// one it gave early (`Err`): a refusal, the form again with its errors,
/// the database's apology. Both are whole responses; the split lets a
/// handler stop at the first problem with `?`.
pub type Answer = Result<Response, Response>;

/// A store error as the apology page ([`unavailable`]), for `?` in a
/// handler.
pub trait OrUnavailable<T> {
    // The error is the answer itself, sent at once: boxing it gains nothing.
    #[allow(clippy::result_large_err)]
    fn or_unavailable(self, lang: Lang, site: &SiteInfo) -> Result<T, Response>;
}

impl<T> OrUnavailable<T> for Result<T, store::StoreError> {
    fn or_unavailable(self, lang: Lang, site: &SiteInfo) -> Result<T, Response> {
        self.map_err(|error| unavailable(lang, site, &error))
    }
}

/// Renders a view to HTML in the given language.
pub fn to_html<V: RenderHtml>(lang: Lang, site: &SiteInfo, view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(I18n::new(lang));
        provide_context(site.clone());
        view().to_html()
    })
}

pub fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// An HTML fragment for the island, marked as such.
pub fn fragment<V: RenderHtml>(
    lang: Lang,
    site: &SiteInfo,
    status: StatusCode,
    view: impl FnOnce() -> V,
) -> Response {
    let mut response = html(status, to_html(lang, site, view));
    response.headers_mut().insert(
        crate::components::enhance::FRAGMENT_HEADER,
        HeaderValue::from_static("1"),
    );
    response
}

/// The page at the request's own address, rendered again with `extra`
/// context (a form's typed input and errors), answered with `status` unless
/// the page itself found a worse one (a round that is gone: 404).
pub async fn page(
    state: &AppState,
    parts: Parts,
    status: StatusCode,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let (app_state, options) = (state.clone(), state.leptos_options.clone());
    let render = leptos_axum::render_app_async_with_context(
        move || {
            app_state.provide();
            extra();
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if !response.status().is_client_error() && !response.status().is_server_error() {
        *response.status_mut() = status;
    }
    response
}

/// The page at the request's address again, with a form's feedback (its
/// error, what was typed, or something to show once).
pub async fn again(
    state: &AppState,
    parts: Parts,
    feedback: crate::components::form_feedback::FormFeedback,
) -> Response {
    let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::OK);
    page(state, parts, status, move || {
        provide_context(feedback.clone())
    })
    .await
}

/// The page again as 422, with a form's typed input and errors (its state
/// type) in the context, for the form to show what needs fixing.
pub async fn fix<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: Parts,
    form_state: T,
) -> Response {
    page(state, parts, StatusCode::UNPROCESSABLE_ENTITY, move || {
        provide_context(form_state.clone())
    })
    .await
}

/// The round a form posts to, or the answer to give instead: the "not
/// found" page (also for a draft round when `public_only`), or the
/// database's apology.
pub async fn round_or_answer(
    state: &AppState,
    parts: &Parts,
    lang: Lang,
    slug: &str,
    public_only: bool,
) -> Result<store::round::Round, Response> {
    match store::round::by_slug(&state.db, slug).await {
        Ok(Some(round)) if round.phase.is_public() || !public_only => Ok(round),
        Ok(_) => Err(page(state, parts.clone(), StatusCode::NOT_FOUND, || ()).await),
        Err(error) => Err(unavailable(lang, &state.site, &error)),
    }
}

/// A standalone error page with a translated message.
pub fn error_page(
    lang: Lang,
    site: &SiteInfo,
    status: StatusCode,
    message_key: &'static str,
) -> Response {
    let stylesheet = site.stylesheet.clone();
    let mut response = html(
        status,
        to_html(
            lang,
            site,
            move || view! { <ErrorDocument message_key stylesheet/> },
        ),
    );
    if let Ok(policy) = HeaderValue::from_str(&crate::web::security::content_security_policy(None))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// The policy said no.
pub fn forbidden(lang: Lang, site: &SiteInfo) -> Response {
    error_page(lang, site, StatusCode::FORBIDDEN, "error_page.forbidden")
}

/// The database did not answer: logged here, a plain apology for the user.
pub fn unavailable(lang: Lang, site: &SiteInfo, error: &store::StoreError) -> Response {
    tracing::error!(%error, "storage failed while handling a form");
    error_page(
        lang,
        site,
        StatusCode::SERVICE_UNAVAILABLE,
        "error_page.unavailable",
    )
}

/// Over a rate limit: 429 with a translated message and when to try again.
pub fn too_many(lang: Lang, site: &SiteInfo, seconds: u64, message_key: &'static str) -> Response {
    let mut response = error_page(lang, site, StatusCode::TOO_MANY_REQUESTS, message_key);
    retry_after(&mut response, seconds);
    response
}

/// Tells the client how many seconds to wait before trying again.
pub fn retry_after(response: &mut Response, seconds: u64) {
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}
