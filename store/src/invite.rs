//! One-time links: invitations to create an account with a role, and
//! password resets made by an admin. Only the token's hash is stored.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewInvite {
    pub token_hash: String,
    pub purpose: Purpose,
    pub email: String,
    pub role: Option<Role>,
    pub organisation_id: Option<i64>,
    /// The account whose password is reset.
    pub account_id: Option<i64>,
    /// `None` when made on the command line.
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An unused, unexpired link as its page shows it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OpenInvite {
    pub id: i64,
    pub purpose: String,
    pub email: String,
    pub role: Option<String>,
    pub organisation_name: Option<String>,
    pub created_by_name: Option<String>,
    pub expires_at: DateTime<Utc>,
}

impl OpenInvite {
    pub fn purpose(&self) -> Purpose {
        if self.purpose == "reset" {
            Purpose::Reset
        } else {
            Purpose::Invite
        }
    }
}

pub async fn create(db: &Db, invite: NewInvite) -> Result<i64, StoreError> {
    write!(db, |conn| {
        let id = sqlx::query_scalar(
            "INSERT INTO invites (token_hash, purpose, email, role, organisation_id, account_id,
                                  created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&invite.token_hash)
        .bind(invite.purpose.code())
        .bind(&invite.email)
        .bind(invite.role.map(Role::code))
        .bind(invite.organisation_id)
        .bind(invite.account_id)
        .bind(invite.created_by)
        .bind(invite.created_at)
        .bind(invite.expires_at)
        .fetch_one(&mut *conn)
        .await?;
        Ok(id)
    })
}

const OPEN_COLUMNS: &str = "SELECT i.id, i.purpose, i.email, i.role, o.name AS organisation_name,
        a.display_name AS created_by_name, i.expires_at
     FROM invites i
     LEFT JOIN organisations o ON o.id = i.organisation_id
     LEFT JOIN accounts a ON a.id = i.created_by";

/// The link with this token hash, if it can still be used.
pub async fn open_by_token(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<OpenInvite>, StoreError> {
    let sql = format!(
        "{OPEN_COLUMNS} WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2"
    );
    Ok(read!(db, |pool| sqlx::query_as(&sql)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await)?)
}

/// Links not yet used, newest first, for the admin page.
pub async fn all_open(db: &Db, now: DateTime<Utc>) -> Result<Vec<OpenInvite>, StoreError> {
    let sql =
        format!("{OPEN_COLUMNS} WHERE i.used_at IS NULL AND i.expires_at > $1 ORDER BY i.id DESC");
    Ok(read!(db, |pool| sqlx::query_as(&sql)
        .bind(now)
        .fetch_all(pool)
        .await)?)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    /// A new account with this id.
    Created(i64),
    /// The password of this account was replaced; its sessions ended.
    PasswordReset(i64),
    /// Used, expired or never issued.
    Invalid,
    /// An account with the invited email exists already.
    EmailTaken,
}

#[derive(sqlx::FromRow)]
struct UsedInvite {
    purpose: String,
    email: String,
    role: Option<String>,
    organisation_id: Option<i64>,
    account_id: Option<i64>,
}

/// Uses a link: creates the account or sets the new password, once. The
/// link is marked used in the same transaction, so two tabs cannot both
/// use it.
pub async fn accept(
    db: &Db,
    token_hash: String,
    display_name: String,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<Accepted, StoreError> {
    write!(db, |conn| {
        let row: Option<UsedInvite> = sqlx::query_as(
            "UPDATE invites SET used_at = $1
                 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
                 RETURNING purpose, email, role, organisation_id, account_id",
        )
        .bind(now)
        .bind(&token_hash)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(UsedInvite {
            purpose,
            email,
            role,
            organisation_id,
            account_id,
        }) = row
        else {
            return Ok(Accepted::Invalid);
        };
        if purpose == "reset" {
            let Some(account_id) = account_id else {
                return Ok(Accepted::Invalid);
            };
            sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
                .bind(&password_hash)
                .bind(account_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *conn)
                .await?;
            return Ok(Accepted::PasswordReset(account_id));
        }
        let created: Option<i64> = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, role, organisation_id, password_hash,
                                   created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(&email)
        .bind(&display_name)
        .bind(role.as_deref().unwrap_or("partner"))
        .bind(organisation_id)
        .bind(&password_hash)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        match created {
            Some(id) => Ok(Accepted::Created(id)),
            // The invite stays usable: roll this job back.
            None => Err(StoreError::Conflict),
        }
    })
    .or_else(|error| match error {
        StoreError::Conflict => Ok(Accepted::EmailTaken),
        other => Err(other),
    })
}
