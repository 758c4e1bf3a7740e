//! Signed-in sessions, stored in the database so that several app servers
//! share them and a session can be ended everywhere. Only the hash of the
//! session id is stored.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Password checked, second factor still to come.
    SecondFactor,
    SignedIn,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Stage::SecondFactor => "second_factor",
            Stage::SignedIn => "signed_in",
        }
    }
}

/// A live session with what the policy needs to know about its account.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub account_id: i64,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub stage: Stage,
    pub second_factor: bool,
    /// An admin requires a second factor for this account's role.
    pub second_factor_required: bool,
    pub last_seen_at: DateTime<Utc>,
    pub co_moderated_rounds: Vec<i64>,
    /// Signed in at the municipality's OpenID provider.
    pub via_provider: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    account_id: i64,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    organisation_id: Option<i64>,
    stage: String,
    second_factor: bool,
    require_second_factor: Option<String>,
    last_seen_at: DateTime<Utc>,
    via_provider: bool,
}

pub async fn create(
    db: &Db,
    id_hash: String,
    account_id: i64,
    stage: Stage,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, stage, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $4, $5)",
        )
        .bind(id_hash)
        .bind(account_id)
        .bind(stage.code())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// A session signed in at the municipality's OpenID provider; `strong`:
/// with the required strong authentication, which counts as the second
/// factor.
pub async fn create_via_provider(
    db: &Db,
    id_hash: String,
    account_id: i64,
    strong: bool,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, stage, created_at, last_seen_at, expires_at,
                                   via_provider, strong)
             VALUES ($1, $2, 'signed_in', $3, $3, $4, TRUE, $5)",
        )
        .bind(id_hash)
        .bind(account_id)
        .bind(now)
        .bind(expires_at)
        .bind(strong)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// The session with this id hash, if it has not expired (absolute, or idle
/// longer than `idle_since` allows) and its account is not blocked.
pub async fn find(
    db: &Db,
    id_hash: &str,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<Option<Session>, StoreError> {
    let row: Option<Row> = read!(db, |pool| {
        sqlx::query_as(
            "SELECT s.account_id, a.display_name, a.role, a.organisation_id, s.stage,
                    (a.totp_secret IS NOT NULL OR s.strong) AS second_factor, s.last_seen_at,
                    s.via_provider,
                    (SELECT value FROM settings WHERE key = 'require_second_factor')
                        AS require_second_factor
             FROM sessions s JOIN accounts a ON a.id = s.account_id
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3
               AND a.disabled_at IS NULL",
        )
        .bind(id_hash)
        .bind(now)
        .bind(idle_since)
        .fetch_optional(pool)
        .await
    })?;
    let Some(row) = row else { return Ok(None) };
    let co_moderated_rounds = if row.role == Role::ExperienceExpert {
        crate::co_moderator::rounds_of(db, row.account_id).await?
    } else {
        Vec::new()
    };
    Ok(Some(Session {
        account_id: row.account_id,
        display_name: row.display_name,
        role: row.role,
        organisation_id: row.organisation_id,
        stage: if row.stage == "signed_in" {
            Stage::SignedIn
        } else {
            Stage::SecondFactor
        },
        second_factor: row.second_factor,
        second_factor_required: row.role.is_powerful()
            && row.require_second_factor.as_deref() == Some("true"),
        last_seen_at: row.last_seen_at,
        co_moderated_rounds,
        via_provider: row.via_provider,
    }))
}

/// Marks the session as used now (for the idle expiry).
pub async fn touch(db: &Db, id_hash: String, now: DateTime<Utc>) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Replaces a session by a new one at a new stage: a new id after each
/// step of signing in, so an id seen before it is worth nothing after.
pub async fn rotate(
    db: &Db,
    old_hash: String,
    new_hash: String,
    stage: Stage,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let account: Option<i64> =
            sqlx::query_scalar("DELETE FROM sessions WHERE id_hash = $1 RETURNING account_id")
                .bind(&old_hash)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(account_id) = account else {
            return Ok(false);
        };
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, stage, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $4, $5)",
        )
        .bind(&new_hash)
        .bind(account_id)
        .bind(stage.code())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
        Ok(true)
    })
}

pub async fn delete(db: &Db, id_hash: String) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

/// Ends every session of an account ("sign out everywhere").
pub async fn delete_all_of(db: &Db, account_id: i64) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}

pub async fn count_of(db: &Db, account_id: i64, now: DateTime<Utc>) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE account_id = $1 AND expires_at > $2
               AND stage = 'signed_in'",
        )
        .bind(account_id)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

/// Deletes sessions that can no longer be used.
pub async fn purge(
    db: &Db,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now)
            .bind(idle_since)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}
