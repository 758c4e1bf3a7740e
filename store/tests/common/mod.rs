//! What the store tests share: a challenge with a collecting round and a
//! staff member, and sending and supporting ideas as residents.

#![allow(dead_code)]

use chrono::Utc;
use domain::{
    Channel, ContributorGroup, IdeaDraft, IdeaText, Phase, ReceiptCode, Role, SubmissionKey,
};
use store::idea::{self, Submission};
use store::{Db, account, challenge, round};

pub struct World {
    pub round_id: i64,
    pub question_ids: Vec<i64>,
    pub moderator: i64,
}

pub async fn world(db: &Db, premoderated: bool) -> World {
    let challenge_id = challenge::create(
        db,
        challenge::NewChallenge {
            slug: "armoedevrij".into(),
            title: "Armoedevrij 2040".into(),
            description: "Niemand in armoede.".into(),
            horizon_year: Some(2040),
            spearheads: vec![],
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
            premoderated,
            dreams_premoderated: true,
        },
    )
    .await
    .unwrap();
    let moderator = account::create(
        db,
        account::NewAccount {
            email: "regisseur@example.org".into(),
            display_name: "Regisseur".into(),
            role: Role::Staff,
            organisation_id: None,
            password_hash: "x".into(),
            created_at: Utc::now(),
        },
    )
    .await
    .unwrap()
    .unwrap();
    World {
        round_id,
        question_ids,
        moderator,
    }
}

/// Sends an idea as a new participant; returns its id and the sender's code.
pub async fn send(
    db: &Db,
    w: &World,
    text: &str,
    shape: impl FnOnce(&mut Submission),
) -> (i64, ReceiptCode) {
    let key = SubmissionKey::random();
    let code = ReceiptCode::derive(&key);
    let mut s = Submission {
        round_id: w.round_id,
        draft: IdeaDraft {
            text: IdeaText::parse(text).unwrap(),
            question_id: w.question_ids[0],
            life_domain: None,
            policy_domain: None,
            neighbourhood_id: None,
            lived_experience: false,
        },
        group: ContributorGroup::Resident,
        channel: Channel::Online,
        awaiting_review: false,
        dream: None,
        submission_hash: key.storage_hash(),
        known_code_hash: None,
        new_code_hash: code.lookup_hash(),
        at: Utc::now(),
    };
    shape(&mut s);
    (idea::submit(db, s).await.unwrap().idea_id, code)
}

pub async fn support(db: &Db, w: &World, idea_id: i64, code: &ReceiptCode) {
    store::support::change(
        db,
        store::support::SupportChange {
            round_id: w.round_id,
            idea_id,
            on: true,
            known_code_hash: Some(code.lookup_hash()),
            new_code_hash: code.lookup_hash(),
            at: Utc::now(),
        },
    )
    .await
    .unwrap();
}
