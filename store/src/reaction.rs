//! How a reaction to a plan item is saved, and read back for the tally
//! (`domain::tally`) and for the participant's own forms.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::lifecycle::RoundAction;
use domain::plan::Stance;

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
pub async fn save(db: &Db, r: ReactionInput) -> Result<Reacted, StoreError> {
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
