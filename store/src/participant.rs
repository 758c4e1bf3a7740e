//! Pseudonymous participants: residents who contribute without an account,
//! known only by the hash of their receipt code.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

/// The participant whose receipt code hashes to `code_hash`, if any.
pub async fn id_by_code_hash(db: &Db, code_hash: &str) -> Result<Option<i64>, StoreError> {
    let id = read!(db, |pool| {
        sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(pool)
            .await
    })?;
    Ok(id)
}

/// What a participant chose to tell about themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Profile {
    pub nickname: Option<String>,
    pub has_contact_email: bool,
}

pub async fn profile(db: &Db, code_hash: &str) -> Result<Option<Profile>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT p.nickname, c.participant_id IS NOT NULL AS has_contact_email
             FROM participants p LEFT JOIN participant_contacts c ON c.participant_id = p.id
             WHERE p.code_hash = $1",
        )
        .bind(code_hash)
        .fetch_optional(pool)
        .await
    })?)
}

/// Sets or clears (`None`) the nickname; false if there is no such participant.
pub async fn set_nickname(
    db: &Db,
    code_hash: String,
    nickname: Option<String>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("UPDATE participants SET nickname = $1 WHERE code_hash = $2")
            .bind(nickname)
            .bind(code_hash)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    })
}

/// Stores (or replaces) the address to hear back at, or deletes it (`None`).
pub async fn set_contact_email(
    db: &Db,
    code_hash: String,
    email: Option<String>,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                .bind(&code_hash)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(id) = id else { return Ok(false) };
        sqlx::query("DELETE FROM participant_contacts WHERE participant_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if let Some(email) = &email {
            sqlx::query("INSERT INTO participant_contacts (participant_id, email, created_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(email)
                .bind(at)
                .execute(&mut *conn)
                .await?;
        }
        Ok(true)
    })
}

/// Deletes every stored copy of the address whose stop token is `token`
/// (`domain::email::stop_token`); how many went. The token is compared
/// with each address's, as only addresses are stored, not tokens.
pub async fn stop_mail(db: &Db, salt: &str, token: &str) -> Result<u64, StoreError> {
    let (salt, token) = (salt.to_owned(), token.to_owned());
    write!(db, |conn| {
        let contacts: Vec<(i64, String)> =
            sqlx::query_as("SELECT participant_id, email FROM participant_contacts")
                .fetch_all(&mut *conn)
                .await?;
        let mut deleted = 0;
        for (participant_id, email) in contacts {
            if domain::email::stop_token(&salt, &email) == token {
                deleted +=
                    sqlx::query("DELETE FROM participant_contacts WHERE participant_id = $1")
                        .bind(participant_id)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected();
            }
        }
        Ok(deleted)
    })
}

/// Deletes contact addresses given before `before` (the retention limit).
pub async fn purge_contact_emails(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM participant_contacts WHERE created_at <= $1")
            .bind(before)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}
