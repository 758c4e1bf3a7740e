//! Backups of a SQLite database: a consistent copy taken while the app
//! runs, and bringing one back. PostgreSQL has its own tools (`pg_dump`,
//! see the README).
//!
//! `VACUUM INTO` copies one read snapshot: writes committed after it began
//! are not in the copy, writes before it are, and no half of a write is.
//! Readers never block the writer in WAL mode, so the app keeps answering.

use crate::{Db, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::Path;

/// What a backup or restore checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// Rows per table, by table name.
    pub rows: Vec<(String, i64)>,
}

/// Writes a consistent copy of the running SQLite database to `to`, which
/// must not exist yet, and checks the copy.
pub async fn backup(db: &Db, to: &Path) -> Result<Checked, StoreError> {
    let Db::Sqlite(sqlite) = db else {
        return Err(StoreError::NotSqlite);
    };
    if to.exists() {
        return Err(StoreError::Conflict);
    }
    let target = to
        .to_str()
        .ok_or_else(|| StoreError::InvalidUrl(to.display().to_string()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(sqlite.reader())
        .await?;
    check(to).await
}

/// Puts the backup at `from` in place of the SQLite database file at `to`
/// (the app must be stopped). The backup is checked first; the old file is
/// replaced in one rename, so a crash leaves either the old or the new.
pub async fn restore(from: &Path, to: &Path) -> Result<Checked, StoreError> {
    let checked = check(from).await?;
    let mut staging = to.as_os_str().to_owned();
    staging.push(".restoring");
    let staging = std::path::PathBuf::from(staging);
    tokio::fs::copy(from, &staging).await.map_err(io)?;
    tokio::fs::File::open(&staging)
        .await
        .map_err(io)?
        .sync_all()
        .await
        .map_err(io)?;
    // A write-ahead log beside the old file belongs to the old file.
    for suffix in ["-wal", "-shm"] {
        let mut side = to.as_os_str().to_owned();
        side.push(suffix);
        match tokio::fs::remove_file(&side).await {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
    }
    tokio::fs::rename(&staging, to).await.map_err(io)?;
    Ok(checked)
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Database(std::sync::Arc::new(sqlx::Error::Io(e)))
}

/// Opens a database file read-only, runs SQLite's integrity check and
/// counts the rows of every table. A file that is no Trechter database
/// (no migrations table) fails.
pub async fn check(path: &Path) -> Result<Checked, StoreError> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await?;
    if integrity != "ok" {
        return Err(StoreError::Corrupt(integrity));
    }
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await?;
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Err(StoreError::Corrupt("not a Trechter database".into()));
    }
    let mut rows = Vec::new();
    for table in tables {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&mut conn)
            .await?;
        rows.push((table, count));
    }
    conn.close().await?;
    Ok(Checked { rows })
}
