//! `store::plan` on SQLite and PostgreSQL, one rule per test: items and
//! their numbering, what a change takes away (signatures), what a stale
//! version may not do, who is told and only once, reactions, conclusions,
//! publishing, append-only progress and where an idea ended up.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{World, send, world};
use domain::cluster::{Destination, Seen, cluster_text};
use domain::plan::{
    ChildEffect, ChildRight, Outcome, PlanItemText, Progress, ReactionGroup, Stance, plan_item,
};
use domain::{Phase, ReceiptCode, Role, SubmissionKey};
use store::plan::draft::ItemInput;
use store::plan::final_plan::Conclusion;
use store::plan::{self, Changed, Notice};
use store::reaction::{Reacted, ReactionInput};
use store::testing::{execute, scalar};
use store::{Db, account, co_moderator, round, test_on_both_engines};

/// Minutes after a fixed moment: every step of a test has its own time.
fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn notice() -> Notice {
    Notice {
        subject: "Het plan is klaar".into(),
        body: "Lees het plan en zeg wat je ervan vindt.".into(),
        stop: None,
    }
}

/// A round in funnelling with one idea per title, each idea in a cluster
/// of that title.
struct Funnel {
    w: World,
    clusters: Vec<i64>,
    /// The codes of the ideas' senders, in the order of the titles.
    codes: Vec<ReceiptCode>,
}

async fn funnelled(db: &Db, titles: &[&str]) -> Funnel {
    let w = world(db, false).await;
    // Ideas come in while collecting; clusters are made while funnelling.
    let mut sent = Vec::new();
    for title in titles {
        sent.push(send(db, &w, &format!("Een idee over {title}"), |_| {}).await);
    }
    assert!(
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
        .unwrap()
    );
    let mut clusters = Vec::new();
    let mut codes = Vec::new();
    for ((idea_id, code), title) in sent.into_iter().zip(titles) {
        let seen = vec![Seen {
            idea_id,
            version: 0,
        }];
        clusters.push(new_cluster(db, w.round_id, w.moderator, seen, title).await);
        codes.push(code);
    }
    Funnel { w, clusters, codes }
}

async fn new_cluster(db: &Db, round_id: i64, by: i64, seen: Vec<Seen>, title: &str) -> i64 {
    let text = cluster_text(title, "").unwrap();
    match store::cluster::place(db, round_id, seen, Destination::NewCluster(text), by, at(0))
        .await
        .unwrap()
    {
        store::cluster::Changed::Done {
            cluster_id: Some(id),
        } => id,
        other => panic!("a new cluster, not {other:?}"),
    }
}

/// A second round of the same challenge, still collecting.
async fn other_round(db: &Db, w: &World) -> World {
    let challenge_id = store::challenge::id_by_slug(db, "armoedevrij")
        .await
        .unwrap()
        .unwrap();
    let created = round::create(
        db,
        round::NewRound {
            challenge_id,
            slug: "ronde-2".into(),
            title: "Ronde 2".into(),
            introduction: "Welkom terug".into(),
            phase: Phase::Collecting,
            opens_at: None,
            closes_at: None,
            questions: vec!["Wat is er nog nodig?".into()],
            dreams_open: false,
            premoderated: false,
            dreams_premoderated: false,
        },
    )
    .await
    .unwrap();
    World {
        round_id: created.id,
        question_ids: created.question_ids,
        moderator: w.moderator,
    }
}

/// An experience expert appointed as co-moderator of the round.
async fn co_moderator(db: &Db, w: &World) -> i64 {
    let id = account::create(
        db,
        account::NewAccount {
            email: "ervaring@example.org".into(),
            display_name: "Ervaringsdeskundige".into(),
            role: Role::ExperienceExpert,
            organisation_id: None,
            password_hash: "x".into(),
            created_at: at(0),
        },
    )
    .await
    .unwrap()
    .unwrap();
    assert!(
        co_moderator::appoint(db, w.round_id, id, w.moderator, at(0))
            .await
            .unwrap()
    );
    id
}

fn text(title: &str, clusters: &[i64]) -> PlanItemText {
    plan_item(title, "Wat we gaan doen.", clusters).unwrap()
}

/// A save by staff with nothing but the text filled in.
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

async fn new_item(db: &Db, w: &World, title: &str, clusters: &[i64]) -> i64 {
    match plan::draft::save_item(db, input(w, None, text(title, clusters)))
        .await
        .unwrap()
    {
        Changed::Done(id) => id,
        other => panic!("a new item, not {other:?}"),
    }
}

async fn plan_version(db: &Db, w: &World) -> i64 {
    plan::load(db, w.round_id)
        .await
        .unwrap()
        .plan
        .expect("a plan")
        .version
}

async fn item_version(db: &Db, w: &World, item_id: i64) -> i64 {
    plan::load(db, w.round_id)
        .await
        .unwrap()
        .items
        .iter()
        .find(|i| i.id == item_id)
        .expect("the item is in the plan")
        .version
}

async fn phase(db: &Db) -> Phase {
    round::by_slug(db, "ronde-1").await.unwrap().unwrap().phase
}

/// Sends the plan out as it is now.
async fn send_out(db: &Db, w: &World, minutes: i64) {
    let version = plan_version(db, w).await;
    assert_eq!(
        plan::send_out::send_out(db, w.round_id, version, w.moderator, notice(), at(minutes))
            .await
            .unwrap(),
        plan::send_out::SentOut::Sent
    );
}

fn reaction(w: &World, item_id: i64, code: &ReceiptCode, stance: Stance) -> ReactionInput {
    ReactionInput {
        round_id: w.round_id,
        item_id,
        group: ReactionGroup::Resident,
        stance,
        why: String::new(),
        known_code_hash: None,
        new_code_hash: code.lookup_hash(),
        at: at(20),
    }
}

fn conclusion(w: &World, item_id: i64, version: i64) -> Conclusion {
    Conclusion {
        round_id: w.round_id,
        item_id,
        version,
        outcome: Outcome::Changed,
        final_title: "Zwemles voor elk kind van 6".into(),
        final_description: "Gratis, op school, vanaf groep 3.".into(),
        note: "Veel reacties vroegen om een leeftijd.".into(),
        at: at(30),
    }
}

/// Concludes every item of the plan, as staff do before publishing.
async fn conclude_all(db: &Db, w: &World) {
    for item in plan::load(db, w.round_id).await.unwrap().items {
        assert_eq!(
            plan::final_plan::conclude(db, conclusion(w, item.id, item.version))
                .await
                .unwrap(),
            Changed::Done(item.id)
        );
    }
}

async fn add_progress(db: &Db, w: &World, item_id: i64, status: Progress, minutes: i64) -> Changed {
    store::progress::add_progress(
        db,
        item_id,
        status,
        format!("Stand na {minutes} minuten."),
        w.moderator,
        at(minutes),
    )
    .await
    .unwrap()
}

async fn new_items_come_last_numbered_from_one(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    for title in ["Een", "Twee", "Drie"] {
        new_item(&db, &f.w, title, &f.clusters).await;
    }
    let items = plan::load(&db, f.w.round_id).await.unwrap().items;
    let numbered: Vec<(i64, &str)> = items
        .iter()
        .map(|i| (i.position, i.title.as_str()))
        .collect();
    assert_eq!(numbered, [(1, "Een"), (2, "Twee"), (3, "Drie")]);
}

async fn an_item_names_only_live_clusters_of_its_own_round(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    let other = other_round(&db, &f.w).await;
    let foreign = new_cluster(&db, other.round_id, f.w.moderator, Vec::new(), "Elders").await;
    // A cluster that was removed after the item was started.
    let ws = store::cluster::workspace(&db, f.w.round_id).await.unwrap();
    let roads = ws.clusters.iter().find(|c| c.id == f.clusters[1]).unwrap();
    store::cluster::remove(
        &db,
        f.w.round_id,
        roads.id,
        roads.version,
        f.w.moderator,
        at(0),
    )
    .await
    .unwrap();
    let missing = foreign + 1000;
    for bad in [foreign, f.clusters[1], missing] {
        // One good cluster does not let a bad one through.
        let named = text("Zwemles", &[f.clusters[0], bad]);
        assert_eq!(
            plan::draft::save_item(&db, input(&f.w, None, named))
                .await
                .unwrap(),
            Changed::Gone,
            "cluster {bad}"
        );
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_items").await, 0);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM plan_item_clusters").await,
        0
    );
}

async fn an_edit_with_a_stale_version_changes_nothing(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters[..1]).await;
    let seen = item_version(&db, &f.w, id).await;
    let first = text("Zwemles voor elk kind", &f.clusters[..1]);
    assert_eq!(
        plan::draft::save_item(&db, input(&f.w, Some((id, seen)), first))
            .await
            .unwrap(),
        Changed::Done(id)
    );
    let plan_before = plan_version(&db, &f.w).await;
    // A second editor who loaded the item before the first one saved.
    let late = text("Wegen", &f.clusters[1..]);
    assert_eq!(
        plan::draft::save_item(&db, input(&f.w, Some((id, seen)), late))
            .await
            .unwrap(),
        Changed::Conflict
    );
    let loaded = plan::load(&db, f.w.round_id).await.unwrap();
    assert_eq!(loaded.items[0].title, "Zwemles voor elk kind");
    assert_eq!(loaded.items[0].version, seen + 1);
    let clusters: Vec<i64> = loaded.item_clusters.iter().map(|l| l.other_id).collect();
    assert_eq!(clusters, [f.clusters[0]]);
    assert_eq!(
        loaded.plan.unwrap().version,
        plan_before,
        "a refused edit is no change to the plan"
    );
}

async fn an_edit_replaces_clusters_partners_and_rights(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen", "Schulden"]).await;
    let club = account::organisation_named(&db, "Zwemclub".into(), at(0))
        .await
        .unwrap();
    let school = account::organisation_named(&db, "Basisschool".into(), at(0))
        .await
        .unwrap();
    let mut first = input(&f.w, None, text("Zwemles", &f.clusters[..2]));
    first.partners = vec![club];
    first.rights = vec![ChildRight::Health, ChildRight::PlayAndLeisure];
    first.child_effect = Some(ChildEffect::Positive);
    let Changed::Done(id) = plan::draft::save_item(&db, first).await.unwrap() else {
        panic!("a new item");
    };

    let version = item_version(&db, &f.w, id).await;
    let mut edit = input(
        &f.w,
        Some((id, version)),
        text("Zwemles op school", &f.clusters[2..]),
    );
    edit.partners = vec![school];
    edit.rights = vec![ChildRight::Education];
    edit.child_effect = Some(ChildEffect::Mixed);
    edit.child_note = "Minder speeltijd.".into();
    assert_eq!(
        plan::draft::save_item(&db, edit).await.unwrap(),
        Changed::Done(id)
    );

    let loaded = plan::load(&db, f.w.round_id).await.unwrap();
    let item = &loaded.items[0];
    assert_eq!(item.title, "Zwemles op school");
    assert_eq!(item.child_effect.as_deref(), Some("mixed"));
    assert_eq!(item.child_note, "Minder speeltijd.");
    let links = |links: &[plan::Link]| -> Vec<(i64, i64)> {
        links.iter().map(|l| (l.item_id, l.other_id)).collect()
    };
    // Nothing of the first version is left beside the second.
    assert_eq!(links(&loaded.item_clusters), [(id, f.clusters[2])]);
    assert_eq!(links(&loaded.partners), [(id, school)]);
    let rights: Vec<&str> = loaded.rights.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rights, ["education"]);
}

async fn every_change_to_the_plan_takes_the_signatures_away(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen"]).await;
    let expert = co_moderator(&db, &f.w).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters[..1]).await;
    // An edit, a reason for a cluster left out, a new introduction.
    for change in 0..3 {
        let version = plan_version(&db, &f.w).await;
        assert_eq!(
            plan::send_out::sign(&db, f.w.round_id, version, expert, None, at(2))
                .await
                .unwrap(),
            Changed::Done(expert)
        );
        assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await, 1);
        let done = match change {
            0 => {
                let seen = item_version(&db, &f.w, id).await;
                let edit = text("Zwemles voor elk kind", &f.clusters[..1]);
                plan::draft::save_item(&db, input(&f.w, Some((id, seen)), edit)).await
            }
            1 => {
                let reason = "Dit gaat over de provincie.".to_owned();
                plan::draft::leave_out(
                    &db,
                    f.w.round_id,
                    f.clusters[1],
                    reason,
                    f.w.moderator,
                    at(3),
                )
                .await
            }
            _ => {
                let intro = "Dit plan is gemaakt met de wijk.".to_owned();
                plan::draft::set_introduction(&db, f.w.round_id, intro, f.w.moderator, at(3)).await
            }
        };
        assert!(matches!(done.unwrap(), Changed::Done(_)), "change {change}");
        // They signed what they read, not what it became.
        assert_eq!(
            scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await,
            0,
            "change {change}"
        );
        assert_eq!(
            plan_version(&db, &f.w).await,
            version + 1,
            "change {change}"
        );
    }
    let loaded = plan::load(&db, f.w.round_id).await.unwrap();
    assert_eq!(
        loaded.plan.unwrap().introduction,
        "Dit plan is gemaakt met de wijk."
    );
    assert_eq!(loaded.left_out.len(), 1);
}

async fn signing_an_older_version_is_a_conflict(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let expert = co_moderator(&db, &f.w).await;
    new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    let read = plan_version(&db, &f.w).await;
    new_item(&db, &f.w, "Zwemdiploma", &f.clusters).await;
    assert_eq!(
        plan::send_out::sign(&db, f.w.round_id, read, expert, None, at(2))
            .await
            .unwrap(),
        Changed::Conflict
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_signatures").await, 0);
    // The version they see now can be signed, with an objection too.
    let now = plan_version(&db, &f.w).await;
    let objection = Some("Zwemdiploma is te duur.".to_owned());
    assert_eq!(
        plan::send_out::sign(&db, f.w.round_id, now, expert, objection.clone(), at(3))
            .await
            .unwrap(),
        Changed::Done(expert)
    );
    let signatures = plan::load(&db, f.w.round_id).await.unwrap().signatures;
    assert_eq!(signatures.len(), 1);
    assert_eq!(signatures[0].objection, objection);
}

async fn removing_an_item_renumbers_the_rest(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let first = new_item(&db, &f.w, "Een", &f.clusters).await;
    new_item(&db, &f.w, "Twee", &f.clusters).await;
    new_item(&db, &f.w, "Drie", &f.clusters).await;
    let version = item_version(&db, &f.w, first).await;
    assert_eq!(
        plan::draft::remove_item(&db, f.w.round_id, first, version, f.w.moderator, at(2))
            .await
            .unwrap(),
        Changed::Done(first)
    );
    let items = plan::load(&db, f.w.round_id).await.unwrap().items;
    let numbered: Vec<(i64, &str)> = items
        .iter()
        .map(|i| (i.position, i.title.as_str()))
        .collect();
    assert_eq!(numbered, [(1, "Twee"), (2, "Drie")]);
    // Removing it again, with the version it had, finds nothing to remove.
    assert_eq!(
        plan::draft::remove_item(&db, f.w.round_id, first, version, f.w.moderator, at(3))
            .await
            .unwrap(),
        Changed::Conflict
    );
    // Kept, marked removed: reactions may point at it.
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM plan_items").await, 3);
}

async fn sending_out_opens_feedback_and_tells_each_address_once(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen", "Schulden", "Werk"]).await;
    // Two senders share an address, one gave none, one gave another.
    let addresses = [Some("gezin@example.org"), Some("gezin@example.org"), None];
    for (code, email) in f.codes.iter().zip(addresses) {
        store::participant::set_contact_email(
            &db,
            code.lookup_hash(),
            email.map(str::to_owned),
            at(0),
        )
        .await
        .unwrap();
    }
    store::participant::set_contact_email(
        &db,
        f.codes[3].lookup_hash(),
        Some("buur@example.org".into()),
        at(0),
    )
    .await
    .unwrap();
    // Someone who only took part in another round is not told.
    let other = other_round(&db, &f.w).await;
    let (_, elsewhere) = send(&db, &other, "Een idee voor ronde twee", |_| {}).await;
    store::participant::set_contact_email(
        &db,
        elsewhere.lookup_hash(),
        Some("elders@example.org".into()),
        at(0),
    )
    .await
    .unwrap();
    new_item(&db, &f.w, "Zwemles", &f.clusters).await;

    send_out(&db, &f.w, 5).await;
    assert_eq!(phase(&db).await, Phase::Feedback);
    let sent = plan::load(&db, f.w.round_id).await.unwrap().plan.unwrap();
    assert_eq!(sent.sent_at, Some(at(5)));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 2);
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM mail_outbox
             WHERE to_address IN ('gezin@example.org', 'buur@example.org')
               AND subject = 'Het plan is klaar'"
        )
        .await,
        2
    );
    let history = round::phase_history(&db, f.w.round_id).await.unwrap();
    assert!(history.iter().any(|c| c.to_phase == Phase::Feedback));
}

async fn sending_out_again_after_reopening_tells_nobody_twice(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    store::participant::set_contact_email(
        &db,
        f.codes[0].lookup_hash(),
        Some("gezin@example.org".into()),
        at(0),
    )
    .await
    .unwrap();
    new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    send_out(&db, &f.w, 5).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);

    assert!(
        round::change_phase(
            &db,
            f.w.round_id,
            Phase::Feedback,
            Phase::Funnelling,
            "Een punt vergeten.".into(),
            f.w.moderator,
            at(6),
        )
        .await
        .unwrap()
    );
    new_item(&db, &f.w, "Zwemdiploma", &f.clusters).await;
    send_out(&db, &f.w, 7).await;
    assert_eq!(phase(&db).await, Phase::Feedback);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);
    // The plan went out when it first did.
    let sent = plan::load(&db, f.w.round_id).await.unwrap().plan.unwrap();
    assert_eq!(sent.sent_at, Some(at(5)));
}

async fn sending_out_a_stale_version_is_a_conflict_and_keeps_the_phase(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    store::participant::set_contact_email(
        &db,
        f.codes[0].lookup_hash(),
        Some("gezin@example.org".into()),
        at(0),
    )
    .await
    .unwrap();
    new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    let checked = plan_version(&db, &f.w).await;
    // Changed after it was checked as ready.
    new_item(&db, &f.w, "Zwemdiploma", &f.clusters).await;
    assert_eq!(
        plan::send_out::send_out(&db, f.w.round_id, checked, f.w.moderator, notice(), at(5))
            .await
            .unwrap(),
        plan::send_out::SentOut::Conflict
    );
    assert_eq!(phase(&db).await, Phase::Funnelling);
    assert_eq!(
        plan::load(&db, f.w.round_id)
            .await
            .unwrap()
            .plan
            .unwrap()
            .sent_at,
        None
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 0);
}

async fn a_second_reaction_replaces_the_first(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    send_out(&db, &f.w, 5).await;
    let participants = scalar(&db, "SELECT COUNT(*) FROM participants").await;
    let code = ReceiptCode::derive(&SubmissionKey::random());
    assert_eq!(
        store::reaction::save(&db, reaction(&f.w, id, &code, Stance::Agree))
            .await
            .unwrap(),
        Reacted::Saved {
            new_participant: true
        }
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM participants").await,
        participants + 1
    );
    let mut again = reaction(&f.w, id, &code, Stance::Partly);
    again.known_code_hash = Some(code.lookup_hash());
    again.why = "Ook voor volwassenen graag.".into();
    assert_eq!(
        store::reaction::save(&db, again).await.unwrap(),
        Reacted::Saved {
            new_participant: false
        }
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM reactions").await, 1);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM participants").await,
        participants + 1
    );
    let own = store::reaction::own_reactions(&db, f.w.round_id, &code.lookup_hash())
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].stance, "partly");
    assert_eq!(own[0].why, "Ook voor volwassenen graag.");
}

async fn reacting_outside_feedback_is_not_open(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    let participants = scalar(&db, "SELECT COUNT(*) FROM participants").await;
    let code = ReceiptCode::derive(&SubmissionKey::random());
    // Still funnelling: the plan is not out yet.
    assert_eq!(
        store::reaction::save(&db, reaction(&f.w, id, &code, Stance::Agree))
            .await
            .unwrap(),
        Reacted::NotOpen
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM reactions").await, 0);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM participants").await,
        participants,
        "nobody is made a participant by a refused reaction"
    );
}

async fn publishing_waits_for_an_outcome_on_every_item(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let first = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    new_item(&db, &f.w, "Zwemdiploma", &f.clusters).await;
    send_out(&db, &f.w, 5).await;
    let version = item_version(&db, &f.w, first).await;
    plan::final_plan::conclude(&db, conclusion(&f.w, first, version))
        .await
        .unwrap();
    assert_eq!(
        plan::final_plan::publish(&db, f.w.round_id, f.w.moderator, notice(), at(40))
            .await
            .unwrap(),
        Changed::Conflict
    );
    assert_eq!(phase(&db).await, Phase::Feedback);
    let state = plan::plan_state(&db, f.w.round_id).await.unwrap();
    assert_eq!(state, (true, false), "sent, not final");
}

async fn publishing_closes_the_round_and_freezes_the_conclusions(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    store::participant::set_contact_email(
        &db,
        f.codes[0].lookup_hash(),
        Some("gezin@example.org".into()),
        at(0),
    )
    .await
    .unwrap();
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    send_out(&db, &f.w, 5).await;
    // Someone who only reacted, and then asked to hear back.
    let reacted = ReceiptCode::derive(&SubmissionKey::random());
    store::reaction::save(&db, reaction(&f.w, id, &reacted, Stance::Disagree))
        .await
        .unwrap();
    store::participant::set_contact_email(
        &db,
        reacted.lookup_hash(),
        Some("reageerder@example.org".into()),
        at(21),
    )
    .await
    .unwrap();
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);

    conclude_all(&db, &f.w).await;
    assert_eq!(
        plan::final_plan::publish(&db, f.w.round_id, f.w.moderator, notice(), at(40))
            .await
            .unwrap(),
        Changed::Done(f.w.round_id)
    );
    assert_eq!(phase(&db).await, Phase::Closed);
    let published = plan::load(&db, f.w.round_id).await.unwrap();
    assert_eq!(published.plan.unwrap().published_at, Some(at(40)));
    assert_eq!(
        published.items[0].final_title.as_deref(),
        Some("Zwemles voor elk kind van 6")
    );
    assert_eq!(published.items[0].outcome.as_deref(), Some("changed"));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 3);
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'reageerder@example.org'"
        )
        .await,
        1
    );

    // The final plan stays as published, with the current version too.
    let version = published.items[0].version;
    assert_eq!(
        plan::final_plan::conclude(&db, conclusion(&f.w, id, version))
            .await
            .unwrap(),
        Changed::Conflict
    );
    assert_eq!(
        plan::final_plan::publish(&db, f.w.round_id, f.w.moderator, notice(), at(41))
            .await
            .unwrap(),
        Changed::Conflict
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mail_outbox").await, 3);
}

async fn progress_is_only_for_items_of_a_published_plan(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    assert_eq!(
        add_progress(&db, &f.w, id, Progress::NotStarted, 2).await,
        Changed::Gone
    );
    send_out(&db, &f.w, 5).await;
    assert_eq!(
        add_progress(&db, &f.w, id, Progress::NotStarted, 6).await,
        Changed::Gone,
        "sent out is not final"
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM progress_updates").await,
        0
    );

    conclude_all(&db, &f.w).await;
    plan::final_plan::publish(&db, f.w.round_id, f.w.moderator, notice(), at(40))
        .await
        .unwrap();
    assert_eq!(
        add_progress(&db, &f.w, id, Progress::InProgress, 100).await,
        Changed::Done(id)
    );
    assert_eq!(
        add_progress(&db, &f.w, id, Progress::Done, 200).await,
        Changed::Done(id)
    );
    // Appended, newest first; the first update is still there.
    let progress = plan::load(&db, f.w.round_id).await.unwrap().progress;
    let told: Vec<(&str, DateTime<Utc>)> = progress
        .iter()
        .map(|p| (p.status.as_str(), p.written_at))
        .collect();
    assert_eq!(told, [("done", at(200)), ("in_progress", at(100))]);
    assert_eq!(progress[0].display_name, "Regisseur");
}

async fn progress_updates_cannot_be_changed_or_deleted(db: Db) {
    let f = funnelled(&db, &["Zwemmen"]).await;
    let id = new_item(&db, &f.w, "Zwemles", &f.clusters).await;
    send_out(&db, &f.w, 5).await;
    conclude_all(&db, &f.w).await;
    plan::final_plan::publish(&db, f.w.round_id, f.w.moderator, notice(), at(40))
        .await
        .unwrap();
    add_progress(&db, &f.w, id, Progress::InProgress, 100).await;
    for sql in [
        "UPDATE progress_updates SET note = 'Toch anders gezegd.'",
        "UPDATE progress_updates SET status = 'done'",
        "DELETE FROM progress_updates",
    ] {
        assert!(execute(&db, sql).await.is_err(), "{sql}");
    }
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM progress_updates WHERE status = 'in_progress'"
        )
        .await,
        1
    );
}

async fn an_idea_traces_to_its_item_or_the_reason_it_was_left_out(db: Db) {
    let f = funnelled(&db, &["Zwemmen", "Wegen", "Schulden"]).await;
    new_item(&db, &f.w, "Zwemles", &f.clusters[..1]).await;
    new_item(&db, &f.w, "Schuldhulp zonder wachtlijst", &f.clusters[2..]).await;
    plan::draft::leave_out(
        &db,
        f.w.round_id,
        f.clusters[1],
        "Dit gaat over de provincie.".into(),
        f.w.moderator,
        at(2),
    )
    .await
    .unwrap();
    // Nothing to tell while the plan is still being written.
    let debts = f.codes[2].lookup_hash();
    assert!(plan::idea_places(&db, &debts).await.unwrap().is_empty());

    send_out(&db, &f.w, 5).await;
    let places = plan::idea_places(&db, &debts).await.unwrap();
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].cluster_id, Some(f.clusters[2]));
    assert_eq!(places[0].item_position, Some(2));
    assert_eq!(
        places[0].item_title.as_deref(),
        Some("Schuldhulp zonder wachtlijst")
    );
    assert_eq!(places[0].left_out_reason, None);

    let roads = plan::idea_places(&db, &f.codes[1].lookup_hash())
        .await
        .unwrap();
    assert_eq!(roads.len(), 1);
    assert_eq!(roads[0].item_position, None);
    assert_eq!(roads[0].item_title, None);
    assert_eq!(
        roads[0].left_out_reason.as_deref(),
        Some("Dit gaat over de provincie.")
    );
}

test_on_both_engines!(
    new_items_come_last_numbered_from_one,
    an_item_names_only_live_clusters_of_its_own_round,
    an_edit_with_a_stale_version_changes_nothing,
    an_edit_replaces_clusters_partners_and_rights,
    every_change_to_the_plan_takes_the_signatures_away,
    signing_an_older_version_is_a_conflict,
    removing_an_item_renumbers_the_rest,
    sending_out_opens_feedback_and_tells_each_address_once,
    sending_out_again_after_reopening_tells_nobody_twice,
    sending_out_a_stale_version_is_a_conflict_and_keeps_the_phase,
    a_second_reaction_replaces_the_first,
    reacting_outside_feedback_is_not_open,
    publishing_waits_for_an_outcome_on_every_item,
    publishing_closes_the_round_and_freezes_the_conclusions,
    progress_is_only_for_items_of_a_published_plan,
    progress_updates_cannot_be_changed_or_deleted,
    an_idea_traces_to_its_item_or_the_reason_it_was_left_out,
);
