use std::sync::Arc;

/// What can go wrong in storage. Callers match on the variants; the inner
/// database error is for logs only and must never be shown to a user.
#[derive(Clone, Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A write that must not happen (a unique value taken); the
    /// transaction was rolled back.
    #[error("conflict")]
    Conflict,
    #[error("the database did not answer in time")]
    Unavailable,
    #[error("database error: {0}")]
    Database(Arc<sqlx::Error>),
    #[error("migration failed: {0}")]
    Migration(Arc<sqlx::migrate::MigrateError>),
    #[error("invalid database url: {0}")]
    InvalidUrl(String),
    /// Asked of PostgreSQL what only SQLite does here (backups: pg_dump).
    #[error("only for a SQLite database; on PostgreSQL use pg_dump and pg_restore")]
    NotSqlite,
    /// A database file failed its check.
    #[error("the database file failed its check: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut => StoreError::Unavailable,
            other => StoreError::Database(Arc::new(other)),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migration(Arc::new(err))
    }
}
