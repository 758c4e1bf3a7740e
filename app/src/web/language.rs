//! The language switch: remembers an explicit choice in a cookie.

use crate::web::AppState;

use crate::web::cookies;

use crate::web::forms;

use crate::web::request;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct LanguageFields {
    #[serde(default)]
    lang: String,
    back: Option<String>,
}

pub async fn switch(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let fields: LanguageFields = match forms::read(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return error.response(request::lang(&parts.headers), &state.site),
    };
    let Some(lang) = Lang::from_code(&fields.lang) else {
        return forms::FormError::Unreadable.response(request::lang(&parts.headers), &state.site);
    };
    let back = fields
        .back
        .filter(|path| domain::local_path::is_local_path(path))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&back).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::LANGUAGE, lang.code(), state.secure_cookies),
    );
    response
}
