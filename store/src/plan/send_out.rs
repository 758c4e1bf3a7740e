//! When the plan goes out for reactions. Co-moderators sign the draft;
//! the send-out rule (`domain::send_out`) reads the plan's items and
//! themes, the reasons, where each idea stands and who signed ([`draft`]),
//! and is checked again in the transaction that sends the plan out
//! ([`send_out`]). The workspace lists the ideas still unanswered
//! ([`unanswered`]).

use super::Notice;
use super::{Changed, settle};
use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Phase;
use domain::lifecycle::RoundAction;
use domain::send_out::{Draft, IdeaPlace, Missing};

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

/// The round's [`Draft`], read with `$exec` (a pool, or `&mut *conn`
/// inside a `write!` body). A macro so one text serves both engines and
/// both kinds of executor.
#[macro_export]
macro_rules! plan_draft {
    ($exec:expr, $round_id:expr) => {{
        let item_clusters: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT p.id, l.cluster_id FROM plan_items p
             LEFT JOIN plan_item_clusters l ON l.item_id = p.id
             WHERE p.round_id = $1 AND p.removed_at IS NULL ORDER BY p.id",
        )
        .bind($round_id)
        .fetch_all($exec)
        .await?;
        let clusters: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM clusters WHERE round_id = $1 AND removed_at IS NULL ORDER BY id",
        )
        .bind($round_id)
        .fetch_all($exec)
        .await?;
        let left_out: Vec<i64> = sqlx::query_scalar(
            "SELECT l.cluster_id FROM clusters_left_out l JOIN clusters c ON c.id = l.cluster_id
             WHERE c.round_id = $1",
        )
        .bind($round_id)
        .fetch_all($exec)
        .await?;
        let ideas: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(concat!(
            "SELECT i.id, i.cluster_id, i.set_aside FROM ideas i WHERE i.round_id = $1 AND ",
            $crate::counted_idea!(),
            " ORDER BY i.id"
        ))
        .bind($round_id)
        .fetch_all($exec)
        .await?;
        let co_moderators: Vec<i64> =
            sqlx::query_scalar("SELECT account_id FROM co_moderators WHERE round_id = $1")
                .bind($round_id)
                .fetch_all($exec)
                .await?;
        let signed: Vec<i64> =
            sqlx::query_scalar("SELECT account_id FROM plan_signatures WHERE round_id = $1")
                .bind($round_id)
                .fetch_all($exec)
                .await?;
        $crate::plan::send_out::draft(
            item_clusters,
            clusters,
            left_out,
            ideas,
            co_moderators,
            signed,
        )
    }};
}

#[doc(hidden)]
pub fn draft(
    item_clusters: Vec<(i64, Option<i64>)>,
    clusters: Vec<i64>,
    left_out: Vec<i64>,
    ideas: Vec<(i64, Option<i64>, Option<String>)>,
    co_moderators: Vec<i64>,
    signed: Vec<i64>,
) -> Draft {
    let mut items: Vec<(i64, Vec<i64>)> = Vec::new();
    for (item_id, cluster_id) in item_clusters {
        if items.last().is_none_or(|(last, _)| *last != item_id) {
            items.push((item_id, Vec::new()));
        }
        if let (Some(cluster_id), Some((_, list))) = (cluster_id, items.last_mut()) {
            list.push(cluster_id);
        }
    }
    Draft {
        items: items.into_iter().map(|(_, list)| list).collect(),
        clusters,
        left_out: left_out.into_iter().collect(),
        ideas: ideas
            .into_iter()
            .map(|(idea_id, cluster_id, set_aside)| IdeaPlace {
                idea_id,
                cluster_id,
                set_aside: set_aside.is_some(),
            })
            .collect(),
        co_moderators,
        signed: signed.into_iter().collect(),
    }
}

/// The ideas of the round in no theme and not set aside, oldest first:
/// (id, text). The workspace builds its [`Draft`] from what its page
/// already loaded and these, in one statement.
pub async fn unanswered(db: &Db, round_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT i.id, i.text FROM ideas i
             WHERE i.round_id = $1 AND i.cluster_id IS NULL AND i.set_aside IS NULL AND ",
            crate::counted_idea!(),
            " ORDER BY i.id"
        ))
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}
