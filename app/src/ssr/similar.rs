//! Ideas like a resident's new one, found on this server by the offline
//! analysis, so the resident can support an existing idea instead of
//! repeating it.

use crate::components::receipt::SimilarIdea;
use store::{Db, StoreError};

/// How many similar ideas a receipt shows.
pub const SHOWN: usize = 3;

/// Ideas of the round like `text`, not the participant's own, with whether
/// the participant supports them already.
pub async fn like(
    db: &Db,
    round_id: i64,
    text: String,
    code_hash: &str,
) -> Result<Vec<SimilarIdea>, StoreError> {
    let others = store::idea::others_texts(db, round_id, code_hash).await?;
    // CPU work that grows with the round: off the async workers.
    let found: Vec<(i64, String)> = tokio::task::spawn_blocking(move || {
        let docs: Vec<analysis::Doc> = others
            .iter()
            .map(|(id, text)| analysis::Doc { id: *id, text })
            .collect();
        let index = analysis::Index::build(&docs);
        index
            .similar_to_text(&text, SHOWN)
            .into_iter()
            .filter_map(|m| others.iter().find(|(id, _)| *id == m.id).cloned())
            .collect()
    })
    .await
    .unwrap_or_default();
    let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
    let supported = store::idea::supported_among(db, code_hash, &ids).await?;
    Ok(found
        .into_iter()
        .map(|(id, text)| SimilarIdea {
            id,
            text,
            supported: supported.contains(&id),
        })
        .collect())
}
