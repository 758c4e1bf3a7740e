//! A SQLite backup taken while ideas are being written is consistent and
//! holds what was committed before it; restoring it brings exactly that
//! back. PostgreSQL is refused (pg_dump is its tool).

mod common;

use common::{send, world};
use store::backup::{self, Checked};
use store::testing::scalar;
use store::{Db, StoreError};

fn rows(checked: &Checked, table: &str) -> i64 {
    checked
        .rows
        .iter()
        .find(|(t, _)| t == table)
        .map_or(-1, |(_, n)| *n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_while_ideas_come_in_is_consistent_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let db = Db::open(live.to_str().unwrap()).await.unwrap();
    let w = world(&db, false).await;
    for i in 0..20 {
        send(&db, &w, &format!("Idee voor de back-up nummer {i}"), |_| {}).await;
    }
    let before = scalar(&db, "SELECT COUNT(*) FROM ideas").await;

    // Residents keep sending while the backup runs.
    let writer = {
        let db = db.clone();
        let w = common::World {
            round_id: w.round_id,
            question_ids: w.question_ids.clone(),
            moderator: w.moderator,
        };
        tokio::spawn(async move {
            for i in 0..100 {
                send(
                    &db,
                    &w,
                    &format!("Idee tijdens de back-up nummer {i}"),
                    |_| {},
                )
                .await;
            }
        })
    };
    let copy = dir.path().join("copy.db");
    let taken = backup::backup(&db, &copy).await.unwrap();
    writer.await.unwrap();
    let after = scalar(&db, "SELECT COUNT(*) FROM ideas").await;
    let in_copy = rows(&taken, "ideas");
    assert!(
        (before..=after).contains(&in_copy),
        "{before} ≤ {in_copy} ≤ {after}"
    );
    // Consistent: every idea in the copy has its participant.
    assert_eq!(rows(&taken, "participants"), in_copy);
    // Never over an existing file.
    assert!(matches!(
        backup::backup(&db, &copy).await,
        Err(StoreError::Conflict)
    ));
    db.close().await;

    // Restore over the live file: it holds exactly the copy.
    let restored = backup::restore(&copy, &live).await.unwrap();
    assert_eq!(restored, taken);
    let db = Db::open(live.to_str().unwrap()).await.unwrap();
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM ideas").await, in_copy);
    assert_eq!(backup::check(&live).await.unwrap(), taken);
    db.close().await;

    // A file that is no database is refused and changes nothing.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"geen database").unwrap();
    assert!(backup::restore(&junk, &live).await.is_err());
    assert_eq!(backup::check(&live).await.unwrap(), taken);
}

#[tokio::test]
async fn postgres_is_left_to_pg_dump() {
    let Some(test_db) = store::testing::TestDb::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        backup::backup(&test_db.db, &dir.path().join("x.db")).await,
        Err(StoreError::NotSqlite)
    ));
}
