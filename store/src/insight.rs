//! The raw counts behind a challenge's public dashboard, and monitoring
//! moments. Only counts and ids leave here: the rules that decide what may
//! be shown (small groups, percentages) are in `domain::dashboard`.
//! A dashboard costs a fixed number of queries, however many rounds,
//! ideas and reactions the challenge has.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};

/// A public round of the challenge (not in draft), oldest first.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub number: i64,
    pub slug: String,
    pub title: String,
    pub phase: String,
    pub plan_sent: bool,
    pub plan_published: bool,
}

/// People (distinct participants) per round and label.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Count {
    pub round_id: i64,
    pub label: String,
    pub count: i64,
}

/// A round's totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Totals {
    pub round_id: i64,
    pub contributors: i64,
    pub ideas: i64,
    pub dreams: i64,
    pub supports: i64,
    pub reactions: i64,
    pub reactors: i64,
}

/// One counted idea's place: its round and cluster.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct IdeaCluster {
    pub round_id: i64,
    pub cluster_id: Option<i64>,
}

/// A cluster of a round, or a plan item's link to one.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Pair {
    pub round_id: i64,
    pub id: i64,
    pub other: Option<i64>,
}

/// An item of a plan that went out (draft plans are not public).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub round_id: i64,
    pub position: i64,
    pub title: String,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead_id: Option<i64>,
    pub spearhead_title: Option<String>,
    pub outcome: Option<String>,
    pub published: bool,
    pub latest_status: Option<String>,
}

/// Reactions to an item per group and stance.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StanceRow {
    pub item_id: i64,
    pub reaction_group: String,
    pub stance: String,
    pub count: i64,
}

/// Everything a challenge's dashboard counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub rounds: Vec<RoundRow>,
    pub by_group: Vec<Count>,
    pub by_channel: Vec<Count>,
    /// Label: the neighbourhood's name, or '' when not given.
    pub by_neighbourhood: Vec<Count>,
    pub reactors_by_group: Vec<Count>,
    pub totals: Vec<Totals>,
    pub idea_clusters: Vec<IdeaCluster>,
    /// id: cluster.
    pub clusters: Vec<Pair>,
    /// id: item, other: cluster.
    pub item_clusters: Vec<Pair>,
    pub items: Vec<ItemRow>,
    pub stances: Vec<StanceRow>,
}

/// Ideas (`i`) of the challenge's public rounds (`r`) that count.
const IDEAS: &str = concat!(
    " FROM ideas i JOIN rounds r ON r.id = i.round_id
      JOIN questions q ON q.id = i.question_id
      WHERE r.challenge_id = $1 AND ",
    crate::public_round!("r"),
    " AND ",
    crate::counted_idea!()
);

/// Keeps items (`p`) of the challenge's plans that went out, not removed.
const SENT_ITEMS: &str = " JOIN plans pl ON pl.round_id = p.round_id
      JOIN rounds r ON r.id = p.round_id
      WHERE r.challenge_id = $1 AND pl.sent_at IS NOT NULL AND p.removed_at IS NULL";

/// The challenge's dashboard counts, in 11 queries run together.
pub async fn dashboard(db: &Db, challenge_id: i64) -> Result<Dashboard, StoreError> {
    // Each person counts once in a breakdown, under the label of their
    // first idea in the round: with a count per label of everyone who ever
    // used it, someone who wrote about two neighbourhoods counted twice and
    // the rows added up to more people than took part.
    let by = |label: &str| {
        format!(
            "SELECT round_id, label, COUNT(*) AS count FROM (
               SELECT i.round_id, {label} AS label, ROW_NUMBER() OVER (
                   PARTITION BY i.round_id, i.participant_id ORDER BY i.id) AS nth
               {IDEAS}) firsts
             WHERE nth = 1 GROUP BY round_id, label"
        )
    };
    // Who writes from lived experience counts as an experience expert, as
    // in the plan's reaction results (`domain::plan::ReactionGroup::counted`).
    let by_group =
        by("CASE WHEN i.lived_experience THEN 'experience_expert' ELSE i.contributor_group END");
    let by_channel = by("CASE WHEN q.kind = 'dream' THEN 'dream' ELSE i.channel END");
    let by_neighbourhood =
        by("COALESCE((SELECT n.name FROM neighbourhoods n WHERE n.id = i.neighbourhood_id), '')");
    let rounds_sql = concat!(
        "SELECT r.id, r.number, r.slug, r.title, r.phase,
            COALESCE(pl.sent_at IS NOT NULL, FALSE) AS plan_sent,
            COALESCE(pl.published_at IS NOT NULL, FALSE) AS plan_published
         FROM rounds r LEFT JOIN plans pl ON pl.round_id = r.id
         WHERE r.challenge_id = $1 AND ",
        crate::public_round!("r"),
        " ORDER BY r.number, r.id"
    );
    // Likewise a person who reacted as a resident on one item and as a
    // professional on another counts once, as on their first reaction.
    let reactors_sql = format!(
        "SELECT round_id, label, COUNT(*) AS count FROM (
           SELECT p.round_id, x.reaction_group AS label, ROW_NUMBER() OVER (
               PARTITION BY p.round_id, x.participant_id ORDER BY x.id) AS nth
           FROM reactions x JOIN plan_items p ON p.id = x.item_id {SENT_ITEMS}) firsts
         WHERE nth = 1 GROUP BY round_id, label"
    );
    let totals_sql = format!(
        "SELECT r.id AS round_id,
            (SELECT COUNT(DISTINCT i.participant_id) {ideas_in}) AS contributors,
            (SELECT COUNT(*) {ideas_in} AND q.kind <> 'dream') AS ideas,
            (SELECT COUNT(*) {ideas_in} AND q.kind = 'dream') AS dreams,
            (SELECT COUNT(*) FROM supports s JOIN ideas i ON i.id = s.idea_id
             WHERE i.round_id = r.id AND {counted}) AS supports,
            (SELECT COUNT(*) FROM reactions x JOIN plan_items p ON p.id = x.item_id
             WHERE p.round_id = r.id AND p.removed_at IS NULL) AS reactions,
            (SELECT COUNT(DISTINCT x.participant_id) FROM reactions x
             JOIN plan_items p ON p.id = x.item_id
             WHERE p.round_id = r.id AND p.removed_at IS NULL) AS reactors
         FROM rounds r WHERE r.challenge_id = $1 AND {public}",
        public = crate::public_round!("r"),
        ideas_in = concat!(
            "FROM ideas i JOIN questions q ON q.id = i.question_id WHERE i.round_id = r.id AND ",
            crate::counted_idea!()
        ),
        counted = crate::counted_idea!(),
    );
    let idea_clusters_sql = format!("SELECT i.round_id, i.cluster_id {IDEAS} ORDER BY i.id");
    let clusters_sql = concat!(
        "SELECT c.round_id, c.id, CAST(NULL AS BIGINT) AS other
         FROM clusters c JOIN rounds r ON r.id = c.round_id
         WHERE r.challenge_id = $1 AND ",
        crate::public_round!("r"),
        " AND c.removed_at IS NULL ORDER BY c.id"
    );
    let item_clusters_sql = format!(
        "SELECT p.round_id, p.id, pc.cluster_id AS other
         FROM plan_items p JOIN plan_item_clusters pc ON pc.item_id = p.id {SENT_ITEMS}
         ORDER BY p.id, pc.cluster_id"
    );
    let items_sql = format!(
        "SELECT p.id, p.round_id, p.position,
            CASE WHEN pl.published_at IS NULL THEN p.title
                 ELSE COALESCE(p.final_title, p.title) END AS title,
            p.life_domain, p.policy_domain, p.spearhead_id, s.title AS spearhead_title,
            p.outcome, pl.published_at IS NOT NULL AS published,
            (SELECT u.status FROM progress_updates u WHERE u.item_id = p.id
             ORDER BY u.id DESC LIMIT 1) AS latest_status
         FROM plan_items p LEFT JOIN spearheads s ON s.id = p.spearhead_id {SENT_ITEMS}
         ORDER BY r.number, p.position"
    );
    let stances_sql = format!(
        "SELECT x.item_id, x.reaction_group, x.stance, COUNT(*) AS count
         FROM reactions x JOIN plan_items p ON p.id = x.item_id {SENT_ITEMS}
         GROUP BY x.item_id, x.reaction_group, x.stance"
    );
    read!(db, |pool| {
        let (
            rounds,
            by_group,
            by_channel,
            by_neighbourhood,
            reactors_by_group,
            totals,
            idea_clusters,
            clusters,
            item_clusters,
            items,
            stances,
        ) = tokio::try_join!(
            sqlx::query_as(rounds_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&by_group).bind(challenge_id).fetch_all(pool),
            sqlx::query_as(&by_channel)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&by_neighbourhood)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&reactors_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&totals_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&idea_clusters_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(clusters_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&item_clusters_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&items_sql)
                .bind(challenge_id)
                .fetch_all(pool),
            sqlx::query_as(&stances_sql)
                .bind(challenge_id)
                .fetch_all(pool),
        )?;
        Ok(Dashboard {
            rounds,
            by_group,
            by_channel,
            by_neighbourhood,
            reactors_by_group,
            totals,
            idea_clusters,
            clusters,
            item_clusters,
            items,
            stances,
        })
    })
}

/// A monitoring moment of a challenge.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Moment {
    pub id: i64,
    pub label: String,
    pub taken_at: DateTime<Utc>,
}

/// An item's status at a moment.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MomentState {
    pub moment_id: i64,
    pub item_id: i64,
    pub status: String,
}

/// The challenge's monitoring moments (newest first) and every state they
/// recorded.
pub async fn moments(
    db: &Db,
    challenge_id: i64,
) -> Result<(Vec<Moment>, Vec<MomentState>), StoreError> {
    read!(db, |pool| {
        let (moments, states) = tokio::try_join!(
            sqlx::query_as(
                "SELECT id, label, taken_at FROM monitoring_moments
                 WHERE challenge_id = $1 ORDER BY taken_at DESC, id DESC"
            )
            .bind(challenge_id)
            .fetch_all(pool),
            sqlx::query_as(
                "SELECT s.moment_id, s.item_id, s.status FROM monitoring_states s
                 JOIN monitoring_moments m ON m.id = s.moment_id
                 WHERE m.challenge_id = $1 ORDER BY s.moment_id, s.item_id"
            )
            .bind(challenge_id)
            .fetch_all(pool),
        )?;
        Ok((moments, states))
    })
}

/// What taking a moment did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taken {
    /// The moment's id and how many items it recorded.
    Done { moment_id: i64, items: u64 },
    /// The challenge has a moment with this label already.
    LabelTaken,
}

/// Takes a monitoring moment: the status of every item of the challenge's
/// published plans (not dropped) as of `at`, from the progress updates
/// written up to then. Items without an update are "not started".
pub async fn take_moment(
    db: &Db,
    challenge_id: i64,
    label: String,
    at: DateTime<Utc>,
    by: i64,
) -> Result<Taken, StoreError> {
    write!(db, |conn| {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM monitoring_moments WHERE challenge_id = $1 AND label = $2",
        )
        .bind(challenge_id)
        .bind(&label)
        .fetch_optional(&mut *conn)
        .await?;
        if exists.is_some() {
            return Ok(Taken::LabelTaken);
        }
        let moment_id: i64 = sqlx::query_scalar(
            "INSERT INTO monitoring_moments (challenge_id, label, taken_at, taken_by)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(challenge_id)
        .bind(&label)
        .bind(at)
        .bind(by)
        .fetch_one(&mut *conn)
        .await?;
        let items = sqlx::query(
            "INSERT INTO monitoring_states (moment_id, item_id, status)
             SELECT $1, p.id, COALESCE(
                 (SELECT u.status FROM progress_updates u
                  WHERE u.item_id = p.id AND u.written_at <= $3
                  ORDER BY u.written_at DESC, u.id DESC LIMIT 1), 'not_started')
             FROM plan_items p JOIN plans pl ON pl.round_id = p.round_id
             JOIN rounds r ON r.id = p.round_id
             WHERE r.challenge_id = $2 AND pl.published_at IS NOT NULL
               AND pl.published_at <= $3 AND p.removed_at IS NULL
               AND (p.outcome IS NULL OR p.outcome <> 'dropped')",
        )
        .bind(moment_id)
        .bind(challenge_id)
        .bind(at)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        Ok(Taken::Done { moment_id, items })
    })
}
