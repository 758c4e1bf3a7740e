//! The audit log of security events. Append-only: the database refuses
//! updates and deletes (see the migration's triggers).

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, Default)]
pub struct Event {
    /// A stable code such as `sign_in_failed`; the admin page translates it.
    pub event: &'static str,
    pub actor: Option<i64>,
    pub subject: Option<i64>,
    pub round_id: Option<i64>,
    /// A short, non-personal detail (a role code, a count).
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub event: String,
    pub actor_name: Option<String>,
    pub subject_name: Option<String>,
    pub round_title: Option<String>,
    pub detail: String,
}

pub async fn append(db: &Db, event: Event, at: DateTime<Utc>) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO audit_log (at, event, actor_account_id, subject_account_id, round_id, detail)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(at)
        .bind(event.event)
        .bind(event.actor)
        .bind(event.subject)
        .bind(event.round_id)
        .bind(&event.detail)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

/// The newest entries, `limit` at a time, older than `before_id` if given.
pub async fn newest(db: &Db, limit: i64, before_id: Option<i64>) -> Result<Vec<Entry>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT l.id, l.at, l.event, actor.display_name AS actor_name,
                    subject.display_name AS subject_name, r.title AS round_title, l.detail
             FROM audit_log l
             LEFT JOIN accounts actor ON actor.id = l.actor_account_id
             LEFT JOIN accounts subject ON subject.id = l.subject_account_id
             LEFT JOIN rounds r ON r.id = l.round_id
             WHERE l.id < COALESCE($1, 9223372036854775807)
             ORDER BY l.id DESC LIMIT $2",
        )
        .bind(before_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })?)
}
