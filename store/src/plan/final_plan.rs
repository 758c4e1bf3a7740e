//! After the reactions: what was done with them per item, and publishing
//! the final plan.

use super::Notice;
use super::{Changed, settle};
use crate::{Db, StoreError, write};
use chrono::{DateTime, Utc};
use domain::Phase;
use domain::lifecycle::RoundAction;
use domain::plan::Outcome;

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
