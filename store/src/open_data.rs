//! What the open-data API and the exports read: only what the public pages
//! show. Hidden, withdrawn, merged and unreviewed ideas never come out, nor
//! a redacted idea's original text, e-mail addresses, contact requests,
//! children's first names or who wrote a progress update. Contributors are
//! participant ids here; the app turns them into salted pseudonyms.

use crate::{Db, StoreError, read};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeRow {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub horizon_year: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Challenges with at least one public round.
pub async fn challenges(db: &Db) -> Result<Vec<ChallengeRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT c.slug, c.title, c.description, c.horizon_year, c.created_at
             FROM challenges c
             WHERE EXISTS (SELECT 1 FROM rounds r WHERE r.challenge_id = c.id AND ",
            crate::public_round!("r"),
            ") ORDER BY c.id"
        ))
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub challenge_slug: String,
    pub number: i64,
    pub slug: String,
    pub title: String,
    pub introduction: String,
    pub phase: String,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub plan_sent_at: Option<DateTime<Utc>>,
    pub plan_published_at: Option<DateTime<Utc>>,
}

const ROUNDS: &str = concat!(
    "SELECT r.id, c.slug AS challenge_slug, r.number, r.slug, r.title,
        r.introduction, r.phase, r.opens_at, r.closes_at,
        pl.sent_at AS plan_sent_at, pl.published_at AS plan_published_at
     FROM rounds r JOIN challenges c ON c.id = r.challenge_id
     LEFT JOIN plans pl ON pl.round_id = r.id
     WHERE ",
    crate::public_round!("r")
);

/// Public rounds, of one challenge or of all; oldest first.
pub async fn rounds(db: &Db, challenge_slug: Option<&str>) -> Result<Vec<RoundRow>, StoreError> {
    let sql = match challenge_slug {
        Some(_) => format!("{ROUNDS} AND c.slug = $1 ORDER BY r.number, r.id"),
        None => format!("{ROUNDS} ORDER BY c.id, r.number, r.id"),
    };
    Ok(read!(db, |pool| {
        let query = sqlx::query_as(&sql);
        match challenge_slug {
            Some(slug) => query.bind(slug).fetch_all(pool).await,
            None => query.fetch_all(pool).await,
        }
    })?)
}

/// A public round by its slug.
pub async fn round(db: &Db, slug: &str) -> Result<Option<RoundRow>, StoreError> {
    let sql = format!("{ROUNDS} AND r.slug = $1");
    Ok(read!(db, |pool| {
        sqlx::query_as(&sql).bind(slug).fetch_optional(pool).await
    })?)
}

/// A counted idea (public, not hidden).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: i64,
    pub participant_id: i64,
    pub question: i64,
    pub dream: bool,
    pub text: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub neighbourhood: Option<String>,
    pub lived_experience: bool,
    pub contributor_group: String,
    pub channel: String,
    pub age_group: Option<String>,
    pub cluster_id: Option<i64>,
    pub set_aside: Option<String>,
    pub supports: i64,
    pub redacted: bool,
    pub created_at: DateTime<Utc>,
}

const IDEAS: &str = concat!(
    "FROM ideas i JOIN questions q ON q.id = i.question_id WHERE i.round_id = $1 AND ",
    crate::counted_idea!()
);

/// A page of a round's counted ideas, oldest first, and how many there are.
/// `limit` `None`: all of them.
pub async fn ideas(
    db: &Db,
    round_id: i64,
    offset: i64,
    limit: Option<i64>,
) -> Result<(Vec<IdeaRow>, i64), StoreError> {
    let sql = format!(
        "SELECT i.id, i.participant_id, q.position AS question, q.kind = 'dream' AS dream,
            i.text, i.life_domain, i.policy_domain,
            (SELECT n.name FROM neighbourhoods n WHERE n.id = i.neighbourhood_id) AS neighbourhood,
            i.lived_experience, i.contributor_group, i.channel,
            (SELECT d.age_group FROM dreams d WHERE d.idea_id = i.id) AS age_group,
            i.cluster_id, i.set_aside,
            (SELECT COUNT(*) FROM supports s WHERE s.idea_id = i.id) AS supports,
            i.redacted_at IS NOT NULL AS redacted, i.created_at
         {IDEAS} ORDER BY i.id LIMIT $2 OFFSET $3"
    );
    let count = format!("SELECT COUNT(*) {IDEAS}");
    read!(db, |pool| {
        let (rows, total) = tokio::try_join!(
            sqlx::query_as(&sql)
                .bind(round_id)
                .bind(limit.unwrap_or(i64::MAX))
                .bind(offset)
                .fetch_all(pool),
            sqlx::query_scalar(&count).bind(round_id).fetch_one(pool),
        )?;
        Ok((rows, total))
    })
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ClusterRow {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub ideas: i64,
    /// Why it is not in the plan; public once the plan went out.
    pub left_out_reason: Option<String>,
}

/// A round's clusters. Where they went is public once the plan is out
/// (see [`item_clusters`]).
pub async fn clusters(db: &Db, round_id: i64) -> Result<Vec<ClusterRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT c.id, c.title, c.summary,
                (SELECT COUNT(*) FROM ideas i WHERE i.cluster_id = c.id AND ",
            crate::counted_idea!(),
            ") AS ideas,
                CASE WHEN pl.sent_at IS NULL THEN NULL ELSE l.reason END AS left_out_reason
             FROM clusters c
             LEFT JOIN plans pl ON pl.round_id = c.round_id
             LEFT JOIN clusters_left_out l ON l.cluster_id = c.id
             WHERE c.round_id = $1 AND c.removed_at IS NULL ORDER BY c.id"
        ))
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub description: String,
    pub final_title: Option<String>,
    pub final_description: Option<String>,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead: Option<String>,
    pub latest_status: Option<String>,
}

/// The items of a round's plan, once it went out; the final texts only
/// once it is published.
pub async fn items(db: &Db, round_id: i64) -> Result<Vec<ItemRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT p.id, p.position, p.title, p.description,
                CASE WHEN pl.published_at IS NULL THEN NULL ELSE p.final_title END AS final_title,
                CASE WHEN pl.published_at IS NULL THEN NULL ELSE p.final_description END
                    AS final_description,
                CASE WHEN pl.published_at IS NULL THEN NULL ELSE p.outcome END AS outcome,
                CASE WHEN pl.published_at IS NULL THEN NULL ELSE p.outcome_note END AS outcome_note,
                p.life_domain, p.policy_domain, s.title AS spearhead,
                (SELECT u.status FROM progress_updates u WHERE u.item_id = p.id
                 ORDER BY u.id DESC LIMIT 1) AS latest_status
             FROM plan_items p JOIN plans pl ON pl.round_id = p.round_id
             LEFT JOIN spearheads s ON s.id = p.spearhead_id
             WHERE p.round_id = $1 AND pl.sent_at IS NOT NULL AND p.removed_at IS NULL
             ORDER BY p.position",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// The clusters of a round's plan items that went out: (item, cluster).
pub async fn item_clusters(db: &Db, round_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT pc.item_id, pc.cluster_id FROM plan_item_clusters pc
             JOIN plan_items p ON p.id = pc.item_id
             JOIN plans pl ON pl.round_id = p.round_id
             WHERE p.round_id = $1 AND pl.sent_at IS NOT NULL AND p.removed_at IS NULL
             ORDER BY pc.item_id, pc.cluster_id",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Reactions to a round's plan items per group and stance.
pub async fn reaction_counts(
    db: &Db,
    round_id: i64,
) -> Result<Vec<crate::insight::StanceRow>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(
            "SELECT x.item_id, x.reaction_group, x.stance, COUNT(*) AS count
             FROM reactions x JOIN plan_items p ON p.id = x.item_id
             JOIN plans pl ON pl.round_id = p.round_id
             WHERE p.round_id = $1 AND pl.sent_at IS NOT NULL AND p.removed_at IS NULL
             GROUP BY x.item_id, x.reaction_group, x.stance
             ORDER BY x.item_id, x.reaction_group, x.stance",
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ProgressRow {
    pub id: i64,
    pub item_id: i64,
    pub status: String,
    pub note: String,
    pub written_at: DateTime<Utc>,
}

/// Progress updates on the items of a round (`Some`) or of a challenge's
/// rounds, oldest first.
pub async fn progress(
    db: &Db,
    round_id: Option<i64>,
    challenge_slug: Option<&str>,
) -> Result<Vec<ProgressRow>, StoreError> {
    let filter = match (round_id, challenge_slug) {
        (Some(_), _) => "p.round_id = $1",
        _ => "r.challenge_id = (SELECT id FROM challenges WHERE slug = $1)",
    };
    let sql = format!(
        "SELECT u.id, u.item_id, u.status, u.note, u.written_at
         FROM progress_updates u JOIN plan_items p ON p.id = u.item_id
         JOIN rounds r ON r.id = p.round_id
         WHERE {filter} AND p.removed_at IS NULL ORDER BY u.written_at, u.id"
    );
    Ok(read!(db, |pool| {
        let query = sqlx::query_as(&sql);
        match (round_id, challenge_slug) {
            (Some(id), _) => query.bind(id).fetch_all(pool).await,
            (None, slug) => query.bind(slug.unwrap_or_default()).fetch_all(pool).await,
        }
    })?)
}
