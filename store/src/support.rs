//! "Ik ook": residents support each other's ideas, once per participant
//! per idea, and may take it back while the round collects.

use crate::{Db, StoreError, write};
use chrono::{DateTime, Utc};
use domain::lifecycle::RoundAction;

#[derive(Clone, Debug)]
pub struct SupportChange {
    pub round_id: i64,
    pub idea_id: i64,
    /// Support (`true`) or take it back.
    pub on: bool,
    /// The participant the sender already is, if any.
    pub known_code_hash: Option<String>,
    /// The participant to create when there is none yet.
    pub new_code_hash: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supported {
    /// Done (or already so); the idea's count now, and whether a new
    /// participant was created for the sender.
    Counted { count: i64, new_participant: bool },
    /// Not a visible idea of this collecting round.
    NotOpen,
    /// One's own idea: the author's voice already counts.
    OwnIdea,
}

/// Supports an idea or takes the support back. The database decides
/// uniqueness, so parallel requests count once.
pub async fn change(db: &Db, c: SupportChange) -> Result<Supported, StoreError> {
    write!(db, |conn| {
        let sql = format!(
            "SELECT i.participant_id FROM ideas i JOIN rounds r ON r.id = i.round_id
             WHERE i.id = $1 AND i.round_id = $2 AND {} AND {}",
            crate::phase_allows("r.phase", RoundAction::Support),
            crate::counted_idea!()
        );
        let open: Option<i64> = sqlx::query_scalar(&sql)
            .bind(c.idea_id)
            .bind(c.round_id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(author) = open else {
            return Ok(Supported::NotOpen);
        };
        let known: Option<i64> = match &c.known_code_hash {
            Some(hash) => {
                sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                    .bind(hash)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        };
        if known == Some(author) {
            return Ok(Supported::OwnIdea);
        }
        // Taking back what was never given needs no participant.
        let participant = match known {
            Some(id) => Some(id),
            None if c.on => Some(crate::participant!(conn, None::<&str>, &c.new_code_hash, c.at).0),
            None => None,
        };
        match (participant, c.on) {
            (Some(participant), true) => {
                sqlx::query(
                    "INSERT INTO supports (idea_id, participant_id, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT DO NOTHING",
                )
                .bind(c.idea_id)
                .bind(participant)
                .bind(c.at)
                .execute(&mut *conn)
                .await?;
            }
            (Some(participant), false) => {
                sqlx::query("DELETE FROM supports WHERE idea_id = $1 AND participant_id = $2")
                    .bind(c.idea_id)
                    .bind(participant)
                    .execute(&mut *conn)
                    .await?;
            }
            (None, _) => {}
        }
        let count = sqlx::query_scalar("SELECT COUNT(*) FROM supports WHERE idea_id = $1")
            .bind(c.idea_id)
            .fetch_one(&mut *conn)
            .await?;
        Ok(Supported::Counted {
            count,
            new_participant: known.is_none() && participant.is_some(),
        })
    })
}
