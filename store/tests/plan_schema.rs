//! The plan's tables (migration 0010) on SQLite and on PostgreSQL: the
//! rules the database itself keeps, whatever code writes to it. The plan's
//! storage code builds on these (issue 7).

mod common;

use common::{send, world};
use store::testing::{execute, scalar};
use store::{Db, test_on_both_engines};

/// A plan with one item from one cluster, and a participant's reaction.
async fn plan_with_a_reaction(db: &Db) {
    let w = world(db, false).await;
    send(db, &w, "Gratis zwemles voor elk kind", |_| {}).await;
    // VALUES with subqueries: PostgreSQL then reads the dates as dates.
    for sql in [
        "INSERT INTO clusters (round_id, title, created_by, created_at, updated_at)
         VALUES ((SELECT MIN(id) FROM rounds), 'Zwemles', (SELECT MIN(id) FROM accounts),
                 '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z')",
        "INSERT INTO plans (round_id, created_by, created_at, updated_at)
         VALUES ((SELECT MIN(id) FROM rounds), (SELECT MIN(id) FROM accounts),
                 '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z')",
        "INSERT INTO plan_items (round_id, position, title, description, created_at, updated_at)
         VALUES ((SELECT MIN(round_id) FROM plans), 1, 'Zwemles voor elk kind', 'Gratis, op school.',
                 '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z')",
        "INSERT INTO plan_item_clusters (item_id, cluster_id)
         VALUES ((SELECT MIN(id) FROM plan_items), (SELECT MIN(id) FROM clusters))",
        "INSERT INTO plan_item_rights (item_id, child_right)
         VALUES ((SELECT MIN(id) FROM plan_items), 'play_and_leisure')",
        "INSERT INTO reactions (item_id, participant_id, reaction_group, stance, created_at, updated_at)
         VALUES ((SELECT MIN(id) FROM plan_items), (SELECT MIN(id) FROM participants), 'resident',
                 'agree', '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z')",
    ] {
        execute(db, sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

async fn one_reaction_per_participant_per_item(db: Db) {
    plan_with_a_reaction(&db).await;
    let again = "INSERT INTO reactions (item_id, participant_id, reaction_group, stance, created_at, updated_at)
         VALUES ((SELECT MIN(id) FROM plan_items), (SELECT MIN(id) FROM participants), 'resident',
                 'disagree', '2026-11-24T11:00:00Z', '2026-11-24T11:00:00Z')";
    assert!(execute(&db, again).await.is_err());
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM reactions").await, 1);
}

async fn only_known_codes_are_stored(db: Db) {
    plan_with_a_reaction(&db).await;
    for sql in [
        "UPDATE reactions SET stance = 'maybe'",
        "UPDATE reactions SET reaction_group = 'alien'",
        "UPDATE plan_items SET child_effect = 'great'",
        "UPDATE plan_items SET outcome = 'forgotten'",
        "UPDATE plan_items SET policy_domain = 'space'",
        "INSERT INTO plan_item_rights (item_id, child_right)
         VALUES ((SELECT MIN(id) FROM plan_items), 'right_to_vote')",
    ] {
        assert!(execute(&db, sql).await.is_err(), "{sql}");
    }
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM reactions WHERE stance = 'agree'").await,
        1
    );
}

async fn progress_updates_are_append_only(db: Db) {
    plan_with_a_reaction(&db).await;
    execute(
        &db,
        "INSERT INTO progress_updates (item_id, status, note, written_by, written_at)
         VALUES ((SELECT MIN(id) FROM plan_items), 'in_progress', 'De eerste zwemlessen zijn begonnen.',
                 (SELECT MIN(id) FROM accounts), '2027-03-01T09:00:00Z')",
    )
    .await
    .unwrap();
    assert!(
        execute(
            &db,
            "INSERT INTO progress_updates (item_id, status, note, written_by, written_at)
             VALUES ((SELECT MIN(id) FROM plan_items), 'finished', 'Klaar.',
                     (SELECT MIN(id) FROM accounts), '2027-03-01T09:00:00Z')"
        )
        .await
        .is_err(),
        "an unknown status"
    );
    for sql in [
        "UPDATE progress_updates SET note = 'x'",
        "DELETE FROM progress_updates",
    ] {
        assert!(execute(&db, sql).await.is_err(), "{sql}");
    }
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM progress_updates").await,
        1
    );
}

test_on_both_engines!(
    one_reaction_per_participant_per_item,
    only_known_codes_are_stored,
    progress_updates_are_append_only,
);
