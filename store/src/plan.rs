//! The condensed plan of a round: its items traced to clusters, the
//! children's-rights check, reasons for clusters left out, co-moderators'
//! signatures, residents' reactions, what was done with them, the final
//! plan and progress over the years. Rules are in `domain::plan`; this
//! module stores what passed them.
//!
//! Changing a plan item after co-moderators signed takes their signatures
//! away: they signed what they read, not what it became.

use crate::outbox::NewMail;
use crate::{Db, StoreError, counted_idea, read, write};
use chrono::{DateTime, Utc};
use domain::Phase;
use domain::lifecycle::RoundAction;
use domain::plan::{ChildEffect, ChildRight, Outcome, PlanItemText, Progress, Stance};
use domain::send_out::Missing;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Plan {
    pub round_id: i64,
    pub introduction: String,
    pub version: i64,
    pub sent_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Item {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub description: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead_id: Option<i64>,
    pub spearhead_title: Option<String>,
    pub child_effect: Option<String>,
    pub child_note: String,
    pub final_title: Option<String>,
    pub final_description: Option<String>,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub version: i64,
}

/// A cluster of the round with how many counted ideas it holds per group,
/// and from how many people (the small-group rule counts people).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ClusterCount {
    pub cluster_id: i64,
    pub title: String,
    pub contributor_group: Option<String>,
    pub ideas: i64,
    pub people: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Link {
    pub item_id: i64,
    pub other_id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LeftOut {
    pub cluster_id: i64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SignatureRow {
    pub account_id: i64,
    pub display_name: String,
    pub objection: Option<String>,
    pub signed_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ProgressRow {
    pub item_id: i64,
    pub status: String,
    pub note: String,
    pub display_name: String,
    pub organisation_name: Option<String>,
    pub written_at: DateTime<Utc>,
}

/// Progress updates (`u`) with their item (`p`) and who wrote them.
const PROGRESS: &str = "SELECT u.item_id, u.status, u.note, a.display_name,
        o.name AS organisation_name, u.written_at
     FROM progress_updates u
     JOIN plan_items p ON p.id = u.item_id
     JOIN accounts a ON a.id = u.written_by
     LEFT JOIN organisations o ON o.id = a.organisation_id";

/// Everything a plan page shows, in a fixed number of queries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanData {
    pub plan: Option<Plan>,
    pub items: Vec<Item>,
    /// Per cluster and group (a cluster without ideas has one row, group
    /// `None`).
    pub clusters: Vec<ClusterCount>,
    /// item → cluster (name: the cluster's title).
    pub item_clusters: Vec<Link>,
    /// item → right (other_id 0, name: the right's code).
    pub rights: Vec<Link>,
    /// item → organisation.
    pub partners: Vec<Link>,
    pub left_out: Vec<LeftOut>,
    pub signatures: Vec<SignatureRow>,
    pub progress: Vec<ProgressRow>,
}

pub async fn load(db: &Db, round_id: i64) -> Result<PlanData, StoreError> {
    let plan = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT round_id, introduction, version, sent_at, published_at
                 FROM plans WHERE round_id = $1",
            )
            .bind(round_id)
            .fetch_optional(pool)
            .await
        })?)
    };
    let items = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT p.id, p.position, p.title, p.description, p.life_domain, p.policy_domain,
                        p.spearhead_id, s.title AS spearhead_title, p.child_effect, p.child_note,
                        p.final_title, p.final_description, p.outcome, p.outcome_note, p.version
                 FROM plan_items p LEFT JOIN spearheads s ON s.id = p.spearhead_id
                 WHERE p.round_id = $1 AND p.removed_at IS NULL ORDER BY p.position, p.id",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let clusters = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(concat!(
                "SELECT c.id AS cluster_id, c.title, i.contributor_group, COUNT(i.id) AS ideas,
                        COUNT(DISTINCT i.participant_id) AS people
                 FROM clusters c LEFT JOIN ideas i ON i.cluster_id = c.id AND ",
                counted_idea!(),
                " WHERE c.round_id = $1 AND c.removed_at IS NULL
                 GROUP BY c.id, c.title, i.contributor_group ORDER BY c.id"
            ))
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let item_clusters = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT l.item_id, l.cluster_id AS other_id, c.title AS name
                 FROM plan_item_clusters l
                 JOIN plan_items p ON p.id = l.item_id
                 JOIN clusters c ON c.id = l.cluster_id
                 WHERE p.round_id = $1 AND p.removed_at IS NULL AND c.removed_at IS NULL
                 ORDER BY l.item_id, c.id",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let rights = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT r.item_id, CAST(0 AS BIGINT) AS other_id, r.child_right AS name
                 FROM plan_item_rights r JOIN plan_items p ON p.id = r.item_id
                 WHERE p.round_id = $1 ORDER BY r.item_id, r.child_right",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let partners = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT l.item_id, l.organisation_id AS other_id, o.name
                 FROM plan_item_partners l
                 JOIN plan_items p ON p.id = l.item_id
                 JOIN organisations o ON o.id = l.organisation_id
                 WHERE p.round_id = $1 ORDER BY l.item_id, o.name",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let left_out = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT l.cluster_id, l.reason FROM clusters_left_out l
                 JOIN clusters c ON c.id = l.cluster_id
                 WHERE c.round_id = $1 ORDER BY l.cluster_id",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let signatures = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT s.account_id, a.display_name, s.objection, s.signed_at
                 FROM plan_signatures s JOIN accounts a ON a.id = s.account_id
                 WHERE s.round_id = $1 ORDER BY a.display_name",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let progress = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(&format!(
                "{PROGRESS} WHERE p.round_id = $1 ORDER BY u.item_id, u.id DESC"
            ))
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let (plan, items, clusters, item_clusters, rights, partners, left_out, signatures, progress) =
        tokio::try_join!(
            plan,
            items,
            clusters,
            item_clusters,
            rights,
            partners,
            left_out,
            signatures,
            progress
        )?;
    Ok(PlanData {
        plan,
        items,
        clusters,
        item_clusters,
        rights,
        partners,
        left_out,
        signatures,
        progress,
    })
}

/// A plan item as staff or a co-moderator saved it.
#[derive(Clone, Debug)]
pub struct ItemInput {
    pub round_id: i64,
    /// `None`: a new item, placed last.
    pub item: Option<(i64, i64)>,
    pub text: PlanItemText,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead_id: Option<i64>,
    pub partners: Vec<i64>,
    pub rights: Vec<ChildRight>,
    pub child_effect: Option<ChildEffect>,
    pub child_note: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

/// What became of a change to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Done(i64),
    /// Someone changed it first (or the round moved on); nothing changed.
    Conflict,
    /// Not a plan item, cluster or spearhead of this round.
    Gone,
}

/// Makes sure the round has a plan, while it is being funnelled, and
/// takes signatures away: what they signed is changing. Conflict if the
/// round is no longer in funnelling.
macro_rules! plan_changes {
    ($conn:expr, $round_id:expr, $by:expr, $at:expr) => {{
        let phase: Option<String> = sqlx::query_scalar("SELECT phase FROM rounds WHERE id = $1")
            .bind($round_id)
            .fetch_optional(&mut *$conn)
            .await?;
        if phase.as_deref() != Some(Phase::Funnelling.code()) {
            return Err(StoreError::Conflict);
        }
        sqlx::query(
            "INSERT INTO plans (round_id, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $3)
             ON CONFLICT (round_id) DO UPDATE SET version = plans.version + 1,
                                                 updated_at = excluded.updated_at",
        )
        .bind($round_id)
        .bind($by)
        .bind($at)
        .execute(&mut *$conn)
        .await?;
        sqlx::query("DELETE FROM plan_signatures WHERE round_id = $1")
            .bind($round_id)
            .execute(&mut *$conn)
            .await?;
    }};
}

fn settle(result: Result<Changed, StoreError>) -> Result<Changed, StoreError> {
    match result {
        Err(StoreError::Conflict) => Ok(Changed::Conflict),
        other => other,
    }
}

/// Adds or changes a plan item with its clusters, partners and rights.
pub async fn save_item(db: &Db, input: ItemInput) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let i = &input;
        // Only clusters of this round, and a spearhead of its challenge.
        // Checked first: a refused change must not take signatures away.
        for cluster in &i.text.clusters {
            let ours: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM clusters WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
            )
            .bind(cluster)
            .bind(i.round_id)
            .fetch_optional(&mut *conn)
            .await?;
            if ours.is_none() {
                return Ok(Changed::Gone);
            }
        }
        if let Some(spearhead) = i.spearhead_id {
            let ours: Option<i64> = sqlx::query_scalar(
                "SELECT s.id FROM spearheads s JOIN rounds r ON r.challenge_id = s.challenge_id
                 WHERE s.id = $1 AND r.id = $2",
            )
            .bind(spearhead)
            .bind(i.round_id)
            .fetch_optional(&mut *conn)
            .await?;
            if ours.is_none() {
                return Ok(Changed::Gone);
            }
        }
        plan_changes!(conn, i.round_id, i.by, i.at);
        let effect = i.child_effect.map(ChildEffect::code);
        let id: i64 = match i.item {
            None => {
                let position: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM plan_items
                     WHERE round_id = $1 AND removed_at IS NULL",
                )
                .bind(i.round_id)
                .fetch_one(&mut *conn)
                .await?;
                sqlx::query_scalar(
                    "INSERT INTO plan_items (round_id, position, title, description, life_domain,
                         policy_domain, spearhead_id, child_effect, child_note, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                )
                .bind(i.round_id)
                .bind(position)
                .bind(&i.text.title)
                .bind(&i.text.description)
                .bind(&i.life_domain)
                .bind(&i.policy_domain)
                .bind(i.spearhead_id)
                .bind(effect)
                .bind(&i.child_note)
                .bind(i.at)
                .fetch_one(&mut *conn)
                .await?
            }
            Some((id, version)) => {
                let done = sqlx::query(
                    "UPDATE plan_items SET title = $1, description = $2, life_domain = $3,
                         policy_domain = $4, spearhead_id = $5, child_effect = $6, child_note = $7,
                         version = version + 1, updated_at = $8
                     WHERE id = $9 AND round_id = $10 AND version = $11 AND removed_at IS NULL",
                )
                .bind(&i.text.title)
                .bind(&i.text.description)
                .bind(&i.life_domain)
                .bind(&i.policy_domain)
                .bind(i.spearhead_id)
                .bind(effect)
                .bind(&i.child_note)
                .bind(i.at)
                .bind(id)
                .bind(i.round_id)
                .bind(version)
                .execute(&mut *conn)
                .await?;
                if done.rows_affected() != 1 {
                    return Err(StoreError::Conflict);
                }
                for table in [
                    "DELETE FROM plan_item_clusters WHERE item_id = $1",
                    "DELETE FROM plan_item_partners WHERE item_id = $1",
                    "DELETE FROM plan_item_rights WHERE item_id = $1",
                ] {
                    sqlx::query(table).bind(id).execute(&mut *conn).await?;
                }
                id
            }
        };
        for cluster in &i.text.clusters {
            sqlx::query("INSERT INTO plan_item_clusters (item_id, cluster_id) VALUES ($1, $2)")
                .bind(id)
                .bind(cluster)
                .execute(&mut *conn)
                .await?;
            // A cluster in the plan needs no reason for being left out.
            sqlx::query("DELETE FROM clusters_left_out WHERE cluster_id = $1")
                .bind(cluster)
                .execute(&mut *conn)
                .await?;
        }
        for organisation in &i.partners {
            sqlx::query(
                "INSERT INTO plan_item_partners (item_id, organisation_id)
                 VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(organisation)
            .execute(&mut *conn)
            .await?;
        }
        for right in &i.rights {
            sqlx::query(
                "INSERT INTO plan_item_rights (item_id, child_right)
                 VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(right.code())
            .execute(&mut *conn)
            .await?;
        }
        Ok(Changed::Done(id))
    }))
}

/// Sets the plan's introduction: what the plan is, for whom, how it was made.
pub async fn set_introduction(
    db: &Db,
    round_id: i64,
    text: String,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        plan_changes!(conn, round_id, by, at);
        sqlx::query("UPDATE plans SET introduction = $1 WHERE round_id = $2")
            .bind(&text)
            .bind(round_id)
            .execute(&mut *conn)
            .await?;
        Ok(Changed::Done(round_id))
    }))
}

/// Removes an item (kept, marked removed: reactions may point at it).
pub async fn remove_item(
    db: &Db,
    round_id: i64,
    item_id: i64,
    version: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        plan_changes!(conn, round_id, by, at);
        let done = sqlx::query(
            "UPDATE plan_items SET removed_at = $1, version = version + 1
             WHERE id = $2 AND round_id = $3 AND version = $4 AND removed_at IS NULL",
        )
        .bind(at)
        .bind(item_id)
        .bind(round_id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        // The items after it move up, so an item's position is its number.
        sqlx::query(
            "UPDATE plan_items SET position = position - 1
             WHERE round_id = $1 AND removed_at IS NULL
               AND position > (SELECT position FROM plan_items WHERE id = $2)",
        )
        .bind(round_id)
        .bind(item_id)
        .execute(&mut *conn)
        .await?;
        Ok(Changed::Done(item_id))
    }))
}

/// Swaps an item with the one before it (`up`) or after it.
pub async fn move_item(
    db: &Db,
    round_id: i64,
    item_id: i64,
    up: bool,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    let neighbour = if up {
        "SELECT id, position FROM plan_items WHERE round_id = $1 AND removed_at IS NULL
         AND position < $2 ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT id, position FROM plan_items WHERE round_id = $1 AND removed_at IS NULL
         AND position > $2 ORDER BY position LIMIT 1"
    };
    settle(write!(db, |conn| {
        let position: Option<i64> = sqlx::query_scalar(
            "SELECT position FROM plan_items WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
        )
        .bind(item_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(position) = position else {
            return Ok(Changed::Gone);
        };
        let other: Option<(i64, i64)> = sqlx::query_as(neighbour)
            .bind(round_id)
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?;
        // The first item moving up changes nothing, signatures included.
        if let Some((other_id, other_position)) = other {
            plan_changes!(conn, round_id, by, at);
            for (id, to) in [(item_id, other_position), (other_id, position)] {
                sqlx::query("UPDATE plan_items SET position = $1 WHERE id = $2")
                    .bind(to)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        Ok(Changed::Done(item_id))
    }))
}

/// Writes (or replaces) the public reason a cluster is in no item.
pub async fn leave_out(
    db: &Db,
    round_id: i64,
    cluster_id: i64,
    reason: String,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let ours: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM clusters WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
        )
        .bind(cluster_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        if ours.is_none() {
            return Ok(Changed::Gone);
        }
        plan_changes!(conn, round_id, by, at);
        sqlx::query(
            "INSERT INTO clusters_left_out (cluster_id, reason, written_by, written_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (cluster_id) DO UPDATE SET reason = excluded.reason,
                 written_by = excluded.written_by, written_at = excluded.written_at",
        )
        .bind(cluster_id)
        .bind(&reason)
        .bind(by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(Changed::Done(cluster_id))
    }))
}

/// A co-moderator signs the plan as it is at `version`, or objects.
pub async fn sign(
    db: &Db,
    round_id: i64,
    version: i64,
    account_id: i64,
    objection: Option<String>,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let sql = format!(
            "SELECT p.version FROM plans p JOIN rounds r ON r.id = p.round_id
             WHERE p.round_id = $1 AND {}",
            crate::phase_allows("r.phase", RoundAction::Funnel)
        );
        let current: Option<i64> = sqlx::query_scalar(&sql)
            .bind(round_id)
            .fetch_optional(&mut *conn)
            .await?;
        if current != Some(version) {
            return Ok(Changed::Conflict);
        }
        sqlx::query(
            "INSERT INTO plan_signatures (round_id, account_id, objection, signed_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (round_id, account_id) DO UPDATE SET objection = excluded.objection,
                 signed_at = excluded.signed_at",
        )
        .bind(round_id)
        .bind(account_id)
        .bind(&objection)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(Changed::Done(account_id))
    }))
}

/// SQL for the participants of the rounds `r` where `$where` holds: those
/// who sent an idea, supported one, or reacted to the plan.
macro_rules! round_participants {
    ($where:literal) => {
        concat!(
            "SELECT i.participant_id FROM ideas i JOIN rounds r ON r.id = i.round_id
             WHERE ", $where, "
             UNION SELECT s.participant_id FROM supports s JOIN ideas i ON i.id = s.idea_id
                   JOIN rounds r ON r.id = i.round_id WHERE ", $where, "
             UNION SELECT x.participant_id FROM reactions x JOIN plan_items p ON p.id = x.item_id
                   JOIN rounds r ON r.id = p.round_id WHERE ", $where
        )
    };
}

/// The addresses of participants of the round who left one.
macro_rules! participants_to_tell {
    ($conn:expr, $round_id:expr) => {{
        let addresses: Vec<String> = sqlx::query_scalar(concat!(
            "SELECT DISTINCT c.email FROM participant_contacts c
             WHERE c.participant_id IN (",
            round_participants!("r.id = $1"),
            ") ORDER BY c.email"
        ))
        .bind($round_id)
        .fetch_all(&mut *$conn)
        .await?;
        addresses
    }};
}

/// A message to everyone of the round who asked to hear back; `to` is
/// filled in per address, and so is `{stop}` in the body: that address's
/// own link to stop the mail.
#[derive(Clone, Debug)]
pub struct Notice {
    pub subject: String,
    pub body: String,
    /// `None` without a configured public address: the body then says
    /// where to remove the address instead.
    pub stop: Option<StopLink>,
}

/// How an address's stop link is made (`domain::email::stop_token`).
#[derive(Clone, Debug)]
pub struct StopLink {
    /// The site's public address, without a trailing slash.
    pub base: String,
    pub salt: String,
}

impl Notice {
    /// The body as mailed to `to`.
    pub fn body_for(&self, to: &str) -> String {
        match &self.stop {
            Some(stop) => self.body.replace(
                "{stop}",
                &format!(
                    "{}/mail-stoppen/{}",
                    stop.base,
                    domain::email::stop_token(&stop.salt, to)
                ),
            ),
            None => self.body.clone(),
        }
    }
}

macro_rules! tell {
    ($conn:expr, $round_id:expr, $notice:expr, $at:expr) => {{
        let addresses = participants_to_tell!($conn, $round_id);
        for to in addresses {
            let mail = NewMail {
                body: $notice.body_for(&to),
                to,
                subject: $notice.subject.clone(),
            };
            sqlx::query(
                "INSERT INTO mail_outbox (to_address, subject, body, created_at, next_attempt_at)
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(&mail.to)
            .bind(&mail.subject)
            .bind(&mail.body)
            .bind($at)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}

macro_rules! phase_change {
    ($conn:expr, $round_id:expr, $from:expr, $to:expr, $by:expr, $at:expr) => {{
        let done = sqlx::query("UPDATE rounds SET phase = $1 WHERE id = $2 AND phase = $3")
            .bind($to.code())
            .bind($round_id)
            .bind($from.code())
            .execute(&mut *$conn)
            .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        sqlx::query(
            "INSERT INTO phase_changes (round_id, from_phase, to_phase, reason, changed_by, changed_at)
             VALUES ($1, $2, $3, '', $4, $5)",
        )
        .bind($round_id)
        .bind($from.code())
        .bind($to.code())
        .bind($by)
        .bind($at)
        .execute(&mut *$conn)
        .await?;
    }};
}

/// What became of sending the plan out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SentOut {
    Sent,
    /// Someone changed the plan first, or the round is not in funnelling:
    /// nothing changed.
    Conflict,
    /// The round has no plan.
    Gone,
    /// The plan does not answer everyone yet (`domain::send_out`): nothing
    /// changed.
    NotReady(Missing),
}

/// Sends the plan out: the round goes from funnelling to feedback and,
/// the first time only, everyone who asked is told, in the same
/// transaction, so no mail is lost and none is sent for a change that did
/// not happen. The send-out rule is checked again here, so no form or
/// script can send out a plan that leaves an idea unanswered. Conflict if
/// the round is not in funnelling or the plan changed after `version` (the
/// version checked as ready).
pub async fn send_out(
    db: &Db,
    round_id: i64,
    version: i64,
    by: i64,
    notice: Notice,
    at: DateTime<Utc>,
) -> Result<SentOut, StoreError> {
    let result = write!(db, |conn| {
        let sent: Option<(i64, Option<DateTime<Utc>>)> =
            sqlx::query_as("SELECT version, sent_at FROM plans WHERE round_id = $1")
                .bind(round_id)
                .fetch_optional(&mut *conn)
                .await?;
        let phase: Option<String> = sqlx::query_scalar("SELECT phase FROM rounds WHERE id = $1")
            .bind(round_id)
            .fetch_optional(&mut *conn)
            .await?;
        if phase.as_deref() != Some(Phase::Funnelling.code()) {
            return Ok(SentOut::Conflict);
        }
        // A round without a plan row has no items: not ready, rather than gone.
        let draft = crate::plan_draft!(&mut *conn, round_id);
        if let Err(missing) = domain::send_out::check(&draft) {
            return Ok(SentOut::NotReady(missing));
        }
        let Some((current, sent_at)) = sent else {
            return Ok(SentOut::Gone);
        };
        if current != version {
            return Ok(SentOut::Conflict);
        }
        phase_change!(conn, round_id, Phase::Funnelling, Phase::Feedback, by, at);
        if sent_at.is_none() {
            sqlx::query("UPDATE plans SET sent_at = $1 WHERE round_id = $2")
                .bind(at)
                .bind(round_id)
                .execute(&mut *conn)
                .await?;
            tell!(conn, round_id, notice, at);
        }
        Ok(SentOut::Sent)
    });
    match result {
        Err(StoreError::Conflict) => Ok(SentOut::Conflict),
        other => other,
    }
}

/// What staff did with the feedback on one item.
#[derive(Clone, Debug)]
pub struct Conclusion {
    pub round_id: i64,
    pub item_id: i64,
    pub version: i64,
    pub outcome: Outcome,
    pub final_title: String,
    pub final_description: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Records what was done with the feedback, while feedback runs or
/// after, as long as the final plan is not published.
pub async fn conclude(db: &Db, c: Conclusion) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let sql = format!(
            "UPDATE plan_items SET outcome = $1, final_title = $2, final_description = $3,
                 outcome_note = $4, version = version + 1, updated_at = $5
             WHERE id = $6 AND round_id = $7 AND version = $8 AND removed_at IS NULL
               AND round_id IN (SELECT p.round_id FROM plans p JOIN rounds r ON r.id = p.round_id
                                WHERE p.published_at IS NULL AND {})",
            crate::phase_allows("r.phase", RoundAction::Conclude)
        );
        let done = sqlx::query(&sql)
            .bind(c.outcome.code())
            .bind(&c.final_title)
            .bind(&c.final_description)
            .bind(&c.note)
            .bind(c.at)
            .bind(c.item_id)
            .bind(c.round_id)
            .bind(c.version)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(Changed::Conflict);
        }
        Ok(Changed::Done(c.item_id))
    }))
}

/// Publishes the final plan: the round closes, and everyone who asked is
/// told, in one transaction. Conflict unless the round is in feedback and
/// every item has an outcome.
pub async fn publish(
    db: &Db,
    round_id: i64,
    by: i64,
    notice: Notice,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM plan_items
             WHERE round_id = $1 AND removed_at IS NULL AND outcome IS NULL",
        )
        .bind(round_id)
        .fetch_one(&mut *conn)
        .await?;
        if open > 0 {
            return Ok(Changed::Conflict);
        }
        let done = sqlx::query(
            "UPDATE plans SET published_at = $1 WHERE round_id = $2 AND published_at IS NULL",
        )
        .bind(at)
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(Changed::Conflict);
        }
        phase_change!(conn, round_id, Phase::Feedback, Phase::Closed, by, at);
        tell!(conn, round_id, notice, at);
        // That was the last mail about this round: its participants'
        // addresses go, unless they take part in a round still open.
        sqlx::query(&format!(
            "DELETE FROM participant_contacts
             WHERE participant_id IN ({of_round})
               AND participant_id NOT IN ({of_open_rounds})",
            of_round = round_participants!("r.id = $1"),
            of_open_rounds = round_participants!("r.phase <> 'closed'"),
        ))
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
        Ok(Changed::Done(round_id))
    }))
}

/// A participant's reaction to a plan item.
#[derive(Clone, Debug)]
pub struct ReactionInput {
    pub round_id: i64,
    pub item_id: i64,
    pub group: domain::plan::ReactionGroup,
    pub stance: Stance,
    pub why: String,
    pub known_code_hash: Option<String>,
    pub new_code_hash: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reacted {
    Saved {
        new_participant: bool,
    },
    /// Not an item of a plan that is out for feedback.
    NotOpen,
}

/// Stores a reaction, or replaces the participant's earlier one.
pub async fn react(db: &Db, r: ReactionInput) -> Result<Reacted, StoreError> {
    write!(db, |conn| {
        let sql = format!(
            "SELECT p.id FROM plan_items p JOIN rounds r ON r.id = p.round_id
             WHERE p.id = $1 AND p.round_id = $2 AND p.removed_at IS NULL AND {}",
            crate::phase_allows("r.phase", RoundAction::React)
        );
        let open: Option<i64> = sqlx::query_scalar(&sql)
            .bind(r.item_id)
            .bind(r.round_id)
            .fetch_optional(&mut *conn)
            .await?;
        if open.is_none() {
            return Ok(Reacted::NotOpen);
        }
        let (participant, known) =
            crate::participant!(conn, &r.known_code_hash, &r.new_code_hash, r.at);
        sqlx::query(
            "INSERT INTO reactions (item_id, participant_id, reaction_group, stance, why,
                                    created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6)
             ON CONFLICT (item_id, participant_id) DO UPDATE SET
                 reaction_group = excluded.reaction_group, stance = excluded.stance,
                 why = excluded.why, updated_at = excluded.updated_at",
        )
        .bind(r.item_id)
        .bind(participant)
        .bind(r.group.code())
        .bind(r.stance.code())
        .bind(&r.why)
        .bind(r.at)
        .execute(&mut *conn)
        .await?;
        Ok(Reacted::Saved {
            new_participant: !known,
        })
    })
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReactionRow {
    pub item_id: i64,
    pub reaction_group: String,
    pub stance: String,
    pub why: String,
}

/// Every reaction to the round's plan, for the tallies and the "why" texts.
pub async fn reactions(db: &Db, round_id: i64) -> Result<Vec<ReactionRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT r.item_id, r.reaction_group, r.stance, r.why
             FROM reactions r JOIN plan_items p ON p.id = r.item_id
             WHERE p.round_id = $1 ORDER BY r.item_id, r.id",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// The participant's own reactions in the round, to fill in the forms.
pub async fn own_reactions(
    db: &Db,
    round_id: i64,
    code_hash: &str,
) -> Result<Vec<ReactionRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT r.item_id, r.reaction_group, r.stance, r.why
             FROM reactions r JOIN plan_items p ON p.id = r.item_id
             JOIN participants pa ON pa.id = r.participant_id
             WHERE p.round_id = $1 AND pa.code_hash = $2 ORDER BY r.item_id",
        )
        .bind(round_id)
        .bind(code_hash)
        .fetch_all(pool)
        .await
    })?)
}

/// Adds a dated progress update to an item of a published plan.
pub async fn add_progress(
    db: &Db,
    item_id: i64,
    status: Progress,
    note: String,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    write!(db, |conn| {
        let published: Option<i64> = sqlx::query_scalar(
            "SELECT p.id FROM plan_items p JOIN plans pl ON pl.round_id = p.round_id
             WHERE p.id = $1 AND p.removed_at IS NULL AND pl.published_at IS NOT NULL",
        )
        .bind(item_id)
        .fetch_optional(&mut *conn)
        .await?;
        if published.is_none() {
            return Ok(Changed::Gone);
        }
        sqlx::query(
            "INSERT INTO progress_updates (item_id, status, note, written_by, written_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(item_id)
        .bind(status.code())
        .bind(&note)
        .bind(by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(Changed::Done(item_id))
    })
}

/// An item of a published plan of a challenge, for the timeline and for
/// whoever reports progress on it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FinalItem {
    pub id: i64,
    pub round_slug: String,
    pub round_title: String,
    pub position: i64,
    pub title: String,
    pub outcome: Option<String>,
    pub spearhead_id: Option<i64>,
    pub spearhead_title: Option<String>,
    pub published_at: DateTime<Utc>,
    /// The status of the latest progress update, if any.
    pub latest_status: Option<String>,
}

const FINAL_ITEMS: &str = "SELECT p.id, r.slug AS round_slug, r.title AS round_title, p.position,
        COALESCE(p.final_title, p.title) AS title, p.outcome, p.spearhead_id,
        s.title AS spearhead_title, pl.published_at,
        (SELECT u.status FROM progress_updates u WHERE u.item_id = p.id
         ORDER BY u.id DESC LIMIT 1) AS latest_status
     FROM plan_items p
     JOIN plans pl ON pl.round_id = p.round_id
     JOIN rounds r ON r.id = p.round_id
     LEFT JOIN spearheads s ON s.id = p.spearhead_id
     WHERE pl.published_at IS NOT NULL AND p.removed_at IS NULL";

/// The items of every published plan of the challenge, newest plan first.
pub async fn final_items(db: &Db, challenge_id: i64) -> Result<Vec<FinalItem>, StoreError> {
    let sql = format!("{FINAL_ITEMS} AND r.challenge_id = $1 ORDER BY r.number DESC, p.position");
    Ok(read!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(challenge_id)
            .fetch_all(pool)
            .await
    })?)
}

/// The items of published plans someone may report progress on: all for
/// staff (`organisation` `None`), else those of their organisation.
pub async fn reportable_items(
    db: &Db,
    organisation: Option<i64>,
) -> Result<Vec<FinalItem>, StoreError> {
    let sql = match organisation {
        None => format!("{FINAL_ITEMS} ORDER BY r.id DESC, p.position"),
        Some(_) => format!(
            "{FINAL_ITEMS} AND p.id IN (SELECT item_id FROM plan_item_partners
                                        WHERE organisation_id = $1)
             AND p.outcome <> 'dropped' ORDER BY r.id DESC, p.position"
        ),
    };
    Ok(read!(db, |pool| {
        let query = sqlx::query_as(&sql);
        match organisation {
            Some(id) => query.bind(id).fetch_all(pool).await,
            None => query.fetch_all(pool).await,
        }
    })?)
}

/// The progress updates on the items [`reportable_items`] returns.
pub async fn reportable_progress(
    db: &Db,
    organisation: Option<i64>,
) -> Result<Vec<ProgressRow>, StoreError> {
    let filter = match organisation {
        None => "",
        Some(_) => {
            "AND u.item_id IN (SELECT item_id FROM plan_item_partners WHERE organisation_id = $1)"
        }
    };
    let sql = format!("{PROGRESS} WHERE TRUE {filter} ORDER BY u.item_id, u.id DESC");
    Ok(read!(db, |pool| {
        let query = sqlx::query_as(&sql);
        match organisation {
            Some(id) => query.bind(id).fetch_all(pool).await,
            None => query.fetch_all(pool).await,
        }
    })?)
}

/// The organisations responsible for an item.
pub async fn partners_of(db: &Db, item_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT organisation_id FROM plan_item_partners WHERE item_id = $1")
            .bind(item_id)
            .fetch_all(pool)
            .await
    })?)
}

/// Progress updates of the challenge's published items, newest first.
pub async fn challenge_progress(
    db: &Db,
    challenge_id: i64,
) -> Result<Vec<ProgressRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(&format!(
            "{PROGRESS} JOIN rounds r ON r.id = p.round_id
             WHERE r.challenge_id = $1 ORDER BY u.written_at DESC, u.id DESC"
        ))
        .bind(challenge_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Where a participant's idea is in the funnel, once its round's plan is
/// out: its cluster or reason set aside, and per plan item it is in, that
/// item (one row per item; none: `item_position` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct IdeaPlace {
    pub idea_id: i64,
    pub cluster_id: Option<i64>,
    pub set_aside: Option<String>,
    /// Staff's explanation to the sender, with the reason.
    pub set_aside_note: Option<String>,
    pub item_id: Option<i64>,
    pub item_position: Option<i64>,
    pub item_title: Option<String>,
    pub left_out_reason: Option<String>,
}

/// The places of the ideas of the participant with this code, in rounds
/// whose plan went out.
pub async fn idea_places(db: &Db, code_hash: &str) -> Result<Vec<IdeaPlace>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT i.id AS idea_id, COALESCE(m.cluster_id, i.cluster_id) AS cluster_id,
                    CASE WHEN m.id IS NULL THEN i.set_aside ELSE m.set_aside END AS set_aside,
                    CASE WHEN m.id IS NULL THEN i.set_aside_note ELSE m.set_aside_note END
                        AS set_aside_note,
                    p.item_id, p.position AS item_position,
                    CASE WHEN pl.published_at IS NULL THEN p.title
                         ELSE COALESCE(p.final_title, p.title) END AS item_title,
                    l.reason AS left_out_reason
             FROM ideas i
             JOIN participants pa ON pa.id = i.participant_id
             JOIN plans pl ON pl.round_id = i.round_id AND pl.sent_at IS NOT NULL
             LEFT JOIN ideas m ON m.id = i.merged_into
             LEFT JOIN (SELECT pc.cluster_id, it.id AS item_id, it.position, it.title,
                               it.final_title
                        FROM plan_item_clusters pc JOIN plan_items it ON it.id = pc.item_id
                        WHERE it.removed_at IS NULL) p
                    ON p.cluster_id = COALESCE(m.cluster_id, i.cluster_id)
             LEFT JOIN clusters_left_out l ON l.cluster_id = COALESCE(m.cluster_id, i.cluster_id)
             WHERE pa.code_hash = $1
             ORDER BY i.id, p.position",
        )
        .bind(code_hash)
        .fetch_all(pool)
        .await
    })?)
}

/// The items of the latest published plan of an earlier round of the
/// same challenge: the context a new round starts from.
/// The newest progress update of every plan item one of the participant's
/// ideas is in (merged ideas follow the idea they were merged into).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OwnProgress {
    pub item_id: i64,
    pub status: String,
    pub note: String,
    pub written_at: DateTime<Utc>,
}

pub async fn own_progress(db: &Db, code_hash: &str) -> Result<Vec<OwnProgress>, StoreError> {
    let mut rows: Vec<OwnProgress> = read!(db, |pool| {
        sqlx::query_as(
            "SELECT u.item_id, u.status, u.note, u.written_at FROM progress_updates u
             WHERE u.item_id IN (
                 SELECT pc.item_id FROM plan_item_clusters pc, ideas i
                 JOIN participants pa ON pa.id = i.participant_id
                 LEFT JOIN ideas m ON m.id = i.merged_into
                 WHERE pa.code_hash = $1 AND pc.cluster_id = COALESCE(m.cluster_id, i.cluster_id))
             ORDER BY u.item_id, u.id DESC",
        )
        .bind(code_hash)
        .fetch_all(pool)
        .await
    })?;
    rows.dedup_by_key(|r| r.item_id);
    Ok(rows)
}

pub async fn earlier_plan_items(db: &Db, round_id: i64) -> Result<Vec<FinalItem>, StoreError> {
    let sql = format!(
        "{FINAL_ITEMS} AND r.id = (
             SELECT e.id FROM rounds e
             JOIN rounds n ON n.challenge_id = e.challenge_id AND e.number < n.number
             JOIN plans ep ON ep.round_id = e.id AND ep.published_at IS NOT NULL
             WHERE n.id = $1 ORDER BY e.number DESC LIMIT 1)
         ORDER BY p.position"
    );
    Ok(read!(db, |pool| {
        sqlx::query_as(&sql).bind(round_id).fetch_all(pool).await
    })?)
}

/// Whether the round's plan went out, and whether it is final.
pub async fn plan_state(db: &Db, round_id: i64) -> Result<(bool, bool), StoreError> {
    let row: Option<(bool, bool)> = read!(db, |pool| {
        sqlx::query_as(
            "SELECT sent_at IS NOT NULL, published_at IS NOT NULL FROM plans WHERE round_id = $1",
        )
        .bind(round_id)
        .fetch_optional(pool)
        .await
    })?;
    Ok(row.unwrap_or((false, false)))
}

/// The spearheads of the round's challenge: (id, title), in order.
pub async fn spearheads(db: &Db, round_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT s.id, s.title FROM spearheads s JOIN rounds r ON r.challenge_id = s.challenge_id
             WHERE r.id = $1 ORDER BY s.position",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}
