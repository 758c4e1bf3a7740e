//! Finding the ideas most like a vector: an inverted index from each
//! feature to the ideas that have it, heaviest first. A look-up adds up
//! only what the vector shares with each idea, so it touches the few
//! hundred ideas that share a telling feature, not the whole round.

use crate::vector::Vector;
use std::cell::RefCell;
use std::collections::HashMap;

/// A look-up finds candidates through this many of a text's heaviest
/// features (its telling words, concepts and rarest spellings)…
const PROBES: usize = 16;
/// …and through this many of each feature's ideas, those in which the
/// feature weighs most.
const POSTING_DEPTH: usize = 200;

/// The ideas' unit vectors, by place, and per feature the places that
/// have it with its weight there, heaviest first.
pub struct Search {
    vectors: Vec<Vector>,
    postings: Vec<Vec<(u32, f32)>>,
}

impl Search {
    pub fn new(vectors: Vec<Vector>) -> Search {
        let features = vectors
            .iter()
            .filter_map(|v| v.0.last().map(|(f, _)| *f as usize + 1))
            .max()
            .unwrap_or(0);
        let mut lengths = vec![0usize; features];
        for vector in &vectors {
            for (f, _) in &vector.0 {
                lengths[*f as usize] += 1;
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> =
            lengths.into_iter().map(Vec::with_capacity).collect();
        for (place, vector) in vectors.iter().enumerate() {
            for (f, w) in &vector.0 {
                postings[*f as usize].push((place as u32, *w));
            }
        }
        for posting in &mut postings {
            posting.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Search { vectors, postings }
    }

    pub fn vector(&self, place: usize) -> &Vector {
        &self.vectors[place]
    }

    /// The ideas most like `vector`, best first: at most `limit`, at least
    /// `floor` alike, `skip` left out, only `allowed` ones when given.
    ///
    /// Candidates come from the vector's heaviest features only, and from
    /// each feature's heaviest ideas only (postings are in that order), so
    /// a look-up costs the same in a round of 50,000 as in one of 2,000;
    /// the best candidates are then scored exactly.
    pub fn nearest(
        &self,
        vector: &Vector,
        skip: Option<usize>,
        allowed: Option<&[bool]>,
        limit: usize,
        floor: f32,
    ) -> Vec<(usize, f32)> {
        thread_local! {
            // A dense accumulator per thread, reused: cheaper than a map.
            static SCORES: RefCell<(Vec<f32>, Vec<u32>)> = const {
                RefCell::new((Vec::new(), Vec::new()))
            };
            // The query spread out by feature, for exact scores in one pass
            // over each candidate's features.
            static QUERY: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
        }
        let mut probes: Vec<(u32, f32)> = vector
            .0
            .iter()
            .filter(|(f, _)| (*f as usize) < self.postings.len())
            .copied()
            .collect();
        let mut exact = true;
        if probes.len() > PROBES {
            probes.select_nth_unstable_by(PROBES, |a, b| b.1.total_cmp(&a.1));
            probes.truncate(PROBES);
            exact = false;
        }
        let mut candidates: Vec<(u32, f32)> = SCORES.with(|cell| {
            let (scores, touched) = &mut *cell.borrow_mut();
            if scores.len() < self.vectors.len() {
                scores.resize(self.vectors.len(), 0.0);
            }
            for (f, w) in &probes {
                let posting = &self.postings[*f as usize];
                if posting.len() > POSTING_DEPTH {
                    exact = false;
                }
                for (doc, dw) in posting.iter().take(POSTING_DEPTH) {
                    let score = &mut scores[*doc as usize];
                    if *score == 0.0 {
                        touched.push(*doc);
                    }
                    *score += w * dw;
                }
            }
            let candidates = touched
                .iter()
                .map(|doc| (*doc, scores[*doc as usize]))
                .filter(|(doc, _)| {
                    Some(*doc as usize) != skip
                        && allowed.is_none_or(|allowed| allowed[*doc as usize])
                })
                .collect();
            for doc in touched.drain(..) {
                scores[doc as usize] = 0.0;
            }
            candidates
        });
        let by_score = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if !exact {
            let keep = limit * 2 + 10;
            if candidates.len() > keep {
                candidates.select_nth_unstable_by(keep, by_score);
                candidates.truncate(keep);
            }
            QUERY.with(|cell| {
                let query = &mut *cell.borrow_mut();
                if query.len() < self.postings.len() {
                    query.resize(self.postings.len(), 0.0);
                }
                let features = query.len();
                let known = vector.0.iter().filter(|(f, _)| (*f as usize) < features);
                for (f, w) in known.clone() {
                    query[*f as usize] = *w;
                }
                for (doc, score) in &mut candidates {
                    *score = self.vectors[*doc as usize]
                        .0
                        .iter()
                        .map(|(f, w)| query[*f as usize] * w)
                        .sum();
                }
                for (f, _) in known {
                    query[*f as usize] = 0.0;
                }
            });
        }
        candidates.retain(|(_, score)| *score >= floor);
        if candidates.len() > limit {
            candidates.select_nth_unstable_by(limit, by_score);
            candidates.truncate(limit);
        }
        candidates.sort_unstable_by(by_score);
        candidates
            .into_iter()
            .map(|(doc, score)| (doc as usize, score.min(1.0)))
            .collect()
    }

    /// How alike every idea that shares a feature with `vector` is to it,
    /// exactly, by place; ideas not listed share nothing.
    pub fn similarities(&self, vector: &Vector) -> HashMap<usize, f32> {
        let mut scores: HashMap<usize, f32> = HashMap::new();
        for (f, w) in &vector.0 {
            for (doc, dw) in self.postings.get(*f as usize).into_iter().flatten() {
                *scores.entry(*doc as usize).or_default() += w * dw;
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(pairs: &[(u32, f32)]) -> Vector {
        Vector::from_pairs(pairs.to_vec()).unit()
    }

    #[test]
    fn the_nearest_come_first_and_exactly_scored() {
        let search = Search::new(vec![
            unit(&[(0, 1.0), (1, 1.0)]),
            unit(&[(0, 1.0)]),
            unit(&[(2, 1.0)]),
            unit(&[(1, 1.0), (2, 1.0)]),
        ]);
        let query = search.vector(0).clone();
        let found = search.nearest(&query, Some(0), None, 5, 0.0);
        assert_eq!(found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [1, 3]);
        assert!((found[0].1 - 0.5f32.sqrt()).abs() < 1e-6);
        assert!((found[1].1 - 0.5).abs() < 1e-6);
        let allowed = [true, false, true, true];
        let found = search.nearest(&query, Some(0), Some(&allowed), 5, 0.0);
        assert_eq!(found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [3]);
        assert!(search.nearest(&query, Some(0), None, 5, 0.9).is_empty());
        let all = search.similarities(&query);
        assert_eq!(all.len(), 3, "itself, and the two that share a feature");
    }
}
