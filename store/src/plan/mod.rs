//! The condensed plan of a round: its items traced to clusters, the
//! children's-rights check, reasons for clusters left out and
//! co-moderators' signatures ([`draft`]); sending it out for reactions
//! ([`send_out`]); what was done with them and the final plan
//! ([`final_plan`]). Reactions are in [`crate::reaction`], progress over
//! the years in [`crate::progress`]. Rules are in `domain::plan` and
//! `domain::send_out`; these modules store what passed them.
//!
//! Changing a plan item after co-moderators signed takes their signatures
//! away: they signed what they read, not what it became.

use crate::{Db, StoreError, counted_idea, read};
use chrono::{DateTime, Utc};

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

macro_rules! tell {
    ($conn:expr, $round_id:expr, $notice:expr, $at:expr) => {{
        let addresses = participants_to_tell!($conn, $round_id);
        for to in addresses {
            let mail = crate::outbox::NewMail {
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
pub mod draft;
pub mod final_plan;
mod notice;
pub mod send_out;

pub use notice::{Notice, StopLink};

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
pub(crate) const PROGRESS: &str = "SELECT u.item_id, u.status, u.note, a.display_name,
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

/// What became of a change to the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Done(i64),
    /// Someone changed it first (or the round moved on); nothing changed.
    Conflict,
    /// Not a plan item, cluster or spearhead of this round.
    Gone,
}

/// A conflict is an answer, not an error.
fn settle(result: Result<Changed, StoreError>) -> Result<Changed, StoreError> {
    match result {
        Err(StoreError::Conflict) => Ok(Changed::Conflict),
        other => other,
    }
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
