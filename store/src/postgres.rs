//! PostgreSQL: a connection pool; migrations from `migrations/postgres`.
//! Several app servers may share one database: sqlx serialises concurrent
//! migration runs with an advisory lock.

use crate::StoreError;
use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Debug)]
pub struct PostgresDb {
    pub(crate) pool: PgPool,
}

impl PostgresDb {
    pub async fn open(url: &str) -> Result<PostgresDb, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(PostgresDb { pool })
    }
}
