//! Rounds and their questions.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Phase;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Round {
    pub id: i64,
    pub number: i64,
    pub slug: String,
    pub title: String,
    pub introduction: String,
    #[sqlx(try_from = "String")]
    pub phase: Phase,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub challenge_slug: String,
    pub challenge_title: String,
    pub horizon_year: Option<i64>,
    /// Children can send dreams ("Als ik later groot ben…").
    pub dreams_open: bool,
    /// New ideas are public only after a moderator approves them.
    pub premoderated: bool,
    /// Children's dreams are public only after a moderator approves them.
    pub dreams_premoderated: bool,
    /// Ideas in the round, counted in the same query.
    pub idea_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Question {
    pub id: i64,
    pub position: i64,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct NewRound {
    pub challenge_id: i64,
    /// The slug wanted; a number is added when it is taken.
    pub slug: String,
    pub title: String,
    pub introduction: String,
    pub phase: Phase,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub questions: Vec<String>,
    pub dreams_open: bool,
    pub premoderated: bool,
    pub dreams_premoderated: bool,
}

/// A round by its slug, whatever its phase; callers decide what a phase
/// allows them to show.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Round>, StoreError> {
    let round = read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT r.id, r.number, r.slug, r.title, r.introduction, r.phase, r.opens_at,
                    r.closes_at, c.slug AS challenge_slug, c.title AS challenge_title,
                    c.horizon_year, r.dreams_open, r.premoderated, r.dreams_premoderated,
                    (SELECT COUNT(*) FROM ideas i WHERE i.round_id = r.id AND ",
            crate::counted_idea!(),
            ") AS idea_count
             FROM rounds r JOIN challenges c ON c.id = r.challenge_id
             WHERE r.slug = $1"
        ))
        .bind(slug)
        .fetch_optional(pool)
        .await
    })?;
    Ok(round)
}

pub async fn questions(db: &Db, round_id: i64) -> Result<Vec<Question>, StoreError> {
    let questions = read!(db, |pool| {
        sqlx::query_as(
            "SELECT id, position, text FROM questions
             WHERE round_id = $1 AND kind = 'question' ORDER BY position",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(questions)
}

/// Creates a round with its questions, numbered after the challenge's
/// last round; returns the round's id, the slug it got and the questions'
/// ids in order.
pub async fn create(db: &Db, new: NewRound) -> Result<Created, StoreError> {
    let now = Utc::now();
    write!(db, |conn| {
        let taken: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM rounds WHERE slug = $1 OR slug LIKE $2")
                .bind(&new.slug)
                .bind(format!("{}-%", new.slug))
                .fetch_all(&mut *conn)
                .await?;
        let slug = domain::slug::first_free(&new.slug, &taken);
        let number: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM rounds WHERE challenge_id = $1",
        )
        .bind(new.challenge_id)
        .fetch_one(&mut *conn)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rounds (challenge_id, number, slug, title, introduction, phase,
                                 opens_at, closes_at, created_at, dreams_open, premoderated,
                                 dreams_premoderated)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(new.challenge_id)
        .bind(number)
        .bind(&slug)
        .bind(&new.title)
        .bind(&new.introduction)
        .bind(new.phase.code())
        .bind(new.opens_at)
        .bind(new.closes_at)
        .bind(now)
        .bind(new.dreams_open)
        .bind(new.premoderated)
        .bind(new.dreams_premoderated)
        .fetch_one(&mut *conn)
        .await?;
        let mut question_ids = Vec::with_capacity(new.questions.len());
        for (position, text) in new.questions.iter().enumerate() {
            let question_id = sqlx::query_scalar(
                "INSERT INTO questions (round_id, position, text) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(text)
            .fetch_one(&mut *conn)
            .await?;
            question_ids.push(question_id);
        }
        Ok(Created {
            id,
            slug,
            question_ids,
        })
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub id: i64,
    pub slug: String,
    pub question_ids: Vec<i64>,
}

/// A round's questions as staff edit them: (position, text, has ideas).
pub async fn questions_for_editing(
    db: &Db,
    round_id: i64,
) -> Result<Vec<(i64, String, bool)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT q.position, q.text,
                    EXISTS (SELECT 1 FROM ideas i WHERE i.question_id = q.id) AS answered
             FROM questions q WHERE q.round_id = $1 AND q.kind = 'question' ORDER BY q.position",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// What staff change about a round.
#[derive(Clone, Debug)]
pub struct RoundChange {
    pub title: String,
    pub introduction: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// (position, text): the questions after the change. A position left
    /// out loses its question, unless ideas answer it by now.
    pub questions: Vec<(i64, String)>,
    pub dreams_open: bool,
    pub premoderated: bool,
    pub dreams_premoderated: bool,
}

pub async fn update(db: &Db, round_id: i64, change: RoundChange) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "UPDATE rounds SET title = $1, introduction = $2, opens_at = $3, closes_at = $4,
                    dreams_open = $5, premoderated = $6, dreams_premoderated = $7
             WHERE id = $8",
        )
        .bind(&change.title)
        .bind(&change.introduction)
        .bind(change.opens_at)
        .bind(change.closes_at)
        .bind(change.dreams_open)
        .bind(change.premoderated)
        .bind(change.dreams_premoderated)
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
        let kept: Vec<i64> = change.questions.iter().map(|(p, _)| *p).collect();
        let old: Vec<i64> = sqlx::query_scalar(
            "SELECT position FROM questions WHERE round_id = $1 AND kind = 'question'",
        )
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?;
        for position in old.into_iter().filter(|p| !kept.contains(p)) {
            // Ideas may have come in since the form was opened: then the
            // question stays, and so do they.
            sqlx::query(
                "DELETE FROM questions WHERE round_id = $1 AND position = $2
                   AND NOT EXISTS (SELECT 1 FROM ideas i WHERE i.question_id = questions.id)",
            )
            .bind(round_id)
            .bind(position)
            .execute(&mut *conn)
            .await?;
        }
        for (position, text) in &change.questions {
            sqlx::query(
                "INSERT INTO questions (round_id, position, text) VALUES ($1, $2, $3)
                 ON CONFLICT (round_id, position) DO UPDATE SET text = excluded.text",
            )
            .bind(round_id)
            .bind(position)
            .bind(text)
            .execute(&mut *conn)
            .await?;
        }
        // Close the gaps, keeping the order: residents read "question 1,
        // 2", never "1, 3". Through negative positions, as positions are
        // unique within a round at every step.
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM questions WHERE round_id = $1 AND kind = 'question' ORDER BY position",
        )
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE questions SET position = -position WHERE round_id = $1 AND kind = 'question'",
        )
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
        for (index, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE questions SET position = $1 WHERE id = $2")
                .bind(index as i64 + 1)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    })
}

/// The "question" a round's dreams answer, created the first time a child
/// sends one. Position 0 keeps it apart from the round's own questions.
pub async fn dream_question(db: &Db, round_id: i64) -> Result<i64, StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "INSERT INTO questions (round_id, position, text, kind)
             VALUES ($1, 0, 'Als ik later groot ben…', 'dream')
             ON CONFLICT (round_id, position) DO NOTHING",
        )
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
        let id =
            sqlx::query_scalar("SELECT id FROM questions WHERE round_id = $1 AND kind = 'dream'")
                .bind(round_id)
                .fetch_one(&mut *conn)
                .await?;
        Ok(id)
    })
}

/// The round's dream question, if a child ever sent a dream: the round
/// page lists the dreams by it (`?vraag=`).
pub async fn dream_question_id(db: &Db, round_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT id FROM questions WHERE round_id = $1 AND kind = 'dream'")
            .bind(round_id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Every round, drafts included, for the workspace.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct RoundSummary {
    pub id: i64,
    pub challenge_id: i64,
    pub number: i64,
    pub slug: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub phase: Phase,
    pub challenge_title: String,
}

pub async fn all(db: &Db) -> Result<Vec<RoundSummary>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT r.id, r.challenge_id, r.number, r.slug, r.title, r.phase,
                    c.title AS challenge_title
             FROM rounds r JOIN challenges c ON c.id = r.challenge_id
             ORDER BY c.id, r.number",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Moves a round from `from` to `to` and records who did it and why. False
/// when the round was no longer in `from` (someone else changed it first).
pub async fn change_phase(
    db: &Db,
    round_id: i64,
    from: Phase,
    to: Phase,
    reason: String,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let done = sqlx::query("UPDATE rounds SET phase = $1 WHERE id = $2 AND phase = $3")
            .bind(to.code())
            .bind(round_id)
            .bind(from.code())
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO phase_changes (round_id, from_phase, to_phase, reason, changed_by, changed_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(round_id)
        .bind(from.code())
        .bind(to.code())
        .bind(&reason)
        .bind(by)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok(true)
    })
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PhaseChange {
    #[sqlx(try_from = "String")]
    pub from_phase: Phase,
    #[sqlx(try_from = "String")]
    pub to_phase: Phase,
    pub reason: String,
    pub changed_by: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// A round's phase changes, newest first.
pub async fn phase_history(db: &Db, round_id: i64) -> Result<Vec<PhaseChange>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT c.from_phase, c.to_phase, c.reason, a.display_name AS changed_by, c.changed_at
             FROM phase_changes c LEFT JOIN accounts a ON a.id = c.changed_by
             WHERE c.round_id = $1 ORDER BY c.id DESC",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// The round before this one in the same challenge, if residents could see
/// it: round 2 starts from what round 1 brought. (slug, title, phase).
pub async fn previous(
    db: &Db,
    round_id: i64,
) -> Result<Option<(String, String, Phase)>, StoreError> {
    let row: Option<(String, String, String)> = read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT p.slug, p.title, p.phase FROM rounds r
             JOIN rounds p ON p.challenge_id = r.challenge_id AND p.number < r.number
             WHERE r.id = $1 AND ",
            crate::public_round!("p"),
            " ORDER BY p.number DESC LIMIT 1"
        ))
        .bind(round_id)
        .fetch_optional(pool)
        .await
    })?;
    Ok(row.and_then(|(slug, title, phase)| {
        Phase::from_code(&phase).map(|phase| (slug, title, phase))
    }))
}
