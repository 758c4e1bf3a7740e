//! Progress over the years on the items of published plans: adding an
//! update, the timeline of a challenge, and what a participant's ideas
//! led to.

use crate::plan::{Changed, PROGRESS, ProgressRow};
use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::plan::Progress;

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

/// The items of the latest published plan of an earlier round of the
/// same challenge: the context a new round starts from.
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
