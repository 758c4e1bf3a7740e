//! Opening "my contributions" with a receipt code, and forgetting a device.

use crate::components::form_feedback::FormFeedback;
use crate::mine::page::CodeFormState;
use crate::web::AppState;
use crate::web::cookies;
use crate::web::forms::Posted;
use crate::web::receipt_codes::{self, Checked};
use crate::web::render::{self, page};
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::ReceiptCode;
use leptos::prelude::provide_context;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct CodeFields {
    #[serde(default)]
    code: String,
}

pub async fn open_with_code(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<CodeFields>,
) -> Answer {
    let refuse = |error_code: &str| {
        let form_state = CodeFormState {
            typed: fields.code.clone(),
            error_code: Some(error_code.to_owned()),
        };
        move || provide_context(form_state.clone())
    };
    let Ok(code) = ReceiptCode::parse(&fields.code) else {
        return Err(page(
            &state,
            parts,
            StatusCode::UNPROCESSABLE_ENTITY,
            refuse("receipt_code_invalid"),
        )
        .await);
    };
    Ok(
        // Counted against the client's receipt-code throttle: see receipt_codes.
        match receipt_codes::check(&state, &parts, &code, chrono::Utc::now()).await {
            Ok(Checked::Known) => {
                let mut response = Redirect::to("/mijn").into_response();
                response.headers_mut().append(
                    header::SET_COOKIE,
                    cookies::set(cookies::PARTICIPANT, code.as_str(), state.secure_cookies),
                );
                response
            }
            Ok(Checked::Unknown) => {
                page(
                    &state,
                    parts,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    refuse("receipt_code_unknown"),
                )
                .await
            }
            Ok(Checked::Throttled(until)) => receipt_codes::throttled(&state, lang, until),
            Err(error) => render::unavailable(lang, &state.site, &error),
        },
    )
}

pub async fn forget(State(state): State<AppState>) -> Answer {
    let mut response = Redirect::to("/mijn").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(cookies::PARTICIPANT, state.secure_cookies),
    );
    Ok(response)
}

pub const MAX_NICKNAME_CHARS: usize = 40;

#[derive(Debug, Default, Deserialize)]
pub struct ProfileFields {
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    action: String,
}

/// Saves the nickname and the optional address to hear back at, or deletes
/// the address.
pub async fn profile(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<ProfileFields>,
) -> Answer {
    let Some(code) = cookies::participant_code(&parts.headers) else {
        return Err(Redirect::to("/mijn").into_response());
    };
    let hash = code.lookup_hash();
    let now = chrono::Utc::now();
    if fields.action == "delete_email" {
        return Err(
            match store::participant::set_contact_email(&state.db, hash, None, now).await {
                Ok(_) => Redirect::to("/mijn?gedaan=email_deleted").into_response(),
                Err(error) => render::unavailable(lang, &state.site, &error),
            },
        );
    }
    let refuse = |key: &str, field: &'static str| {
        FormFeedback::error("profile", 422, key)
            .on(field)
            .with("max", MAX_NICKNAME_CHARS.to_string())
            .typed("nickname", &fields.nickname)
            .typed("email", &fields.email)
    };
    let nickname = fields.nickname.trim();
    if nickname.chars().count() > MAX_NICKNAME_CHARS || nickname.chars().any(char::is_control) {
        return Err(page_again(&state, parts, refuse("mine.nickname_invalid", "nickname")).await);
    }
    let email = if fields.email.trim().is_empty() {
        None
    } else {
        match domain::EmailAddress::parse(&fields.email) {
            Some(email) => Some(email.as_str().to_owned()),
            None => {
                return Err(
                    page_again(&state, parts, refuse("invite.email_invalid", "email")).await,
                );
            }
        }
    };
    let nickname = (!nickname.is_empty()).then(|| nickname.to_owned());
    let saved = store::participant::set_nickname(&state.db, hash.clone(), nickname).await;
    let saved = match (saved, email) {
        (Ok(_), Some(email)) => {
            store::participant::set_contact_email(&state.db, hash, Some(email), now).await
        }
        (other, _) => other,
    };
    saved.or_unavailable(lang, &state.site)?;
    Ok(Redirect::to("/mijn?gedaan=profile_saved").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct MailMeFields {
    #[serde(default)]
    email: String,
}

/// "Mail me when the plan is ready", posted from the receipt: saves the
/// address to hear back at and answers with the receipt again.
pub async fn mail_me(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<MailMeFields>,
) -> Answer {
    let Some(code) = cookies::participant_code(&parts.headers) else {
        return Err(Redirect::to("/mijn").into_response());
    };
    let Some(id) = domain::bounded::id(&id) else {
        return Err(crate::web::forms::FormError::Unreadable.response(lang, &state.site));
    };
    let Some(email) = domain::EmailAddress::parse(&fields.email) else {
        let feedback = FormFeedback::error("mail_me", 422, "invite.email_invalid")
            .on("email")
            .typed("email", &fields.email);
        return Err(render::again(&state, parts, feedback).await);
    };
    let hash = code.lookup_hash();
    let email = Some(email.as_str().to_owned());
    store::participant::set_contact_email(&state.db, hash, email, chrono::Utc::now())
        .await
        .or_unavailable(lang, &state.site)?;
    Ok(Redirect::to(&format!("/ontvangen/{id}?gedaan=mail_me#mail-me-title")).into_response())
}

/// The button on the stop page: deletes the address the token belongs to.
/// The answer does not say whether there was one.
pub async fn stop_mail(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Posted { lang, .. }: Posted<Vec<(String, String)>>,
) -> Answer {
    Ok({
        if !domain::email::is_stop_token(&token) {
            return Err(crate::web::forms::FormError::Unreadable.response(lang, &state.site));
        }
        match store::participant::stop_mail(&state.db, &state.client_salt, &token).await {
            Ok(_) => Redirect::to(&format!("/mail-stoppen/{token}?gedaan=1")).into_response(),
            Err(error) => render::unavailable(lang, &state.site, &error),
        }
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct WithdrawFields {
    #[serde(default)]
    idea: i64,
}

/// Withdraws one's own idea while the round is collecting.
pub async fn withdraw(
    State(state): State<AppState>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<WithdrawFields>,
) -> Answer {
    let Some(code) = cookies::participant_code(&parts.headers) else {
        return Err(Redirect::to("/mijn").into_response());
    };
    Ok(
        match store::idea::withdraw_own(
            &state.db,
            fields.idea,
            code.lookup_hash(),
            chrono::Utc::now(),
        )
        .await
        .or_unavailable(lang, &state.site)?
        {
            true => Redirect::to("/mijn?gedaan=withdrawn").into_response(),
            false => {
                page_again(
                    &state,
                    parts,
                    FormFeedback::error("withdraw", 409, "mine.withdraw_impossible"),
                )
                .await
            }
        },
    )
}

/// These forms post to their own addresses; the answer is the page they
/// are on, "my contributions", again.
async fn page_again(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    feedback: FormFeedback,
) -> Response {
    parts.uri = axum::http::Uri::from_static("/mijn");
    render::again(state, parts, feedback).await
}

#[derive(Debug, Default, Deserialize)]
pub struct EditFields {
    #[serde(default)]
    text: String,
}

/// Saves a new text for one's own idea while the round collects; a text
/// that does not pass comes back with the reason, as typed.
pub async fn edit(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<EditFields>,
) -> Answer {
    let Some(code) = cookies::participant_code(&parts.headers) else {
        return Err(Redirect::to("/mijn").into_response());
    };
    let again = |key: &str| {
        FormFeedback::error("edit", 422, key)
            .on("text")
            .typed("text", &fields.text)
    };
    let text = match domain::IdeaText::parse(&fields.text) {
        Ok(text) => text,
        Err(error) => {
            let message = crate::errors::field_error_message(
                crate::i18n::I18n::new(lang),
                domain::idea::FieldError::Text(error),
            );
            let feedback = FormFeedback::error("edit", 422, "mine.edit_problem")
                .on("text")
                .with("problem", message)
                .typed("text", &fields.text);
            return Err(render::again(&state, parts, feedback).await);
        }
    };
    Ok(
        match store::idea::edit_own(&state.db, id, code.lookup_hash(), text)
            .await
            .or_unavailable(lang, &state.site)?
        {
            store::idea::Edited::Saved => Redirect::to("/mijn?gedaan=edited").into_response(),
            store::idea::Edited::SameAsAnother => {
                render::again(&state, parts, again("mine.edit_same")).await
            }
            store::idea::Edited::NotEditable => {
                let feedback = FormFeedback {
                    status: 409,
                    ..again("mine.withdraw_impossible")
                };
                render::again(&state, parts, feedback).await
            }
        },
    )
}
