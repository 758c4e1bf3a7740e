//! Reading a posted HTML form, with a translated error page for a body that
//! is too large, of the wrong type or unreadable.

use crate::SiteInfo;
use crate::web::render::error_page;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;
use domain::Lang;
use serde::de::DeserializeOwned;

/// The largest form body accepted: an idea of 2,000 characters, each
/// percent-encoded to up to 12 bytes, fits with room to spare.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub enum FormError {
    TooLarge,
    Unreadable,
}

impl FormError {
    pub fn response(&self, lang: Lang, site: &SiteInfo) -> Response {
        match self {
            FormError::TooLarge => error_page(
                lang,
                site,
                StatusCode::PAYLOAD_TOO_LARGE,
                "error_page.too_large",
            ),
            FormError::Unreadable => {
                error_page(lang, site, StatusCode::BAD_REQUEST, "error_page.bad_form")
            }
        }
    }
}

pub async fn read<T: DeserializeOwned>(parts: &Parts, body: Body) -> Result<T, FormError> {
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(FormError::Unreadable);
    }
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| FormError::TooLarge)?;
    serde_urlencoded::from_bytes(&bytes).map_err(|_| FormError::Unreadable)
}

/// Percent-encodes a value for a query string.
pub fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|pair| pair[1..].to_owned())
        .unwrap_or_default()
}

/// A posted form as a handler receives it: the request's parts, its
/// language, and the fields. A body that cannot be read is answered with
/// a translated error page before the handler runs.
pub struct Posted<T> {
    pub parts: Parts,
    pub lang: Lang,
    pub fields: T,
}

impl<T: DeserializeOwned> axum::extract::FromRequest<crate::web::AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(
        request: axum::extract::Request,
        state: &crate::web::AppState,
    ) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let lang = crate::web::request::lang(&parts.headers);
        match read(&parts, body).await {
            Ok(fields) => Ok(Posted {
                parts,
                lang,
                fields,
            }),
            Err(error) => Err(error.response(lang, &state.site)),
        }
    }
}

/// A form's fields as posted, in order: for forms with repeated names
/// (checkboxes) that a struct cannot hold.
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value of `name`, or "" when it was not sent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
