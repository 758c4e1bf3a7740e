//! Failed sign-ins, by a hash of the account's email and by a hash of the
//! client's address, kept for the throttling window only.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

pub async fn record(db: &Db, key_hashes: Vec<String>, at: DateTime<Utc>) -> Result<(), StoreError> {
    write!(db, |conn| {
        for key in &key_hashes {
            sqlx::query("INSERT INTO login_failures (key_hash, at) VALUES ($1, $2)")
                .bind(key)
                .bind(at)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

pub async fn since(
    db: &Db,
    key_hash: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT at FROM login_failures WHERE key_hash = $1 AND at > $2")
            .bind(key_hash)
            .bind(since)
            .fetch_all(pool)
            .await
    })?)
}

/// Forgets an account's failures after it signed in successfully.
pub async fn clear(db: &Db, key_hash: String) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query("DELETE FROM login_failures WHERE key_hash = $1")
            .bind(key_hash)
            .execute(&mut *conn)
            .await?;
        Ok(())
    })
}

pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
            .bind(before)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}
