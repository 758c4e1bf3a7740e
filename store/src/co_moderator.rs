//! Experience experts appointed as co-moderator of one round.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CoModerator {
    pub account_id: i64,
    pub display_name: String,
}

pub async fn rounds_of(db: &Db, account_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT round_id FROM co_moderators WHERE account_id = $1 ORDER BY round_id",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}

pub async fn of_round(db: &Db, round_id: i64) -> Result<Vec<CoModerator>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT a.id AS account_id, a.display_name
             FROM co_moderators c JOIN accounts a ON a.id = c.account_id
             WHERE c.round_id = $1 ORDER BY a.display_name",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Appoints; true if new. Only enabled experience experts can be appointed.
pub async fn appoint(
    db: &Db,
    round_id: i64,
    account_id: i64,
    appointed_by: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query(
            "INSERT INTO co_moderators (round_id, account_id, appointed_by, appointed_at)
             SELECT $1, id, $3, $4 FROM accounts
             WHERE id = $2 AND role = 'experience_expert' AND disabled_at IS NULL
             ON CONFLICT DO NOTHING",
        )
        .bind(round_id)
        .bind(account_id)
        .bind(appointed_by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    })
}

pub async fn remove(db: &Db, round_id: i64, account_id: i64) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM co_moderators WHERE round_id = $1 AND account_id = $2")
            .bind(round_id)
            .bind(account_id)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    })
}
