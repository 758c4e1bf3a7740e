//! Invitation and password-reset links: made by admins and staff, used once
//! by the person invited to set their name and password.

use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::audit;
use crate::web::forms::Posted;
use crate::web::render::Answer;
use crate::web::render::OrUnavailable;
use crate::web::render::{self, page};
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::policy::may_invite;
use domain::{EmailAddress, Role, SecretToken, password, retention};
use serde::Deserialize;
use store::audit::Event;
use store::invite::{self, Accepted, NewInvite, Purpose};

pub const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Default, Deserialize)]
pub struct InviteFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AcceptFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// The site's configured address (`TRECHTER_PUBLIC_URL`), the only base
/// for links in mail. Never the request's `Host` header: anyone can send
/// any `Host`, and a mailed link on someone else's domain hands them the
/// token in it.
pub fn mail_base(state: &AppState) -> Option<String> {
    state
        .public_url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned())
        .filter(|url| !url.is_empty())
}

/// The site's address for a link shown on screen to the person whose
/// request made it, to copy and pass on: the configured address, or else
/// the host their own browser asked for (which is theirs to trust).
pub fn shown_base(state: &AppState, parts: &Parts) -> String {
    if let Some(url) = mail_base(state) {
        return url;
    }
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// A person's name as they want it shown: trimmed, not empty, not too long,
/// no control characters.
pub fn clean_name(typed: &str) -> Option<String> {
    let name = typed.trim();
    let chars = name.chars().count();
    (chars > 0 && chars <= MAX_NAME_CHARS && !name.chars().any(char::is_control))
        .then(|| name.to_owned())
}

pub async fn create(
    State(state): State<AppState>,
    SignedInAccount(inviter): SignedInAccount,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<InviteFields>,
) -> Answer {
    let refuse = |key: &str, field: &'static str| {
        FormFeedback::error("invite", 422, key)
            .on(field)
            .typed("email", &fields.email)
            .typed("organisation", &fields.organisation)
            .typed("role", &fields.role)
    };
    let Some(email) = EmailAddress::parse(&fields.email) else {
        return Err(render::again(&state, parts, refuse("invite.email_invalid", "email")).await);
    };
    let Ok(role) = Role::from_code(&fields.role) else {
        return Err(render::again(&state, parts, refuse("invite.role_missing", "role")).await);
    };
    if !may_invite(inviter.role, role) {
        let feedback = FormFeedback {
            status: 403,
            ..refuse("invite.role_not_allowed", "role")
        };
        return Err(render::again(&state, parts, feedback).await);
    }
    let now = Utc::now();
    let organisation_id = if role == Role::Partner {
        let Some(name) = clean_name(&fields.organisation) else {
            return Err(render::again(
                &state,
                parts,
                refuse("invite.organisation_missing", "organisation"),
            )
            .await);
        };
        Some(
            store::account::organisation_named(&state.db, name, now)
                .await
                .or_unavailable(lang, &state.site)?,
        )
    } else {
        None
    };
    let token = SecretToken::random();
    let created = invite::create(
        &state.db,
        NewInvite {
            token_hash: token.storage_hash(),
            purpose: Purpose::Invite,
            email: email.as_str().to_owned(),
            role: Some(role),
            organisation_id,
            account_id: None,
            created_by: Some(inviter.account_id),
            created_at: now,
            expires_at: now + retention::INVITE_VALID,
        },
    )
    .await;
    let logged = audit::record(
        &state,
        Event {
            event: "invite_created",
            actor: Some(inviter.account_id),
            detail: role.code().to_owned(),
            ..Event::default()
        },
    )
    .await;
    created.and(logged).or_unavailable(lang, &state.site)?;
    let path = format!("/uitnodiging/{}", token.as_str());
    let feedback = link_delivery(&state, &parts, "invite", email.as_str(), &path)
        .await
        .or_unavailable(lang, &state.site)?;
    let feedback = FormFeedback {
        form: "invite",
        ..feedback
    };
    Ok(render::again(&state, parts, feedback).await)
}

/// Mails the one-time link at `path` when mail is set up and the site's
/// address is configured; otherwise it is shown to the person who made it,
/// to pass on. With mail but without an address, they are told why it was
/// not mailed. `kind`: `invite` or `reset`.
pub async fn link_delivery(
    state: &AppState,
    parts: &Parts,
    kind: &str,
    to: &str,
    path: &str,
) -> Result<FormFeedback, store::StoreError> {
    let base = mail_base(state).filter(|_| state.mail_enabled);
    let Some(base) = base else {
        let notice = state
            .mail_enabled
            .then(|| ("invite.not_mailed_no_public_url".to_owned(), Vec::new()));
        return Ok(FormFeedback {
            shown_once: vec![format!("{}{path}", shown_base(state, parts))],
            notice,
            status: 200,
            ..FormFeedback::default()
        });
    };
    let link = format!("{base}{path}");
    store::outbox::enqueue(
        &state.db,
        crate::web::mail::link_mail(state, kind, to, &link),
        Utc::now(),
    )
    .await?;
    let key = if kind == "reset" {
        "accounts.reset_mailed"
    } else {
        "invite.mailed"
    };
    Ok(FormFeedback {
        notice: Some((key.to_owned(), vec![("email".to_owned(), to.to_owned())])),
        status: 200,
        ..FormFeedback::default()
    })
}

pub async fn accept(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<AcceptFields>,
) -> Answer {
    let Some(token) = SecretToken::parse(&token) else {
        return Err(page(&state, parts, StatusCode::NOT_FOUND, || ()).await);
    };
    let now = Utc::now();
    let open = match invite::open_by_token(&state.db, &token.storage_hash(), now)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Some(open) => open,
        // The page says the link no longer works.
        None => return Err(page(&state, parts, StatusCode::GONE, || ()).await),
    };
    let refuse = |key: &str, field: &'static str| {
        FormFeedback::error("accept", 422, key)
            .on(field)
            .typed("name", &fields.name)
    };
    let name = match open.purpose() {
        Purpose::Invite => match clean_name(&fields.name) {
            Some(name) => name,
            None => {
                return Err(
                    render::again(&state, parts, refuse("invite.name_invalid", "name")).await,
                );
            }
        },
        Purpose::Reset => String::new(),
    };
    if let Err(error) = password::check_new(&fields.password, &open.email) {
        let feedback = refuse(&format!("error.{}", error.code()), "password")
            .with("min", password::MIN_CHARS.to_string())
            .with("max", password::MAX_CHARS.to_string());
        return Err(render::again(&state, parts, feedback).await);
    }
    if fields.password != fields.password_again {
        return Err(render::again(
            &state,
            parts,
            refuse("invite.passwords_differ", "password_again"),
        )
        .await);
    }
    let typed = fields.password.clone();
    let Ok(hash) = tokio::task::spawn_blocking(move || password::hash(&typed)).await else {
        return Err(render::error_page(
            lang,
            &state.site,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error_page.unavailable",
        ));
    };
    let (event, subject, next) =
        match invite::accept(&state.db, token.storage_hash(), name, hash, now)
            .await
            .or_unavailable(lang, &state.site)?
        {
            Accepted::Created(id) => ("account_created", id, "/inloggen?gedaan=welcome"),
            Accepted::PasswordReset(id) => {
                ("password_reset_used", id, "/inloggen?gedaan=password_set")
            }
            Accepted::Invalid => return Err(page(&state, parts, StatusCode::GONE, || ()).await),
            Accepted::EmailTaken => {
                return Err(
                    render::again(&state, parts, refuse("invite.email_taken", "name")).await,
                );
            }
        };
    let detail = open.role.clone().unwrap_or_default();
    Ok({
        if let Err(error) = audit::record(
            &state,
            Event {
                event,
                actor: Some(subject),
                subject: Some(subject),
                detail,
                ..Event::default()
            },
        )
        .await
        {
            return Err(render::unavailable(lang, &state.site, &error));
        }
        Redirect::to(next).into_response()
    })
}
