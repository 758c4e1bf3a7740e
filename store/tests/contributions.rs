//! Setting up challenges and rounds, search, filters, dreams, paper input,
//! flags and moderation, on SQLite and on PostgreSQL.

use chrono::{Duration, NaiveDate, Utc};
use domain::moderation::{Flag, FlagReason};
use domain::paper::PaperInput;
use domain::{
    AgeGroup, ContributorGroup, IdeaText, Phase, PolicyDomain, ReceiptCode, SubmissionKey,
};
use store::idea::{self, Browse, DreamDetails, Sort};
use store::moderation::{self, Acted, Action, Find, Queue};
mod common;

use common::{World, send, support, world};
use store::{Db, challenge, flag, paper, round, test_on_both_engines};

async fn texts(db: &Db, w: &World, browse: &Browse) -> Vec<String> {
    let (ideas, total) = idea::browse(db, w.round_id, browse, 50, 0, None)
        .await
        .unwrap();
    assert_eq!(total, ideas.len() as i64, "the count matches the list");
    ideas.into_iter().map(|i| i.text).collect()
}

fn search(query: &str) -> Browse {
    Browse {
        terms: analysis::query_terms(query, 8),
        ..Browse::default()
    }
}

async fn dutch_search_finds_inflected_words(db: Db) {
    let w = world(&db, false).await;
    send(&db, &w, "Gratis zwemlessen voor alle kinderen", |_| {}).await;
    send(&db, &w, "Een bus naar de stad die je kunt betalen", |_| {}).await;
    send(&db, &w, "Het kind moet gratis kunnen sporten", |_| {}).await;
    assert_eq!(texts(&db, &w, &search("kind")).await.len(), 2);
    assert_eq!(
        texts(&db, &w, &search("Zwemles")).await,
        ["Gratis zwemlessen voor alle kinderen"]
    );
    // All words must occur.
    assert_eq!(texts(&db, &w, &search("gratis sporten")).await.len(), 1);
    assert!(texts(&db, &w, &search("fiets")).await.is_empty());
    // Characters that mean something to FTS5 or tsquery are just text.
    assert!(texts(&db, &w, &search("\"bus\" OR * NEAR(")).await.len() <= 1);
}

async fn an_edited_text_is_found_by_its_new_words(db: Db) {
    let w = world(&db, false).await;
    let (id, code) = send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    let edited = idea::edit_own(
        &db,
        id,
        code.lookup_hash(),
        IdeaText::parse("Een goedkope bus naar de stad").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(edited, idea::Edited::Saved);
    assert!(texts(&db, &w, &search("zwemles")).await.is_empty());
    assert_eq!(texts(&db, &w, &search("bus")).await.len(), 1);
}

async fn filters_narrow_and_sort_orders(db: Db) {
    let w = world(&db, false).await;
    let second_question = w.question_ids[1];
    let (housing, _) = send(&db, &w, "Meer sociale huurwoningen bouwen", |s| {
        s.draft.policy_domain = Some(PolicyDomain::Housing);
        s.at = Utc::now() - Duration::minutes(5);
    })
    .await;
    send(&db, &w, "Een plek om met je rekeningen heen te gaan", |s| {
        s.draft.question_id = second_question;
        s.group = ContributorGroup::ExperienceExpert;
    })
    .await;
    for n in 0..3 {
        let supporter = ReceiptCode::derive(&SubmissionKey::random());
        send(&db, &w, &format!("Steunidee nummer {n} van iemand"), |_| {}).await;
        support(&db, &w, housing, &supporter).await;
    }
    let by_policy = Browse {
        policy_domain: Some("housing".into()),
        ..Browse::default()
    };
    assert_eq!(
        texts(&db, &w, &by_policy).await,
        ["Meer sociale huurwoningen bouwen"]
    );
    let by_question = Browse {
        question_id: Some(second_question),
        ..Browse::default()
    };
    assert_eq!(texts(&db, &w, &by_question).await.len(), 1);
    let experience = Browse {
        group: Some("experience_expert".into()),
        ..Browse::default()
    };
    assert_eq!(texts(&db, &w, &experience).await.len(), 1);
    let newest = texts(&db, &w, &Browse::default()).await;
    assert_eq!(newest.last().unwrap(), "Meer sociale huurwoningen bouwen");
    let by_support = Browse {
        sort: Sort::MostSupported,
        ..Browse::default()
    };
    assert_eq!(
        texts(&db, &w, &by_support).await[0],
        "Meer sociale huurwoningen bouwen"
    );
}

async fn premoderated_ideas_show_only_after_approval(db: Db) {
    let w = world(&db, true).await;
    let (id, _) = send(&db, &w, "Gratis zwemles voor alle kinderen", |s| {
        s.awaiting_review = true;
    })
    .await;
    assert!(texts(&db, &w, &Browse::default()).await.is_empty());
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 0);
    assert_eq!(moderation::to_do_count(&db, w.round_id).await.unwrap(), 1);
    let queue = moderation::queue(&db, w.round_id, Queue::ToDo, &Find::default(), 10, 0)
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert!(queue[0].awaiting_review);
    let acted = moderation::act(
        &db,
        w.round_id,
        id,
        Action::Approve,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(acted, Acted::Done);
    assert_eq!(texts(&db, &w, &Browse::default()).await.len(), 1);
    assert_eq!(moderation::to_do_count(&db, w.round_id).await.unwrap(), 0);
    let log = moderation::log(&db, w.round_id, 10).await.unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].moderator.as_str()),
        ("approve", "Regisseur")
    );
}

async fn moderators_find_ideas_by_words_or_number_hidden_ones_too(db: Db) {
    let w = world(&db, true).await;
    let (swim, _) = send(&db, &w, "Gratis zwemlessen voor alle kinderen", |s| {
        s.awaiting_review = true;
    })
    .await;
    let (bus, _) = send(&db, &w, "Een bus naar de stad die je kunt betalen", |_| {}).await;
    let hide = Action::Hide {
        reason: "Dubbel".into(),
    };
    moderation::act(&db, w.round_id, bus, hide, w.moderator, Utc::now())
        .await
        .unwrap();
    let find = |typed: &str| {
        let query = analysis::Query::parse(typed);
        Find {
            terms: query.terms,
            idea: None,
        }
    };
    let ids = |queue: Queue, find: Find| {
        let db = db.clone();
        async move {
            moderation::queue(&db, w.round_id, queue, &find, 10, 0)
                .await
                .unwrap()
                .into_iter()
                .map(|i| i.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids(Queue::All, find("zwemles")).await, [swim]);
    // The public search leaves hidden ideas out; moderators find them.
    assert_eq!(ids(Queue::All, find("betalen stad")).await, [bus]);
    assert_eq!(ids(Queue::ToDo, find("betalen")).await, Vec::<i64>::new());
    assert!(ids(Queue::All, find("fiets")).await.is_empty());
    let by_number = Find {
        terms: Vec::new(),
        idea: Some(bus),
    };
    assert_eq!(ids(Queue::All, by_number).await, [bus]);
    assert_eq!(ids(Queue::All, Find::default()).await.len(), 2);
    assert_eq!(
        moderation::to_do_counts(&db).await.unwrap(),
        [(w.round_id, 1)]
    );
}

async fn hidden_ideas_show_their_reason_not_their_text(db: Db) {
    let w = world(&db, false).await;
    let (id, _) = send(&db, &w, "Iets kwetsends over een buurman", |_| {}).await;
    let hide = Action::Hide {
        reason: "Kwetsend voor een ander".into(),
    };
    assert_eq!(
        moderation::act(&db, w.round_id, id, hide.clone(), w.moderator, Utc::now())
            .await
            .unwrap(),
        Acted::Done
    );
    // Hiding twice changes nothing and logs nothing.
    assert_eq!(
        moderation::act(&db, w.round_id, id, hide, w.moderator, Utc::now())
            .await
            .unwrap(),
        Acted::NotApplicable
    );
    let (listed, _) = idea::browse(&db, w.round_id, &Browse::default(), 10, 0, None)
        .await
        .unwrap();
    assert_eq!(listed[0].text, "");
    assert_eq!(
        listed[0].hidden_reason.as_deref(),
        Some("Kwetsend voor een ander")
    );
    assert_eq!(idea::count_in_round(&db, w.round_id).await.unwrap(), 0);
    // Hidden words cannot be found.
    assert!(texts(&db, &w, &search("buurman")).await.is_empty());
    assert_eq!(moderation::log(&db, w.round_id, 10).await.unwrap().len(), 1);
}

async fn redaction_keeps_the_original_out_of_sight(db: Db) {
    let w = world(&db, false).await;
    let (id, _) = send(
        &db,
        &w,
        "Piet Jansen van nummer 12 heeft ook schulden",
        |_| {},
    )
    .await;
    let text = IdeaText::parse("[naam] van nummer 12 heeft ook schulden").unwrap();
    moderation::act(
        &db,
        w.round_id,
        id,
        Action::Redact { text },
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        texts(&db, &w, &Browse::default()).await,
        ["[naam] van nummer 12 heeft ook schulden"]
    );
    assert!(texts(&db, &w, &search("Jansen")).await.is_empty());
    // The original is kept for the audit.
    let kept: i64 = store::testing::scalar(
        &db,
        "SELECT COUNT(*) FROM idea_redactions WHERE original_text LIKE 'Piet Jansen%'",
    )
    .await;
    assert_eq!(kept, 1);
}

async fn merging_moves_supports_counting_each_participant_once(db: Db) {
    let w = world(&db, false).await;
    let (original, original_author) =
        send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    let (duplicate, _) = send(&db, &w, "Zwemles moet gratis zijn voor kids", |_| {}).await;
    let both = ReceiptCode::derive(&SubmissionKey::random());
    let only_duplicate = ReceiptCode::derive(&SubmissionKey::random());
    support(&db, &w, original, &both).await;
    support(&db, &w, duplicate, &both).await;
    support(&db, &w, duplicate, &only_duplicate).await;
    // The original's author supported the duplicate: that must not become
    // a support of their own idea.
    support(&db, &w, duplicate, &original_author).await;
    let merge = Action::MergeInto { target: original };
    assert_eq!(
        moderation::act(&db, w.round_id, duplicate, merge, w.moderator, Utc::now())
            .await
            .unwrap(),
        Acted::Done
    );
    let (listed, total) = idea::browse(&db, w.round_id, &Browse::default(), 10, 0, None)
        .await
        .unwrap();
    assert_eq!(total, 1);
    // both + only_duplicate + the duplicate's author.
    assert_eq!(listed[0].support_count, 3);
    // Merging into itself, or into an idea that was merged away, is refused.
    for target in [original, duplicate] {
        let acted = moderation::act(
            &db,
            w.round_id,
            original,
            Action::MergeInto { target },
            w.moderator,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(acted, Acted::BadTarget, "into #{target}");
    }
}

/// A device without a code sends the same "ik ook" form twice (the first
/// answer was lost): the code derived from the form's key is the same, so
/// it is one participant and one support.
async fn a_support_sent_twice_without_a_code_counts_once(db: Db) {
    let w = world(&db, false).await;
    let (idea_id, _) = send(&db, &w, "Een bankje bij de bushalte", |_| {}).await;
    let code = ReceiptCode::derive(&SubmissionKey::random());
    let participants = store::testing::scalar(&db, "SELECT COUNT(*) FROM participants").await;
    for _ in 0..2 {
        let change = store::support::SupportChange {
            round_id: w.round_id,
            idea_id,
            on: true,
            known_code_hash: None,
            new_code_hash: code.lookup_hash(),
            at: Utc::now(),
        };
        let supported = store::support::change(&db, change).await.unwrap();
        assert_eq!(
            supported,
            store::support::Supported::Counted {
                count: 1,
                new_participant: true
            }
        );
    }
    assert_eq!(
        store::testing::scalar(&db, "SELECT COUNT(*) FROM participants").await,
        participants + 1
    );
}

async fn flags_count_once_per_flagger_and_fill_the_queue(db: Db) {
    let w = world(&db, false).await;
    let (id, _) = send(&db, &w, "Bel mij op 06-12345678 voor hulp", |_| {}).await;
    let flag_of = |reason| Flag { reason, note: None };
    let first = flag::add(
        &db,
        w.round_id,
        id,
        flag_of(FlagReason::PersonalData),
        "a".into(),
        Utc::now(),
    )
    .await
    .unwrap();
    let again = flag::add(
        &db,
        w.round_id,
        id,
        flag_of(FlagReason::Hurtful),
        "a".into(),
        Utc::now(),
    )
    .await
    .unwrap();
    let other = flag::add(
        &db,
        w.round_id,
        id,
        flag_of(FlagReason::Hurtful),
        "b".into(),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (first, again, other),
        (
            flag::Flagged::Added,
            flag::Flagged::Already,
            flag::Flagged::Added
        )
    );
    assert_eq!(
        flag::add(
            &db,
            w.round_id,
            9999,
            flag_of(FlagReason::Other),
            "a".into(),
            Utc::now()
        )
        .await
        .unwrap(),
        flag::Flagged::NotFound
    );
    let queue = moderation::queue(&db, w.round_id, Queue::ToDo, &Find::default(), 10, 0)
        .await
        .unwrap();
    assert_eq!(queue[0].flag_count, 2);
    // "It may stay" resolves the flags.
    moderation::act(
        &db,
        w.round_id,
        id,
        Action::Approve,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(
        moderation::queue(&db, w.round_id, Queue::ToDo, &Find::default(), 10, 0)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn dreams_are_stored_with_their_details_and_contacts_expire(db: Db) {
    let w = world(&db, false).await;
    let question = round::dream_question(&db, w.round_id).await.unwrap();
    assert_eq!(
        round::dream_question(&db, w.round_id).await.unwrap(),
        question
    );
    // The dream question is not one of the round's own questions.
    assert_eq!(round::questions(&db, w.round_id).await.unwrap().len(), 2);
    let dream = domain::DreamInput {
        wish: "dierenarts".into(),
        need: "een rustige plek voor huiswerk".into(),
        age_group: Some("8-12".into()),
        first_name: "Sem".into(),
        wants_contact: true,
        contact: "juf Anne, groep 6".into(),
    }
    .validate()
    .unwrap();
    let (id, _) = send(&db, &w, "placeholder text", |s| {
        s.draft = dream.draft(question);
        s.group = ContributorGroup::YoungPerson;
        s.awaiting_review = true;
        s.dream = Some(DreamDetails {
            need: dream.need.clone(),
            age_group: AgeGroup::Middle,
            first_name: dream.first_name.clone(),
            contact: dream.contact.clone(),
        });
    })
    .await;
    let queue = moderation::queue(&db, w.round_id, Queue::ToDo, &Find::default(), 10, 0)
        .await
        .unwrap();
    assert!(queue[0].is_dream);
    assert_eq!(queue[0].dream_contact.as_deref(), Some("juf Anne, groep 6"));
    // The name is in the moderation queue (for staff), not in the public list.
    assert_eq!(queue[0].dream_name.as_deref(), Some("Sem"));
    moderation::act(
        &db,
        w.round_id,
        id,
        Action::Approve,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    let (listed, _) = idea::browse(&db, w.round_id, &Browse::default(), 10, 0, None)
        .await
        .unwrap();
    assert!(listed[0].is_dream);
    assert_eq!(listed[0].text, "dierenarts");
    assert_eq!(listed[0].dream_age.as_deref(), Some("8-12"));
    let young = Browse {
        group: Some("young_person".into()),
        ..Browse::default()
    };
    assert_eq!(texts(&db, &w, &young).await.len(), 1);
    // Not yet due: kept. Due: deleted.
    let not_yet = Utc::now() - domain::retention::DREAM_CONTACT_KEPT;
    assert_eq!(
        moderation::purge_dream_contacts(&db, not_yet)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        moderation::purge_dream_contacts(&db, Utc::now() + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    let queue = moderation::queue(&db, w.round_id, Queue::All, &Find::default(), 10, 0)
        .await
        .unwrap();
    assert_eq!(queue[0].dream_contact, None);
}

async fn paper_input_is_stored_once_with_its_source(db: Db) {
    let w = world(&db, false).await;
    let batch = PaperInput {
        lines: "Gratis zwemles voor kinderen\nEen bus naar de stad\nGratis zwemles voor kinderen!"
            .into(),
        channel: Some("meeting".into()),
        source: "Ouderavond".into(),
        held_on: "2026-11-20".into(),
        place: String::new(),
        group: Some("resident".into()),
        question: Some(w.question_ids[1].to_string()),
    }
    .validate(
        &w.question_ids,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    let entry = paper::PaperEntry {
        round_id: w.round_id,
        batch,
        entered_by: w.moderator,
        awaiting_review: false,
        submission_hash: SubmissionKey::random().storage_hash(),
        at: Utc::now(),
    };
    let first = paper::enter(&db, entry.clone()).await.unwrap();
    let again = paper::enter(&db, entry).await.unwrap();
    assert_eq!((first.ideas, first.duplicate), (3, false));
    assert_eq!(
        (again.ideas, again.duplicate, again.source_id),
        (3, true, first.source_id)
    );
    let from_meetings = Browse {
        channel: Some("meeting".into()),
        ..Browse::default()
    };
    assert_eq!(texts(&db, &w, &from_meetings).await.len(), 3);
    let sources = paper::sources(&db, w.round_id).await.unwrap();
    assert_eq!(
        (sources[0].ideas, sources[0].entered_by.as_str()),
        (3, "Regisseur")
    );
}

async fn the_moderation_log_is_append_only(db: Db) {
    let w = world(&db, false).await;
    let (id, _) = send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    moderation::act(
        &db,
        w.round_id,
        id,
        Action::Approve,
        w.moderator,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(
        store::testing::execute(&db, "UPDATE moderation_log SET reason = 'x'")
            .await
            .is_err()
    );
    assert!(
        store::testing::execute(&db, "DELETE FROM moderation_log")
            .await
            .is_err()
    );
}

async fn stems_are_filled_in_for_older_ideas(db: Db) {
    let w = world(&db, false).await;
    send(&db, &w, "Gratis zwemles voor alle kinderen", |_| {}).await;
    store::testing::execute(&db, "UPDATE ideas SET search_stems = ''")
        .await
        .unwrap();
    assert!(texts(&db, &w, &search("zwemles")).await.is_empty());
    assert_eq!(idea::index_missing(&db).await.unwrap(), 1);
    assert_eq!(idea::index_missing(&db).await.unwrap(), 0);
    assert_eq!(texts(&db, &w, &search("zwemles")).await.len(), 1);
}

async fn challenges_get_free_slugs_and_keep_spearhead_descriptions(db: Db) {
    let w = world(&db, false).await;
    let _ = w;
    let new = |title: &str| challenge::NewChallenge {
        slug: domain::slug::from_title(title),
        title: title.into(),
        description: "Waar het over gaat.".into(),
        horizon_year: None,
        spearheads: vec![
            (
                "Elk kind doet mee".into(),
                "Sport, muziek en uitjes.".into(),
            ),
            ("Schulden".into(), String::new()),
        ],
    };
    // The world already made "armoedevrij".
    let (id, slug) = challenge::create(&db, new("Armoedevrij")).await.unwrap();
    assert_eq!(slug, "armoedevrij-2");
    let (_, slug) = challenge::create(&db, new("Armoedevrij!")).await.unwrap();
    assert_eq!(slug, "armoedevrij-3");
    let stored = challenge::by_slug(&db, "armoedevrij-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(
        stored.challenge.spearheads,
        ["Elk kind doet mee", "Schulden"]
    );
    challenge::update(
        &db,
        id,
        domain::challenge_setup::Challenge {
            title: "Armoedevrij 2040".into(),
            description: "Nieuwe uitleg.".into(),
            horizon_year: Some(2040),
            spearheads: vec!["Werk dat loont".into(), "Elk kind doet mee".into()],
        },
    )
    .await
    .unwrap();
    let stored = challenge::by_slug(&db, "armoedevrij-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.challenge.title, "Armoedevrij 2040");
    assert_eq!(stored.challenge.horizon_year, Some(2040));
    assert_eq!(
        stored.challenge.spearheads,
        ["Werk dat loont", "Elk kind doet mee"]
    );
    assert_eq!(
        store::testing::scalar(
            &db,
            "SELECT COUNT(*) FROM spearheads WHERE title = 'Elk kind doet mee' AND position = 2
               AND description = 'Sport, muziek en uitjes.'"
        )
        .await,
        1
    );
    assert_eq!(challenge::all(&db).await.unwrap().len(), 3);
}

async fn rounds_are_numbered_and_keep_answered_questions(db: Db) {
    let w = world(&db, false).await;
    let challenge_id = challenge::id_by_slug(&db, "armoedevrij")
        .await
        .unwrap()
        .unwrap();
    let created = round::create(
        &db,
        round::NewRound {
            challenge_id,
            slug: "ronde-1".into(),
            title: "Ronde 2".into(),
            introduction: "Verder".into(),
            phase: Phase::Draft,
            opens_at: None,
            closes_at: None,
            questions: vec!["Een".into(), "Twee".into(), "Drie".into()],
            dreams_open: false,
            premoderated: false,
            dreams_premoderated: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(created.slug, "ronde-1-2", "the slug was taken");
    let stored = round::by_slug(&db, &created.slug).await.unwrap().unwrap();
    assert_eq!(stored.number, 2);
    assert!(!stored.dreams_premoderated);
    assert_eq!(
        round::previous(&db, created.id).await.unwrap(),
        Some(("ronde-1".into(), "Ronde 1".into(), Phase::Collecting))
    );
    assert_eq!(round::previous(&db, w.round_id).await.unwrap(), None);

    // An idea answers question 2.
    send(&db, &w, "Een idee op de tweede vraag.", |s| {
        s.round_id = created.id;
        s.draft.question_id = created.question_ids[1];
    })
    .await;
    let editing = round::questions_for_editing(&db, created.id).await.unwrap();
    assert_eq!(
        editing,
        [
            (1, "Een".to_owned(), false),
            (2, "Twee".to_owned(), true),
            (3, "Drie".to_owned(), false)
        ]
    );
    let now = Utc::now();
    // Questions 1 and 2 left out: 1 goes, 2 stays because it has an idea
    // (the form refuses this; the store never loses an answered question).
    round::update(
        &db,
        created.id,
        round::RoundChange {
            title: "Ronde 2: verder".into(),
            introduction: "Nieuwe uitleg".into(),
            opens_at: now,
            closes_at: now + Duration::days(30),
            questions: vec![(3, "Drie, beter".into()), (5, "Vijf".into())],
            dreams_open: true,
            premoderated: true,
            dreams_premoderated: true,
        },
    )
    .await
    .unwrap();
    let editing = round::questions_for_editing(&db, created.id).await.unwrap();
    assert_eq!(
        editing,
        [
            (1, "Twee".to_owned(), true),
            (2, "Drie, beter".to_owned(), false),
            (3, "Vijf".to_owned(), false)
        ],
        "gaps closed, order kept, the answered question kept"
    );
    let answered: Vec<i64> = round::questions(&db, created.id)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(
        answered[0], created.question_ids[1],
        "same question, same id"
    );
    let stored = round::by_slug(&db, &created.slug).await.unwrap().unwrap();
    assert_eq!(stored.title, "Ronde 2: verder");
    assert!(stored.dreams_open && stored.premoderated && stored.dreams_premoderated);
    assert_eq!(
        stored.closes_at.map(|c| c.timestamp()),
        Some((now + Duration::days(30)).timestamp())
    );
    // The dream question is not one of the round's questions to edit.
    round::dream_question(&db, created.id).await.unwrap();
    assert_eq!(
        round::questions_for_editing(&db, created.id)
            .await
            .unwrap()
            .len(),
        3
    );
}

async fn moderators_change_labels_without_closing_flags(db: Db) {
    let w = world(&db, false).await;
    let (id, _) = send(&db, &w, "Meer groen in de wijk.", |_| {}).await;
    flag::add(
        &db,
        w.round_id,
        id,
        Flag {
            reason: FlagReason::Advertising,
            note: None,
        },
        "flagger".into(),
        Utc::now(),
    )
    .await
    .unwrap();
    let retag = Action::Retag {
        life_domain: Some(domain::LifeDomain::ALL[0]),
        policy_domain: Some(PolicyDomain::Housing),
    };
    let acted = moderation::act(&db, w.round_id, id, retag, w.moderator, Utc::now())
        .await
        .unwrap();
    assert_eq!(acted, Acted::Done);
    let only_housing = Browse {
        policy_domain: Some("housing".into()),
        ..Browse::default()
    };
    assert_eq!(
        texts(&db, &w, &only_housing).await,
        ["Meer groen in de wijk."]
    );
    assert_eq!(
        moderation::to_do_count(&db, w.round_id).await.unwrap(),
        1,
        "the flag still waits"
    );
    let log = moderation::log(&db, w.round_id, 10).await.unwrap();
    assert_eq!(log[0].action, "retag");
    assert_eq!(
        log[0].reason.as_deref(),
        Some(format!("{} housing", domain::LifeDomain::ALL[0].code()).as_str())
    );
    let clear = Action::Retag {
        life_domain: None,
        policy_domain: None,
    };
    moderation::act(&db, w.round_id, id, clear, w.moderator, Utc::now())
        .await
        .unwrap();
    assert!(texts(&db, &w, &only_housing).await.is_empty());
}

test_on_both_engines!(
    a_support_sent_twice_without_a_code_counts_once,
    challenges_get_free_slugs_and_keep_spearhead_descriptions,
    rounds_are_numbered_and_keep_answered_questions,
    moderators_change_labels_without_closing_flags,
    dutch_search_finds_inflected_words,
    an_edited_text_is_found_by_its_new_words,
    filters_narrow_and_sort_orders,
    premoderated_ideas_show_only_after_approval,
    moderators_find_ideas_by_words_or_number_hidden_ones_too,
    hidden_ideas_show_their_reason_not_their_text,
    redaction_keeps_the_original_out_of_sight,
    merging_moves_supports_counting_each_participant_once,
    flags_count_once_per_flagger_and_fill_the_queue,
    dreams_are_stored_with_their_details_and_contacts_expire,
    paper_input_is_stored_once_with_its_source,
    the_moderation_log_is_append_only,
    stems_are_filled_in_for_older_ideas,
);
