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
    /// Monitoring moments staff took of the final plans' progress.
    #[serde(default)]
    monitoring: Vec<DemoMoment>,
}

#[derive(Debug, Deserialize)]
struct DemoMoment {
    label: String,
    days_ago: i64,
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
    /// A plan of the round's clusters. With one, the round is walked to its
    /// phase the way people would: written while funnelling, co-signed,
    /// sent out, reacted to, concluded, published.
    plan: Option<DemoPlan>,
}

#[derive(Debug, Deserialize)]
struct DemoPlan {
    #[serde(default)]
    introduction: String,
    items: Vec<DemoItem>,
    /// Why a cluster (by its 1-based place in `clusters`) is left out.
    #[serde(default)]
    left_out: Vec<DemoLeftOut>,
    #[serde(default)]
    signatures: Vec<DemoSignature>,
    /// Days ago it went out for feedback; none: still being written.
    sent_days_ago: Option<i64>,
    /// Days ago the final plan was published.
    published_days_ago: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct DemoItem {
    title: String,
    description: String,
    clusters: Vec<usize>,
    life: Option<String>,
    policy: Option<String>,
    /// 1-based place in the challenge's spearheads.
    spearhead: Option<usize>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    rights: Vec<String>,
    effect: Option<String>,
    #[serde(default)]
    child_note: String,
    #[serde(default)]
    reactions: Vec<DemoReactions>,
    outcome: Option<String>,
    final_title: Option<String>,
    final_description: Option<String>,
    #[serde(default)]
    outcome_note: String,
    #[serde(default)]
    progress: Vec<DemoProgress>,
}

/// Reactions of one group to an item; the "why" texts go with the first
/// reactions of their stance.
#[derive(Debug, Deserialize)]
struct DemoReactions {
    group: String,
    agree: u32,
    partly: u32,
    disagree: u32,
    #[serde(default)]
    why: Vec<DemoWhy>,
}

#[derive(Debug, Deserialize)]
struct DemoWhy {
    stance: String,
    text: String,
}

#[derive(Debug, Deserialize)]
struct DemoLeftOut {
    cluster: usize,
    reason: String,
}

#[derive(Debug, Deserialize)]
struct DemoSignature {
    by: String,
    objection: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DemoProgress {
    status: String,
    note: String,
    by: String,
    days_ago: i64,
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
    /// Sent by the demo resident, whose code [`DEMO_RESIDENT_CODE`] the
    /// demo prints: a newcomer opens "Mijn inbreng" with it and sees what
    /// became of these ideas.
    #[serde(default)]
    demo_resident: bool,
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
    let resident = ReceiptCode::parse(DEMO_RESIDENT_CODE)
        .map_err(|_| DemoError::Invalid("the demo resident's code".into()))?;
    let mut rounds = Vec::new();
    // Oldest first, so rounds are numbered in the order they ran.
    let mut order: Vec<&DemoRound> = demo.rounds.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.opened_days_ago));
    for r in order.iter().copied() {
        let phase = Phase::from_code(&r.phase)
            .ok_or_else(|| DemoError::Invalid(format!("phase {}", r.phase)))?;
        // A round with a plan starts in funnelling and is walked on below.
        let phase = if r.plan.is_some() && phase != Phase::Funnelling {
            Phase::Funnelling
        } else {
            phase
        };
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
        // Ideas came in while the round collected.
        let collected_until = closes.filter(|c| *c < now).unwrap_or(now);
        let span = (collected_until - opened).num_minutes();
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
                    known_code_hash: demo_idea.demo_resident.then(|| resident.lookup_hash()),
                    new_code_hash: if demo_idea.demo_resident {
                        resident.lookup_hash()
                    } else {
                        ReceiptCode::derive(&key).lookup_hash()
                    },
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
    let slugs: HashMap<&str, i64> = order
        .iter()
        .zip(&rounds)
        .map(|(r, (id, _, _))| (r.slug.as_str(), *id))
        .collect();
    let accounts = create_accounts(db, &slugs, now).await?;
    let staff = accounts.get(DEMO_STAFF).copied();
    for (r, (round_id, question_ids, idea_ids)) in order.iter().zip(&rounds) {
        for source in &r.paper {
            enter_paper(db, *round_id, question_ids, source, staff, now).await?;
        }
        let clusters = funnel(db, *round_id, r, idea_ids, &accounts, now).await?;
        if let Some(plan) = &r.plan {
            let items = write_plan(db, *round_id, r, plan, &clusters, &accounts, now).await?;
            report.push(format!(
                "  round \"{}\": plan with {items} items, now {}",
                r.title, r.phase
            ));
        }
    }
    if let Some(staff) = staff {
        for m in &demo.monitoring {
            let at = now - Duration::days(m.days_ago);
            store::insight::take_moment(db, challenge_id, m.label.clone(), at, staff).await?;
        }
        report.push(format!("  {} monitoring moments", demo.monitoring.len()));
    }
    report.push(accounts_report());
    Ok(report.join("\n"))
}

/// The receipt code of a demo resident who sent ideas to rounds whose plan
/// is out. Exists only in demo data.
pub const DEMO_RESIDENT_CODE: &str = "BERKE-VRAAG";

/// The demo's password for every demo account. These accounts exist only
/// in demo data.
pub const DEMO_PASSWORD: &str = "berkeloord-demo-2026";

/// The staff member who enters the demo's paper input.
const DEMO_STAFF: &str = "regisseur@berkeloord.example";

/// (email, name, role, organisation, slugs of the rounds they co-moderate)
pub type DemoAccount = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    &'static [&'static str],
);

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    (
        "beheer@berkeloord.example",
        "Joost Bakker",
        Role::Admin,
        None,
        &[],
    ),
    (
        "regisseur@berkeloord.example",
        "Sanne de Vries",
        Role::Staff,
        None,
        &[],
    ),
    (
        "ervaring@berkeloord.example",
        "Marieke Jansen",
        Role::ExperienceExpert,
        None,
        &[
            "ronde-1-wat-is-nodig",
            "rondkomen-2025",
            "schulden-voorkomen",
        ],
    ),
    (
        "ervaring2@berkeloord.example",
        "Ahmed El Amrani",
        Role::ExperienceExpert,
        None,
        &["ronde-2-kinderen-en-jongeren", "schulden-voorkomen"],
    ),
    (
        "partner@berkeloord.example",
        "Ellen Visser",
        Role::Partner,
        Some("Woonstichting Berkeloord"),
        &[],
    ),
    (
        "partner2@berkeloord.example",
        "Yusuf Demir",
        Role::Partner,
        Some("Welzijn Berkeloord"),
        &[],
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
    for (email, name, role, organisation, co_moderated) in DEMO_ACCOUNTS {
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
        for round_id in co_moderated.iter().filter_map(|slug| rounds.get(slug)) {
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
) -> Result<Vec<i64>, DemoError> {
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
    let mut clusters = Vec::new();
    // Rounds with a plan were funnelled before it went out.
    let start = match r.plan.as_ref().and_then(|p| p.sent_days_ago) {
        Some(days) => now - Duration::days(days + 14),
        None => now - Duration::hours(48),
    };
    for (i, (seen, destination, by)) in moves.into_iter().enumerate() {
        // A few hours apart, the way people work through a round.
        let at = start + Duration::hours(3 * i as i64);
        match store::cluster::place(db, round_id, seen, destination, by, at).await? {
            store::cluster::Changed::Done { cluster_id } => clusters.extend(cluster_id),
            other => return Err(invalid(format!("placing ideas: {other:?}"))),
        }
    }
    Ok(clusters)
}

/// Writes the round's plan through the same checks as the plan's forms,
/// and walks the round on: co-signed, sent out, reacted to, concluded and
/// published, as far as the demo says. Returns the number of items.
async fn write_plan(
    db: &Db,
    round_id: i64,
    r: &DemoRound,
    p: &DemoPlan,
    clusters: &[i64],
    accounts: &HashMap<&'static str, i64>,
    now: chrono::DateTime<Utc>,
) -> Result<usize, DemoError> {
    use domain::plan::{
        self as rules, ChildEffect, ChildRight, Outcome, Progress, ReactionGroup, Stance,
    };
    use store::plan::{self as stored, Changed};
    let invalid = |what: String| DemoError::Invalid(format!("{what} in the plan of {}", r.slug));
    let by = |email: &str| {
        accounts
            .get(email)
            .copied()
            .ok_or_else(|| invalid(format!("account {email}")))
    };
    let done = |changed: Changed, what: &str| match changed {
        Changed::Done(id) => Ok(id),
        other => Err(invalid(format!("{what}: {other:?}"))),
    };
    let staff = by(DEMO_STAFF)?;
    let sent_at = p.sent_days_ago.map(|d| now - Duration::days(d));
    let written_at = sent_at.unwrap_or(now) - Duration::days(3);
    let spearheads = stored::spearheads(db, round_id).await?;
    let cluster = |place: usize| {
        clusters
            .get(place.wrapping_sub(1))
            .copied()
            .ok_or_else(|| invalid(format!("cluster {place}")))
    };
    let mut item_ids = Vec::new();
    for item in &p.items {
        let ids = item
            .clusters
            .iter()
            .map(|c| cluster(*c))
            .collect::<Result<Vec<_>, _>>()?;
        let text = rules::plan_item(&item.title, &item.description, &ids)
            .map_err(|(_, code)| invalid(format!("{code} for {}", item.title)))?;
        let mut partners = Vec::new();
        for name in &item.partners {
            partners.push(account::organisation_named(db, name.clone(), written_at).await?);
        }
        let input = stored::draft::ItemInput {
            round_id,
            item: None,
            text,
            life_domain: item.life.clone(),
            policy_domain: item.policy.clone(),
            spearhead_id: match item.spearhead {
                Some(place) => Some(
                    spearheads
                        .get(place.wrapping_sub(1))
                        .map(|(id, _)| *id)
                        .ok_or_else(|| invalid(format!("spearhead {place}")))?,
                ),
                None => None,
            },
            partners,
            rights: item
                .rights
                .iter()
                .map(|c| ChildRight::from_code(c).ok_or_else(|| invalid(format!("right {c}"))))
                .collect::<Result<_, _>>()?,
            child_effect: item.effect.as_deref().and_then(ChildEffect::from_code),
            child_note: item.child_note.clone(),
            by: staff,
            at: written_at,
        };
        item_ids.push(done(stored::draft::save_item(db, input).await?, "item")?);
    }
    if !p.introduction.is_empty() {
        let text = p.introduction.trim().to_owned();
        done(
            stored::draft::set_introduction(db, round_id, text, staff, written_at).await?,
            "introduction",
        )?;
    }
    for l in &p.left_out {
        let id = cluster(l.cluster)?;
        let reason = rules::reason(&l.reason).map_err(|code| invalid(code.to_owned()))?;
        done(
            stored::draft::leave_out(db, round_id, id, reason, staff, written_at).await?,
            "reason",
        )?;
    }
    let version = stored::load(db, round_id)
        .await?
        .plan
        .map_or(0, |plan| plan.version);
    for s in &p.signatures {
        let objection = s.objection.clone();
        let at = written_at + Duration::hours(20);
        done(
            stored::send_out::sign(db, round_id, version, by(&s.by)?, objection, at).await?,
            "signature",
        )?;
    }
    let Some(sent_at) = sent_at else {
        return Ok(item_ids.len());
    };
    let link = format!("/ronde/{}/plan", r.slug);
    let notice = app::plan::notice::notice("plan_out", &r.title, Some(&link), None);
    // The store checks that the plan answers every idea, as for staff.
    match stored::send_out::send_out(db, round_id, version, staff, notice, sent_at).await? {
        stored::send_out::SentOut::Sent => {}
        other => return Err(invalid(format!("sending out: {other:?}"))),
    }
    let until = p
        .published_days_ago
        .map_or(now, |d| now - Duration::days(d + 5));
    let span = (until - sent_at).num_minutes().max(1);
    for (item, id) in p.items.iter().zip(&item_ids) {
        let mut k = 0i64;
        for reactions in &item.reactions {
            let group = ReactionGroup::from_code(&reactions.group)
                .ok_or_else(|| invalid(format!("group {}", reactions.group)))?;
            for stance in Stance::ALL {
                let count = match stance {
                    Stance::Agree => reactions.agree,
                    Stance::Partly => reactions.partly,
                    Stance::Disagree => reactions.disagree,
                };
                let mut whys = reactions.why.iter().filter(|w| w.stance == stance.code());
                for _ in 0..count {
                    k += 1;
                    let why = whys.next().map(|w| w.text.clone()).unwrap_or_default();
                    let key = SubmissionKey::random();
                    let reacted = store::reaction::save(
                        db,
                        store::reaction::ReactionInput {
                            round_id,
                            item_id: *id,
                            group,
                            stance,
                            why,
                            known_code_hash: None,
                            new_code_hash: ReceiptCode::derive(&key).lookup_hash(),
                            at: sent_at + Duration::minutes(span * (k * 37 % 97) / 97),
                        },
                    )
                    .await?;
                    if reacted == store::reaction::Reacted::NotOpen {
                        return Err(invalid("reaction".to_owned()));
                    }
                }
            }
        }
    }
    let Some(published_days_ago) = p.published_days_ago else {
        return Ok(item_ids.len());
    };
    let published_at = now - Duration::days(published_days_ago);
    let items = stored::load(db, round_id).await?.items;
    for (item, stored_item) in p.items.iter().zip(&items) {
        let outcome = item
            .outcome
            .as_deref()
            .and_then(Outcome::from_code)
            .ok_or_else(|| invalid(format!("outcome of {}", item.title)))?;
        let conclusion = stored::final_plan::Conclusion {
            round_id,
            item_id: stored_item.id,
            version: stored_item.version,
            outcome,
            final_title: item
                .final_title
                .clone()
                .unwrap_or_else(|| item.title.clone()),
            final_description: item
                .final_description
                .clone()
                .unwrap_or_else(|| item.description.clone()),
            note: item.outcome_note.clone(),
            at: published_at - Duration::days(2),
        };
        done(
            stored::final_plan::conclude(db, conclusion).await?,
            "conclusion",
        )?;
    }
    let notice = app::plan::notice::notice("final_plan", &r.title, Some(&link), None);
    done(
        stored::final_plan::publish(db, round_id, staff, notice, published_at).await?,
        "publishing",
    )?;
    for (item, id) in p.items.iter().zip(&item_ids) {
        let mut updates: Vec<&DemoProgress> = item.progress.iter().collect();
        updates.sort_by_key(|u| std::cmp::Reverse(u.days_ago));
        for u in updates {
            let status = Progress::from_code(&u.status)
                .ok_or_else(|| invalid(format!("status {}", u.status)))?;
            let at = now - Duration::days(u.days_ago);
            done(
                store::progress::add_progress(db, *id, status, u.note.clone(), by(&u.by)?, at)
                    .await?,
                "progress",
            )?;
        }
    }
    Ok(item_ids.len())
}

fn accounts_report() -> String {
    let mut lines = vec![format!(
        "Demo accounts (password for all: {DEMO_PASSWORD}), sign in at /inloggen:"
    )];
    for (email, name, role, _, co_moderated) in DEMO_ACCOUNTS {
        let extra = if co_moderated.is_empty() {
            String::new()
        } else {
            format!(", co-moderator of {}", co_moderated.join(" and "))
        };
        lines.push(format!("  {email:<32} {name} ({}{extra})", role.code()));
    }
    lines.push(format!(
        "A resident's receipt code (no account needed; open /mijn): {DEMO_RESIDENT_CODE}"
    ));
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
