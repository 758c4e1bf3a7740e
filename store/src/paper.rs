//! Ideas from paper and meetings, entered in bulk by staff or a partner.

use crate::idea::INSERT_IDEA;
use crate::{Db, StoreError, read, write};
use chrono::{DateTime, NaiveDate, Utc};
use domain::paper::PaperBatch;

#[derive(Clone, Debug)]
pub struct PaperEntry {
    pub round_id: i64,
    pub batch: PaperBatch,
    pub entered_by: i64,
    /// Pre-moderated rounds: a partner's entries wait for a moderator too.
    pub awaiting_review: bool,
    /// The hash of the form's submission key: the same form saves once.
    pub submission_hash: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entered {
    pub source_id: i64,
    pub ideas: i64,
    /// This form was saved before; nothing new was stored.
    pub duplicate: bool,
}

/// Stores a batch with its source, all or nothing. Each line becomes an
/// idea of its own anonymous participant: different people wrote them, and
/// none of them has a receipt code to support or edit with.
pub async fn enter(db: &Db, e: PaperEntry) -> Result<Entered, StoreError> {
    write!(db, |conn| {
        let source_id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO input_sources (round_id, channel, name, held_on, place,
                                        contributor_group, entered_by, submission_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (submission_hash) DO NOTHING RETURNING id",
        )
        .bind(e.round_id)
        .bind(e.batch.channel.code())
        .bind(&e.batch.source)
        .bind(e.batch.held_on)
        .bind(&e.batch.place)
        .bind(e.batch.group.code())
        .bind(e.entered_by)
        .bind(&e.submission_hash)
        .bind(e.at)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(source_id) = source_id else {
            let (source_id, ideas): (i64, i64) = sqlx::query_as(
                "SELECT s.id, (SELECT COUNT(*) FROM ideas i WHERE i.source_id = s.id)
                 FROM input_sources s WHERE s.submission_hash = $1",
            )
            .bind(&e.submission_hash)
            .fetch_one(&mut *conn)
            .await?;
            return Ok(Entered {
                source_id,
                ideas,
                duplicate: true,
            });
        };
        for (line, text) in e.batch.ideas.iter().enumerate() {
            // Not a SHA-256 in hex, so no receipt code can ever match it.
            let code_hash = format!("paper-{source_id}-{line}");
            let participant_id: i64 = sqlx::query_scalar(
                "INSERT INTO participants (code_hash, created_at) VALUES ($1, $2) RETURNING id",
            )
            .bind(&code_hash)
            .bind(e.at)
            .fetch_one(&mut *conn)
            .await?;
            sqlx::query_scalar::<_, i64>(INSERT_IDEA)
                .bind(e.round_id)
                .bind(e.batch.question_id)
                .bind(participant_id)
                .bind(text.as_str())
                .bind(text.fingerprint())
                .bind(None::<&str>)
                .bind(None::<&str>)
                .bind(None::<i64>)
                .bind(false)
                .bind(e.batch.group.code())
                .bind(e.batch.channel.code())
                .bind(Some(source_id))
                .bind(e.awaiting_review)
                .bind(analysis::search_document(text.as_str()))
                .bind(format!("{}-{line}", e.submission_hash))
                .bind(e.at)
                .fetch_one(&mut *conn)
                .await?;
        }
        Ok(Entered {
            source_id,
            ideas: e.batch.ideas.len() as i64,
            duplicate: false,
        })
    })
}

/// A source as the paper-input page lists it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Source {
    pub id: i64,
    pub channel: String,
    pub name: String,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub contributor_group: String,
    pub entered_by: String,
    pub ideas: i64,
}

/// A round's paper and meeting sources, newest first.
pub async fn sources(db: &Db, round_id: i64) -> Result<Vec<Source>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT s.id, s.channel, s.name, s.held_on, s.place, s.contributor_group,
                    a.display_name AS entered_by,
                    (SELECT COUNT(*) FROM ideas i WHERE i.source_id = s.id) AS ideas
             FROM input_sources s JOIN accounts a ON a.id = s.entered_by
             WHERE s.round_id = $1 ORDER BY s.id DESC",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}
