//! `trechter admin create --email …`: the first admin of an installation
//! gets an invitation link on the command line, so no password is ever
//! typed into a shell history. `trechter admin allow-passwords`: the way
//! back in when staff must sign in at a provider that is down.

use crate::config::Config;
use chrono::Utc;
use domain::{EmailAddress, Role, SecretToken, retention};
use store::Db;
use store::audit::{self, Event};
use store::invite::{self, NewInvite, Purpose};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0:?} is not an email address")]
    InvalidEmail(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

pub async fn create_invite(db: &Db, config: &Config, email: &str) -> Result<String, AdminError> {
    let email =
        EmailAddress::parse(email).ok_or_else(|| AdminError::InvalidEmail(email.to_owned()))?;
    let token = SecretToken::random();
    let now = Utc::now();
    invite::create(
        db,
        NewInvite {
            token_hash: token.storage_hash(),
            purpose: Purpose::Invite,
            email: email.as_str().to_owned(),
            role: Some(Role::Admin),
            organisation_id: None,
            account_id: None,
            created_by: None,
            created_at: now,
            expires_at: now + retention::INVITE_VALID,
        },
    )
    .await?;
    audit::append(
        db,
        Event {
            event: "invite_created",
            detail: "admin (command line)".into(),
            ..Event::default()
        },
        now,
    )
    .await?;
    let base = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    Ok(format!(
        "{}/uitnodiging/{}",
        base.trim_end_matches('/'),
        token.as_str()
    ))
}

/// Turns off "admins and staff sign in only at the provider".
pub async fn allow_passwords(db: &Db) -> Result<(), AdminError> {
    store::setting::set(db, store::setting::REQUIRE_PROVIDER, "false").await?;
    audit::append(
        db,
        Event {
            event: "settings_changed",
            detail: "require_provider=false (command line)".into(),
            ..Event::default()
        },
        Utc::now(),
    )
    .await?;
    Ok(())
}
