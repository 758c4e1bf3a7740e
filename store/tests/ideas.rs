//! Storing and listing ideas, on SQLite and on PostgreSQL.

use chrono::{Duration, Utc};
use domain::{ContributorGroup, IdeaDraft, IdeaText, Phase, ReceiptCode, SubmissionKey};
use store::idea::{self, Submission};
use store::{Db, challenge, neighbourhood, participant, round, test_on_both_engines};

struct World {
    round_id: i64,
    question_ids: Vec<i64>,
}

async fn world(db: &Db) -> World {
    neighbourhood::create_all(db, vec!["Centrum".into(), "Weverswijk".into()])
        .await
        .unwrap();
    let challenge_id = challenge::create(
        db,
        challenge::NewChallenge {
            slug: "armoedevrij".into(),
            title: "Armoedevrij 2040".into(),
            description: "Niemand in armoede.".into(),
            horizon_year: Some(2040),
            spearheads: vec![("Elk kind doet mee".into(), "Sport en spel".into())],
        },
    )
    .await
    .unwrap()
    .0;
    let round::Created {
        id: round_id,
        question_ids,
        ..
    } = round::create(
        db,
        round::NewRound {
            challenge_id,
            slug: "ronde-1".into(),
            title: "Ronde 1".into(),
            introduction: "Welkom".into(),
            phase: Phase::Collecting,
            opens_at: None,
            closes_at: None,
            questions: vec!["Wat is nodig?".into(), "Wat moet anders?".into()],
            dreams_open: true,
            premoderated: false,
            dreams_premoderated: true,
        },
    )
    .await
    .unwrap();
    World {
        round_id,
        question_ids,
    }
}

fn submission(
    world: &World,
    text: &str,
    key: &SubmissionKey,
    known: Option<&ReceiptCode>,
) -> Submission {
    Submission {
        round_id: world.round_id,
        draft: IdeaDraft {
            text: IdeaText::parse(text).unwrap(),
            question_id: world.question_ids[0],
            life_domain: None,
            policy_domain: None,
            neighbourhood_id: None,
            lived_experience: false,
        },
        group: ContributorGroup::Resident,
        channel: domain::Channel::Online,
        awaiting_review: false,
        dream: None,
        submission_hash: key.storage_hash(),
        known_code_hash: known.map(ReceiptCode::lookup_hash),
        new_code_hash: ReceiptCode::derive(key).lookup_hash(),
        at: Utc::now(),
    }
}

async fn send(db: &Db, s: Submission) -> idea::Submitted {
    idea::submit(db, s).await.unwrap()
}

/// Sends all submissions at once; the answers in the same order.
async fn send_in_parallel(
    db: &Db,
    all: Vec<Submission>,
) -> Vec<Result<idea::Submitted, store::StoreError>> {
    let tasks: Vec<_> = all
        .into_iter()
        .map(|s| {
            let db = db.clone();
            tokio::spawn(async move { idea::submit(&db, s).await })
        })
        .collect();
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

async fn a_submission_is_stored_with_a_new_participant(db: Db) {
    let w = world(&db).await;
    let key = SubmissionKey::random();
    let done = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &key, None),
    )
    .await;
    assert!(done.new_participant && !done.duplicate);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 1);
    let code = ReceiptCode::derive(&key);
    assert!(
        participant::id_by_code_hash(&db, &code.lookup_hash())
            .await
            .unwrap()
            .is_some()
    );
    let own = idea::own_by_id(&db, done.idea_id, &code.lookup_hash())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(own.text, "Gratis zwemles voor ieder kind");
    assert_eq!(own.round_slug, "ronde-1");
}

async fn the_same_form_twice_saves_once(db: Db) {
    let w = world(&db).await;
    let key = SubmissionKey::random();
    let first = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &key, None),
    )
    .await;
    let again = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &key, None),
    )
    .await;
    assert_eq!(again.idea_id, first.idea_id);
    assert!(again.duplicate);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 1);
}

async fn the_same_text_from_the_same_participant_saves_once(db: Db) {
    let w = world(&db).await;
    let first_key = SubmissionKey::random();
    let code = ReceiptCode::derive(&first_key);
    let first = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &first_key, None),
    )
    .await;
    // A new form (reloaded page), same words in other case and spacing.
    let again = send(
        &db,
        submission(
            &w,
            "gratis  ZWEMLES voor ieder kind",
            &SubmissionKey::random(),
            Some(&code),
        ),
    )
    .await;
    assert_eq!(
        (again.idea_id, again.duplicate, again.new_participant),
        (first.idea_id, true, false)
    );
    // Someone else may of course send the same words.
    let other = send(
        &db,
        submission(
            &w,
            "Gratis zwemles voor ieder kind",
            &SubmissionKey::random(),
            None,
        ),
    )
    .await;
    assert!(!other.duplicate);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 2);
}

async fn a_known_participant_keeps_their_code(db: Db) {
    let w = world(&db).await;
    let first_key = SubmissionKey::random();
    let code = ReceiptCode::derive(&first_key);
    send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &first_key, None),
    )
    .await;
    let second = send(
        &db,
        submission(
            &w,
            "Een bus naar de stad",
            &SubmissionKey::random(),
            Some(&code),
        ),
    )
    .await;
    assert!(!second.new_participant);
    let own = idea::all_own(&db, &code.lookup_hash()).await.unwrap();
    assert_eq!(
        own.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        vec!["Een bus naar de stad", "Gratis zwemles voor ieder kind"]
    );
}

async fn an_unknown_cookie_code_makes_a_new_participant(db: Db) {
    let w = world(&db).await;
    let stale = ReceiptCode::parse("ABCDE-FGHJK").unwrap();
    let key = SubmissionKey::random();
    let done = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &key, Some(&stale)),
    )
    .await;
    assert!(done.new_participant);
    assert!(
        participant::id_by_code_hash(&db, &stale.lookup_hash())
            .await
            .unwrap()
            .is_none()
    );
}

async fn ideas_are_only_shown_to_their_owner(db: Db) {
    let w = world(&db).await;
    let key = SubmissionKey::random();
    let done = send(
        &db,
        submission(&w, "Gratis zwemles voor ieder kind", &key, None),
    )
    .await;
    let stranger = ReceiptCode::derive(&SubmissionKey::random());
    assert!(
        idea::own_by_id(&db, done.idea_id, &stranger.lookup_hash())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        idea::all_own(&db, &stranger.lookup_hash())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn pages_list_newest_first(db: Db) {
    let w = world(&db).await;
    let start = Utc::now() - Duration::days(1);
    for i in 0..25 {
        let mut s = submission(
            &w,
            &format!("Idee nummer {i:02} voor de wijk"),
            &SubmissionKey::random(),
            None,
        );
        s.at = start + Duration::minutes(i);
        idea::submit(&db, s).await.unwrap();
    }
    let all = idea::Browse::default();
    let (first, total) = idea::browse(&db, w.round_id, &all, 20, 0, None)
        .await
        .unwrap();
    let (second, _) = idea::browse(&db, w.round_id, &all, 20, 20, None)
        .await
        .unwrap();
    assert_eq!(total, 25);
    assert_eq!(first.len(), 20);
    assert_eq!(second.len(), 5);
    assert_eq!(first[0].text, "Idee nummer 24 voor de wijk");
    assert_eq!(second[4].text, "Idee nummer 00 voor de wijk");
    assert_eq!(first[0].question_position, 1);
}

async fn parallel_submissions_are_all_kept(db: Db) {
    let w = world(&db).await;
    let all = (0..200)
        .map(|i| {
            submission(
                &w,
                &format!("Parallel idee nummer {i}"),
                &SubmissionKey::random(),
                None,
            )
        })
        .collect();
    let ids: std::collections::HashSet<_> = send_in_parallel(&db, all)
        .await
        .into_iter()
        .map(|r| r.unwrap().idea_id)
        .collect();
    assert_eq!(ids.len(), 200);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 200);
}

async fn parallel_copies_of_one_form_save_once(db: Db) {
    let w = world(&db).await;
    let key = SubmissionKey::random();
    let all = (0..50)
        .map(|_| submission(&w, "Gratis zwemles voor ieder kind", &key, None))
        .collect();
    let ids: std::collections::HashSet<_> = send_in_parallel(&db, all)
        .await
        .into_iter()
        .map(|r| r.unwrap().idea_id)
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 1);
}

async fn a_failing_write_does_not_take_others_down(db: Db) {
    let w = world(&db).await;
    // An idea for a round that does not exist breaks a foreign key; on SQLite
    // it shares a commit batch with the good ones and must roll back alone.
    let all = (0..40)
        .map(|i| {
            let mut s = submission(
                &w,
                &format!("Idee in een batch {i}"),
                &SubmissionKey::random(),
                None,
            );
            if i % 4 == 0 {
                s.round_id = 999_999;
            }
            s
        })
        .collect();
    let failed = send_in_parallel(&db, all)
        .await
        .into_iter()
        .filter(Result::is_err)
        .count();
    assert_eq!(failed, 10);
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 30);
}

async fn the_overview_shows_public_rounds_with_counts(db: Db) {
    let w = world(&db).await;
    send(
        &db,
        submission(
            &w,
            "Gratis zwemles voor ieder kind",
            &SubmissionKey::random(),
            None,
        ),
    )
    .await;
    let challenge_id = challenge::id_by_slug(&db, "armoedevrij")
        .await
        .unwrap()
        .unwrap();
    round::create(
        &db,
        round::NewRound {
            challenge_id,
            slug: "ronde-2".into(),
            title: "Ronde 2".into(),
            introduction: String::new(),
            phase: Phase::Draft,
            opens_at: None,
            closes_at: None,
            questions: vec!["?".into()],
            dreams_open: false,
            premoderated: false,
            dreams_premoderated: true,
        },
    )
    .await
    .unwrap();
    let overview = challenge::overview(&db).await.unwrap();
    assert_eq!(overview.len(), 1);
    assert_eq!(overview[0].spearheads, vec!["Elk kind doet mee"]);
    assert_eq!(overview[0].rounds.len(), 1, "draft rounds are not public");
    assert_eq!(overview[0].rounds[0].idea_count, 1);
}

async fn the_database_answers_pings(db: Db) {
    db.ping(std::time::Duration::from_secs(2)).await.unwrap();
    store::setting::set(&db, "municipality_name", "Berkeloord")
        .await
        .unwrap();
    store::setting::set(&db, "municipality_name", "Oosterholt")
        .await
        .unwrap();
    assert_eq!(
        store::setting::get(&db, "municipality_name")
            .await
            .unwrap()
            .as_deref(),
        Some("Oosterholt")
    );
}

test_on_both_engines!(
    a_submission_is_stored_with_a_new_participant,
    the_same_form_twice_saves_once,
    the_same_text_from_the_same_participant_saves_once,
    a_known_participant_keeps_their_code,
    an_unknown_cookie_code_makes_a_new_participant,
    ideas_are_only_shown_to_their_owner,
    pages_list_newest_first,
    parallel_submissions_are_all_kept,
    parallel_copies_of_one_form_save_once,
    a_failing_write_does_not_take_others_down,
    the_overview_shows_public_rounds_with_counts,
    the_database_answers_pings,
);

/// Reopening a SQLite file keeps its data and runs no migration twice;
/// the settings the issue asks for are in force.
#[tokio::test]
async fn sqlite_file_is_durable_and_configured() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let path = path.to_str().unwrap();
    {
        let db = Db::open(path).await.unwrap();
        let w = world(&db).await;
        send(
            &db,
            submission(
                &w,
                "Gratis zwemles voor ieder kind",
                &SubmissionKey::random(),
                None,
            ),
        )
        .await;
        db.close().await;
    }
    let db = Db::open(path).await.unwrap();
    assert_eq!(idea::count_in_round(&db, 1).await.unwrap(), 1);
    let Db::Sqlite(_) = &db else {
        panic!("a path opens SQLite")
    };
    let mut conn =
        <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite://{path}"))
            .await
            .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}
