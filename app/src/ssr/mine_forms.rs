//! Opening "my contributions" with a receipt code, and forgetting a device.

use super::render::{self, page};
use super::{AppState, cookies, forms, request};
use crate::pages::mine::CodeFormState;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ReceiptCode;
use leptos::prelude::provide_context;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct CodeFields {
    #[serde(default)]
    code: String,
}

pub async fn open_with_code(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let lang = request::lang(&parts.headers);
    let fields: CodeFields = match forms::read(&parts, body).await {
        Ok(fields) => fields,
        Err(error) => return error.response(lang, &state.site),
    };
    let refuse = |error_code: &str| {
        let form_state = CodeFormState {
            typed: fields.code.clone(),
            error_code: Some(error_code.to_owned()),
        };
        move || provide_context(form_state.clone())
    };
    let Ok(code) = ReceiptCode::parse(&fields.code) else {
        return page(
            &state,
            parts,
            StatusCode::UNPROCESSABLE_ENTITY,
            refuse("receipt_code_invalid"),
        )
        .await;
    };
    match store::participant::id_by_code_hash(&state.db, &code.lookup_hash()).await {
        Ok(Some(_)) => {
            let mut response = Redirect::to("/mijn").into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                cookies::set(cookies::PARTICIPANT, code.as_str(), state.secure_cookies),
            );
            response
        }
        Ok(None) => {
            page(
                &state,
                parts,
                StatusCode::UNPROCESSABLE_ENTITY,
                refuse("receipt_code_unknown"),
            )
            .await
        }
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}

pub async fn forget(State(state): State<AppState>) -> Response {
    let mut response = Redirect::to("/mijn").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(cookies::PARTICIPANT, state.secure_cookies),
    );
    response
}
