//! SQLite: one file, WAL mode, foreign keys on, a busy timeout, and
//! `synchronous = FULL` so that a write acknowledged to a user survives a
//! crash or power loss.
//!
//! Reads use a pool of read-only connections. All writes go through a single
//! writer task that owns the one write connection: it takes every write that
//! is waiting, runs each in its own savepoint (a failing write rolls back
//! alone), commits them together with one fsync, and only then answers each
//! caller. On a disk where an fsync costs milliseconds, this "group commit"
//! is what makes a thousand durable submissions a second possible; it also
//! means SQLite never sees two writers competing for its lock.

use crate::StoreError;
use futures_util::FutureExt;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// How long a connection waits for SQLite's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Most writes committed together; bounds the latency one commit adds.
const MAX_BATCH: usize = 256;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[derive(Clone, Debug)]
pub struct SqliteDb {
    read: SqlitePool,
    writer: Writer,
}

impl SqliteDb {
    pub async fn open(url: &str) -> Result<SqliteDb, StoreError> {
        let base = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let base = base.foreign_keys(true).busy_timeout(BUSY_TIMEOUT);

        let mut write_conn = base
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .connect()
            .await?;
        MIGRATOR.run(&mut write_conn).await?;

        let readers = std::thread::available_parallelism()
            .map_or(4, |n| n.get() * 2)
            .max(4);
        let read = SqlitePoolOptions::new()
            .max_connections(readers as u32)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect_with(base.read_only(true))
            .await?;
        Ok(SqliteDb {
            read,
            writer: Writer::start(write_conn),
        })
    }

    pub(crate) fn reader(&self) -> &SqlitePool {
        &self.read
    }

    pub(crate) fn writer(&self) -> &Writer {
        &self.writer
    }

    pub(crate) async fn close(&self) {
        self.read.close().await;
    }
}

/// What one write did inside its savepoint, and how to answer its caller
/// once the commit of its batch is known.
struct Outcome {
    succeeded: bool,
    reply: Box<dyn FnOnce(Option<StoreError>) + Send>,
}

type Work = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Outcome> + Send>;

/// The queue to the writer task.
#[derive(Clone, Debug)]
pub struct Writer {
    queue: mpsc::Sender<Work>,
}

impl Writer {
    fn start(conn: SqliteConnection) -> Writer {
        let (queue, jobs) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(write_loop(conn, jobs));
        Writer { queue }
    }

    /// Runs `work` in a transaction on the write connection and returns its
    /// result once that transaction is durably committed.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, StoreError>>
            + Send
            + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Work = Box::new(move |conn| {
            Box::pin(async move {
                let result = work(conn).await;
                Outcome {
                    succeeded: result.is_ok(),
                    reply: Box::new(move |commit_error| {
                        let _ = answer.send(match commit_error {
                            Some(err) => Err(err),
                            None => result,
                        });
                    }),
                }
            })
        });
        self.queue
            .send(job)
            .await
            .map_err(|_| StoreError::Unavailable)?;
        // A dropped answer means the write did not commit (its batch could
        // not start, or it panicked and was rolled back).
        answered.await.unwrap_or(Err(StoreError::Unavailable))
    }
}

async fn write_loop(mut conn: SqliteConnection, mut jobs: mpsc::Receiver<Work>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit_batch(&mut conn, &mut batch).await;
    }
}

async fn commit_batch(conn: &mut SqliteConnection, batch: &mut Vec<Work>) {
    let mut tx = match conn.begin().await {
        Ok(tx) => tx,
        Err(err) => {
            tracing::error!(error = %err, writes = batch.len(), "could not start a write batch");
            batch.clear();
            return;
        }
    };
    let mut replies = Vec::with_capacity(batch.len());
    for work in batch.drain(..) {
        let mut savepoint = match tx.begin().await {
            Ok(savepoint) => savepoint,
            Err(err) => {
                tracing::error!(error = %err, "could not start a savepoint");
                continue;
            }
        };
        match AssertUnwindSafe(work(&mut savepoint)).catch_unwind().await {
            Ok(Outcome {
                succeeded: true,
                reply,
            }) => match savepoint.commit().await {
                Ok(()) => replies.push(reply),
                Err(err) => reply(Some(err.into())),
            },
            Ok(Outcome {
                succeeded: false,
                reply,
            }) => {
                let _ = savepoint.rollback().await;
                replies.push(reply);
            }
            Err(_) => {
                tracing::error!("a write panicked; it was rolled back");
                let _ = savepoint.rollback().await;
            }
        }
    }
    let commit_error = tx.commit().await.err().map(StoreError::from);
    if let Some(err) = &commit_error {
        tracing::error!(error = %err, writes = replies.len(), "a write batch failed to commit");
    }
    for reply in replies {
        reply(commit_error.clone());
    }
}
