//! The funnelling workspace on SQLite and on PostgreSQL: placing ideas,
//! merging and removing clusters, conflicts between two people, setting
//! aside, and duplicates counting supports once.

mod common;

use chrono::Utc;
use common::{World, send, support, world};
use domain::cluster::{self, ClusterText, Destination, Seen};
use domain::{ReceiptCode, Role, SubmissionKey};
use store::cluster::{Changed, Workspace};
use store::moderation::{self, Action};
use store::{Db, account, test_on_both_engines};

fn text(title: &str) -> ClusterText {
    cluster::cluster_text(title, "").unwrap()
}

async fn load(db: &Db, w: &World) -> Workspace {
    store::cluster::workspace(db, w.round_id).await.unwrap()
}

/// The ideas as their checkboxes name them now.
fn seen(ws: &Workspace, ids: &[i64]) -> Vec<Seen> {
    ids.iter()
        .map(|id| {
            let idea = ws.ideas.iter().find(|i| i.id == *id).expect("idea listed");
            Seen {
                idea_id: idea.id,
                version: idea.funnel_version,
            }
        })
        .collect()
}

fn cluster_of(ws: &Workspace, id: i64) -> Option<i64> {
    ws.ideas
        .iter()
        .find(|i| i.id == id)
        .and_then(|i| i.cluster_id)
}

async fn co_moderator(db: &Db) -> i64 {
    account::create(
        db,
        account::NewAccount {
            email: "ervaring@example.org".into(),
            display_name: "Ervaringsdeskundige".into(),
            role: Role::ExperienceExpert,
            organisation_id: None,
            password_hash: "x".into(),
            created_at: Utc::now(),
        },
    )
    .await
    .unwrap()
    .unwrap()
}

async fn placing_merging_and_removing_clusters(db: Db) {
    let w = world(&db, false).await;
    let (a, _) = send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    let (b, _) = send(&db, &w, "Zwemles moet betaalbaar zijn", |_| {}).await;
    let (c, _) = send(&db, &w, "Hulp bij schulden zonder wachtlijst", |_| {}).await;
    let (d, _) = send(&db, &w, "Minder formulieren", |_| {}).await;
    let expert = co_moderator(&db).await;
    let ws = load(&db, &w).await;
    assert!(ws.clusters.is_empty());
    assert_eq!(ws.ideas.len(), 4);

    let new = Destination::NewCluster(text("Zwemles"));
    let Changed::Done {
        cluster_id: Some(swim),
    } = store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[a, b]),
        new,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap()
    else {
        panic!("a new cluster");
    };
    let ws = load(&db, &w).await;
    let Changed::Done {
        cluster_id: Some(debts),
    } = store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[c]),
        Destination::NewCluster(text("Schulden")),
        expert,
        Utc::now(),
    )
    .await
    .unwrap()
    else {
        panic!("a new cluster");
    };
    let ws = load(&db, &w).await;
    assert_eq!(cluster_of(&ws, a), Some(swim));
    assert_eq!(cluster_of(&ws, c), Some(debts));
    assert_eq!(cluster_of(&ws, d), None);
    // The co-moderator's work is theirs.
    let workers: Vec<(i64, &str)> = ws
        .workers
        .iter()
        .map(|w| (w.cluster_id, w.role.as_str()))
        .collect();
    assert!(workers.contains(&(debts, "experience_expert")));
    assert!(workers.contains(&(swim, "staff")));

    // Moving one idea to another cluster; an idea is in one cluster only.
    store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[b]),
        Destination::Cluster(debts),
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    let ws = load(&db, &w).await;
    assert_eq!(cluster_of(&ws, b), Some(debts));

    // Merging: the source's ideas join the target; the source is gone.
    let version = ws.clusters.iter().find(|c| c.id == swim).unwrap().version;
    assert_eq!(
        store::cluster::merge(&db, w.round_id, swim, version, debts, expert, Utc::now())
            .await
            .unwrap(),
        Changed::Done {
            cluster_id: Some(debts)
        }
    );
    let ws = load(&db, &w).await;
    assert_eq!(ws.clusters.len(), 1);
    assert_eq!(cluster_of(&ws, a), Some(debts));
    // Moving into the merged-away cluster: it is gone.
    assert_eq!(
        store::cluster::place(
            &db,
            w.round_id,
            seen(&ws, &[d]),
            Destination::Cluster(swim),
            w.moderator,
            Utc::now()
        )
        .await
        .unwrap(),
        Changed::Gone
    );

    // Removing: its ideas go back to "not yet placed".
    let version = ws.clusters[0].version;
    store::cluster::remove(&db, w.round_id, debts, version, w.moderator, Utc::now())
        .await
        .unwrap();
    let ws = load(&db, &w).await;
    assert!(ws.clusters.is_empty());
    assert!(ws.ideas.iter().all(|i| i.cluster_id.is_none()));
    let log = store::cluster::log(&db, w.round_id, 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["remove", "merge", "move", "create", "create"]);
}

async fn two_people_at_once_get_a_conflict_not_a_silent_overwrite(db: Db) {
    let w = world(&db, false).await;
    let (a, _) = send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    let (b, _) = send(&db, &w, "Hulp bij schulden", |_| {}).await;
    let expert = co_moderator(&db).await;
    // Both load the workspace.
    let mine = load(&db, &w).await;
    let theirs = load(&db, &w).await;
    let Changed::Done {
        cluster_id: Some(swim),
    } = store::cluster::place(
        &db,
        w.round_id,
        seen(&mine, &[a]),
        Destination::NewCluster(text("Zwemles")),
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap()
    else {
        panic!("a new cluster");
    };
    // The other, with the old versions of a and b, sets both aside: a has
    // moved, so nothing changes at all, b neither.
    let aside = Destination::SetAside(cluster::set_aside("off_topic", "").unwrap());
    assert_eq!(
        store::cluster::place(
            &db,
            w.round_id,
            seen(&theirs, &[b, a]),
            aside,
            expert,
            Utc::now()
        )
        .await
        .unwrap(),
        Changed::Conflict
    );
    let now = load(&db, &w).await;
    assert_eq!(cluster_of(&now, a), Some(swim));
    assert!(now.ideas.iter().all(|i| i.set_aside.is_none()));
    assert_eq!(now.clusters.len(), 1, "no cluster was left half made");

    // Renaming with a stale version is a conflict too.
    let version = now.clusters[0].version;
    let renamed = store::cluster::rename(
        &db,
        w.round_id,
        swim,
        version,
        text("Zwemmen"),
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(renamed, Changed::Done { .. }));
    for stale in [
        store::cluster::rename(
            &db,
            w.round_id,
            swim,
            version,
            text("Zwem"),
            expert,
            Utc::now(),
        )
        .await
        .unwrap(),
        store::cluster::remove(&db, w.round_id, swim, version, expert, Utc::now())
            .await
            .unwrap(),
    ] {
        assert_eq!(stale, Changed::Conflict);
    }
    assert_eq!(load(&db, &w).await.clusters[0].title, "Zwemmen");
}

async fn ideas_set_aside_keep_their_reason_and_can_come_back(db: Db) {
    let w = world(&db, false).await;
    let (a, _) = send(&db, &w, "Een nieuwe snelweg naar Duitsland", |_| {}).await;
    let ws = load(&db, &w).await;
    let aside = cluster::set_aside("other", "Dit gaat over de provincie").unwrap();
    store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[a]),
        Destination::SetAside(aside),
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    let ws = load(&db, &w).await;
    let idea = &ws.ideas[0];
    assert_eq!(idea.set_aside.as_deref(), Some("other"));
    assert_eq!(
        idea.set_aside_note.as_deref(),
        Some("Dit gaat over de provincie")
    );
    store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[a]),
        Destination::Unplaced,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    let ws = load(&db, &w).await;
    assert_eq!(ws.ideas[0].set_aside, None);
    assert_eq!(ws.ideas[0].set_aside_note, None);
}

async fn duplicates_show_as_one_with_supports_counted_once(db: Db) {
    let w = world(&db, false).await;
    let (original, _) = send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    let (duplicate, _) = send(&db, &w, "Zwemles gratis voor kids", |_| {}).await;
    let person = ReceiptCode::derive(&SubmissionKey::random());
    support(&db, &w, original, &person).await;
    support(&db, &w, duplicate, &person).await;
    moderation::act(
        &db,
        w.round_id,
        duplicate,
        Action::MergeInto { target: original },
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    let ws = load(&db, &w).await;
    assert_eq!(ws.ideas.len(), 1, "one idea to place");
    // The person who supported both counts once, plus the duplicate's author.
    assert_eq!(ws.ideas[0].support_count, 2);
    assert_eq!(ws.duplicates.len(), 1);
    assert_eq!(ws.duplicates[0].merged_into, original);
}

async fn dismissed_suggestions_are_remembered_once(db: Db) {
    let w = world(&db, false).await;
    let key = cluster::suggestion_key(&[3, 1, 2]);
    for _ in 0..2 {
        store::cluster::dismiss(&db, w.round_id, key.clone(), w.moderator, Utc::now())
            .await
            .unwrap();
    }
    assert_eq!(
        store::cluster::dismissed(&db, w.round_id).await.unwrap(),
        vec!["1,2,3".to_owned()]
    );
}

async fn the_workspace_log_is_append_only(db: Db) {
    let w = world(&db, false).await;
    let (a, _) = send(&db, &w, "Gratis zwemles", |_| {}).await;
    let ws = load(&db, &w).await;
    store::cluster::place(
        &db,
        w.round_id,
        seen(&ws, &[a]),
        Destination::NewCluster(text("Zwemles")),
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    for sql in [
        "UPDATE funnel_log SET detail = 'x'",
        "DELETE FROM funnel_log",
    ] {
        assert!(store::testing::execute(&db, sql).await.is_err(), "{sql}");
    }
}

test_on_both_engines!(
    placing_merging_and_removing_clusters,
    two_people_at_once_get_a_conflict_not_a_silent_overwrite,
    ideas_set_aside_keep_their_reason_and_can_come_back,
    duplicates_show_as_one_with_supports_counted_once,
    dismissed_suggestions_are_remembered_once,
    the_workspace_log_is_append_only,
);
