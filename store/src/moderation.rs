//! Moderation: the queue of a round's ideas, and what moderators do with
//! them. Every action is written to the moderation log in the same
//! transaction, so the log cannot miss one.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

/// SQL true for an idea `i` that waits for a moderator: still there, and
/// waiting for approval or flagged.
const TO_DO: &str = "i.withdrawn_at IS NULL AND i.merged_into IS NULL
    AND (i.awaiting_review OR EXISTS (SELECT 1 FROM flags f
         WHERE f.idea_id = i.id AND f.resolved_at IS NULL))";

/// Which ideas a moderator looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Queue {
    /// Waiting for approval (pre-moderated rounds and dreams) or flagged.
    #[default]
    ToDo,
    /// Every idea, hidden ones too.
    All,
}

/// An idea as moderation sees it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ModeratedIdea {
    pub id: i64,
    pub text: String,
    pub contributor_group: String,
    pub channel: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub created_at: DateTime<Utc>,
    pub awaiting_review: bool,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
    pub redacted_at: Option<DateTime<Utc>>,
    pub is_dream: bool,
    pub dream_need: Option<String>,
    pub dream_age: Option<String>,
    /// The child's first name, if given: only shown to staff (see the page).
    pub dream_name: Option<String>,
    /// How to reach the child: only read for staff (see the page).
    pub dream_contact: Option<String>,
    /// Open flags' reasons, comma-separated codes.
    pub flag_reasons: Option<String>,
    pub flag_count: i64,
    pub support_count: i64,
}

/// What a moderator looks for within a list: ideas with all these stems
/// (`analysis::Query`), or the idea with this number. Empty: everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Find {
    pub terms: Vec<String>,
    pub idea: Option<i64>,
}

/// A round's ideas for moderation: what needs doing first (oldest first,
/// so nobody waits longest), or all of them newest first, narrowed by
/// `find`. Withdrawn and merged ideas are left out: their authors took
/// them back, or they live on in another idea. Unlike the public search,
/// this one finds hidden ideas too.
pub async fn queue(
    db: &Db,
    round_id: i64,
    queue: Queue,
    find: &Find,
    limit: i64,
    offset: i64,
) -> Result<Vec<ModeratedIdea>, StoreError> {
    let (condition, order) = match queue {
        Queue::ToDo => (TO_DO, "i.id"),
        Queue::All => (
            "i.withdrawn_at IS NULL AND i.merged_into IS NULL",
            "i.created_at DESC, i.id DESC",
        ),
    };
    let sql = format!(
        "SELECT i.id, i.text, i.contributor_group, i.channel, i.life_domain, i.policy_domain,
                i.created_at, i.awaiting_review, i.hidden_at, i.hidden_reason, i.redacted_at,
                q.kind = 'dream' AS is_dream, d.need AS dream_need, d.age_group AS dream_age,
                d.first_name AS dream_name, dc.contact AS dream_contact,
                (SELECT {reasons} FROM flags f
                  WHERE f.idea_id = i.id AND f.resolved_at IS NULL) AS flag_reasons,
                (SELECT COUNT(*) FROM flags f
                  WHERE f.idea_id = i.id AND f.resolved_at IS NULL) AS flag_count,
                (SELECT COUNT(*) FROM supports s WHERE s.idea_id = i.id) AS support_count
         FROM ideas i
         JOIN questions q ON q.id = i.question_id
         LEFT JOIN dreams d ON d.idea_id = i.id
         LEFT JOIN dream_contacts dc ON dc.idea_id = i.id
         WHERE i.round_id = $1 AND {condition}
           AND (($4 IS NULL AND $5 IS NULL) OR i.id = $5 OR ($4 IS NOT NULL AND {search}))
         ORDER BY {order} LIMIT $2 OFFSET $3",
        search = crate::idea::search_match(db, "$4"),
        reasons = match db {
            Db::Sqlite(_) => "group_concat(f.reason, ',')",
            Db::Postgres(_) => "string_agg(f.reason, ',')",
        }
    );
    let terms = crate::idea::search_query(db, &find.terms);
    Ok(read!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(round_id)
            .bind(limit)
            .bind(offset)
            .bind(&terms)
            .bind(find.idea)
            .fetch_all(pool)
            .await
    })?)
}

/// How many ideas wait for a moderator in each round that has any, for
/// the workspace's front page: (round id, count).
pub async fn to_do_counts(db: &Db) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT i.round_id, COUNT(*) FROM ideas i
             WHERE {TO_DO} GROUP BY i.round_id"
        ))
        .fetch_all(pool)
        .await
    })?)
}

/// How many ideas wait for a moderator, for the round page's link.
pub async fn to_do_count(db: &Db, round_id: i64) -> Result<i64, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM ideas i WHERE i.round_id = $1 AND {TO_DO}"
        ))
        .bind(round_id)
        .fetch_one(pool)
        .await
    })?)
}

/// What a moderator does to one idea.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Make a waiting idea public; also dismisses open flags ("it may stay").
    Approve,
    /// Hide from the public pages, with a public reason.
    Hide { reason: String },
    /// Show a hidden idea again.
    Restore,
    /// Replace the text with one without personal data; the original is
    /// kept in `idea_redactions`, never shown.
    Redact { text: domain::IdeaText },
    /// Merge this idea into another one with the same point: it leaves the
    /// lists, and its supports (and its author's voice) move over, each
    /// participant counted once.
    MergeInto { target: i64 },
    /// Set the idea's life and policy domain, for browsing and clustering.
    Retag {
        life_domain: Option<domain::LifeDomain>,
        policy_domain: Option<domain::PolicyDomain>,
    },
}

impl Action {
    /// The code in the moderation log and in translation keys.
    pub fn code(&self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Hide { .. } => "hide",
            Action::Restore => "restore",
            Action::Redact { .. } => "redact",
            Action::MergeInto { .. } => "merge",
            Action::Retag { .. } => "retag",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acted {
    Done,
    /// The idea is not in this round, or not in a state for this action
    /// (someone else acted first, or it was withdrawn).
    NotApplicable,
    /// Merge target is not a public idea of this round, or the idea itself.
    BadTarget,
}

/// Carries out one moderation action and logs it.
pub async fn act(
    db: &Db,
    round_id: i64,
    idea_id: i64,
    action: Action,
    by: i64,
    at: DateTime<Utc>,
) -> Result<Acted, StoreError> {
    write!(db, |conn| {
        let current: Option<(String, i64, bool)> = sqlx::query_as(
            "SELECT text, participant_id, hidden_at IS NOT NULL FROM ideas
             WHERE id = $1 AND round_id = $2 AND withdrawn_at IS NULL AND merged_into IS NULL",
        )
        .bind(idea_id)
        .bind(round_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((original, author, hidden)) = current else {
            return Ok(Acted::NotApplicable);
        };
        let mut log_reason: Option<String> = None;
        let changed = match &action {
            Action::Approve => {
                sqlx::query("UPDATE ideas SET awaiting_review = FALSE WHERE id = $1")
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?;
                true
            }
            Action::Hide { reason } => {
                log_reason = Some(reason.clone());
                !hidden
                    && sqlx::query(
                        "UPDATE ideas SET hidden_at = $1, hidden_reason = $2, hidden_by = $3
                         WHERE id = $4 AND hidden_at IS NULL",
                    )
                    .bind(at)
                    .bind(reason)
                    .bind(by)
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
                        == 1
            }
            Action::Restore => {
                hidden
                    && sqlx::query(
                        "UPDATE ideas SET hidden_at = NULL, hidden_reason = NULL, hidden_by = NULL
                         WHERE id = $1",
                    )
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
                        == 1
            }
            Action::Redact { text } => {
                sqlx::query(
                    "INSERT INTO idea_redactions (idea_id, original_text, redacted_by, created_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(idea_id)
                .bind(&original)
                .bind(by)
                .bind(at)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "UPDATE ideas SET text = $1, search_stems = $2, redacted_at = $3 WHERE id = $4",
                )
                .bind(text.as_str())
                .bind(analysis::search_document(text.as_str()))
                .bind(at)
                .bind(idea_id)
                .execute(&mut *conn)
                .await?;
                // The old text's vector would still carry what was taken out.
                sqlx::query(crate::embedding::FORGET)
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?;
                true
            }
            Action::MergeInto { target } => {
                let target_author: Option<i64> = sqlx::query_scalar(
                    "SELECT participant_id FROM ideas
                     WHERE id = $1 AND round_id = $2 AND id <> $3 AND withdrawn_at IS NULL
                       AND merged_into IS NULL AND hidden_at IS NULL AND NOT awaiting_review",
                )
                .bind(target)
                .bind(round_id)
                .bind(idea_id)
                .fetch_optional(&mut *conn)
                .await?;
                let Some(target_author) = target_author else {
                    return Ok(Acted::BadTarget);
                };
                log_reason = Some(format!("#{target}"));
                // The duplicate's author said the same thing: that is a
                // support too. Nobody supports their own idea, and each
                // participant counts once.
                sqlx::query(
                    "INSERT INTO supports (idea_id, participant_id, created_at)
                     SELECT $1, s.participant_id, s.created_at FROM supports s
                     WHERE s.idea_id = $2 AND s.participant_id <> $3
                     ON CONFLICT DO NOTHING",
                )
                .bind(target)
                .bind(idea_id)
                .bind(target_author)
                .execute(&mut *conn)
                .await?;
                if author != target_author {
                    sqlx::query(
                        "INSERT INTO supports (idea_id, participant_id, created_at)
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(target)
                    .bind(author)
                    .bind(at)
                    .execute(&mut *conn)
                    .await?;
                }
                sqlx::query("DELETE FROM supports WHERE idea_id = $1")
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("UPDATE ideas SET merged_into = $1 WHERE id = $2")
                    .bind(target)
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?;
                true
            }
            Action::Retag {
                life_domain,
                policy_domain,
            } => {
                let life = life_domain.map(|d| d.code());
                let policy = policy_domain.map(|d| d.code());
                // "-" for none, so the log reads which labels it got.
                log_reason = Some(format!("{} {}", life.unwrap_or("-"), policy.unwrap_or("-")));
                sqlx::query("UPDATE ideas SET life_domain = $1, policy_domain = $2 WHERE id = $3")
                    .bind(life)
                    .bind(policy)
                    .bind(idea_id)
                    .execute(&mut *conn)
                    .await?;
                true
            }
        };
        if !changed {
            return Ok(Acted::NotApplicable);
        }
        // Whatever a moderator decided, the flags on it have been looked
        // at; new labels say nothing about them.
        if !matches!(action, Action::Retag { .. }) {
            sqlx::query(
                "UPDATE flags SET resolved_at = $1, resolved_by = $2
             WHERE idea_id = $3 AND resolved_at IS NULL",
            )
            .bind(at)
            .bind(by)
            .bind(idea_id)
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query(
            "INSERT INTO moderation_log (round_id, idea_id, account_id, action, reason, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(round_id)
        .bind(idea_id)
        .bind(by)
        .bind(action.code())
        .bind(&log_reason)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(Acted::Done)
    })
}

/// One line of a round's moderation log.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct LogEntry {
    pub idea_id: i64,
    pub moderator: String,
    pub action: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A round's moderation log, newest first.
pub async fn log(db: &Db, round_id: i64, limit: i64) -> Result<Vec<LogEntry>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT l.idea_id, a.display_name AS moderator, l.action, l.reason, l.created_at
             FROM moderation_log l JOIN accounts a ON a.id = l.account_id
             WHERE l.round_id = $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(round_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })?)
}

/// Deletes how to reach children about their dreams, once kept long enough
/// (retention::DREAM_CONTACT_KEPT).
pub async fn purge_dream_contacts(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("DELETE FROM dream_contacts WHERE created_at <= $1")
            .bind(before)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    })
}
