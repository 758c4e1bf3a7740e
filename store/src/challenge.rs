//! Challenges (opgaven) with their spearheads, and the overview of
//! challenges and their public rounds that the home page shows.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::Phase;

#[derive(Clone, Debug)]
pub struct NewChallenge {
    /// The slug wanted; a number is added when it is taken.
    pub slug: String,
    pub title: String,
    pub description: String,
    pub horizon_year: Option<i64>,
    /// Title and description of each spearhead, in order.
    pub spearheads: Vec<(String, String)>,
}

/// Creates a challenge; returns its id and the slug it got.
pub async fn create(db: &Db, new: NewChallenge) -> Result<(i64, String), StoreError> {
    let now = Utc::now();
    write!(db, |conn| {
        let taken: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM challenges WHERE slug = $1 OR slug LIKE $2")
                .bind(&new.slug)
                .bind(format!("{}-%", new.slug))
                .fetch_all(&mut *conn)
                .await?;
        let slug = domain::slug::first_free(&new.slug, &taken);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO challenges (slug, title, description, horizon_year, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&slug)
        .bind(&new.title)
        .bind(&new.description)
        .bind(new.horizon_year)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
        for (position, (title, description)) in new.spearheads.iter().enumerate() {
            sqlx::query(
                "INSERT INTO spearheads (challenge_id, position, title, description)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(title)
            .bind(description)
            .execute(&mut *conn)
            .await?;
        }
        Ok((id, slug))
    })
}

/// A challenge as staff edit it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredChallenge {
    pub id: i64,
    pub slug: String,
    pub challenge: domain::challenge_setup::Challenge,
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<StoredChallenge>, StoreError> {
    let row: Option<(i64, String, String, Option<i64>)> = read!(db, |pool| {
        sqlx::query_as(
            "SELECT id, title, description, horizon_year FROM challenges WHERE slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
    })?;
    let Some((id, title, description, horizon_year)) = row else {
        return Ok(None);
    };
    let spearheads: Vec<String> = read!(db, |pool| {
        sqlx::query_scalar("SELECT title FROM spearheads WHERE challenge_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(pool)
            .await
    })?;
    Ok(Some(StoredChallenge {
        id,
        slug: slug.to_owned(),
        challenge: domain::challenge_setup::Challenge {
            title,
            description,
            horizon_year,
            spearheads,
        },
    }))
}

/// Changes a challenge. Its slug stays, so links on posters keep working;
/// a spearhead that keeps its title keeps its row, so plan items still
/// point to it, and its description. Removing a spearhead a plan item
/// points to is refused by the database (the form checks it first, with
/// [`spearheads_in_use`]).
pub async fn update(
    db: &Db,
    id: i64,
    challenge: domain::challenge_setup::Challenge,
) -> Result<(), StoreError> {
    write!(db, |conn| {
        sqlx::query(
            "UPDATE challenges SET title = $1, description = $2, horizon_year = $3 WHERE id = $4",
        )
        .bind(&challenge.title)
        .bind(&challenge.description)
        .bind(challenge.horizon_year)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        let old: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, title FROM spearheads WHERE challenge_id = $1")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for (spearhead, title) in &old {
            if !challenge.spearheads.contains(title) {
                sqlx::query("DELETE FROM spearheads WHERE id = $1")
                    .bind(spearhead)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        // Positions are rewritten in two steps, should they be unique.
        sqlx::query("UPDATE spearheads SET position = -position WHERE challenge_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for (position, title) in challenge.spearheads.iter().enumerate() {
            let position = position as i64 + 1;
            match old.iter().find(|(_, t)| t == title) {
                Some((spearhead, _)) => {
                    sqlx::query("UPDATE spearheads SET position = $1 WHERE id = $2")
                        .bind(position)
                        .bind(spearhead)
                        .execute(&mut *conn)
                        .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO spearheads (challenge_id, position, title, description)
                         VALUES ($1, $2, $3, '')",
                    )
                    .bind(id)
                    .bind(position)
                    .bind(title)
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
        Ok(())
    })
}

/// The titles of the challenge's spearheads that plan items point to.
pub async fn spearheads_in_use(db: &Db, id: i64) -> Result<Vec<String>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT DISTINCT s.title FROM spearheads s
             JOIN plan_items p ON p.spearhead_id = s.id
             WHERE s.challenge_id = $1",
        )
        .bind(id)
        .fetch_all(pool)
        .await
    })?)
}

/// Every challenge, oldest first: (id, slug, title).
pub async fn all(db: &Db) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as("SELECT id, slug, title FROM challenges ORDER BY id")
            .fetch_all(pool)
            .await
    })?)
}

pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>, StoreError> {
    let id = read!(db, |pool| {
        sqlx::query_scalar("SELECT id FROM challenges WHERE slug = $1")
            .bind(slug)
            .fetch_optional(pool)
            .await
    })?;
    Ok(id)
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeOverview {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub horizon_year: Option<i64>,
    pub spearheads: Vec<String>,
    pub rounds: Vec<RoundSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoundSummary {
    pub slug: String,
    pub number: i64,
    pub title: String,
    pub phase: Phase,
    pub closes_at: Option<DateTime<Utc>>,
    pub idea_count: i64,
}

#[derive(sqlx::FromRow)]
struct OverviewRow {
    challenge_id: i64,
    challenge_slug: String,
    challenge_title: String,
    description: String,
    horizon_year: Option<i64>,
    round_slug: String,
    number: i64,
    round_title: String,
    #[sqlx(try_from = "String")]
    phase: Phase,
    closes_at: Option<DateTime<Utc>>,
    idea_count: i64,
}

/// Every challenge with at least one public round, newest round first.
/// Two queries, whatever the number of challenges and rounds.
pub async fn overview(db: &Db) -> Result<Vec<ChallengeOverview>, StoreError> {
    let rows: Vec<OverviewRow> = read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT c.id AS challenge_id, c.slug AS challenge_slug, c.title AS challenge_title,
                    c.description, c.horizon_year,
                    r.slug AS round_slug, r.number, r.title AS round_title, r.phase, r.closes_at,
                    (SELECT COUNT(*) FROM ideas i WHERE i.round_id = r.id AND ",
            crate::counted_idea!(),
            ") AS idea_count
             FROM challenges c JOIN rounds r ON r.challenge_id = c.id
             WHERE ",
            crate::public_round!("r"),
            " ORDER BY c.id, r.number DESC"
        ))
        .fetch_all(pool)
        .await
    })?;
    let spearheads: Vec<(i64, String)> = read!(db, |pool| {
        sqlx::query_as("SELECT challenge_id, title FROM spearheads ORDER BY challenge_id, position")
            .fetch_all(pool)
            .await
    })?;

    let mut overview: Vec<(i64, ChallengeOverview)> = Vec::new();
    for row in rows {
        if overview
            .last()
            .is_none_or(|(id, _)| *id != row.challenge_id)
        {
            let challenge = ChallengeOverview {
                slug: row.challenge_slug,
                title: row.challenge_title,
                description: row.description,
                horizon_year: row.horizon_year,
                spearheads: spearheads
                    .iter()
                    .filter(|(id, _)| *id == row.challenge_id)
                    .map(|(_, title)| title.clone())
                    .collect(),
                rounds: Vec::new(),
            };
            overview.push((row.challenge_id, challenge));
        }
        let (_, challenge) = overview.last_mut().expect("pushed above");
        challenge.rounds.push(RoundSummary {
            slug: row.round_slug,
            number: row.number,
            title: row.round_title,
            phase: row.phase,
            closes_at: row.closes_at,
            idea_count: row.idea_count,
        });
    }
    Ok(overview.into_iter().map(|(_, c)| c).collect())
}
