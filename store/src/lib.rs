//! Trechter's storage. One [`Db`] runs on SQLite (the embedded default) or on
//! PostgreSQL (for larger municipalities), chosen by the database URL.
//!
//! Each concept has its own module (`round`, `idea`, …) with the queries for
//! it. SQL that both engines understand is written once: the [`read!`] and
//! [`write!`] macros compile the same query code for each engine's
//! connection type. Where the dialects differ, a module matches on the engine
//! and has one query per dialect. Rules never live here: they are in `domain`.
//!
//! On SQLite every write goes through one writer task that commits
//! concurrent writes together (see [`sqlite`]); on PostgreSQL writes run in a
//! transaction on the pool.

mod error;
mod macros;
pub mod postgres;
pub mod sqlite;

pub mod account;
pub mod audit;
pub mod backup;
pub mod challenge;
pub mod cluster;
pub mod co_moderator;
pub mod embedding;
pub mod flag;
pub mod idea;
pub mod insight;
pub mod invite;
pub mod login_failure;
pub mod moderation;
pub mod neighbourhood;
pub mod open_data;
pub mod outbox;
pub mod paper;
pub mod participant;
pub mod plan;
pub mod progress;
pub mod provider_sign_in;
pub mod reaction;
pub mod round;
pub mod session;
pub mod setting;
pub mod support;

#[cfg(feature = "testing")]
pub mod testing;

pub use error::StoreError;

/// `<column> IN ('collecting', …)`: the phases `action` is allowed in, as
/// `domain::lifecycle` says, for a statement that checks the phase in the
/// same step as its change. The codes are the domain's own constants, never
/// input, so writing them into the SQL is safe.
pub(crate) fn phase_allows(column: &str, action: domain::lifecycle::RoundAction) -> String {
    let codes: Vec<String> = domain::lifecycle::phases(action)
        .into_iter()
        .map(|p| format!("'{}'", p.code()))
        .collect();
    format!("{column} IN ({})", codes.join(", "))
}

use std::time::Duration;

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(sqlite::SqliteDb),
    Postgres(postgres::PostgresDb),
}

/// Which engine a URL selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// `postgres://…` and `postgresql://…` select PostgreSQL; anything else
    /// is a SQLite URL (`sqlite://file.db`) or a plain file path.
    pub fn of_url(url: &str) -> Engine {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }
}

impl Db {
    /// Opens the database (creating a SQLite file if missing) and applies
    /// all migrations that have not run yet. Fails if a migration fails: the
    /// app must never run against a schema it does not know.
    pub async fn open(url: &str) -> Result<Db, StoreError> {
        match Engine::of_url(url) {
            Engine::Sqlite => Ok(Db::Sqlite(sqlite::SqliteDb::open(url).await?)),
            Engine::Postgres => Ok(Db::Postgres(postgres::PostgresDb::open(url).await?)),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Answers whether the database answers, within `timeout`.
    pub async fn ping(&self, timeout: Duration) -> Result<(), StoreError> {
        let ping = async {
            read!(self, |pool| sqlx::query_scalar::<_, i32>("SELECT 1")
                .fetch_one(pool)
                .await)?;
            Ok(())
        };
        tokio::time::timeout(timeout, ping)
            .await
            .unwrap_or(Err(StoreError::Unavailable))
    }

    /// Open and idle connections of the pool (on SQLite: the readers;
    /// the one writer is always open).
    pub fn pool_connections(&self) -> (u64, u64) {
        let (size, idle) = match self {
            Db::Sqlite(db) => (db.reader().size(), db.reader().num_idle()),
            Db::Postgres(db) => (db.pool.size(), db.pool.num_idle()),
        };
        (u64::from(size), idle as u64)
    }

    /// Finishes pending writes and closes all connections.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(db) => db.close().await,
            Db::Postgres(db) => db.pool.close().await,
        }
    }
}
