//! `trechter demo`: loads the fictional municipality of Berkeloord
//! (`demo/berkeloord.toml`) so that a newcomer sees a realistic challenge
//! right away. Dates are relative to today, so the demo always looks current.
//! Every demo idea passes the same rules as a resident's form.

use chrono::{Duration, Utc};
use domain::{
    ContributorGroup, IdeaDraft, IdeaText, LifeDomain, Phase, ReceiptCode, Role, SubmissionKey,
    password,
};
use serde::Deserialize;
use std::collections::HashMap;
use store::{Db, account, challenge, co_moderator, idea, neighbourhood, round, setting};

const DEMO: &str = include_str!("../demo/berkeloord.toml");

#[derive(Debug, Deserialize)]
struct DemoFile {
    municipality: String,
    neighbourhoods: Vec<String>,
    challenge: DemoChallenge,
    rounds: Vec<DemoRound>,
}

#[derive(Debug, Deserialize)]
struct DemoChallenge {
    slug: String,
    title: String,
    description: String,
    horizon_year: i64,
    spearheads: Vec<DemoSpearhead>,
}

#[derive(Debug, Deserialize)]
struct DemoSpearhead {
    title: String,
    description: String,
}

#[derive(Debug, Deserialize)]
struct DemoRound {
    number: i64,
    slug: String,
    title: String,
    phase: String,
    opened_days_ago: i64,
    closes_in_days: i64,
    introduction: String,
    questions: Vec<String>,
    ideas: Vec<DemoIdea>,
}

#[derive(Debug, Deserialize)]
struct DemoIdea {
    q: usize,
    text: String,
    domain: Option<String>,
    wijk: Option<String>,
    #[serde(default)]
    lived: bool,
    group: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo data is invalid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

fn parse() -> Result<DemoFile, DemoError> {
    toml::from_str(DEMO).map_err(|e| DemoError::Invalid(e.to_string()))
}

/// Loads the demo unless it is there already; returns what it did.
pub async fn load(db: &Db) -> Result<String, DemoError> {
    let demo = parse()?;
    if challenge::id_by_slug(db, &demo.challenge.slug)
        .await?
        .is_some()
    {
        return Ok(format!(
            "The demo municipality {} is already loaded.\n{}",
            demo.municipality,
            accounts_report()
        ));
    }
    setting::set(db, setting::MUNICIPALITY_NAME, &demo.municipality).await?;
    let ids = neighbourhood::create_all(db, demo.neighbourhoods.clone()).await?;
    let neighbourhoods: HashMap<&str, i64> = demo
        .neighbourhoods
        .iter()
        .map(String::as_str)
        .zip(ids)
        .collect();
    let challenge_id = challenge::create(
        db,
        challenge::NewChallenge {
            slug: demo.challenge.slug.clone(),
            title: demo.challenge.title.clone(),
            description: demo.challenge.description.trim().to_owned(),
            horizon_year: Some(demo.challenge.horizon_year),
            spearheads: demo
                .challenge
                .spearheads
                .iter()
                .map(|s| (s.title.clone(), s.description.clone()))
                .collect(),
        },
    )
    .await?;

    let mut report = vec![
        format!("Loaded the demo municipality {}:", demo.municipality),
        format!(
            "  challenge \"{}\" with {} spearheads",
            demo.challenge.title,
            demo.challenge.spearheads.len()
        ),
    ];
    let now = Utc::now();
    let mut first_round = None;
    for r in &demo.rounds {
        let phase = Phase::from_code(&r.phase)
            .ok_or_else(|| DemoError::Invalid(format!("phase {}", r.phase)))?;
        let opened = now - Duration::days(r.opened_days_ago);
        // Midday, so the closing date reads the same in every time zone season.
        let closes = (now + Duration::days(r.closes_in_days))
            .date_naive()
            .and_hms_opt(12, 0, 0)
            .map(|t| t.and_utc());
        let (round_id, question_ids) = round::create(
            db,
            round::NewRound {
                challenge_id,
                number: r.number,
                slug: r.slug.clone(),
                title: r.title.clone(),
                introduction: r.introduction.trim().to_owned(),
                phase,
                opens_at: Some(opened),
                closes_at: closes,
                questions: r.questions.clone(),
            },
        )
        .await?;
        first_round.get_or_insert(round_id);
        let span = (now - opened).num_minutes();
        let count = r.ideas.len() as i64;
        for (i, demo_idea) in r.ideas.iter().enumerate() {
            let draft = draft(demo_idea, &question_ids, &neighbourhoods)?;
            let key = SubmissionKey::random();
            // Spread over the open period, oldest first, not on the hour.
            let minutes = span * (i as i64 + 1) / (count + 1) - (i as i64 * 37 % 180);
            idea::submit(
                db,
                idea::Submission {
                    round_id,
                    draft,
                    group: demo_idea
                        .group
                        .as_deref()
                        .map(|g| {
                            ContributorGroup::from_code(g)
                                .ok_or_else(|| DemoError::Invalid(format!("group {g}")))
                        })
                        .transpose()?
                        .unwrap_or_default(),
                    submission_hash: key.storage_hash(),
                    known_code_hash: None,
                    new_code_hash: ReceiptCode::derive(&key).lookup_hash(),
                    at: opened + Duration::minutes(minutes),
                },
            )
            .await?;
        }
        report.push(format!(
            "  round \"{}\" ({}): {} questions, {} ideas",
            r.title,
            r.phase,
            r.questions.len(),
            r.ideas.len()
        ));
    }
    create_accounts(db, first_round, now).await?;
    report.push(accounts_report());
    Ok(report.join("\n"))
}

/// The demo's password for every demo account. These accounts exist only
/// in demo data.
pub const DEMO_PASSWORD: &str = "berkeloord-demo-2026";

/// (email, name, role, organisation, co-moderator of the first round)
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>, bool)] = &[
    (
        "beheer@berkeloord.example",
        "Joost Bakker",
        Role::Admin,
        None,
        false,
    ),
    (
        "regisseur@berkeloord.example",
        "Sanne de Vries",
        Role::Staff,
        None,
        false,
    ),
    (
        "ervaring@berkeloord.example",
        "Marieke Jansen",
        Role::ExperienceExpert,
        None,
        true,
    ),
    (
        "ervaring2@berkeloord.example",
        "Ahmed El Amrani",
        Role::ExperienceExpert,
        None,
        false,
    ),
    (
        "partner@berkeloord.example",
        "Ellen Visser",
        Role::Partner,
        Some("Woonstichting Berkeloord"),
        false,
    ),
];

async fn create_accounts(
    db: &Db,
    first_round: Option<i64>,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
        .await
        .map_err(|e| DemoError::Invalid(e.to_string()))?;
    let mut staff = None;
    for (email, name, role, organisation, co_moderates) in DEMO_ACCOUNTS {
        let organisation_id = match organisation {
            Some(name) => Some(account::organisation_named(db, (*name).to_owned(), now).await?),
            None => None,
        };
        let id = account::create(
            db,
            account::NewAccount {
                email: (*email).to_owned(),
                display_name: (*name).to_owned(),
                role: *role,
                organisation_id,
                password_hash: hash.clone(),
                created_at: now,
            },
        )
        .await?;
        if *role == Role::Staff {
            staff = id;
        }
        if let (Some(id), Some(round_id), true) = (id, first_round, *co_moderates) {
            co_moderator::appoint(db, round_id, id, staff.unwrap_or(id), now).await?;
        }
    }
    Ok(())
}

fn accounts_report() -> String {
    let mut lines = vec![format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}), sign in at /inloggen:"
    )];
    for (email, name, role, _, co_moderates) in DEMO_ACCOUNTS {
        let extra = if *co_moderates {
            ", co-moderator of round 1"
        } else {
            ""
        };
        lines.push(format!("  {email:<32} {name} ({}{extra})", role.code()));
    }
    lines.join("\n")
}

fn draft(
    demo_idea: &DemoIdea,
    question_ids: &[i64],
    neighbourhoods: &HashMap<&str, i64>,
) -> Result<IdeaDraft, DemoError> {
    let invalid = |what: String| DemoError::Invalid(format!("{what} in idea {:?}", demo_idea.text));
    Ok(IdeaDraft {
        text: IdeaText::parse(&demo_idea.text).map_err(|e| invalid(e.to_string()))?,
        question_id: *question_ids
            .get(demo_idea.q.wrapping_sub(1))
            .ok_or_else(|| invalid(format!("question {}", demo_idea.q)))?,
        life_domain: demo_idea
            .domain
            .as_deref()
            .map(|d| LifeDomain::from_code(d).ok_or_else(|| invalid(format!("life domain {d}"))))
            .transpose()?,
        neighbourhood_id: demo_idea
            .wijk
            .as_deref()
            .map(|w| {
                neighbourhoods
                    .get(w)
                    .copied()
                    .ok_or_else(|| invalid(format!("neighbourhood {w}")))
            })
            .transpose()?,
        lived_experience: demo_idea.lived,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_is_complete() {
        let demo = parse().expect("demo parses");
        assert_eq!(demo.challenge.horizon_year, 2040);
        let round = &demo.rounds[0];
        assert_eq!(round.phase, "collecting");
        assert!((2..=3).contains(&round.questions.len()));
        assert!(
            round.ideas.len() >= 60,
            "about 60 ideas, found {}",
            round.ideas.len()
        );
        for group in ["experience_expert", "young_person"] {
            assert!(
                round
                    .ideas
                    .iter()
                    .any(|i| i.group.as_deref() == Some(group)),
                "no ideas from {group}"
            );
        }
        let fake_neighbourhoods: HashMap<&str, i64> = demo
            .neighbourhoods
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as i64))
            .collect();
        for demo_idea in &round.ideas {
            draft(demo_idea, &[1, 2, 3], &fake_neighbourhoods).expect("valid demo idea");
        }
    }
}
