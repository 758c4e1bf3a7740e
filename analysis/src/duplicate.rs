//! Near-duplicates: two ideas that ask for the same thing, whatever the
//! words. A moderator merges them, so precision comes first: a wrong
//! suggestion costs their trust in all the others.
//!
//! Being alike is not enough: ideas on one topic are alike too. Two ideas
//! are duplicates when one is the other's nearest neighbour, they are
//! alike enough, and nearly every telling word of the shorter one is found
//! in the longer (as a word, a compound's part or a word for the same
//! concept), at least two of them literally.
//!
//! With sentence embeddings, a pair can say the same in other words (or
//! another language): then both must be each other's nearest neighbour,
//! far more alike in meaning than ideas on one topic are, and say enough
//! to be a proposal (one or two words are a topic). Or, between the two,
//! a short idea can say a longer one's proposal in a few of its words
//! ("gratis zwemles"): then one is the other's nearest, they share at
//! least two telling words literally, and they are alike in meaning well
//! beyond a shared topic.

use crate::index::Index;
use crate::telling::Telling;
use std::collections::HashMap;

/// Two ideas that say the same, `a < b`, with how alike (0..=1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DuplicatePair {
    pub a: i64,
    pub b: i64,
    pub score: f32,
}

/// Two ideas this alike may be duplicates; the words decide.
pub const DUPLICATE: f32 = 0.4;
/// Share of the shorter idea's telling words (weighted by rarity) that
/// the longer must say too, as a word, a compound's part or a concept.
const COVERED: f32 = 0.7;
/// Telling words both must say literally (or as a compound's part): one
/// shared word is a shared topic ("voedselbank"), not a shared proposal.
const SHARED: usize = 2;
/// Share of the shorter idea's telling words the longer must say
/// literally: two long ideas on one topic share two words easily.
const LITERAL: f32 = 0.5;
/// Alike enough in meaning alone (centred sentence embeddings) for two
/// mutually nearest ideas to say the same without sharing their words.
/// Chosen on the labelled sets for precision first: at 0.5 `check.tsv`
/// finds 60 % of its duplicates at precision 0.92, but on `ideas.tsv`
/// a third of the pairs found would share only a topic.
const SAME_MEANING: f32 = 0.6;
/// Telling words each idea needs for [`SAME_MEANING`] to count.
const PROPOSAL: usize = 3;
/// Alike enough in meaning for two ideas that share [`SHARED`] telling
/// words literally, one the other's nearest. Chosen on the labelled sets:
/// it finds 7 of the 36 pairs of `ideas.tsv` instead of 4, 11 of the 20
/// of `check.tsv` instead of 8 and 8 of the 20 of `check-multilingual.tsv`
/// instead of 5, at precision 0.88, 0.92 and 0.89. It is a narrow
/// choice: at 0.50 `ideas.tsv` gets a second wrong pair (0.78), at 0.55
/// it finds no more than without this route.
const ALIKE_MEANING: f32 = 0.52;

/// Neighbours of an idea looked at for duplicates.
const CANDIDATES: usize = 5;

/// Near-duplicate pairs among the ideas at `places`, best first.
pub fn find(index: &Index, places: &[usize]) -> Vec<DuplicatePair> {
    let neighbours = index.ranked_neighbours(places, CANDIDATES, DUPLICATE);
    let mut nearest: HashMap<usize, usize> = HashMap::new();
    let mut candidates: Vec<(usize, usize, f32)> = Vec::new();
    for (place, near) in places.iter().zip(&neighbours) {
        if let Some((first, _)) = near.first() {
            nearest.insert(*place, *first);
        }
        for (other, score) in near {
            candidates.push(((*place).min(*other), (*place).max(*other), *score));
        }
    }
    // A pair found from both sides is one pair.
    candidates.sort_unstable_by_key(|x| (x.0, x.1));
    candidates.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    let mut pairs: Vec<DuplicatePair> = candidates
        .into_iter()
        .filter(|(a, b, _)| nearest.get(a) == Some(b) || nearest.get(b) == Some(a))
        .filter(|(a, b, _)| {
            let mutual = nearest.get(a) == Some(b) && nearest.get(b) == Some(a);
            index.id(*a) != index.id(*b)
                && (says_the_same(index, *a, *b)
                    || share_and_mean(index, *a, *b)
                    || (mutual && mean_the_same(index, *a, *b)))
        })
        .map(|(a, b, score)| {
            let (a, b) = (index.id(a), index.id(b));
            DuplicatePair {
                a: a.min(b),
                b: a.max(b),
                score,
            }
        })
        .collect();
    pairs.sort_unstable_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

/// Whether two ideas compared by meaning are each long enough to be a
/// proposal of their own.
fn mean_the_same(index: &Index, a: usize, b: usize) -> bool {
    let vocabulary = index.vocabulary();
    index.meaning_alike(a, b).is_some_and(|m| m >= SAME_MEANING)
        && [a, b]
            .iter()
            .all(|p| Telling::of(vocabulary, *p).words.len() >= PROPOSAL)
}

/// Whether two ideas share [`SHARED`] telling words literally and are
/// [`ALIKE_MEANING`] in meaning (known only with embeddings).
fn share_and_mean(index: &Index, a: usize, b: usize) -> bool {
    let vocabulary = index.vocabulary();
    let (ta, tb) = (Telling::of(vocabulary, a), Telling::of(vocabulary, b));
    let shared = ta
        .words
        .iter()
        .filter(|(word, _)| tb.says(word, false))
        .count();
    shared >= SHARED
        && index
            .meaning_alike(a, b)
            .is_some_and(|m| m >= ALIKE_MEANING)
}

/// Whether the shorter idea's telling words are (nearly) all said by the
/// longer, enough of them literally.
fn says_the_same(index: &Index, a: usize, b: usize) -> bool {
    let vocabulary = index.vocabulary();
    let (ta, tb) = (Telling::of(vocabulary, a), Telling::of(vocabulary, b));
    let (short, long) = if ta.words.len() <= tb.words.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    let shared = short
        .words
        .iter()
        .filter(|(word, _)| long.says(word, false))
        .count();
    shared >= SHARED
        && shared as f32 >= LITERAL * short.words.len() as f32
        && short.covered_by(long, true) >= COVERED
}

#[cfg(test)]
mod tests {
    use crate::index::tests::index;

    #[test]
    fn near_duplicates_are_pairs_once() {
        let texts = [
            "Gratis zwemles voor alle kinderen",
            "gratis zwemles voor alle kinderen!!",
            "Een nieuwe sporthal in de wijk",
        ];
        let index = index(&texts);
        let pairs = index.near_duplicates(None);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].a, pairs[0].b), (1, 2));
        assert!(index.near_duplicates(Some(&[1, 3])).is_empty());
    }
}
