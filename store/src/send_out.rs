//! What the send-out rule (`domain::send_out`) reads: the plan's items and
//! themes, the reasons, where each idea stands and who signed, for the
//! transaction that sends the plan out; and the unanswered ideas the
//! workspace lists.

use crate::{Db, StoreError, read};
use domain::send_out::{Draft, IdeaPlace};

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
        $crate::send_out::draft(
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
