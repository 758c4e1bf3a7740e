//! `trechter demo`: loads the fictional municipality of Berkeloord
//! (`demo/berkeloord.toml`) so that a newcomer sees a realistic challenge
//! right away. Dates are relative to today, so the demo always looks current.
//! Every demo idea passes the same rules as a resident's form.

use chrono::{Duration, Utc};
use domain::cluster::{self, Destination};
use domain::{
    AgeGroup, Channel, ContributorGroup, DreamInput, IdeaDraft, IdeaText, LifeDomain, Phase,
    PolicyDomain, ReceiptCode, Role, SubmissionKey, password,
};
use serde::Deserialize;
use std::collections::HashMap;
use store::{Db, account, challenge, co_moderator, idea, neighbourhood, paper, round, setting};

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
    slug: String,
    title: String,
    phase: String,
    opened_days_ago: i64,
    closes_in_days: i64,
    #[serde(default)]
    dreams_open: bool,
    #[serde(default)]
    premoderated: bool,
    introduction: String,
    questions: Vec<String>,
    #[serde(default)]
    ideas: Vec<DemoIdea>,
    #[serde(default)]
    dreams: Vec<DemoDream>,
    #[serde(default)]
    paper: Vec<DemoPaper>,
    #[serde(default)]
    clusters: Vec<DemoCluster>,
    #[serde(default)]
    set_aside: Vec<DemoSetAside>,
}

/// A cluster in progress, made by a demo account from the round's ideas
/// (by their 1-based place in `ideas`).
#[derive(Debug, Deserialize)]
struct DemoCluster {
    title: String,
    #[serde(default)]
    summary: String,
    by: String,
    ideas: Vec<usize>,
}

#[derive(Debug, Deserialize)]
struct DemoSetAside {
    reason: String,
    #[serde(default)]
    note: String,
    by: String,
    ideas: Vec<usize>,
}

#[derive(Debug, Deserialize)]
struct DemoDream {
    wish: String,
    need: Option<String>,
    age: String,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DemoPaper {
    channel: String,
    name: String,
    days_ago: i64,
    place: Option<String>,
    group: String,
    q: usize,
    ideas: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DemoIdea {
    q: usize,
    text: String,
    domain: Option<String>,
    policy: Option<String>,
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
    let (challenge_id, _) = challenge::create(
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
    let mut rounds = Vec::new();
    for r in &demo.rounds {
        let phase = Phase::from_code(&r.phase)
            .ok_or_else(|| DemoError::Invalid(format!("phase {}", r.phase)))?;
        let opened = now - Duration::days(r.opened_days_ago);
        // Midday, so the closing date reads the same in every time zone season.
        let closes = (now + Duration::days(r.closes_in_days))
            .date_naive()
            .and_hms_opt(12, 0, 0)
            .map(|t| t.and_utc());
        let round::Created {
            id: round_id,
            question_ids,
            ..
        } = round::create(
            db,
            round::NewRound {
                challenge_id,
                slug: r.slug.clone(),
                title: r.title.clone(),
                introduction: r.introduction.trim().to_owned(),
                phase,
                opens_at: Some(opened),
                closes_at: closes,
                questions: r.questions.clone(),
                dreams_open: r.dreams_open,
                premoderated: r.premoderated,
                dreams_premoderated: true,
            },
        )
        .await?;
        let span = (now - opened).num_minutes();
        let count = r.ideas.len() as i64;
        let mut idea_ids = Vec::new();
        for (i, demo_idea) in r.ideas.iter().enumerate() {
            let draft = draft(demo_idea, &question_ids, &neighbourhoods)?;
            let key = SubmissionKey::random();
            // Spread over the open period, oldest first, not on the hour.
            let minutes = span * (i as i64 + 1) / (count + 1) - (i as i64 * 37 % 180);
            let sent = idea::submit(
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
                    channel: Channel::Online,
                    awaiting_review: false,
                    dream: None,
                    submission_hash: key.storage_hash(),
                    known_code_hash: None,
                    new_code_hash: ReceiptCode::derive(&key).lookup_hash(),
                    at: opened + Duration::minutes(minutes),
                },
            )
            .await?;
            idea_ids.push(sent.idea_id);
        }
        send_dreams(db, round_id, &r.dreams, opened, now).await?;
        report.push(format!(
            "  round \"{}\" ({}): {} questions, {} ideas, {} dreams, {} paper sources",
            r.title,
            r.phase,
            r.questions.len(),
            r.ideas.len(),
            r.dreams.len(),
            r.paper.len()
        ));
        rounds.push((round_id, question_ids, idea_ids));
    }
    let slugs: HashMap<&str, i64> = demo
        .rounds
        .iter()
        .zip(&rounds)
        .map(|(r, (id, _, _))| (r.slug.as_str(), *id))
        .collect();
    let accounts = create_accounts(db, &slugs, now).await?;
    let staff = accounts.get(DEMO_STAFF).copied();
    for (r, (round_id, question_ids, idea_ids)) in demo.rounds.iter().zip(&rounds) {
        for source in &r.paper {
            enter_paper(db, *round_id, question_ids, source, staff, now).await?;
        }
        funnel(db, *round_id, r, idea_ids, &accounts, now).await?;
    }
    report.push(accounts_report());
    Ok(report.join("\n"))
}

/// The demo's password for every demo account. These accounts exist only
/// in demo data.
pub const DEMO_PASSWORD: &str = "berkeloord-demo-2026";

/// The staff member who enters the demo's paper input.
const DEMO_STAFF: &str = "regisseur@berkeloord.example";

/// (email, name, role, organisation, slug of the round they co-moderate)
pub type DemoAccount = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
);

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    (
        "beheer@berkeloord.example",
        "Joost Bakker",
        Role::Admin,
        None,
        None,
    ),
    (
        "regisseur@berkeloord.example",
        "Sanne de Vries",
        Role::Staff,
        None,
        None,
    ),
    (
        "ervaring@berkeloord.example",
        "Marieke Jansen",
        Role::ExperienceExpert,
        None,
        Some("ronde-1-wat-is-nodig"),
    ),
    (
        "ervaring2@berkeloord.example",
        "Ahmed El Amrani",
        Role::ExperienceExpert,
        None,
        Some("ronde-2-kinderen-en-jongeren"),
    ),
    (
        "partner@berkeloord.example",
        "Ellen Visser",
        Role::Partner,
        Some("Woonstichting Berkeloord"),
        None,
    ),
];

/// Children's dreams, spread over the round's open days. The last few wait
/// for a moderator, so the demo's moderation queue has something in it.
async fn send_dreams(
    db: &Db,
    round_id: i64,
    dreams: &[DemoDream],
    opened: chrono::DateTime<Utc>,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    if dreams.is_empty() {
        return Ok(());
    }
    let question_id = round::dream_question(db, round_id).await?;
    let span = (now - opened).num_minutes().min(60 * 24 * 60);
    for (i, d) in dreams.iter().enumerate() {
        let dream = DreamInput {
            wish: d.wish.clone(),
            need: d.need.clone().unwrap_or_default(),
            age_group: Some(d.age.clone()),
            first_name: d.name.clone().unwrap_or_default(),
            wants_contact: false,
            contact: String::new(),
        }
        .validate()
        .map_err(|e| DemoError::Invalid(format!("{e:?} in dream {:?}", d.wish)))?;
        let key = SubmissionKey::random();
        let minutes = span * (i as i64 + 1) / (dreams.len() as i64 + 1);
        idea::submit(
            db,
            idea::Submission {
                round_id,
                draft: dream.draft(question_id),
                group: ContributorGroup::YoungPerson,
                channel: Channel::Online,
                awaiting_review: i + 3 >= dreams.len(),
                dream: Some(idea::DreamDetails {
                    need: dream.need.clone(),
                    age_group: AgeGroup::from_code(&d.age).unwrap_or(AgeGroup::Middle),
                    first_name: dream.first_name.clone(),
                    contact: None,
                }),
                submission_hash: key.storage_hash(),
                known_code_hash: None,
                new_code_hash: ReceiptCode::derive(&key).lookup_hash(),
                at: opened + Duration::minutes(minutes),
            },
        )
        .await?;
    }
    Ok(())
}

/// A meeting's or idea box's ideas, typed in by the demo's staff member
/// through the same checks as the paper-input form.
async fn enter_paper(
    db: &Db,
    round_id: i64,
    question_ids: &[i64],
    source: &DemoPaper,
    staff: Option<i64>,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    let staff = staff.ok_or_else(|| DemoError::Invalid("no staff account".into()))?;
    let held_on = (now - Duration::days(source.days_ago)).date_naive();
    let question = question_ids
        .get(source.q.wrapping_sub(1))
        .ok_or_else(|| DemoError::Invalid(format!("question {} of {}", source.q, source.name)))?;
    let batch = domain::paper::PaperInput {
        lines: source.ideas.join("\n"),
        channel: Some(source.channel.clone()),
        source: source.name.clone(),
        held_on: held_on.format("%Y-%m-%d").to_string(),
        place: source.place.clone().unwrap_or_default(),
        group: Some(source.group.clone()),
        question: Some(question.to_string()),
    }
    .validate(question_ids, now.date_naive())
    .map_err(|e| DemoError::Invalid(format!("{e:?} in {}", source.name)))?;
    paper::enter(
        db,
        paper::PaperEntry {
            round_id,
            batch,
            entered_by: staff,
            awaiting_review: false,
            submission_hash: SubmissionKey::random().storage_hash(),
            at: held_on.and_hms_opt(20, 0, 0).map_or(now, |t| t.and_utc()),
        },
    )
    .await?;
    Ok(())
}

/// Creates the demo accounts and appoints co-moderators; returns their ids
/// by email.
async fn create_accounts(
    db: &Db,
    rounds: &HashMap<&str, i64>,
    now: chrono::DateTime<Utc>,
) -> Result<HashMap<&'static str, i64>, DemoError> {
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
        .await
        .map_err(|e| DemoError::Invalid(e.to_string()))?;
    let mut ids = HashMap::new();
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
        let Some(id) = id else { continue };
        ids.insert(*email, id);
        if let Some(round_id) = co_moderates.and_then(|slug| rounds.get(slug)) {
            let by = ids.get(DEMO_STAFF).copied().unwrap_or(id);
            co_moderator::appoint(db, *round_id, id, by, now).await?;
        }
    }
    Ok(ids)
}

/// Clusters in progress and ideas set aside, through the same checks as
/// the workspace's forms.
async fn funnel(
    db: &Db,
    round_id: i64,
    r: &DemoRound,
    idea_ids: &[i64],
    accounts: &HashMap<&'static str, i64>,
    now: chrono::DateTime<Utc>,
) -> Result<(), DemoError> {
    let invalid = |what: String| DemoError::Invalid(format!("{what} in {}", r.slug));
    let chosen = |places: &[usize]| {
        places
            .iter()
            .map(|p| {
                idea_ids
                    .get(p.wrapping_sub(1))
                    .map(|id| cluster::Seen {
                        idea_id: *id,
                        version: 0,
                    })
                    .ok_or_else(|| invalid(format!("idea {p}")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let by = |email: &str| {
        accounts
            .get(email)
            .copied()
            .ok_or_else(|| invalid(format!("account {email}")))
    };
    let mut moves = Vec::new();
    for c in &r.clusters {
        let text = cluster::cluster_text(&c.title, &c.summary)
            .map_err(|(_, code)| invalid(format!("{code} for {}", c.title)))?;
        moves.push((chosen(&c.ideas)?, Destination::NewCluster(text), by(&c.by)?));
    }
    for a in &r.set_aside {
        let aside =
            cluster::set_aside(&a.reason, &a.note).map_err(|code| invalid(code.to_owned()))?;
        moves.push((chosen(&a.ideas)?, Destination::SetAside(aside), by(&a.by)?));
    }
    for (i, (seen, destination, by)) in moves.into_iter().enumerate() {
        // A few hours apart, the way people work through a round.
        let at = now - Duration::hours(48 - 3 * i as i64);
        match store::cluster::place(db, round_id, seen, destination, by, at).await? {
            store::cluster::Changed::Done { .. } => {}
            other => return Err(invalid(format!("placing ideas: {other:?}"))),
        }
    }
    Ok(())
}

fn accounts_report() -> String {
    let mut lines = vec![format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}), sign in at /inloggen:"
    )];
    for (email, name, role, _, co_moderates) in DEMO_ACCOUNTS {
        let extra = co_moderates
            .map(|slug| format!(", co-moderator of {slug}"))
            .unwrap_or_default();
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
        policy_domain: demo_idea
            .policy
            .as_deref()
            .map(|d| {
                PolicyDomain::from_code(d).ok_or_else(|| invalid(format!("policy domain {d}")))
            })
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
        for demo_idea in demo.rounds.iter().flat_map(|r| &r.ideas) {
            draft(demo_idea, &[1, 2, 3], &fake_neighbourhoods).expect("valid demo idea");
        }
        // A round in the funnelling phase with about 150 contributions,
        // dreams and paper input among them.
        let funnelling = demo
            .rounds
            .iter()
            .find(|r| r.phase == "funnelling")
            .expect("a funnelling round");
        let paper: usize = funnelling.paper.iter().map(|p| p.ideas.len()).sum();
        let total = funnelling.ideas.len() + funnelling.dreams.len() + paper;
        assert!((140..=200).contains(&total), "{total} contributions");
        assert!(funnelling.dreams.len() >= 20 && paper >= 20);
    }
}
