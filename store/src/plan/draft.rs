//! Writing the draft plan while the round is funnelled: items traced to
//! clusters, the introduction, order, and clusters left out with a reason.

use super::{Changed, settle};
use crate::{Db, StoreError, write};
use chrono::{DateTime, Utc};
use domain::Phase;
use domain::plan::{ChildEffect, ChildRight, PlanItemText};

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
