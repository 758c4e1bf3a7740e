//! Flags: anyone can tell the moderators that an idea should be looked at.

use crate::{Db, StoreError, write};
use chrono::{DateTime, Utc};
use domain::moderation::Flag;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flagged {
    Added,
    /// This person flagged this idea before; one flag each is enough.
    Already,
    /// Not a public, visible idea of this round.
    NotFound,
}

/// Flags an idea once per flagger (`flagger_hash`: a salted hash of their
/// receipt code or client, never shown).
pub async fn add(
    db: &Db,
    round_id: i64,
    idea_id: i64,
    flag: Flag,
    flagger_hash: String,
    at: DateTime<Utc>,
) -> Result<Flagged, StoreError> {
    write!(db, |conn| {
        let visible: Option<i64> = sqlx::query_scalar(concat!(
            "SELECT i.id FROM ideas i WHERE i.id = $1 AND i.round_id = $2 AND ",
            crate::counted_idea!()
        ))
        .bind(idea_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        if visible.is_none() {
            return Ok(Flagged::NotFound);
        }
        let done = sqlx::query(
            "INSERT INTO flags (idea_id, reason, note, flagger_hash, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(idea_id)
        .bind(flag.reason.code())
        .bind(&flag.note)
        .bind(&flagger_hash)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(if done.rows_affected() == 1 {
            Flagged::Added
        } else {
            Flagged::Already
        })
    })
}
