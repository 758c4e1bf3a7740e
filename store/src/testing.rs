//! Test support: every test gets its own fresh, migrated database — a SQLite
//! file in a temporary directory, or a new PostgreSQL database on the server
//! named by `TEST_DATABASE_URL`. Tests can therefore run in parallel.
//!
//! Without `TEST_DATABASE_URL` the PostgreSQL variants are skipped, unless
//! `TRECHTER_REQUIRE_POSTGRES=1` (set by `.ci/run`), which makes them fail
//! instead, so CI can never silently test one engine only.

use crate::Db;
use sqlx::{Connection, Executor, PgConnection};

pub struct TestDb {
    pub db: Db,
    /// The database's URL, for a server process of its own.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("trechter-test.db");
        let url = path.to_str().expect("utf-8 path").to_owned();
        let db = Db::open(&url).await.expect("open SQLite test database");
        TestDb {
            db,
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A fresh PostgreSQL database, or `None` when PostgreSQL tests are off.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            assert!(
                std::env::var("TRECHTER_REQUIRE_POSTGRES").is_err(),
                "TRECHTER_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
            );
            eprintln!("TEST_DATABASE_URL is not set: skipping the PostgreSQL variant");
            return None;
        };
        let database = format!("trechter_test_{:016x}", rand::random::<u64>());
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        admin
            .execute(format!("CREATE DATABASE {database}").as_str())
            .await
            .expect("create test database");
        let url = with_database(&admin_url, &database);
        let db = Db::open(&url).await.expect("open PostgreSQL test database");
        Some(TestDb {
            db,
            url,
            cleanup: Cleanup::Postgres {
                admin_url,
                database,
            },
        })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres {
            admin_url,
            database,
        } = &self.cleanup
        {
            // Drop runs outside async code; a short-lived thread with its own
            // runtime removes the database (FORCE ends the pool's sessions).
            let (admin_url, sql) = (
                admin_url.clone(),
                format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
            );
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime
                    .block_on(async {
                        let mut admin = PgConnection::connect(&admin_url).await?;
                        admin.execute(sql.as_str()).await?;
                        Ok::<_, sqlx::Error>(())
                    })
                    .map_err(std::io::Error::other)
            })
            .join();
        }
    }
}

/// `url` with its database name replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

/// Declares each listed `async fn name(db: Db)` as two tests, `sqlite::name`
/// and `postgres::name`, each on its own fresh database.
#[macro_export]
macro_rules! test_on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let test_db = $crate::testing::TestDb::sqlite().await;
                    super::$name(test_db.db.clone()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(test_db) = $crate::testing::TestDb::postgres().await else { return };
                    super::$name(test_db.db.clone()).await;
                }
            )*
        }
    };
}

/// Runs one SQL statement in a write transaction: for tests that check
/// what the database itself refuses.
pub async fn execute(db: &Db, sql: &'static str) -> Result<(), crate::StoreError> {
    crate::write!(db, |conn| {
        sqlx::query(sql).execute(&mut *conn).await?;
        Ok(())
    })
}

/// Reads one number: for tests that look at what no API shows (kept
/// originals, counts of rows).
pub async fn scalar(db: &Db, sql: &'static str) -> i64 {
    crate::read!(db, |pool| sqlx::query_scalar(sql).fetch_one(pool).await)
        .expect("the test query runs")
}

/// A column of text from a test query.
pub async fn strings(db: &Db, sql: &'static str) -> Vec<String> {
    crate::read!(db, |pool| sqlx::query_scalar(sql).fetch_all(pool).await)
        .expect("the test query runs")
}

/// A column of numbers from a test query made at run time.
pub async fn integers(db: &Db, sql: &str) -> Vec<i64> {
    crate::read!(db, |pool| sqlx::query_scalar(sql).fetch_all(pool).await)
        .expect("the test query runs")
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
