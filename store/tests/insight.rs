//! The dashboard's counts, monitoring moments and the open data, on
//! SQLite and PostgreSQL: only what is public is counted or comes out,
//! and a moment records the state as of its date, once.

mod common;

use chrono::{TimeZone, Utc};
use common::{send, support, world};
use domain::{Channel, ContributorGroup};
use store::insight::{self, Taken};
use store::testing::{execute, scalar};
use store::{Db, open_data, test_on_both_engines};

/// Nine counted ideas from eight people, one hidden and one withdrawn.
async fn ideas(db: &Db) -> common::World {
    let w = world(db, false).await;
    let mut codes = Vec::new();
    for i in 0..6 {
        let (id, code) = send(db, &w, &format!("Idee nummer {i} over zwemmen"), |_| {}).await;
        codes.push((id, code));
    }
    let known = codes[0].1.lookup_hash();
    // A second idea, from lived experience: the person still counts once,
    // under their first idea's group.
    send(db, &w, "Nog een idee van dezelfde persoon", |s| {
        s.known_code_hash = Some(known);
        s.draft.lived_experience = true;
    })
    .await;
    send(db, &w, "Een idee van papier over de bus", |s| {
        s.channel = Channel::Paper
    })
    .await;
    send(db, &w, "Een idee van een ervaringsdeskundige", |s| {
        s.group = ContributorGroup::ExperienceExpert
    })
    .await;
    send(db, &w, "Verborgen idee met een naam erin", |_| {}).await;
    send(db, &w, "Ingetrokken idee dat niet meer telt", |_| {}).await;
    execute(
        db,
        "UPDATE ideas SET hidden_at = created_at WHERE text LIKE 'Verborgen%'",
    )
    .await
    .unwrap();
    execute(
        db,
        "UPDATE ideas SET withdrawn_at = created_at WHERE text LIKE 'Ingetrokken%'",
    )
    .await
    .unwrap();
    support(db, &w, codes[1].0, &codes[2].1).await;
    w
}

async fn the_dashboard_counts_only_what_counts(db: Db) {
    ideas(&db).await;
    let challenge = scalar(&db, "SELECT id FROM challenges").await;
    let d = insight::dashboard(&db, challenge).await.unwrap();
    assert_eq!(d.rounds.len(), 1);
    assert!(!d.rounds[0].plan_sent);
    let t = &d.totals[0];
    assert_eq!(
        (t.contributors, t.ideas, t.dreams, t.supports, t.reactions),
        (8, 9, 0, 1, 0)
    );
    let labels = |counts: &[insight::Count]| -> Vec<(String, i64)> {
        let mut v: Vec<_> = counts.iter().map(|c| (c.label.clone(), c.count)).collect();
        v.sort();
        v
    };
    assert_eq!(
        labels(&d.by_group),
        [("experience_expert".into(), 1), ("resident".into(), 7)]
    );
    assert_eq!(
        labels(&d.by_channel),
        [("online".into(), 7), ("paper".into(), 1)]
    );
    assert_eq!(labels(&d.by_neighbourhood), [("".into(), 8)]);
    assert_eq!(d.idea_clusters.len(), 9);
    assert!(d.idea_clusters.iter().all(|i| i.cluster_id.is_none()));
    assert!(d.items.is_empty(), "no plan went out");
}

/// A published plan of three items (the third dropped) with progress on
/// the first in April, written as plain rows.
async fn published_plan(db: &Db) {
    execute(db, "UPDATE rounds SET phase = 'closed'")
        .await
        .unwrap();
    execute(
        db,
        "INSERT INTO plans (round_id, created_by, created_at, updated_at, sent_at, published_at)
         VALUES ((SELECT id FROM rounds), (SELECT id FROM accounts),
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
                 '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')",
    )
    .await
    .unwrap();
    for sql in [
        "INSERT INTO plan_items (round_id, position, title, description, life_domain, policy_domain,
             outcome, created_at, updated_at)
         VALUES ((SELECT id FROM rounds), 1, 'Zwemles', 'Gratis zwemles.', 'leisure', 'health',
             'kept', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        "INSERT INTO plan_items (round_id, position, title, description, life_domain, policy_domain,
             outcome, final_title, created_at, updated_at)
         VALUES ((SELECT id FROM rounds), 2, 'Busje', 'Een buurtbus.', 'neighbourhood', NULL,
             'changed', 'Buurtbus', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        "INSERT INTO plan_items (round_id, position, title, description, outcome, created_at, updated_at)
         VALUES ((SELECT id FROM rounds), 3, 'Geschrapt', 'Niet doen.', 'dropped',
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        "INSERT INTO progress_updates (item_id, status, note, written_by, written_at)
         VALUES ((SELECT id FROM plan_items WHERE position = 1), 'in_progress', 'Begonnen.',
             (SELECT id FROM accounts), '2026-04-01T00:00:00Z')",
        "INSERT INTO reactions (item_id, participant_id, reaction_group, stance, created_at, updated_at)
         VALUES ((SELECT id FROM plan_items WHERE position = 1), (SELECT MIN(id) FROM participants),
             'resident', 'agree', '2026-02-02T00:00:00Z', '2026-02-02T00:00:00Z')",
    ] {
        execute(db, sql).await.unwrap();
    }
}

async fn a_moment_records_the_state_as_of_its_date_once(db: Db) {
    let w = ideas(&db).await;
    published_plan(&db).await;
    let challenge = scalar(&db, "SELECT id FROM challenges").await;
    let march = Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0).unwrap();
    let may = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
    let Taken::Done { items, .. } =
        insight::take_moment(&db, challenge, "Maart".into(), march, w.moderator)
            .await
            .unwrap()
    else {
        panic!("taken");
    };
    assert_eq!(items, 2, "the dropped item is not monitored");
    assert_eq!(
        insight::take_moment(&db, challenge, "Maart".into(), may, w.moderator)
            .await
            .unwrap(),
        Taken::LabelTaken
    );
    insight::take_moment(&db, challenge, "Mei".into(), may, w.moderator)
        .await
        .unwrap();
    let (moments, states) = insight::moments(&db, challenge).await.unwrap();
    assert_eq!(
        moments.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(),
        ["Mei", "Maart"]
    );
    let status = |moment: i64| -> Vec<&str> {
        states
            .iter()
            .filter(|s| s.moment_id == moment)
            .map(|s| s.status.as_str())
            .collect()
    };
    assert_eq!(status(moments[1].id), ["not_started", "not_started"]);
    assert_eq!(status(moments[0].id), ["in_progress", "not_started"]);
    // A moment is a record: it cannot be changed afterwards.
    assert!(
        execute(&db, "UPDATE monitoring_states SET status = 'done'")
            .await
            .is_err()
    );
    assert!(
        execute(&db, "DELETE FROM monitoring_moments")
            .await
            .is_err()
    );

    // The dashboard sees the sent plan, its reaction and the final title.
    let d = insight::dashboard(&db, challenge).await.unwrap();
    assert_eq!(d.items.len(), 3);
    assert_eq!(d.items[1].title, "Buurtbus");
    assert_eq!(d.items[0].latest_status.as_deref(), Some("in_progress"));
    assert_eq!(d.stances.len(), 1);
    assert_eq!(d.totals[0].reactions, 1);
}

async fn open_data_leaves_out_what_is_not_public(db: Db) {
    let w = ideas(&db).await;
    let (page, total) = open_data::ideas(&db, w.round_id, 0, Some(4)).await.unwrap();
    assert_eq!((page.len(), total), (4, 9));
    let (all, _) = open_data::ideas(&db, w.round_id, 0, None).await.unwrap();
    assert_eq!(all.len(), 9);
    assert!(
        all.iter()
            .all(|i| !i.text.starts_with("Verborgen") && !i.text.starts_with("Ingetrokken"))
    );
    let (last, _) = open_data::ideas(&db, w.round_id, 8, Some(4)).await.unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].id, all[8].id);
    // No plan out: no items, no clusters' fate.
    assert!(open_data::items(&db, w.round_id).await.unwrap().is_empty());
    // A draft round is not public.
    execute(&db, "UPDATE rounds SET phase = 'draft'")
        .await
        .unwrap();
    assert!(open_data::round(&db, "ronde-1").await.unwrap().is_none());
    assert!(open_data::challenges(&db).await.unwrap().is_empty());
    execute(&db, "UPDATE rounds SET phase = 'collecting'")
        .await
        .unwrap();
    published_plan(&db).await;
    let items = open_data::items(&db, w.round_id).await.unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].final_title.as_deref(), Some("Buurtbus"));
    let progress = open_data::progress(&db, None, Some("armoedevrij"))
        .await
        .unwrap();
    assert_eq!(progress.len(), 1);
}

test_on_both_engines!(
    the_dashboard_counts_only_what_counts,
    a_moment_records_the_state_as_of_its_date_once,
    open_data_leaves_out_what_is_not_public,
);
