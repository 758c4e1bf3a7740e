//! An index over a round's ideas: built once per request in milliseconds,
//! then asked for similar ideas, near-duplicates, suggested clusters and
//! the best cluster for an idea.

use crate::grouping;
use crate::tfidf::{Backend, Model, TfIdf};
use crate::vector::Vector;
use std::collections::HashMap;

/// One text to analyse, identified by the caller's id (an idea's id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc<'a> {
    pub id: i64,
    pub text: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub id: i64,
    pub score: f32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DuplicatePair {
    pub a: i64,
    pub b: i64,
    pub score: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub title: String,
    pub terms: Vec<String>,
    pub ids: Vec<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterMatch {
    pub cluster_id: i64,
    pub score: f32,
}

/// Below this, ideas are not called similar at all.
pub const MIN_SIMILAR: f32 = 0.2;
/// From here on, two ideas say the same thing (tuned on the evaluation set
/// for precision first: merging is a moderator's decision, and a wrong
/// suggestion costs their trust).
pub const DUPLICATE: f32 = 0.6;
/// An idea fits a cluster from here on.
pub const FITS_CLUSTER: f32 = 0.25;
/// Neighbours kept per idea for clustering and duplicates.
const NEIGHBOURS: usize = 12;

pub struct Index {
    ids: Vec<i64>,
    position: HashMap<i64, usize>,
    vectors: Vec<Vector>,
    /// Per feature: (document, weight).
    postings: Vec<Vec<(u32, f32)>>,
    model: Box<dyn Model>,
}

impl Index {
    /// An index with the default backend (TF-IDF).
    pub fn build(docs: &[Doc]) -> Index {
        Index::with_backend(&TfIdf::default(), docs)
    }

    pub fn with_backend(backend: &dyn Backend, docs: &[Doc]) -> Index {
        let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
        let model = backend.fit(&texts);
        let vectors: Vec<Vector> = texts.iter().map(|t| model.vector(t)).collect();
        let features = vectors
            .iter()
            .flat_map(|v| v.0.iter().map(|(f, _)| *f as usize + 1))
            .max()
            .unwrap_or(0);
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); features];
        for (doc, vector) in vectors.iter().enumerate() {
            for (f, w) in &vector.0 {
                postings[*f as usize].push((doc as u32, *w));
            }
        }
        Index {
            ids: docs.iter().map(|d| d.id).collect(),
            position: docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect(),
            vectors,
            postings,
            model,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub(crate) fn vector_of(&self, id: i64) -> Option<&Vector> {
        self.position.get(&id).map(|p| &self.vectors[*p])
    }

    pub(crate) fn vector_at(&self, place: usize) -> &Vector {
        &self.vectors[place]
    }

    pub(crate) fn label(&self, feature: u32) -> Option<&str> {
        self.model.label(feature)
    }

    /// The documents most like `vector`, best first, `skip` left out.
    /// Features shared by very many ideas only add noise to finding
    /// candidates, so they are left out there; the score is exact.
    fn nearest(
        &self,
        vector: &Vector,
        skip: Option<usize>,
        limit: usize,
        floor: f32,
    ) -> Vec<(usize, f32)> {
        let common = (self.len() / 20).max(64);
        // A dense accumulator per thread, reused: cheaper than a map.
        thread_local! {
            static SCORES: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = const {
                std::cell::RefCell::new((Vec::new(), Vec::new()))
            };
        }
        let candidates: Vec<(u32, f32)> = SCORES.with(|cell| {
            let (scores, touched) = &mut *cell.borrow_mut();
            scores.resize(self.len().max(scores.len()), 0.0);
            for (f, w) in &vector.0 {
                let Some(posting) = self.postings.get(*f as usize) else {
                    continue;
                };
                if posting.len() > common {
                    continue;
                }
                for (doc, dw) in posting {
                    let score = &mut scores[*doc as usize];
                    if *score == 0.0 {
                        touched.push(*doc);
                    }
                    *score += w * dw;
                }
            }
            let mut candidates: Vec<(u32, f32)> = touched
                .iter()
                .map(|doc| (*doc, scores[*doc as usize]))
                .collect();
            for doc in touched.drain(..) {
                scores[doc as usize] = 0.0;
            }
            let keep = limit * 4 + 8;
            if candidates.len() > keep {
                candidates
                    .select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                candidates.truncate(keep);
            }
            candidates
        });
        let mut found: Vec<(usize, f32)> = candidates
            .into_iter()
            .map(|(doc, _)| doc as usize)
            .filter(|doc| Some(*doc) != skip)
            .map(|doc| (doc, vector.dot(&self.vectors[doc])))
            .filter(|(_, score)| *score >= floor)
            .collect();
        found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found.truncate(limit);
        found
    }

    fn matches(&self, found: Vec<(usize, f32)>) -> Vec<Match> {
        found
            .into_iter()
            .map(|(doc, score)| Match {
                id: self.ids[doc],
                score,
            })
            .collect()
    }

    /// Ideas most like `id` (not itself), best first.
    pub fn similar(&self, id: i64, limit: usize) -> Vec<Match> {
        let Some(&doc) = self.position.get(&id) else {
            return Vec::new();
        };
        self.matches(self.nearest(&self.vectors[doc], Some(doc), limit, MIN_SIMILAR))
    }

    /// Ideas most like a text that is not in the index.
    pub fn similar_to_text(&self, text: &str, limit: usize) -> Vec<Match> {
        self.matches(self.nearest(&self.model.vector(text), None, limit, MIN_SIMILAR))
    }

    /// Every listed document's nearest neighbours (documents by place),
    /// on all cores.
    pub(crate) fn neighbours(&self, docs: &[usize], floor: f32) -> Vec<Vec<(usize, f32)>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = docs.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|doc| {
                                self.nearest(&self.vectors[*doc], Some(*doc), NEIGHBOURS, floor)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    fn places(&self, among: Option<&[i64]>) -> Vec<usize> {
        match among {
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.position.get(id).copied())
                .collect(),
            None => (0..self.len()).collect(),
        }
    }

    /// Near-duplicate pairs among `among` (all when `None`), best first.
    pub fn near_duplicates(&self, among: Option<&[i64]>) -> Vec<DuplicatePair> {
        let places = self.places(among);
        let allowed: std::collections::HashSet<usize> = places.iter().copied().collect();
        let mut pairs: Vec<DuplicatePair> = Vec::new();
        for (doc, near) in places.iter().zip(self.neighbours(&places, DUPLICATE)) {
            for (other, score) in near {
                if other > *doc && allowed.contains(&other) {
                    let (a, b) = (self.ids[*doc], self.ids[other]);
                    pairs.push(DuplicatePair {
                        a: a.min(b),
                        b: a.max(b),
                        score,
                    });
                }
            }
        }
        // A pair found from both sides is one pair.
        pairs.sort_unstable_by_key(|p| (p.a, p.b));
        pairs.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        pairs.sort_unstable_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        pairs
    }

    /// Suggested clusters for the given ideas, biggest first; ideas that
    /// fit nowhere are left out.
    pub fn suggest_clusters(&self, among: &[i64]) -> Vec<Suggestion> {
        let places = self.places(Some(among));
        let neighbours = self.neighbours(&places, grouping::LINK_FLOOR);
        grouping::suggest(self, &places, &neighbours)
            .into_iter()
            .map(|(members, title, terms)| Suggestion {
                title,
                terms,
                ids: members.into_iter().map(|doc| self.ids[doc]).collect(),
            })
            .collect()
    }

    /// The existing cluster that fits an idea best, if any fits well.
    pub fn suggest_cluster_for(
        &self,
        id: i64,
        clusters: &[(i64, Vec<i64>)],
    ) -> Option<ClusterMatch> {
        let vector = self.vector_of(id)?;
        clusters
            .iter()
            .filter(|(_, members)| !members.contains(&id))
            .filter_map(|(cluster_id, members)| {
                let centroid = members
                    .iter()
                    .filter_map(|m| self.vector_of(*m))
                    .fold(Vector::default(), |sum, v| sum.add(v));
                let score = vector.cosine(&centroid);
                (score >= FITS_CLUSTER).then_some(ClusterMatch {
                    cluster_id: *cluster_id,
                    score,
                })
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> Index {
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Doc {
                id: i as i64 + 1,
                text,
            })
            .collect();
        Index::build(&docs)
    }

    const IDEAS: &[&str] = &[
        "Gratis zwemles voor alle kinderen",
        "zwemlessen moeten gratis zijn voor kids",
        "Hulp bij schulden zonder wachtlijst",
        "sneller hulp bij scholden, de wachtlijst is te lang",
        "De energierekening is niet te betalen",
        "mijn energierekning is veel te duur",
        "Schoolkosten zijn te hoog voor gezinnen",
        "de kosten voor school zijn niet te doen",
        "Hulp met de energierekening",
    ];

    #[test]
    fn similar_ideas_share_meaning_despite_typos_and_compounds() {
        let index = index(IDEAS);
        for (a, b) in [(1, 2), (3, 4), (7, 8)] {
            let best = index.similar(a, 1);
            assert_eq!(best.first().map(|m| m.id), Some(b), "#{a} → {best:?}");
        }
        // The misspelt energy bill finds the energy bills.
        let best = index.similar(6, 2);
        assert!(
            best.iter().all(|m| m.id == 5 || m.id == 9) && best.len() == 2,
            "{best:?}"
        );
        assert!(index.similar(99, 3).is_empty());
    }

    #[test]
    fn a_new_text_finds_its_neighbours() {
        let index = index(IDEAS);
        let found = index.similar_to_text("Zwemles moet gratis", 2);
        assert!(found.iter().all(|m| m.id == 1 || m.id == 2), "{found:?}");
        assert!(index.similar_to_text("", 3).is_empty());
    }

    #[test]
    fn near_duplicates_are_pairs_once() {
        let index = index(&[
            "Gratis zwemles voor alle kinderen",
            "gratis zwemles voor alle kinderen!!",
            "Een nieuwe sporthal in de wijk",
        ]);
        let pairs = index.near_duplicates(None);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].a, pairs[0].b), (1, 2));
        assert!(index.near_duplicates(Some(&[1, 3])).is_empty());
    }

    #[test]
    fn an_idea_is_suggested_the_cluster_it_fits() {
        let index = index(IDEAS);
        let clusters = vec![(10, vec![1, 2]), (20, vec![5, 6])];
        assert_eq!(
            index
                .suggest_cluster_for(6, &[(10, vec![1, 2]), (20, vec![5])])
                .map(|m| m.cluster_id),
            Some(20)
        );
        assert_eq!(index.suggest_cluster_for(3, &clusters), None);
    }

    #[test]
    fn suggestions_group_what_belongs_together() {
        let index = index(IDEAS);
        let all: Vec<i64> = (1..=9).collect();
        let suggestions = index.suggest_clusters(&all);
        let together = |a: i64, b: i64| {
            suggestions
                .iter()
                .any(|s| s.ids.contains(&a) && s.ids.contains(&b))
        };
        assert!(together(1, 2) && together(5, 6), "{suggestions:?}");
        assert!(!together(1, 5), "{suggestions:?}");
        assert!(suggestions.iter().all(|s| !s.title.is_empty()));
    }
}
