//! The plan's storage on SQLite and PostgreSQL: what a change takes away
//! (signatures), what keeps numbers right (positions), what is told once
//! (mail), what cannot be undone (progress), and where an idea went.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{World, send, world};
use domain::cluster::{Destination, Seen, cluster_text};
use domain::plan::{Outcome, PlanItemText, Progress, ReactionGroup, Stance, plan_item};
use domain::{Phase, ReceiptCode, SubmissionKey};
use store::plan::draft::ItemInput;
use store::plan::final_plan::Conclusion;
use store::plan::{self, Changed, Notice};
use store::reaction::{Reacted, ReactionInput};
use store::testing::{execute, scalar};
use store::{Db, round, test_on_both_engines};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn notice() -> Notice {
    Notice {
        subject: "Het plan is klaar".into(),
        body: "Lees het plan.".into(),
        stop: None,
    }
}

fn input(w: &World, item: Option<(i64, i64)>, text: PlanItemText) -> ItemInput {
    ItemInput {
        round_id: w.round_id,
        item,
        text,
        life_domain: None,
        policy_domain: None,
        spearhead_id: None,
        partners: Vec::new(),
        rights: Vec::new(),
        child_effect: None,
        child_note: String::new(),
        by: w.moderator,
        at: at(1),
    }
}

/// A round in funnelling with one idea per title, each in its own
/// cluster; returns the clusters and the ideas' authors' codes.
async fn funnelled(db: &Db, titles: &[&str]) -> (World, Vec<i64>, Vec<ReceiptCode>) {
    let w = world(db, false).await;
    let mut placed = Vec::new();
    for title in titles {
        let (idea, code) = send(db, &w, &format!("Een idee over {title}"), |_| {}).await;
        placed.push((idea, code, *title));
    }
    round::change_phase(
        db,
        w.round_id,
        Phase::Collecting,
        Phase::Funnelling,
        String::new(),
        w.moderator,
        at(0),
    )
    .await
    .unwrap();
    let mut clusters = Vec::new();
    let mut codes = Vec::new();
    for (idea, code, title) in placed {
        let seen = vec![Seen {
            idea_id: idea,
            version: 0,
        }];
        let text = cluster_text(title, "").unwrap();
        let store::cluster::Changed::Done {
            cluster_id: Some(id),
        } = store::cluster::place(
            db,
            w.round_id,
            seen,
            Destination::NewCluster(text),
            w.moderator,
            at(0),
        )
        .await
        .unwrap()
        else {
            panic!("placed");
        };
        clusters.push(id);
        codes.push(code);
    }
    (w, clusters, codes)
}

async fn item(db: &Db, w: &World, title: &str, clusters: &[i64]) -> i64 {
    let text = plan_item(title, "Wat we gaan doen.", clusters).unwrap();
    match plan::draft::save_item(db, input(w, None, text))
        .await
        .unwrap()
    {
        Changed::Done(id) => id,
        other => panic!("{other:?}"),
    }
}

async fn version(db: &Db, w: &World) -> i64 {
    plan::load(db, w.round_id)
        .await
        .unwrap()
        .plan
        .unwrap()
        .version
}

async fn items_are_numbered_without_gaps(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen"]).await;
    let first = item(&db, &w, "Een", &clusters).await;
    item(&db, &w, "Twee", &clusters).await;
    let third = item(&db, &w, "Drie", &clusters).await;
    let loaded = plan::load(&db, w.round_id).await.unwrap();
    let first_version = loaded.items[0].version;
    assert_eq!(
        plan::draft::remove_item(&db, w.round_id, first, first_version, w.moderator, at(2))
            .await
            .unwrap(),
        Changed::Done(first)
    );
    plan::draft::move_item(&db, w.round_id, third, true, w.moderator, at(3))
        .await
        .unwrap();
    let items = plan::load(&db, w.round_id).await.unwrap().items;
    let numbered: Vec<(i64, &str)> = items
        .iter()
        .map(|i| (i.position, i.title.as_str()))
        .collect();
    assert_eq!(numbered, [(1, "Drie"), (2, "Twee")]);
    // A new item comes last, after the ones still there.
    item(&db, &w, "Vier", &clusters).await;
    let items = plan::load(&db, w.round_id).await.unwrap().items;
    assert_eq!(items.last().map(|i| i.position), Some(3));
}

async fn only_the_rounds_own_clusters_and_the_version_seen(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen"]).await;
    let foreign = plan_item("Vreemd", "Tekst.", &[clusters[0] + 1000]).unwrap();
    assert_eq!(
        plan::draft::save_item(&db, input(&w, None, foreign))
            .await
            .unwrap(),
        Changed::Gone
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_items").await, 0);
    let id = item(&db, &w, "Zwemles", &clusters).await;
    let stale = plan_item("Later", "Tekst.", &clusters).unwrap();
    assert_eq!(
        plan::draft::save_item(&db, input(&w, Some((id, 99)), stale))
            .await
            .unwrap(),
        Changed::Conflict
    );
    assert_eq!(
        plan::load(&db, w.round_id).await.unwrap().items[0].title,
        "Zwemles"
    );
}

async fn a_change_takes_the_signatures_away(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    item(&db, &w, "Zwemles", &clusters[..1]).await;
    let signed_version = version(&db, &w).await;
    assert_eq!(
        plan::send_out::sign(&db, w.round_id, signed_version, w.moderator, None, at(2))
            .await
            .unwrap(),
        Changed::Done(w.moderator)
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await, 1);
    // They signed what they read; the plan now says more.
    plan::draft::leave_out(
        &db,
        w.round_id,
        clusters[1],
        "Van de provincie.".into(),
        w.moderator,
        at(3),
    )
    .await
    .unwrap();
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await, 0);
    assert!(version(&db, &w).await > signed_version);
    // Signing what they read before is refused.
    assert_eq!(
        plan::send_out::sign(&db, w.round_id, signed_version, w.moderator, None, at(4))
            .await
            .unwrap(),
        Changed::Conflict
    );
}

/// Found by review: a refused change committed the signatures' removal.
async fn a_refused_change_keeps_the_signatures(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen"]).await;
    let id = item(&db, &w, "Zwemles", &clusters).await;
    let v = version(&db, &w).await;
    plan::send_out::sign(&db, w.round_id, v, w.moderator, None, at(2))
        .await
        .unwrap();
    let foreign = plan_item("Vreemd", "Tekst.", &[clusters[0] + 1000]).unwrap();
    assert_eq!(
        plan::draft::save_item(&db, input(&w, None, foreign))
            .await
            .unwrap(),
        Changed::Gone
    );
    assert_eq!(
        plan::draft::leave_out(
            &db,
            w.round_id,
            clusters[0] + 1000,
            "x".into(),
            w.moderator,
            at(3)
        )
        .await
        .unwrap(),
        Changed::Gone
    );
    // The only item moving up is no change either.
    plan::draft::move_item(&db, w.round_id, id, true, w.moderator, at(4))
        .await
        .unwrap();
    assert_eq!(version(&db, &w).await, v);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await, 1);
}

/// Found by review: a removed item still counted its clusters as used, so
/// they went out without a reason.
async fn a_removed_items_clusters_need_a_reason_again(db: Db) {
    let (w, clusters, codes) = funnelled(&db, &["Zwemmen"]).await;
    let id = item(&db, &w, "Zwemles", &clusters).await;
    let version = plan::load(&db, w.round_id).await.unwrap().items[0].version;
    plan::draft::remove_item(&db, w.round_id, id, version, w.moderator, at(2))
        .await
        .unwrap();
    let loaded = plan::load(&db, w.round_id).await.unwrap();
    assert!(loaded.item_clusters.is_empty());
    plan::draft::leave_out(
        &db,
        w.round_id,
        clusters[0],
        "Later.".into(),
        w.moderator,
        at(3),
    )
    .await
    .unwrap();
    item(&db, &w, "Iets anders", &clusters).await;
    let v = plan::load(&db, w.round_id)
        .await
        .unwrap()
        .plan
        .unwrap()
        .version;
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
    // One row for the item it is in; none for the removed one.
    let places = plan::idea_places(&db, &codes[0].lookup_hash())
        .await
        .unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].item_title.as_deref(), Some("Iets anders"));
}

async fn participants_are_told_once(db: Db) {
    let (w, clusters, codes) = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    store::participant::set_contact_email(
        &db,
        codes[0].lookup_hash(),
        Some("een@test.nl".into()),
        at(0),
    )
    .await
    .unwrap();
    item(&db, &w, "Zwemles", &clusters).await;
    let v = version(&db, &w).await;
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v - 1, w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Conflict,
        "a plan changed since it was checked does not go out"
    );
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
    // Only the one who left an address.
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);
    // Reopened and sent again: nobody is told twice.
    round::change_phase(
        &db,
        w.round_id,
        Phase::Feedback,
        Phase::Funnelling,
        "Een punt vergeten.".into(),
        w.moderator,
        at(6),
    )
    .await
    .unwrap();
    item(&db, &w, "Nog een punt", &clusters).await;
    let v = version(&db, &w).await;
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(7))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);
}

async fn reactions_conclusions_and_progress(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen"]).await;
    let id = item(&db, &w, "Zwemles", &clusters).await;
    let early = progress(&db, &w, id).await;
    assert_eq!(early, Changed::Gone, "no progress on a plan not final");
    let v = version(&db, &w).await;
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
    let code = ReceiptCode::derive(&SubmissionKey::random());
    let participants_before = scalar(&db, "SELECT COUNT(*) FROM participants").await;
    let react = |stance, known: bool| ReactionInput {
        round_id: w.round_id,
        item_id: id,
        group: ReactionGroup::Resident,
        stance,
        why: String::new(),
        known_code_hash: known.then(|| code.lookup_hash()),
        new_code_hash: code.lookup_hash(),
        at: at(6),
    };
    assert_eq!(
        store::reaction::save(&db, react(Stance::Agree, false))
            .await
            .unwrap(),
        Reacted::Saved {
            new_participant: true
        }
    );
    // The same form sent again before the device got its code (the answer
    // was lost): the code derived from the form's key finds the participant
    // the first send made.
    assert_eq!(
        store::reaction::save(&db, react(Stance::Agree, false))
            .await
            .unwrap(),
        Reacted::Saved {
            new_participant: true
        }
    );
    assert_eq!(
        store::reaction::reactions(&db, w.round_id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM participants").await,
        participants_before + 1
    );
    store::reaction::save(&db, react(Stance::Disagree, true))
        .await
        .unwrap();
    let reactions = store::reaction::reactions(&db, w.round_id).await.unwrap();
    assert_eq!(reactions.len(), 1, "one reaction per participant per item");
    assert_eq!(reactions[0].stance, "disagree");

    let conclude = |version| Conclusion {
        round_id: w.round_id,
        item_id: id,
        version,
        outcome: Outcome::Kept,
        final_title: "Zwemles".into(),
        final_description: "Wat we gaan doen.".into(),
        note: String::new(),
        at: at(8),
    };
    assert_eq!(
        plan::final_plan::publish(&db, w.round_id, w.moderator, notice(), at(9))
            .await
            .unwrap(),
        Changed::Conflict,
        "not before every item says what was done"
    );
    let item_version = plan::load(&db, w.round_id).await.unwrap().items[0].version;
    assert_eq!(
        plan::final_plan::conclude(&db, conclude(item_version))
            .await
            .unwrap(),
        Changed::Done(id)
    );
    assert_eq!(
        plan::final_plan::publish(&db, w.round_id, w.moderator, notice(), at(9))
            .await
            .unwrap(),
        Changed::Done(w.round_id)
    );
    let closed = round::by_slug(&db, "ronde-1").await.unwrap().unwrap();
    assert_eq!(closed.phase, Phase::Closed);
    assert_eq!(
        store::reaction::save(&db, react(Stance::Agree, true))
            .await
            .unwrap(),
        Reacted::NotOpen
    );
    // The final plan stays as published.
    assert_eq!(
        plan::final_plan::conclude(&db, conclude(item_version + 1))
            .await
            .unwrap(),
        Changed::Conflict
    );

    assert_eq!(progress(&db, &w, id).await, Changed::Done(id));
    for sql in [
        "UPDATE progress_updates SET note = 'anders'",
        "DELETE FROM progress_updates",
    ] {
        assert!(execute(&db, sql).await.is_err(), "{sql}");
    }
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM progress_updates").await,
        1
    );
}

async fn progress(db: &Db, w: &World, item: i64) -> Changed {
    store::progress::add_progress(
        db,
        item,
        Progress::InProgress,
        "Begonnen.".into(),
        w.moderator,
        at(10),
    )
    .await
    .unwrap()
}

async fn an_idea_traces_to_its_item_or_its_reason(db: Db) {
    let (w, clusters, codes) = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    item(&db, &w, "Zwemles voor elk kind", &clusters[..1]).await;
    plan::draft::leave_out(
        &db,
        w.round_id,
        clusters[1],
        "Van de provincie.".into(),
        w.moderator,
        at(2),
    )
    .await
    .unwrap();
    // Nothing to tell before the plan is out.
    assert!(
        plan::idea_places(&db, &codes[0].lookup_hash())
            .await
            .unwrap()
            .is_empty()
    );
    let v = version(&db, &w).await;
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
    let swim = plan::idea_places(&db, &codes[0].lookup_hash())
        .await
        .unwrap();
    assert_eq!(swim.len(), 1);
    assert_eq!(swim[0].item_position, Some(1));
    assert_eq!(swim[0].item_title.as_deref(), Some("Zwemles voor elk kind"));
    let roads = plan::idea_places(&db, &codes[1].lookup_hash())
        .await
        .unwrap();
    assert_eq!(roads[0].item_position, None);
    assert_eq!(
        roads[0].left_out_reason.as_deref(),
        Some("Van de provincie.")
    );
}

/// The send-out rule (`domain::send_out`) is checked again in the store:
/// an idea in no theme and not set aside keeps the plan in, whatever the
/// form checked before.
async fn every_idea_has_an_answer_before_the_plan_goes_out(db: Db) {
    let (w, clusters, _) = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    item(&db, &w, "Zwemles", &clusters[..1]).await;
    plan::draft::leave_out(
        &db,
        w.round_id,
        clusters[1],
        "Van de provincie.".into(),
        w.moderator,
        at(2),
    )
    .await
    .unwrap();
    // The idea about roads goes back to "not yet placed".
    let roads = scalar(&db, "SELECT MAX(id) FROM ideas").await;
    let back = store::cluster::place(
        &db,
        w.round_id,
        vec![Seen {
            idea_id: roads,
            version: 1,
        }],
        Destination::Unplaced,
        w.moderator,
        at(3),
    )
    .await
    .unwrap();
    assert!(
        matches!(back, store::cluster::Changed::Done { .. }),
        "{back:?}"
    );

    let v = version(&db, &w).await;
    let refused = plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(5))
        .await
        .unwrap();
    let plan::send_out::SentOut::NotReady(missing) = refused else {
        panic!("a plan with an unanswered idea does not go out: {refused:?}");
    };
    assert_eq!(missing.unanswered_ideas, vec![roads]);
    assert_eq!(missing.code(), "ideas_unanswered");
    assert_eq!(
        round::by_slug(&db, "ronde-1").await.unwrap().unwrap().phase,
        Phase::Funnelling,
        "nothing changed"
    );
    let listed = store::plan::send_out::unanswered(&db, w.round_id)
        .await
        .unwrap();
    assert_eq!(listed, vec![(roads, "Een idee over Wegen".to_owned())]);

    // Set aside with a reason is an answer: now it goes out.
    let aside =
        domain::cluster::set_aside("off_topic", "Dit gaat over wegen, niet over armoede.").unwrap();
    store::cluster::place(
        &db,
        w.round_id,
        vec![Seen {
            idea_id: roads,
            version: 2,
        }],
        Destination::SetAside(aside),
        w.moderator,
        at(6),
    )
    .await
    .unwrap();
    assert!(
        store::plan::send_out::unanswered(&db, w.round_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        plan::send_out::send_out(&db, w.round_id, v, w.moderator, notice(), at(7))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
}

test_on_both_engines!(
    items_are_numbered_without_gaps,
    only_the_rounds_own_clusters_and_the_version_seen,
    a_change_takes_the_signatures_away,
    a_refused_change_keeps_the_signatures,
    a_removed_items_clusters_need_a_reason_again,
    participants_are_told_once,
    reactions_conclusions_and_progress,
    an_idea_traces_to_its_item_or_its_reason,
    every_idea_has_an_answer_before_the_plan_goes_out,
);
