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

use analysis::{Doc, Index};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// FNV-1a over the ideas: fast, and good enough to tell two lists apart.
fn fingerprint(docs: &[Doc]) -> u64 {
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
    hash
}

impl IndexCache {
    /// The index of `docs` for a round. CPU work when not cached: call it off
    /// the async workers.
    pub fn index_for(&self, round_id: i64, docs: &[Doc]) -> Arc<Index> {
        let fingerprint = fingerprint(docs);
        {
            let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
            cache.clock += 1;
            let now = cache.clock;
            if let Some(cached) = cache.rounds.get_mut(&round_id)
                && cached.fingerprint == fingerprint
            {
                cached.used = now;
                return Arc::clone(&cached.index);
            }
        }
        // Built outside the lock, so other rounds are not kept waiting.
        let index = Arc::new(Index::build(docs));
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
                fingerprint,
                index: Arc::clone(&index),
                used,
            },
        );
        index
    }
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
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
