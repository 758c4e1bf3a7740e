//! Failed tries at a secret (sign-ins, receipt codes), under the hashed
//! keys of [`Attempt::keys`], kept for the throttling window only.
//!
//! A try is counted as a failure *before* the secret is checked
//! ([`reserve`]) and taken back when it was right ([`release`]): the count
//! and the reservation are one transaction, serialised per key, so tries
//! sent in parallel, also to several app servers, cannot all pass the gate
//! before the first failure is written. A process that dies while checking
//! leaves a failure behind, which errs on the safe side.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::throttle::{self, Attempt, Gate};

/// Failures counted for a try that is still being checked.
#[must_use = "release it when the secret was right"]
#[derive(Debug)]
pub struct Reserved {
    ids: Vec<i64>,
}

/// Counts a failure under each of the attempt's keys if its gate is open
/// now; otherwise says until when it is shut (and counts nothing).
pub async fn reserve(
    db: &Db,
    attempt: Attempt,
    now: DateTime<Utc>,
) -> Result<Result<Reserved, Gate>, StoreError> {
    // SQLite runs write transactions one at a time; PostgreSQL needs a lock
    // per key, taken in one order so that two tries cannot deadlock.
    let lock = match db {
        Db::Sqlite(_) => None,
        Db::Postgres(_) => Some("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"),
    };
    write!(db, |conn| {
        let keys: Vec<String> = attempt.keys().into_iter().map(str::to_owned).collect();
        if let Some(lock) = lock {
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            sorted.dedup();
            for key in &sorted {
                sqlx::query(lock).bind(key).execute(&mut *conn).await?;
            }
        }
        let mut failures = Vec::with_capacity(keys.len());
        for key in &keys {
            let at: Vec<DateTime<Utc>> =
                sqlx::query_scalar("SELECT at FROM login_failures WHERE key_hash = $1 AND at > $2")
                    .bind(key)
                    .bind(now - throttle::WINDOW)
                    .fetch_all(&mut *conn)
                    .await?;
            failures.push(at);
        }
        let gate = attempt.gate(&failures, now);
        if !gate.is_open() {
            return Ok(Err(gate));
        }
        let mut ids = Vec::with_capacity(keys.len());
        for key in &keys {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO login_failures (key_hash, at) VALUES ($1, $2) RETURNING id",
            )
            .bind(key)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            ids.push(id);
        }
        Ok(Ok(Reserved { ids }))
    })
}

/// Takes back the failures of a try whose secret was right.
pub async fn release(db: &Db, reserved: Reserved) -> Result<(), StoreError> {
    write!(db, |conn| {
        for id in &reserved.ids {
            sqlx::query("DELETE FROM login_failures WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

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

/// Forgets the failures under one key (a client's on an account, after it
/// signed in successfully).
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
