//! The records open data is made of, and reading them from the store.

use crate::web::AppState;
use domain::csv::Cell;
use domain::dashboard;
use domain::tally::Table;
use serde::Serialize;
use store::StoreError;
use utoipa::ToSchema;

/// A challenge: a societal task the municipality works on in rounds.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Challenge {
    /// The challenge's address name.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The year the challenge aims for, if set.
    pub horizon_year: Option<i64>,
}

/// A consultation round of a challenge (draft rounds are not public).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Round {
    pub slug: String,
    /// The challenge's slug.
    pub challenge: String,
    /// Order of the round within its challenge.
    pub number: i64,
    pub title: String,
    pub introduction: String,
    /// collecting, funnelling, feedback or closed.
    pub phase: String,
    pub opens_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closes_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the plan went out for feedback.
    pub plan_sent_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the final plan was published.
    pub plan_published_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// An idea (or a child's dream) as the round page shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Idea {
    pub id: i64,
    /// The same for all contributions of one person in this database; it
    /// cannot be traced back to anyone.
    pub contributor: String,
    /// The number of the round's question it answers.
    pub question: i64,
    /// A child's dream rather than an idea.
    pub dream: bool,
    pub text: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub neighbourhood: Option<String>,
    /// The contributor said they know poverty from their own life.
    pub lived_experience: bool,
    /// resident, experience_expert or young_person.
    pub group: String,
    /// online, paper or meeting.
    pub channel: String,
    /// A dream's age group: 4-7, 8-12 or 13-17.
    pub age_group: Option<String>,
    /// The cluster (theme) the idea is in.
    pub cluster: Option<i64>,
    /// Why the idea was set aside: out_of_scope, off_topic or other.
    pub set_aside: Option<String>,
    /// How many people said "ik ook" (me too).
    pub supports: i64,
    /// Personal data was taken out of the text by a moderator.
    pub redacted: bool,
    /// The day it was sent (YYYY-MM-DD).
    pub date: String,
}

/// A cluster (theme) of ideas.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Cluster {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// How many counted ideas it holds.
    pub ideas: i64,
    /// Numbers of the plan items that come from it (once the plan is out).
    pub plan_items: Vec<i64>,
    /// Why it is not in the plan (once the plan is out).
    pub left_out_reason: Option<String>,
}

/// An item of a round's plan, once the plan went out.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanItem {
    pub id: i64,
    /// Its number in the plan ("punt 3").
    pub number: i64,
    /// The title as the plan went out for feedback.
    pub title: String,
    pub description: String,
    /// The final text, once the final plan is published.
    pub final_title: Option<String>,
    pub final_description: Option<String>,
    /// What was done after the feedback: changed, kept or dropped.
    pub outcome: Option<String>,
    /// Why, in the municipality's words.
    pub outcome_note: Option<String>,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead: Option<String>,
    /// The clusters it comes from.
    pub clusters: Vec<i64>,
    /// Latest progress: not_started, in_progress, done or stopped.
    pub status: Option<String>,
}

/// A round's plan.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Plan {
    pub round: String,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub items: Vec<PlanItem>,
}

/// Reactions to a plan item from one group. A group with fewer than five
/// people is never shown on its own, and neither is a group that could be
/// worked out from `all` minus the others: the groups not shown are added
/// up as `together` (always five or more). An item to which one to four
/// people reacted has no rows at all; `all` counts everyone.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReactionCount {
    pub item: i64,
    /// The item's number in the plan.
    pub item_number: i64,
    /// resident, young_person, professional, experience_expert, together
    /// or all.
    pub group: String,
    pub agree: i64,
    pub partly: i64,
    pub disagree: i64,
    pub n: i64,
}

/// A dated progress update on a plan item.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProgressUpdate {
    pub id: i64,
    pub item: i64,
    /// not_started, in_progress, done or stopped.
    pub status: String,
    pub note: String,
    /// The day it was written (YYYY-MM-DD).
    pub date: String,
}

/// A record that is also a CSV line: its columns, in order.
pub trait Record: Serialize {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<Cell>;
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn maybe(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, text)
}

fn number(n: i64) -> Cell {
    Cell::Number(n)
}

fn yes_no(b: bool) -> Cell {
    text(if b { "true" } else { "false" })
}

fn list(ids: &[i64]) -> Cell {
    text(&ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" "))
}

impl Record for Idea {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "contributor",
        "question",
        "dream",
        "text",
        "life_domain",
        "policy_domain",
        "neighbourhood",
        "lived_experience",
        "group",
        "channel",
        "age_group",
        "cluster",
        "set_aside",
        "supports",
        "redacted",
        "date",
    ];
    fn cells(&self) -> Vec<Cell> {
        vec![
            number(self.id),
            text(&self.contributor),
            number(self.question),
            yes_no(self.dream),
            text(&self.text),
            maybe(&self.life_domain),
            maybe(&self.policy_domain),
            maybe(&self.neighbourhood),
            yes_no(self.lived_experience),
            text(&self.group),
            text(&self.channel),
            maybe(&self.age_group),
            self.cluster.map_or(Cell::Empty, number),
            maybe(&self.set_aside),
            number(self.supports),
            yes_no(self.redacted),
            text(&self.date),
        ]
    }
}

impl Record for Cluster {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "summary",
        "ideas",
        "plan_items",
        "left_out_reason",
    ];
    fn cells(&self) -> Vec<Cell> {
        vec![
            number(self.id),
            text(&self.title),
            text(&self.summary),
            number(self.ideas),
            list(&self.plan_items),
            maybe(&self.left_out_reason),
        ]
    }
}

impl Record for PlanItem {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "number",
        "title",
        "description",
        "final_title",
        "final_description",
        "outcome",
        "outcome_note",
        "life_domain",
        "policy_domain",
        "spearhead",
        "clusters",
        "status",
    ];
    fn cells(&self) -> Vec<Cell> {
        vec![
            number(self.id),
            number(self.number),
            text(&self.title),
            text(&self.description),
            maybe(&self.final_title),
            maybe(&self.final_description),
            maybe(&self.outcome),
            maybe(&self.outcome_note),
            maybe(&self.life_domain),
            maybe(&self.policy_domain),
            maybe(&self.spearhead),
            list(&self.clusters),
            maybe(&self.status),
        ]
    }
}

impl Record for ReactionCount {
    const COLUMNS: &'static [&'static str] = &[
        "item",
        "item_number",
        "group",
        "agree",
        "partly",
        "disagree",
        "n",
    ];
    fn cells(&self) -> Vec<Cell> {
        vec![
            number(self.item),
            number(self.item_number),
            text(&self.group),
            number(self.agree),
            number(self.partly),
            number(self.disagree),
            number(self.n),
        ]
    }
}

impl Record for ProgressUpdate {
    const COLUMNS: &'static [&'static str] = &["id", "item", "status", "note", "date"];
    fn cells(&self) -> Vec<Cell> {
        vec![
            number(self.id),
            number(self.item),
            text(&self.status),
            text(&self.note),
            text(&self.date),
        ]
    }
}

fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

pub fn round(r: store::open_data::RoundRow) -> Round {
    Round {
        slug: r.slug,
        challenge: r.challenge_slug,
        number: r.number,
        title: r.title,
        introduction: r.introduction,
        phase: r.phase,
        opens_at: r.opens_at,
        closes_at: r.closes_at,
        plan_sent_at: r.plan_sent_at,
        plan_published_at: r.plan_published_at,
    }
}

pub fn challenge(c: store::open_data::ChallengeRow) -> Challenge {
    Challenge {
        slug: c.slug,
        title: c.title,
        description: c.description,
        horizon_year: c.horizon_year,
    }
}

/// A page of a round's ideas (`limit` `None`: all), and how many there are.
pub async fn ideas(
    state: &AppState,
    round_id: i64,
    offset: i64,
    limit: Option<i64>,
) -> Result<(Vec<Idea>, i64), StoreError> {
    let (rows, total) = store::open_data::ideas(&state.db, round_id, offset, limit).await?;
    let ideas = rows
        .into_iter()
        .map(|i| Idea {
            id: i.id,
            contributor: dashboard::pseudonym(&state.client_salt, i.participant_id),
            question: i.question,
            dream: i.dream,
            text: i.text,
            life_domain: i.life_domain,
            policy_domain: i.policy_domain,
            neighbourhood: i.neighbourhood,
            lived_experience: i.lived_experience,
            group: i.contributor_group,
            channel: i.channel,
            age_group: i.age_group,
            cluster: i.cluster_id,
            set_aside: i.set_aside,
            supports: i.supports,
            redacted: i.redacted,
            date: day(i.created_at),
        })
        .collect();
    Ok((ideas, total))
}

/// A round's clusters, with where they went once the plan is out.
pub async fn clusters(state: &AppState, round_id: i64) -> Result<Vec<Cluster>, StoreError> {
    let (rows, items, links) = tokio::try_join!(
        store::open_data::clusters(&state.db, round_id),
        store::open_data::items(&state.db, round_id),
        store::open_data::item_clusters(&state.db, round_id),
    )?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let mut plan_items: Vec<i64> = links
                .iter()
                .filter(|(_, cluster)| *cluster == c.id)
                .filter_map(|(item, _)| items.iter().find(|i| i.id == *item))
                .map(|i| i.position)
                .collect();
            plan_items.sort_unstable();
            Cluster {
                id: c.id,
                title: c.title,
                summary: c.summary,
                ideas: c.ideas,
                plan_items,
                left_out_reason: c.left_out_reason,
            }
        })
        .collect())
}

/// A round's plan items, once the plan went out (else none).
pub async fn plan_items(state: &AppState, round_id: i64) -> Result<Vec<PlanItem>, StoreError> {
    let (items, links) = tokio::try_join!(
        store::open_data::items(&state.db, round_id),
        store::open_data::item_clusters(&state.db, round_id),
    )?;
    Ok(items
        .into_iter()
        .map(|i| PlanItem {
            clusters: links
                .iter()
                .filter(|(item, _)| *item == i.id)
                .map(|(_, cluster)| *cluster)
                .collect(),
            id: i.id,
            number: i.position,
            title: i.title,
            description: i.description,
            final_title: i.final_title,
            final_description: i.final_description,
            outcome: i.outcome,
            outcome_note: i.outcome_note,
            life_domain: i.life_domain,
            policy_domain: i.policy_domain,
            spearhead: i.spearhead,
            status: i.latest_status,
        })
        .collect())
}

/// Reactions per item and group, under the small-group rule.
pub async fn reaction_counts(
    state: &AppState,
    round_id: i64,
) -> Result<Vec<ReactionCount>, StoreError> {
    let (rows, items) = tokio::try_join!(
        store::open_data::reaction_counts(&state.db, round_id),
        store::open_data::items(&state.db, round_id),
    )?;
    let mut out = Vec::new();
    for item in &items {
        let result = crate::insight::server::result(rows.iter().filter(|r| r.item_id == item.id));
        for (who, counts) in Table::of(&result).rows {
            out.push(ReactionCount {
                item: item.id,
                item_number: item.position,
                group: who.code().to_owned(),
                agree: i64::from(counts.agree),
                partly: i64::from(counts.partly),
                disagree: i64::from(counts.disagree),
                n: i64::from(counts.n()),
            });
        }
    }
    Ok(out)
}

/// Progress updates of a round's items, or of a challenge's.
pub async fn progress(
    state: &AppState,
    round_id: Option<i64>,
    challenge: Option<&str>,
) -> Result<Vec<ProgressUpdate>, StoreError> {
    Ok(store::open_data::progress(&state.db, round_id, challenge)
        .await?
        .into_iter()
        .map(|u| ProgressUpdate {
            id: u.id,
            item: u.item_id,
            status: u.status,
            note: u.note,
            date: day(u.written_at),
        })
        .collect())
}
