//! Finding the ideas most like a vector: an inverted index from each
//! feature to the ideas that have it, heaviest first. A look-up adds up
//! only what the vector shares with each idea, so it touches the few
//! hundred ideas that share a telling feature, not the whole round.

use crate::tfidf::MeaningFeatures;
use crate::vector::Vector;
use std::cell::RefCell;

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
    /// With meaning, its features also side by side per idea (zeros for
    /// an idea without): a dot product over 384 neighbouring numbers is
    /// many times faster than over 384 sparse pairs.
    meaning: Option<(MeaningFeatures, Vec<f32>)>,
}

impl Search {
    pub fn new(vectors: Vec<Vector>, meaning: Option<MeaningFeatures>) -> Search {
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
        let meaning = meaning.filter(|m| m.dims > 0).map(|m| {
            let dims = m.dims as usize;
            let mut rows = vec![0.0f32; vectors.len() * dims];
            for (row, vector) in rows.chunks_exact_mut(dims).zip(&vectors) {
                for (f, w) in vector.0.iter().filter(|(f, _)| *f >= m.from) {
                    if let Some(cell) = row.get_mut((f - m.from) as usize) {
                        *cell = *w;
                    }
                }
            }
            (m, rows)
        });
        Search {
            vectors,
            postings,
            meaning,
        }
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

    /// How alike each idea at `places` is to `vector`, exactly, in that
    /// order: costs the listed ideas' features, not the whole round's.
    pub fn scores_of(&self, vector: &Vector, places: &[usize]) -> Vec<f32> {
        let words_end = self.meaning.as_ref().map_or(u32::MAX, |(m, _)| m.from);
        let mut query = vec![0.0f32; self.postings.len()];
        for (f, w) in vector.0.iter().filter(|(f, _)| *f < words_end) {
            if let Some(q) = query.get_mut(*f as usize) {
                *q = *w;
            }
        }
        let words = |place: usize| -> f32 {
            self.vectors[place]
                .0
                .iter()
                .take_while(|(f, _)| *f < words_end)
                .map(|(f, w)| query[*f as usize] * w)
                .sum()
        };
        let Some((meaning, rows)) = &self.meaning else {
            return places.iter().map(|p| words(*p)).collect();
        };
        let dims = meaning.dims as usize;
        let mut own = vec![0.0f32; dims];
        for (f, w) in vector.0.iter().filter(|(f, _)| *f >= words_end) {
            if let Some(cell) = own.get_mut((f - meaning.from) as usize) {
                *cell = *w;
            }
        }
        places
            .iter()
            .map(|place| {
                let row = &rows[place * dims..(place + 1) * dims];
                words(*place) + crate::vector::dense_dot(row, &own)
            })
            .collect()
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
        let search = Search::new(
            vec![
                unit(&[(0, 1.0), (1, 1.0)]),
                unit(&[(0, 1.0)]),
                unit(&[(2, 1.0)]),
                unit(&[(1, 1.0), (2, 1.0)]),
            ],
            None,
        );
        let query = search.vector(0).clone();
        let found = search.nearest(&query, Some(0), None, 5, 0.0);
        assert_eq!(found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [1, 3]);
        assert!((found[0].1 - 0.5f32.sqrt()).abs() < 1e-6);
        assert!((found[1].1 - 0.5).abs() < 1e-6);
        let allowed = [true, false, true, true];
        let found = search.nearest(&query, Some(0), Some(&allowed), 5, 0.0);
        assert_eq!(found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), [3]);
        assert!(search.nearest(&query, Some(0), None, 5, 0.9).is_empty());
        let listed = search.scores_of(&query, &[3, 2, 1]);
        assert!((listed[0] - 0.5).abs() < 1e-6, "{listed:?}");
        assert_eq!(listed[1], 0.0, "shares nothing");
        assert!((listed[2] - 0.5f32.sqrt()).abs() < 1e-6, "{listed:?}");
    }

    #[test]
    fn scores_with_meaning_side_by_side_are_the_dot_products() {
        let vectors = vec![
            unit(&[(0, 1.0), (2, 0.5), (3, -0.2)]),
            unit(&[(1, 1.0), (2, 0.4), (3, 0.3)]),
            unit(&[(0, 0.5), (1, 0.5)]),
            unit(&[(0, 0.2), (3, 1.0)]),
        ];
        let meaning = MeaningFeatures {
            from: 2,
            dims: 2,
            share: 0.5,
        };
        let search = Search::new(vectors.clone(), Some(meaning));
        let scores = search.scores_of(&vectors[0], &[1, 2, 3, 0]);
        for (score, other) in scores.iter().zip([1, 2, 3, 0]) {
            let dot = vectors[0].dot(&vectors[other]);
            assert!((score - dot).abs() < 1e-6, "{other}: {score} ≠ {dot}");
        }
    }
}
