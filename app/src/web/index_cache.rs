//! The analysis index of a round's ideas, built once and reused while the
//! ideas stay the same. Building it for 10,000 ideas takes a fifth of a
//! second; the workspace and "looks like these ideas" while typing ask for
//! it far more often than ideas change.
//!
//! The key is a fingerprint of the ideas themselves (ids and texts), so an
//! answer can never come from an index of other ideas, whatever changed
//! them: a new idea, an edit, a hidden or merged one. Each app server keeps
//! its own cache (in `AppState`); several servers behind a load balancer
//! need nothing shared.
//!
//! With an embeddings endpoint, the index also holds the ideas' stored
//! vectors of its model ([`crate::web::meaning`]): the key then includes
//! the model and how many ideas have one, so an index is rebuilt as
//! vectors arrive, and the vectors are read only when it is.

use crate::web::AppState;
use analysis::{Doc, Index};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use store::StoreError;

/// Rounds kept at once; an index of 10,000 ideas takes tens of MiB.
const ROUNDS_KEPT: usize = 4;

struct Cached {
    fingerprint: u64,
    index: Arc<Index>,
    used: u64,
}

#[derive(Default)]
struct Cache {
    rounds: HashMap<i64, Cached>,
    clock: u64,
}

/// The indexes of the rounds asked for most recently.
#[derive(Default)]
pub struct IndexCache(Mutex<Cache>);

impl std::fmt::Debug for IndexCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexCache").finish_non_exhaustive()
    }
}

/// The vectors of one model, by idea, that an index is built with.
pub type Vectors = HashMap<i64, Vec<f32>>;

/// FNV-1a over the ideas and, when they are indexed with vectors, the
/// model's name and how many: fast, and good enough to tell two apart.
fn fingerprint(docs: &[Doc], meaning: Option<(&str, usize)>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for doc in docs {
        eat(&doc.id.to_le_bytes());
        eat(&(doc.text.len() as u64).to_le_bytes());
        eat(doc.text.as_bytes());
    }
    if let Some((model, count)) = meaning {
        eat(model.as_bytes());
        eat(&(count as u64).to_le_bytes());
    }
    hash
}

impl IndexCache {
    /// The index of `docs`, words alone, as [`round_index`] builds it.
    #[cfg(test)]
    fn index_for(&self, round_id: i64, docs: &[Doc]) -> Arc<Index> {
        let key = fingerprint(docs, None);
        self.cached(round_id, key)
            .unwrap_or_else(|| self.build(round_id, key, docs, None))
    }

    fn cached(&self, round_id: i64, key: u64) -> Option<Arc<Index>> {
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        cache.clock += 1;
        let now = cache.clock;
        let cached = cache.rounds.get_mut(&round_id)?;
        (cached.fingerprint == key).then(|| {
            cached.used = now;
            Arc::clone(&cached.index)
        })
    }

    fn build(
        &self,
        round_id: i64,
        key: u64,
        docs: &[Doc],
        vectors: Option<&Vectors>,
    ) -> Arc<Index> {
        // Built outside the lock, so other rounds are not kept waiting.
        let index = Arc::new(match vectors {
            Some(vectors) => Index::with_backend(&fused(docs, vectors), docs),
            None => Index::build(docs),
        });
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        cache.clock += 1;
        let used = cache.clock;
        if !cache.rounds.contains_key(&round_id)
            && cache.rounds.len() >= ROUNDS_KEPT
            && let Some(oldest) = cache
                .rounds
                .iter()
                .min_by_key(|(_, c)| c.used)
                .map(|(id, _)| *id)
        {
            cache.rounds.remove(&oldest);
        }
        cache.rounds.insert(
            round_id,
            Cached {
                fingerprint: key,
                index: Arc::clone(&index),
                used,
            },
        );
        index
    }
}

/// Words fused with the ideas' vectors, each known by its text.
fn fused(docs: &[Doc], vectors: &Vectors) -> analysis::Fused {
    analysis::Fused {
        lexical: analysis::TfIdf::default(),
        weight: analysis::FUSION_WEIGHT,
        embeddings: docs
            .iter()
            .filter_map(|d| Some((d.text.to_owned(), vectors.get(&d.id)?.clone())))
            .collect(),
    }
}

/// How much of a round's index compares ideas by meaning as well as by
/// their words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub with_meaning: usize,
    pub ideas: usize,
}

/// The index of a round's ideas (id, text), with their stored vectors
/// while the endpoint answers; from the cache when nothing changed, and
/// then no vector is read.
pub async fn round_index(
    state: &AppState,
    round_id: i64,
    ideas: Arc<Vec<(i64, String)>>,
) -> Result<(Arc<Index>, Coverage), StoreError> {
    let model = state.meaning.model();
    let count = match &model {
        Some(model) => store::embedding::count_of_round(&state.db, round_id, model).await?,
        None => 0,
    };
    let meaning = model
        .as_deref()
        .filter(|_| count > 0)
        .map(|m| (m, count as usize));
    let key = fingerprint(&docs(&ideas), meaning);
    let coverage = |index: &Index| Coverage {
        with_meaning: index.with_meaning(),
        ideas: index.len(),
    };
    if let Some(index) = state.indexes.cached(round_id, key) {
        let covered = coverage(&index);
        return Ok((index, covered));
    }
    let vectors = match meaning {
        Some((model, _)) => Some(store::embedding::of_round(&state.db, round_id, model).await?),
        None => None,
    };
    let indexes = Arc::clone(&state.indexes);
    // CPU work that grows with the round: off the async workers.
    let index = tokio::task::spawn_blocking(move || {
        indexes.build(round_id, key, &docs(&ideas), vectors.as_ref())
    })
    .await
    .expect("building an index does not panic");
    let covered = coverage(&index);
    Ok((index, covered))
}

fn docs(ideas: &[(i64, String)]) -> Vec<Doc<'_>> {
    ideas
        .iter()
        .map(|(id, text)| Doc { id: *id, text })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs<'a>(texts: &[(i64, &'a str)]) -> Vec<Doc<'a>> {
        texts
            .iter()
            .map(|(id, text)| Doc { id: *id, text })
            .collect()
    }

    #[test]
    fn the_same_ideas_reuse_the_index() {
        let ideas = docs(&[(1, "meer bankjes in het park"), (2, "gratis zwemles")]);
        let cache = IndexCache::default();
        let first = cache.index_for(-101, &ideas);
        let again = cache.index_for(-101, &ideas);
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[test]
    fn any_change_to_the_ideas_builds_a_new_index() {
        let before = docs(&[(1, "meer bankjes in het park"), (2, "gratis zwemles")]);
        let edited = docs(&[
            (1, "meer bankjes in het park"),
            (2, "gratis zwemles voor kinderen"),
        ]);
        let fewer = docs(&[(1, "meer bankjes in het park")]);
        let cache = IndexCache::default();
        let first = cache.index_for(-102, &before);
        let second = cache.index_for(-102, &edited);
        assert!(!Arc::ptr_eq(&first, &second));
        let third = cache.index_for(-102, &fewer);
        assert!(!Arc::ptr_eq(&second, &third));
        assert_eq!(third.similar_to_text("zwemles", 3).len(), 0);
    }

    #[test]
    fn ids_and_texts_are_not_confused_across_boundaries() {
        let a = docs(&[(1, "ab"), (2, "c")]);
        let b = docs(&[(1, "a"), (2, "bc")]);
        assert_ne!(fingerprint(&a, None), fingerprint(&b, None));
        assert_ne!(
            fingerprint(&a, Some(("e5", 1))),
            fingerprint(&a, Some(("e5", 2)))
        );
        assert_ne!(fingerprint(&a, Some(("e5", 1))), fingerprint(&a, None));
    }
}
