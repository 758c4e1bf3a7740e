//! Ideas: storing a submission exactly once, and listing ideas.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::{ContributorGroup, IdeaDraft, Phase};

/// One idea as the round page lists it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ListedIdea {
    pub id: i64,
    pub text: String,
    pub question_position: i64,
    pub life_domain: Option<String>,
    pub neighbourhood: Option<String>,
    pub lived_experience: bool,
    pub contributor_group: String,
    pub created_at: DateTime<Utc>,
    /// "Ik ook" supports.
    pub support_count: i64,
    /// The viewing participant supports it.
    pub supported: bool,
    /// The viewing participant sent it.
    pub own: bool,
}

/// A checked idea and who sends it.
#[derive(Clone, Debug)]
pub struct Submission {
    pub round_id: i64,
    pub draft: IdeaDraft,
    pub group: ContributorGroup,
    /// The hash of the form's submission key: the same form saves once.
    pub submission_hash: String,
    /// The participant the sender already is (from their cookie), if any.
    pub known_code_hash: Option<String>,
    /// The participant to create when there is no known one: the hash of the
    /// code derived from the submission key.
    pub new_code_hash: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub idea_id: i64,
    /// True when the sender was not a known participant, so the new code
    /// (derived from the submission key) is now theirs.
    pub new_participant: bool,
    /// True when this form, or this text from this participant, was saved
    /// before: nothing new was stored.
    pub duplicate: bool,
}

/// Stores a submission once. Sending the same form again, or the same text
/// to the same round again, returns the idea saved the first time.
/// Uniqueness is enforced by the database, so it also holds for two copies
/// of a form arriving at the same moment at different app servers.
pub async fn submit(db: &Db, s: Submission) -> Result<Submitted, StoreError> {
    write!(db, |conn| {
        let known: Option<i64> = match &s.known_code_hash {
            Some(hash) => {
                sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                    .bind(hash)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        };
        let participant_id = match known {
            Some(id) => id,
            None => {
                sqlx::query(
                    "INSERT INTO participants (code_hash, created_at) VALUES ($1, $2)
                     ON CONFLICT (code_hash) DO NOTHING",
                )
                .bind(&s.new_code_hash)
                .bind(s.at)
                .execute(&mut *conn)
                .await?;
                sqlx::query_scalar("SELECT id FROM participants WHERE code_hash = $1")
                    .bind(&s.new_code_hash)
                    .fetch_one(&mut *conn)
                    .await?
            }
        };

        let fingerprint = s.draft.text.fingerprint();
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO ideas (round_id, question_id, participant_id, text, text_fingerprint,
                                life_domain, neighbourhood_id, lived_experience,
                                contributor_group, submission_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .bind(s.round_id)
        .bind(s.draft.question_id)
        .bind(participant_id)
        .bind(s.draft.text.as_str())
        .bind(&fingerprint)
        .bind(s.draft.life_domain.map(|d| d.code()))
        .bind(s.draft.neighbourhood_id)
        .bind(s.draft.lived_experience)
        .bind(s.group.code())
        .bind(&s.submission_hash)
        .bind(s.at)
        .fetch_optional(&mut *conn)
        .await?;

        let (idea_id, duplicate) = match inserted {
            Some(id) => (id, false),
            None => {
                let id = sqlx::query_scalar(
                    "SELECT id FROM ideas
                     WHERE submission_hash = $1
                        OR (round_id = $2 AND participant_id = $3 AND text_fingerprint = $4)
                     ORDER BY id LIMIT 1",
                )
                .bind(&s.submission_hash)
                .bind(s.round_id)
                .bind(participant_id)
                .bind(&fingerprint)
                .fetch_one(&mut *conn)
                .await?;
                (id, true)
            }
        };
        Ok(Submitted {
            idea_id,
            new_participant: known.is_none(),
            duplicate,
        })
    })
}

pub async fn count_in_round(db: &Db, round_id: i64) -> Result<i64, StoreError> {
    let count = read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM ideas
             WHERE round_id = $1 AND withdrawn_at IS NULL AND hidden_at IS NULL",
        )
        .bind(round_id)
        .fetch_one(pool)
        .await
    })?;
    Ok(count)
}

/// A page of a round's ideas, newest first, with supports as seen by the
/// participant with `viewer_code_hash` (if any).
pub async fn page_in_round(
    db: &Db,
    round_id: i64,
    limit: i64,
    offset: i64,
    viewer_code_hash: Option<&str>,
) -> Result<Vec<ListedIdea>, StoreError> {
    let ideas = read!(db, |pool| {
        sqlx::query_as(
            "SELECT i.id, i.text, q.position AS question_position, i.life_domain,
                    n.name AS neighbourhood, i.lived_experience, i.contributor_group, i.created_at,
                    (SELECT COUNT(*) FROM supports s WHERE s.idea_id = i.id) AS support_count,
                    EXISTS (SELECT 1 FROM supports s JOIN participants p ON p.id = s.participant_id
                            WHERE s.idea_id = i.id AND p.code_hash = $4) AS supported,
                    EXISTS (SELECT 1 FROM participants p
                            WHERE p.id = i.participant_id AND p.code_hash = $4) AS own
             FROM ideas i
             JOIN questions q ON q.id = i.question_id
             LEFT JOIN neighbourhoods n ON n.id = i.neighbourhood_id
             WHERE i.round_id = $1 AND i.withdrawn_at IS NULL AND i.hidden_at IS NULL
             ORDER BY i.created_at DESC, i.id DESC
             LIMIT $2 OFFSET $3",
        )
        .bind(round_id)
        .bind(limit)
        .bind(offset)
        .bind(viewer_code_hash)
        .fetch_all(pool)
        .await
    })?;
    Ok(ideas)
}

/// An idea with the round it belongs to, as a receipt shows it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OwnIdea {
    pub id: i64,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub round_slug: String,
    pub round_title: String,
    #[sqlx(try_from = "String")]
    pub round_phase: Phase,
    pub challenge_title: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
}

const OWN_IDEA_SELECT: &str = "SELECT i.id, i.text, i.created_at, r.slug AS round_slug,
        r.title AS round_title, r.phase AS round_phase, c.title AS challenge_title,
        i.withdrawn_at, i.hidden_at
     FROM ideas i
     JOIN participants p ON p.id = i.participant_id
     JOIN rounds r ON r.id = i.round_id
     JOIN challenges c ON c.id = r.challenge_id";

/// The idea, only if it belongs to the participant with this code hash.
pub async fn own_by_id(
    db: &Db,
    idea_id: i64,
    code_hash: &str,
) -> Result<Option<OwnIdea>, StoreError> {
    let sql = format!("{OWN_IDEA_SELECT} WHERE i.id = $1 AND p.code_hash = $2");
    let idea = read!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(idea_id)
            .bind(code_hash)
            .fetch_optional(pool)
            .await
    })?;
    Ok(idea)
}

/// All ideas of the participant with this code hash, newest first.
pub async fn all_own(db: &Db, code_hash: &str) -> Result<Vec<OwnIdea>, StoreError> {
    let sql =
        format!("{OWN_IDEA_SELECT} WHERE p.code_hash = $1 ORDER BY i.created_at DESC, i.id DESC");
    let ideas = read!(db, |pool| sqlx::query_as(&sql)
        .bind(code_hash)
        .fetch_all(pool)
        .await)?;
    Ok(ideas)
}

/// Withdraws an own idea while its round is collecting. True if withdrawn;
/// false if it is not theirs, already withdrawn, or the round moved on.
pub async fn withdraw_own(
    db: &Db,
    idea_id: i64,
    code_hash: String,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query(
            "UPDATE ideas SET withdrawn_at = $1
             WHERE id = $2 AND withdrawn_at IS NULL
               AND participant_id = (SELECT id FROM participants WHERE code_hash = $3)
               AND round_id IN (SELECT id FROM rounds WHERE phase = 'collecting')",
        )
        .bind(at)
        .bind(idea_id)
        .bind(code_hash)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    })
}

/// An idea as moderation sees it: hidden ones too, with why.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ModeratedIdea {
    pub id: i64,
    pub text: String,
    pub contributor_group: String,
    pub created_at: DateTime<Utc>,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
    pub hidden_by_name: Option<String>,
}

/// A round's ideas for moderation, newest first (withdrawn ones left out:
/// their authors took them back).
pub async fn for_moderation(
    db: &Db,
    round_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<ModeratedIdea>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT i.id, i.text, i.contributor_group, i.created_at, i.hidden_at,
                    i.hidden_reason, a.display_name AS hidden_by_name
             FROM ideas i LEFT JOIN accounts a ON a.id = i.hidden_by
             WHERE i.round_id = $1 AND i.withdrawn_at IS NULL
             ORDER BY i.created_at DESC, i.id DESC LIMIT $2 OFFSET $3",
        )
        .bind(round_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await
    })?)
}

/// Hides an idea with a reason, or shows it again (`reason` `None`). True
/// if the idea is in the round and changed.
pub async fn set_hidden(
    db: &Db,
    round_id: i64,
    idea_id: i64,
    reason: Option<String>,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = match &reason {
            Some(reason) => {
                sqlx::query(
                    "UPDATE ideas SET hidden_at = $1, hidden_reason = $2, hidden_by = $3
                     WHERE id = $4 AND round_id = $5 AND hidden_at IS NULL",
                )
                .bind(at)
                .bind(reason)
                .bind(by)
                .bind(idea_id)
                .bind(round_id)
                .execute(&mut *conn)
                .await?
            }
            None => {
                sqlx::query(
                    "UPDATE ideas SET hidden_at = NULL, hidden_reason = NULL, hidden_by = NULL
                     WHERE id = $1 AND round_id = $2 AND hidden_at IS NOT NULL",
                )
                .bind(idea_id)
                .bind(round_id)
                .execute(&mut *conn)
                .await?
            }
        };
        Ok(done.rows_affected() == 1)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    Saved,
    /// Not theirs, withdrawn or hidden, or the round stopped collecting.
    NotEditable,
    /// They sent this same text to the round already.
    SameAsAnother,
}

/// Changes the text of an own idea while its round collects.
pub async fn edit_own(
    db: &Db,
    idea_id: i64,
    code_hash: String,
    text: domain::IdeaText,
) -> Result<Edited, StoreError> {
    write!(db, |conn| {
        let editable: Option<(i64, i64)> = sqlx::query_as(
            "SELECT i.round_id, i.participant_id FROM ideas i
             JOIN participants p ON p.id = i.participant_id
             JOIN rounds r ON r.id = i.round_id
             WHERE i.id = $1 AND p.code_hash = $2 AND r.phase = 'collecting'
               AND i.withdrawn_at IS NULL AND i.hidden_at IS NULL",
        )
        .bind(idea_id)
        .bind(&code_hash)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((round_id, participant_id)) = editable else {
            return Ok(Edited::NotEditable);
        };
        let fingerprint = text.fingerprint();
        let clash: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM ideas WHERE round_id = $1 AND participant_id = $2
               AND text_fingerprint = $3 AND id <> $4",
        )
        .bind(round_id)
        .bind(participant_id)
        .bind(&fingerprint)
        .bind(idea_id)
        .fetch_optional(&mut *conn)
        .await?;
        if clash.is_some() {
            return Ok(Edited::SameAsAnother);
        }
        sqlx::query("UPDATE ideas SET text = $1, text_fingerprint = $2 WHERE id = $3")
            .bind(text.as_str())
            .bind(&fingerprint)
            .bind(idea_id)
            .execute(&mut *conn)
            .await?;
        Ok(Edited::Saved)
    })
}
