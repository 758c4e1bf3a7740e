//! Ideas' sentence embeddings and the work of making them. The ideas
//! without a vector of the current model are the queue (see
//! `migrations/*/0012_embeddings.sql`); a worker in every app server claims
//! a few at a time with a lease, so several servers never embed the same
//! idea at once, and one that dies leaves its ideas to be claimed again
//! when the lease runs out.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// An idea waiting for its vector.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Pending {
    pub idea_id: i64,
    pub text: String,
}

const MISSING: &str = "FROM ideas i
     WHERE i.withdrawn_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM idea_vectors v WHERE v.idea_id = i.id AND v.model = $1)";

/// Claims up to `limit` ideas that have no vector of `model` and are not
/// held by a lease or a wait after a failure, holding them until
/// `lease_until`.
pub async fn claim_missing(
    db: &Db,
    model: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Pending>, StoreError> {
    let pick = format!(
        "SELECT i.id AS idea_id, i.text {MISSING}
           AND NOT EXISTS (SELECT 1 FROM embedding_attempts a
                           WHERE a.idea_id = i.id AND a.next_attempt_at > $2)
         ORDER BY i.id LIMIT $3"
    );
    let model = model.to_owned();
    write!(db, |conn| {
        let candidates: Vec<Pending> = sqlx::query_as(&pick)
            .bind(&model)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?;
        let mut claimed = Vec::with_capacity(candidates.len());
        for pending in candidates {
            // Another server may have claimed it since: the upsert only
            // takes an idea whose lease or wait is over.
            let taken: Option<i64> = sqlx::query_scalar(
                "INSERT INTO embedding_attempts (idea_id, attempts, next_attempt_at)
                 VALUES ($1, 1, $2)
                 ON CONFLICT (idea_id) DO UPDATE
                   SET attempts = embedding_attempts.attempts + 1,
                       next_attempt_at = excluded.next_attempt_at
                   WHERE embedding_attempts.next_attempt_at <= $3
                 RETURNING idea_id",
            )
            .bind(pending.idea_id)
            .bind(lease_until)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?;
            if taken.is_some() {
                claimed.push(pending);
            }
        }
        Ok(claimed)
    })
}

/// Stores the vector made from `text`, unless the idea's text changed in
/// the meantime (it then waits for a vector of its new text).
pub async fn save(
    db: &Db,
    idea_id: i64,
    text: &str,
    model: &str,
    vector: &[f32],
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let bytes: Vec<u8> = vector.iter().flat_map(|x| x.to_le_bytes()).collect();
    let (text, model) = (text.to_owned(), model.to_owned());
    write!(db, |conn| {
        let saved = sqlx::query(
            "INSERT INTO idea_vectors (idea_id, model, vector, embedded_at)
             SELECT id, $2, $3, $4 FROM ideas WHERE id = $1 AND text = $5
             ON CONFLICT (idea_id) DO UPDATE
               SET model = excluded.model, vector = excluded.vector,
                   embedded_at = excluded.embedded_at",
        )
        .bind(idea_id)
        .bind(&model)
        .bind(&bytes)
        .bind(at)
        .bind(&text)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            > 0;
        sqlx::query("DELETE FROM embedding_attempts WHERE idea_id = $1")
            .bind(idea_id)
            .execute(&mut *conn)
            .await?;
        Ok(saved)
    })
}

/// Holds the ideas back until `next_attempt_at` after the endpoint failed.
pub async fn failed(
    db: &Db,
    idea_ids: &[i64],
    error: &str,
    next_attempt_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (ids, error) = (idea_ids.to_vec(), error.to_owned());
    write!(db, |conn| {
        for id in &ids {
            sqlx::query(
                "UPDATE embedding_attempts SET next_attempt_at = $1, last_error = $2
                 WHERE idea_id = $3",
            )
            .bind(next_attempt_at)
            .bind(&error)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    })
}

/// How many ideas have no vector of `model` yet.
pub async fn missing(db: &Db, model: &str) -> Result<i64, StoreError> {
    let sql = format!("SELECT COUNT(*) {MISSING}");
    Ok(read!(db, |pool| {
        sqlx::query_scalar(&sql).bind(model).fetch_one(pool).await
    })?)
}

/// How many of a round's ideas have a vector of `model`: cheap, so a
/// cached index can be checked against it before any vector is read.
pub async fn count_of_round(db: &Db, round_id: i64, model: &str) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM idea_vectors v JOIN ideas i ON i.id = v.idea_id
             WHERE i.round_id = $1 AND v.model = $2",
        )
        .bind(round_id)
        .bind(model)
        .fetch_one(pool)
        .await
    })?)
}

/// The vectors of `model` of a round's ideas, by idea.
pub async fn of_round(
    db: &Db,
    round_id: i64,
    model: &str,
) -> Result<HashMap<i64, Vec<f32>>, StoreError> {
    let rows: Vec<(i64, Vec<u8>)> = read!(db, |pool| {
        sqlx::query_as(
            "SELECT v.idea_id, v.vector FROM idea_vectors v JOIN ideas i ON i.id = v.idea_id
             WHERE i.round_id = $1 AND v.model = $2",
        )
        .bind(round_id)
        .bind(model)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, bytes)| {
            let vector = bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            (id, vector)
        })
        .collect())
}

/// Forgets the vector of an idea whose text changes; the caller runs it in
/// the transaction that changes the text.
pub const FORGET: &str = "DELETE FROM idea_vectors WHERE idea_id = $1";
