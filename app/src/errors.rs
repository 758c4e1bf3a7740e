//! Errors as the interface sees them: stable codes that are translated, never
//! internal error text.

use crate::i18n::I18n;
use domain::TextError;
use domain::idea::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a server function can answer instead of data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not_found")]
    NotFound,
    /// The policy said no (the route's middleware normally says it first).
    #[error("forbidden")]
    Forbidden,
    /// A link that was used or has expired.
    #[error("gone")]
    Gone,
    /// The database did not answer; the details are in the server log.
    #[error("unavailable")]
    Unavailable,
    #[error("server_fn: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<store::StoreError> for AppError {
    fn from(err: store::StoreError) -> Self {
        match err {
            store::StoreError::NotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "storage failed");
                AppError::Unavailable
            }
        }
    }
}

/// Codes of every field error, for the translation test.
pub const ALL_FIELD_ERROR_CODES: [&str; 11] = [
    "text_empty",
    "text_too_short",
    "text_too_long",
    "text_control_characters",
    "question_missing",
    "question_unknown",
    "life_domain_unknown",
    "policy_domain_unknown",
    "neighbourhood_unknown",
    "receipt_code_invalid",
    "receipt_code_unknown",
];

/// The translated message for a field error, with its numbers filled in.
pub fn field_error_message(i18n: I18n, error: FieldError) -> String {
    let key = format!("error.{}", error.code());
    match error {
        FieldError::Text(TextError::TooShort { min, actual }) => i18n.tf(
            &key,
            &[("min", &min.to_string()), ("actual", &actual.to_string())],
        ),
        FieldError::Text(TextError::TooLong { max, actual }) => i18n.tf(
            &key,
            &[("max", &max.to_string()), ("actual", &actual.to_string())],
        ),
        _ => i18n.t(&key).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Lang;

    #[test]
    fn every_field_error_code_is_listed() {
        let errors = [
            FieldError::Text(TextError::Empty),
            FieldError::Text(TextError::TooShort { min: 10, actual: 3 }),
            FieldError::Text(TextError::TooLong {
                max: 2000,
                actual: 2001,
            }),
            FieldError::Text(TextError::ControlCharacters),
            FieldError::QuestionMissing,
            FieldError::QuestionUnknown,
            FieldError::LifeDomainUnknown,
            FieldError::NeighbourhoodUnknown,
        ];
        for error in errors {
            assert!(
                ALL_FIELD_ERROR_CODES.contains(&error.code()),
                "{}",
                error.code()
            );
        }
    }

    #[test]
    fn messages_carry_their_numbers() {
        let message = field_error_message(
            I18n::new(Lang::Nl),
            FieldError::Text(TextError::TooShort { min: 10, actual: 4 }),
        );
        assert!(message.contains("10") && message.contains('4'), "{message}");
        let message = field_error_message(
            I18n::new(Lang::En),
            FieldError::Text(TextError::TooLong {
                max: 2000,
                actual: 2400,
            }),
        );
        assert!(
            message.contains("2000") && message.contains("2400"),
            "{message}"
        );
    }
}
