//! Clusters and the funnelling workspace: placing a round's ideas in
//! clusters, setting them aside, renaming, merging and removing clusters,
//! who worked on what, and the workspace's log.
//!
//! Every change carries the version its author saw. A change to something
//! that moved on in the meantime returns `Conflict` and changes nothing:
//! the transaction is rolled back as a whole.

use crate::{Db, StoreError, counted_idea, read, write};
use chrono::{DateTime, Utc};
use domain::cluster::{ClusterText, Destination, Seen};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Cluster {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Someone who worked on a cluster, with their role so co-moderators'
/// work shows as theirs.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Worker {
    pub cluster_id: i64,
    pub display_name: String,
    pub role: String,
    pub changes: i64,
}

/// A counted idea of the round, with where it is in the funnel.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FunnelIdea {
    pub id: i64,
    pub text: String,
    pub contributor_group: String,
    pub channel: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub support_count: i64,
    pub cluster_id: Option<i64>,
    pub set_aside: Option<String>,
    pub set_aside_note: Option<String>,
    pub funnel_version: i64,
    pub is_dream: bool,
}

/// A duplicate merged into another idea: shown with the idea it joined.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Duplicate {
    pub id: i64,
    pub merged_into: i64,
    pub text: String,
}

/// Everything the workspace shows, read in four queries whatever the size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    pub clusters: Vec<Cluster>,
    pub workers: Vec<Worker>,
    pub ideas: Vec<FunnelIdea>,
    pub duplicates: Vec<Duplicate>,
}

pub async fn workspace(db: &Db, round_id: i64) -> Result<Workspace, StoreError> {
    let clusters = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT id, title, summary, version, created_at, updated_at FROM clusters
                 WHERE round_id = $1 AND removed_at IS NULL ORDER BY id",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let workers = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT w.cluster_id, a.display_name, a.role, w.changes
                 FROM cluster_work w
                 JOIN clusters c ON c.id = w.cluster_id
                 JOIN accounts a ON a.id = w.account_id
                 WHERE c.round_id = $1 AND c.removed_at IS NULL
                 ORDER BY w.cluster_id, w.changes DESC, a.display_name",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let ideas = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(concat!(
                "SELECT i.id, i.text, i.contributor_group, i.channel, i.life_domain,
                        i.policy_domain, i.cluster_id, i.set_aside, i.set_aside_note,
                        i.funnel_version, q.kind = 'dream' AS is_dream,
                        (SELECT COUNT(*) FROM supports s WHERE s.idea_id = i.id) AS support_count
                 FROM ideas i JOIN questions q ON q.id = i.question_id
                 WHERE i.round_id = $1 AND ",
                counted_idea!(),
                " ORDER BY i.id"
            ))
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let duplicates = async {
        Ok::<_, StoreError>(read!(db, |pool| {
            sqlx::query_as(
                "SELECT id, merged_into, text FROM ideas
                 WHERE round_id = $1 AND merged_into IS NOT NULL AND withdrawn_at IS NULL
                   AND hidden_at IS NULL
                 ORDER BY id",
            )
            .bind(round_id)
            .fetch_all(pool)
            .await
        })?)
    };
    let (clusters, workers, ideas, duplicates) =
        tokio::try_join!(clusters, workers, ideas, duplicates)?;
    Ok(Workspace {
        clusters,
        workers,
        ideas,
        duplicates,
    })
}

/// What became of a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// Done; for a new cluster, its id.
    Done { cluster_id: Option<i64> },
    /// Someone changed it first; nothing was changed.
    Conflict,
    /// The cluster is gone (removed or merged) or not of this round.
    Gone,
}

/// Records a change in the log and who worked on the cluster. A macro so
/// that it runs on either engine's connection inside `write!`.
macro_rules! record {
    ($conn:expr, $round_id:expr, $by:expr, $action:expr, $cluster_id:expr, $detail:expr, $at:expr) => {{
        let cluster_id: Option<i64> = $cluster_id;
        let detail: Option<String> = $detail;
        sqlx::query(
            "INSERT INTO funnel_log (round_id, account_id, action, cluster_id, detail, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($round_id)
        .bind($by)
        .bind($action)
        .bind(cluster_id)
        .bind(detail)
        .bind($at)
        .execute(&mut *$conn)
        .await?;
        if let Some(cluster_id) = cluster_id {
            credit!($conn, cluster_id, $by, $at);
        }
    }};
}

/// Counts a change to a cluster as `by`'s work on it.
macro_rules! credit {
    ($conn:expr, $cluster_id:expr, $by:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO cluster_work (cluster_id, account_id, changes, last_at)
             VALUES ($1, $2, 1, $3)
             ON CONFLICT (cluster_id, account_id)
             DO UPDATE SET changes = cluster_work.changes + 1, last_at = excluded.last_at",
        )
        .bind($cluster_id)
        .bind($by)
        .bind($at)
        .execute(&mut *$conn)
        .await?
    };
}

/// A conflict found halfway rolls the whole change back; the caller hears
/// `Changed::Conflict`.
fn settle(result: Result<Changed, StoreError>) -> Result<Changed, StoreError> {
    match result {
        Err(StoreError::Conflict) => Ok(Changed::Conflict),
        other => other,
    }
}

/// "#3 #8 #12": the ideas a log line is about.
fn idea_list(seen: &[Seen]) -> String {
    seen.iter()
        .map(|s| format!("#{}", s.idea_id))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Moves the chosen ideas to a new or existing cluster, back to "not yet
/// placed", or aside with a reason.
pub async fn place(
    db: &Db,
    round_id: i64,
    seen: Vec<Seen>,
    destination: Destination,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    settle(write!(db, |conn| {
        let cluster_id: Option<i64> = match &destination {
            Destination::NewCluster(text) => Some(
                sqlx::query_scalar(
                    "INSERT INTO clusters (round_id, title, summary, created_by, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                )
                .bind(round_id)
                .bind(&text.title)
                .bind(&text.summary)
                .bind(by)
                .bind(at)
                .fetch_one(&mut *conn)
                .await?,
            ),
            Destination::Cluster(id) => {
                let live: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM clusters WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
                )
                .bind(id)
                .bind(round_id)
                .fetch_optional(&mut *conn)
                .await?;
                if live.is_none() {
                    return Ok(Changed::Gone);
                }
                live
            }
            Destination::Unplaced | Destination::SetAside(_) => None,
        };
        let (aside, note) = match &destination {
            Destination::SetAside(a) => (Some(a.reason.code()), a.note.clone()),
            _ => (None, None),
        };
        let mut left: Vec<i64> = Vec::new();
        for s in &seen {
            let from: Option<Option<i64>> = sqlx::query_scalar(concat!(
                "SELECT i.cluster_id FROM ideas i
                 WHERE i.id = $1 AND i.round_id = $2 AND i.funnel_version = $3 AND ",
                counted_idea!()
            ))
            .bind(s.idea_id)
            .bind(round_id)
            .bind(s.version)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(from) = from else {
                return Err(StoreError::Conflict);
            };
            let moved = sqlx::query(
                "UPDATE ideas SET cluster_id = $1, set_aside = $2, set_aside_note = $3,
                        funnel_version = funnel_version + 1
                 WHERE id = $4 AND funnel_version = $5",
            )
            .bind(cluster_id)
            .bind(aside)
            .bind(&note)
            .bind(s.idea_id)
            .bind(s.version)
            .execute(&mut *conn)
            .await?;
            if moved.rows_affected() != 1 {
                return Err(StoreError::Conflict);
            }
            if let Some(from) = from
                && Some(from) != cluster_id
                && !left.contains(&from)
            {
                left.push(from);
            }
        }
        let (action, detail) = match &destination {
            Destination::NewCluster(text) => {
                ("create", format!("{} {}", text.title, idea_list(&seen)))
            }
            Destination::Cluster(_) => ("move", idea_list(&seen)),
            Destination::Unplaced => ("unplace", idea_list(&seen)),
            Destination::SetAside(a) => (
                "set_aside",
                format!("{} {}", a.reason.code(), idea_list(&seen)),
            ),
        };
        record!(conn, round_id, by, action, cluster_id, Some(detail), at);
        // Taking ideas out of a cluster is work on that cluster too.
        for from in left {
            credit!(conn, from, by, at);
        }
        Ok(Changed::Done { cluster_id })
    }))
}

/// Changes a cluster's title and summary.
pub async fn rename(
    db: &Db,
    round_id: i64,
    cluster_id: i64,
    version: i64,
    text: ClusterText,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    write!(db, |conn| {
        let current: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM clusters WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
        )
        .bind(cluster_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        match current {
            None => return Ok(Changed::Gone),
            Some(current) if current != version => return Ok(Changed::Conflict),
            Some(_) => {}
        }
        sqlx::query(
            "UPDATE clusters SET title = $1, summary = $2, version = version + 1, updated_at = $3
             WHERE id = $4",
        )
        .bind(&text.title)
        .bind(&text.summary)
        .bind(at)
        .bind(cluster_id)
        .execute(&mut *conn)
        .await?;
        record!(
            conn,
            round_id,
            by,
            "rename",
            Some(cluster_id),
            Some(text.title.clone()),
            at
        );
        Ok(Changed::Done {
            cluster_id: Some(cluster_id),
        })
    })
}

/// Merges `source` into `target`: its ideas join the target, and the
/// source is gone. The source's version must be the one its author saw.
pub async fn merge(
    db: &Db,
    round_id: i64,
    source: i64,
    version: i64,
    target: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    write!(db, |conn| {
        let live: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, version FROM clusters
             WHERE id IN ($1, $2) AND round_id = $3 AND removed_at IS NULL",
        )
        .bind(source)
        .bind(target)
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?;
        if source == target || live.len() != 2 {
            return Ok(Changed::Gone);
        }
        if !live.contains(&(source, version)) {
            return Ok(Changed::Conflict);
        }
        sqlx::query(
            "UPDATE ideas SET cluster_id = $1, funnel_version = funnel_version + 1
             WHERE cluster_id = $2",
        )
        .bind(target)
        .bind(source)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE clusters SET removed_at = $1, merged_into = $2, version = version + 1
             WHERE id = $3",
        )
        .bind(at)
        .bind(target)
        .bind(source)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE clusters SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(target)
            .execute(&mut *conn)
            .await?;
        // Who worked on the source worked on what it became.
        sqlx::query(
            "INSERT INTO cluster_work (cluster_id, account_id, changes, last_at)
             SELECT $1, account_id, changes, last_at FROM cluster_work WHERE cluster_id = $2
             ON CONFLICT (cluster_id, account_id)
             DO UPDATE SET changes = cluster_work.changes + excluded.changes",
        )
        .bind(target)
        .bind(source)
        .execute(&mut *conn)
        .await?;
        record!(
            conn,
            round_id,
            by,
            "merge",
            Some(target),
            Some(format!("{source}")),
            at
        );
        Ok(Changed::Done {
            cluster_id: Some(target),
        })
    })
}

/// Removes a cluster; its ideas go back to "not yet placed".
pub async fn remove(
    db: &Db,
    round_id: i64,
    cluster_id: i64,
    version: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Changed, StoreError> {
    write!(db, |conn| {
        let current: Option<(i64, String)> = sqlx::query_as(
            "SELECT version, title FROM clusters
             WHERE id = $1 AND round_id = $2 AND removed_at IS NULL",
        )
        .bind(cluster_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        let title = match current {
            None => return Ok(Changed::Gone),
            Some((current, _)) if current != version => return Ok(Changed::Conflict),
            Some((_, title)) => title,
        };
        sqlx::query(
            "UPDATE ideas SET cluster_id = NULL, funnel_version = funnel_version + 1
             WHERE cluster_id = $1",
        )
        .bind(cluster_id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE clusters SET removed_at = $1, version = version + 1 WHERE id = $2")
            .bind(at)
            .bind(cluster_id)
            .execute(&mut *conn)
            .await?;
        record!(conn, round_id, by, "remove", None, Some(title), at);
        Ok(Changed::Done { cluster_id: None })
    })
}

/// Remembers that a suggested cluster (by its ideas' key) is not wanted.
pub async fn dismiss(
    db: &Db,
    round_id: i64,
    key: String,
    by: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO dismissed_suggestions (round_id, idea_set, dismissed_by, dismissed_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(round_id)
        .bind(&key)
        .bind(by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(())
    })
}

pub async fn dismissed(db: &Db, round_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT idea_set FROM dismissed_suggestions WHERE round_id = $1")
            .bind(round_id)
            .fetch_all(pool)
            .await
    })?)
}

/// One line of the workspace's log.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LogEntry {
    pub who: String,
    pub role: String,
    pub action: String,
    pub cluster: Option<String>,
    pub detail: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The workspace's log, newest first.
pub async fn log(db: &Db, round_id: i64, limit: i64) -> Result<Vec<LogEntry>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT a.display_name AS who, a.role, l.action, c.title AS cluster, l.detail,
                    l.created_at
             FROM funnel_log l
             JOIN accounts a ON a.id = l.account_id
             LEFT JOIN clusters c ON c.id = l.cluster_id
             WHERE l.round_id = $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(round_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })?)
}
