//! Ideas: storing a submission exactly once, and listing ideas.

use crate::{Db, StoreError, read, write};
use chrono::{DateTime, Utc};
use domain::lifecycle::RoundAction;
use domain::{AgeGroup, Channel, ContributorGroup, IdeaDraft, Phase};

/// One idea as the round page lists it. A hidden idea comes with its
/// reason and an empty text: the public sees that it was hidden and why,
/// not what it said.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ListedIdea {
    pub id: i64,
    pub text: String,
    pub question_position: i64,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub neighbourhood: Option<String>,
    pub lived_experience: bool,
    pub contributor_group: String,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub hidden_reason: Option<String>,
    /// For a child's dream: what they need for it and their age group.
    /// Never the child's first name: this list is public, and the name is
    /// for staff only (see `moderation::queue`).
    pub is_dream: bool,
    pub dream_need: Option<String>,
    pub dream_age: Option<String>,
    /// "Ik ook" supports.
    pub support_count: i64,
    /// The viewing participant supports it.
    pub supported: bool,
    /// The viewing participant sent it.
    pub own: bool,
}

/// What a child adds to a dream besides the dream itself.
#[derive(Clone, Debug)]
pub struct DreamDetails {
    pub need: Option<String>,
    pub age_group: AgeGroup,
    pub first_name: Option<String>,
    pub contact: Option<String>,
}

/// A checked idea and who sends it.
#[derive(Clone, Debug)]
pub struct Submission {
    pub round_id: i64,
    pub draft: IdeaDraft,
    pub group: ContributorGroup,
    pub channel: Channel,
    /// Public only after a moderator approves it.
    pub awaiting_review: bool,
    pub dream: Option<DreamDetails>,
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

/// Every column an idea is stored with; paper input uses it too, so an
/// idea is stored one way whatever its channel.
pub(crate) const INSERT_IDEA: &str =
    "INSERT INTO ideas (round_id, question_id, participant_id, text, text_fingerprint,
                        life_domain, policy_domain, neighbourhood_id, lived_experience,
                        contributor_group, channel, source_id, awaiting_review, search_stems,
                        submission_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT DO NOTHING
     RETURNING id";

/// Stores a submission once. Sending the same form again, or the same text
/// to the same round again, returns the idea saved the first time.
/// Uniqueness is enforced by the database, so it also holds for two copies
/// of a form arriving at the same moment at different app servers.
pub async fn submit(db: &Db, s: Submission) -> Result<Submitted, StoreError> {
    write!(db, |conn| {
        let (participant_id, known) =
            crate::participant!(conn, &s.known_code_hash, &s.new_code_hash, s.at);

        let fingerprint = s.draft.text.fingerprint();
        let inserted: Option<i64> = sqlx::query_scalar(INSERT_IDEA)
            .bind(s.round_id)
            .bind(s.draft.question_id)
            .bind(participant_id)
            .bind(s.draft.text.as_str())
            .bind(&fingerprint)
            .bind(s.draft.life_domain.map(|d| d.code()))
            .bind(s.draft.policy_domain.map(|d| d.code()))
            .bind(s.draft.neighbourhood_id)
            .bind(s.draft.lived_experience)
            .bind(s.group.code())
            .bind(s.channel.code())
            .bind(None::<i64>)
            .bind(s.awaiting_review)
            .bind(analysis::search_document(s.draft.text.as_str()))
            .bind(&s.submission_hash)
            .bind(s.at)
            .fetch_optional(&mut *conn)
            .await?;

        let (idea_id, duplicate) = match inserted {
            Some(id) => {
                if let Some(dream) = &s.dream {
                    sqlx::query(
                        "INSERT INTO dreams (idea_id, need, age_group, first_name)
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(&dream.need)
                    .bind(dream.age_group.code())
                    .bind(&dream.first_name)
                    .execute(&mut *conn)
                    .await?;
                    if let Some(contact) = &dream.contact {
                        sqlx::query(
                            "INSERT INTO dream_contacts (idea_id, contact, created_at)
                             VALUES ($1, $2, $3)",
                        )
                        .bind(id)
                        .bind(contact)
                        .bind(s.at)
                        .execute(&mut *conn)
                        .await?;
                    }
                }
                (id, false)
            }
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
            new_participant: !known,
            duplicate,
        })
    })
}

pub async fn count_in_round(db: &Db, round_id: i64) -> Result<i64, StoreError> {
    let count = read!(db, |pool| {
        sqlx::query_scalar(concat!(
            "SELECT COUNT(*) FROM ideas i WHERE i.round_id = $1 AND ",
            crate::counted_idea!()
        ))
        .bind(round_id)
        .fetch_one(pool)
        .await
    })?;
    Ok(count)
}

/// How a visitor narrows and orders a round's ideas. Codes are checked by
/// the caller; an unknown code simply matches nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Browse {
    pub question_id: Option<i64>,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub neighbourhood_id: Option<i64>,
    pub group: Option<String>,
    pub channel: Option<String>,
    /// Stems to search for (analysis::query_terms); all must occur.
    pub terms: Vec<String>,
    pub sort: Sort,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    MostSupported,
}

impl Browse {
    fn narrows(&self) -> bool {
        self.question_id.is_some()
            || self.life_domain.is_some()
            || self.policy_domain.is_some()
            || self.neighbourhood_id.is_some()
            || self.group.is_some()
            || self.channel.is_some()
            || !self.terms.is_empty()
    }
}

/// The filters of [`Browse`], as SQL over `ideas i` with parameters $4…$10
/// ($10 the search in the engine's own query syntax). Searching leaves
/// hidden ideas out: their words are not public.
fn browse_filter(db: &Db) -> String {
    let search = search_match(db, "$10");
    format!(
        "i.round_id = $1 AND {public}
           AND ($4 IS NULL OR i.question_id = $4)
           AND ($5 IS NULL OR i.life_domain = $5)
           AND ($6 IS NULL OR i.policy_domain = $6)
           AND ($7 IS NULL OR i.neighbourhood_id = $7)
           AND ($8 IS NULL OR i.contributor_group = $8)
           AND ($9 IS NULL OR i.channel = $9)
           AND ($10 IS NULL OR (i.hidden_at IS NULL AND {search}))",
        public = crate::public_idea!()
    )
}

/// SQL true for an idea `i` whose words match the search in `param`
/// (see [`search_query`]).
pub(crate) fn search_match(db: &Db, param: &str) -> String {
    match db {
        Db::Sqlite(_) => {
            format!("i.id IN (SELECT rowid FROM idea_search WHERE idea_search MATCH {param})")
        }
        Db::Postgres(_) => {
            format!("to_tsvector('simple', i.search_stems) @@ to_tsquery('simple', {param})")
        }
    }
}

/// The search terms in the engine's query syntax. Terms are stems: letters
/// and digits only, so they need no escaping beyond FTS5's quotes.
pub(crate) fn search_query(db: &Db, terms: &[String]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    Some(match db {
        Db::Sqlite(_) => terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" "),
        Db::Postgres(_) => terms.join(" & "),
    })
}

/// A page of a round's public ideas as narrowed and ordered by `browse`,
/// with supports as seen by the participant with `viewer_code_hash` (if
/// any), and how many ideas match in all.
pub async fn browse(
    db: &Db,
    round_id: i64,
    browse: &Browse,
    limit: i64,
    offset: i64,
    viewer_code_hash: Option<&str>,
) -> Result<(Vec<ListedIdea>, i64), StoreError> {
    let filter = browse_filter(db);
    let order = match browse.sort {
        Sort::Newest => "i.created_at DESC, i.id DESC",
        Sort::MostSupported => "support_count DESC, i.created_at DESC, i.id DESC",
    };
    let list_sql = format!(
        "SELECT i.id, CASE WHEN i.hidden_at IS NULL THEN i.text ELSE '' END AS text,
                q.position AS question_position, i.life_domain, i.policy_domain,
                n.name AS neighbourhood, i.lived_experience, i.contributor_group, i.channel,
                i.created_at, i.hidden_reason, q.kind = 'dream' AS is_dream,
                d.need AS dream_need, d.age_group AS dream_age,
                (SELECT COUNT(*) FROM supports s WHERE s.idea_id = i.id) AS support_count,
                EXISTS (SELECT 1 FROM supports s JOIN participants p ON p.id = s.participant_id
                        WHERE s.idea_id = i.id AND p.code_hash = $11) AS supported,
                EXISTS (SELECT 1 FROM participants p
                        WHERE p.id = i.participant_id AND p.code_hash = $11) AS own
         FROM ideas i
         JOIN questions q ON q.id = i.question_id
         LEFT JOIN neighbourhoods n ON n.id = i.neighbourhood_id
         LEFT JOIN dreams d ON d.idea_id = i.id
         WHERE {filter}
         ORDER BY {order}
         LIMIT $2 OFFSET $3"
    );
    // Unfiltered, the round's count comes from the cheaper count query
    // callers already make; filtered, it must be counted here.
    // The count names every parameter of the list query, so both bind the
    // same values in the same order.
    let count_sql = format!(
        "SELECT COUNT(*) FROM ideas i WHERE {filter} AND $2 = $2 AND $3 = $3 AND $11 IS NULL"
    );
    let search = search_query(db, &browse.terms);
    let narrows = browse.narrows();
    macro_rules! bind_all {
        ($query:expr, $viewer:expr) => {
            $query
                .bind(round_id)
                .bind(limit)
                .bind(offset)
                .bind(browse.question_id)
                .bind(&browse.life_domain)
                .bind(&browse.policy_domain)
                .bind(browse.neighbourhood_id)
                .bind(&browse.group)
                .bind(&browse.channel)
                .bind(&search)
                .bind($viewer)
        };
    }
    let (ideas, total) = read!(db, |pool| {
        let ideas: Vec<ListedIdea> = bind_all!(sqlx::query_as(&list_sql), viewer_code_hash)
            .fetch_all(pool)
            .await?;
        let total: i64 = if narrows || offset > 0 || ideas.len() as i64 == limit {
            bind_all!(sqlx::query_scalar(&count_sql), None::<&str>)
                .fetch_one(pool)
                .await?
        } else {
            ideas.len() as i64
        };
        Ok::<_, sqlx::Error>((ideas, total))
    })?;
    Ok((ideas, total))
}

/// An idea with the round it belongs to, as a receipt shows it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OwnIdea {
    pub id: i64,
    pub round_id: i64,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub round_slug: String,
    pub round_title: String,
    #[sqlx(try_from = "String")]
    pub round_phase: Phase,
    pub challenge_slug: String,
    pub challenge_title: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
    /// Waiting for a moderator before it is public.
    pub awaiting_review: bool,
    /// Merged into another idea with the same point.
    pub merged_into: Option<i64>,
    /// The theme it is in (or the idea it was merged into is in).
    pub theme_title: Option<String>,
}

/// An idea merged into another follows that one into its theme.
const OWN_IDEA_SELECT: &str = "SELECT i.id, i.round_id, i.text, i.created_at, r.slug AS round_slug,
        r.title AS round_title, r.phase AS round_phase, c.slug AS challenge_slug,
        c.title AS challenge_title, i.withdrawn_at, i.hidden_at, i.hidden_reason,
        i.awaiting_review, i.merged_into, cl.title AS theme_title
     FROM ideas i
     JOIN participants p ON p.id = i.participant_id
     JOIN rounds r ON r.id = i.round_id
     JOIN challenges c ON c.id = r.challenge_id
     LEFT JOIN ideas m ON m.id = i.merged_into
     LEFT JOIN clusters cl ON cl.id = COALESCE(m.cluster_id, i.cluster_id) AND cl.removed_at IS NULL";

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
        let sql = format!(
            "UPDATE ideas SET withdrawn_at = $1
             WHERE id = $2 AND withdrawn_at IS NULL
               AND participant_id = (SELECT id FROM participants WHERE code_hash = $3)
               AND round_id IN (SELECT id FROM rounds WHERE {})",
            crate::phase_allows("phase", RoundAction::EditOwn)
        );
        let done = sqlx::query(&sql)
            .bind(at)
            .bind(idea_id)
            .bind(code_hash)
            .execute(&mut *conn)
            .await?;
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
        let sql = format!(
            "SELECT i.round_id, i.participant_id FROM ideas i
             JOIN participants p ON p.id = i.participant_id
             JOIN rounds r ON r.id = i.round_id
             WHERE i.id = $1 AND p.code_hash = $2 AND {}
               AND i.withdrawn_at IS NULL AND i.hidden_at IS NULL AND i.merged_into IS NULL",
            crate::phase_allows("r.phase", RoundAction::EditOwn)
        );
        let editable: Option<(i64, i64)> = sqlx::query_as(&sql)
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
        sqlx::query(
            "UPDATE ideas SET text = $1, text_fingerprint = $2, search_stems = $3 WHERE id = $4",
        )
        .bind(text.as_str())
        .bind(&fingerprint)
        .bind(analysis::search_document(text.as_str()))
        .bind(idea_id)
        .execute(&mut *conn)
        .await?;
        sqlx::query(crate::embedding::FORGET)
            .bind(idea_id)
            .execute(&mut *conn)
            .await?;
        Ok(Edited::Saved)
    })
}

/// Fills in the search stems of ideas stored before search existed. Runs at
/// start, one pass; ideas of only stopwords keep an empty document.
pub async fn index_missing(db: &Db) -> Result<u64, StoreError> {
    let missing: Vec<(i64, String)> = read!(db, |pool| {
        sqlx::query_as("SELECT id, text FROM ideas WHERE search_stems = ''")
            .fetch_all(pool)
            .await
    })?;
    let documents: Vec<(i64, String)> = missing
        .into_iter()
        .map(|(id, text)| (id, analysis::search_document(&text)))
        .filter(|(_, document)| !document.is_empty())
        .collect();
    let count = documents.len() as u64;
    if count == 0 {
        return Ok(0);
    }
    write!(db, |conn| {
        for (id, document) in &documents {
            sqlx::query("UPDATE ideas SET search_stems = $1 WHERE id = $2")
                .bind(document)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(count)
    })
}

/// The text of a public, visible idea of a round (for the report page).
pub async fn public_text(
    db: &Db,
    round_id: i64,
    idea_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(concat!(
            "SELECT i.text FROM ideas i WHERE i.id = $1 AND i.round_id = $2 AND ",
            crate::counted_idea!()
        ))
        .bind(idea_id)
        .bind(round_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// An idea's current text, whatever its state, if it is in the round.
pub async fn text_of(db: &Db, round_id: i64, idea_id: i64) -> Result<Option<String>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar("SELECT text FROM ideas WHERE id = $1 AND round_id = $2")
            .bind(idea_id)
            .bind(round_id)
            .fetch_optional(pool)
            .await
    })?)
}

/// A round's counted ideas (public and not hidden) as (id, text, own):
/// `own` for those of the participant with this code hash, which they
/// cannot support instead of repeating.
pub async fn counted_texts(
    db: &Db,
    round_id: i64,
    code_hash: &str,
) -> Result<Vec<(i64, String, bool)>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_as(concat!(
            "SELECT i.id, i.text,
                    i.participant_id IN (SELECT id FROM participants WHERE code_hash = $2)
             FROM ideas i WHERE i.round_id = $1 AND ",
            crate::counted_idea!(),
            " ORDER BY i.id"
        ))
        .bind(round_id)
        .bind(code_hash)
        .fetch_all(pool)
        .await
    })?)
}

/// Which of `ids` the participant with this code hash supports.
pub async fn supported_among(
    db: &Db,
    code_hash: &str,
    ids: &[i64],
) -> Result<Vec<i64>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Numbers only, so writing them into the SQL is safe.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT s.idea_id FROM supports s JOIN participants p ON p.id = s.participant_id
         WHERE p.code_hash = $1 AND s.idea_id IN ({list})"
    );
    Ok(read!(db, |pool| {
        sqlx::query_scalar(&sql)
            .bind(code_hash)
            .fetch_all(pool)
            .await
    })?)
}
