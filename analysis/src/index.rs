//! An index over a round's ideas: built once per request in milliseconds,
//! then asked for similar ideas, near-duplicates, suggested clusters and
//! the best cluster for an idea ([`crate::search`] finds the neighbours).

use crate::language::Language;
use crate::search::Search;
use crate::telling::Telling;
use crate::tfidf::{Backend, Model, TfIdf};
use crate::vector::Vector;
use crate::vocabulary::Vocabulary;
use crate::{cluster, duplicate, parallel};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// One text to analyse, identified by the caller's id (an idea's id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc<'a> {
    pub id: i64,
    pub text: &'a str,
}

/// An idea like the one asked about, with how alike (0..=1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub id: i64,
    pub score: f32,
}

/// Below this, ideas are not called similar at all: what is left shares
/// about one telling word, or a few common ones.
pub const MIN_SIMILAR: f32 = 0.2;

/// Neighbours of every idea kept once found, enough for the suggestions'
/// graph and the duplicates.
const KEPT_NEIGHBOURS: usize = 15;
const KEPT_FLOOR: f32 = 0.1;

/// Share of an idea's telling words (by rarity) a neighbour must say too,
/// as a word, a compound's part or a word for the same concept, for a
/// lead in [`Index::rank`]. Chosen on `eval/ideas.tsv`, where it puts 25
/// of the 35 labelled duplicates' originals first instead of 21, and none
/// fewer on the other sets. A narrow choice: at 0.7 the words alone find
/// a wrong duplicate pair (two ideas about "papa"), from 0.8 on only 23.
const SAYS_IT: f32 = 0.72;

/// Candidates looked at for `limit` neighbours: ranking can move one up
/// from a little further down.
fn wider(limit: usize) -> usize {
    limit * 2 + 5
}

pub struct Index {
    ids: Vec<i64>,
    /// The texts as written, for titles that quote them.
    texts: Vec<String>,
    position: HashMap<i64, usize>,
    vocabulary: Arc<Vocabulary>,
    search: Search,
    model: Box<dyn Model>,
    /// Which ideas are compared by meaning too; empty when none are.
    with_meaning: Vec<bool>,
    meaning: Option<crate::tfidf::MeaningFeatures>,
    /// Each idea's language, when ideas are compared by meaning.
    languages: Vec<Language>,
    all_neighbours: OnceLock<Vec<Vec<(usize, f32)>>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("ideas", &self.len()).finish()
    }
}

impl Index {
    /// An index with the default backend (TF-IDF).
    pub fn build(docs: &[Doc]) -> Index {
        Index::with_backend(&TfIdf::default(), docs)
    }

    pub fn with_backend(backend: &dyn Backend, docs: &[Doc]) -> Index {
        let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
        let vocabulary = Arc::new(Vocabulary::build(&texts));
        let fitted = backend.fit(&texts, &vocabulary);
        Index {
            ids: docs.iter().map(|d| d.id).collect(),
            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
            position: docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect(),
            vocabulary,
            search: Search::new(fitted.vectors, fitted.meaning),
            model: fitted.model,
            languages: match fitted.meaning {
                Some(_) => texts.iter().map(|t| Language::guess(t)).collect(),
                None => Vec::new(),
            },
            with_meaning: fitted.with_meaning,
            meaning: fitted.meaning,
            all_neighbours: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub(crate) fn id(&self, place: usize) -> i64 {
        self.ids[place]
    }

    pub(crate) fn vector(&self, place: usize) -> &Vector {
        self.search.vector(place)
    }

    /// How alike each idea at `others` is to the idea at `place`, in order.
    pub(crate) fn scores_of(&self, place: usize, others: &[usize]) -> Vec<f32> {
        self.search.scores_of(self.search.vector(place), others)
    }

    /// Whether the idea at `place` is compared by its meaning too.
    pub(crate) fn has_meaning(&self, place: usize) -> bool {
        self.with_meaning.get(place).copied().unwrap_or(false)
    }

    /// How alike two ideas are in meaning alone (their centred sentence
    /// embeddings' cosine), when both are compared by meaning.
    pub(crate) fn meaning_alike(&self, a: usize, b: usize) -> Option<f32> {
        let meaning = self.meaning.filter(|m| m.share > 0.0)?;
        if !(self.has_meaning(a) && self.has_meaning(b)) {
            return None;
        }
        let part = |place: usize| {
            let pairs = &self.vector(place).0;
            let start = pairs.partition_point(|(f, _)| *f < meaning.from);
            Vector(pairs[start..].to_vec())
        };
        Some(part(a).dot(&part(b)) / meaning.share)
    }

    /// Whether the idea `id` is compared by its meaning too.
    pub fn knows_meaning_of(&self, id: i64) -> bool {
        self.place(id).is_some_and(|place| self.has_meaning(place))
    }

    /// How many ideas are compared by their meaning too; the rest by
    /// their words alone.
    pub fn with_meaning(&self) -> usize {
        self.with_meaning.iter().filter(|m| **m).count()
    }

    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The text at `place`, as written.
    pub(crate) fn text(&self, place: usize) -> &str {
        &self.texts[place]
    }

    /// Places of the given ids (all ideas when `None`), unknown ids and
    /// repeats left out.
    pub(crate) fn places(&self, among: Option<&[i64]>) -> Vec<usize> {
        match among {
            Some(ids) => {
                let mut places: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| self.position.get(id).copied())
                    .collect();
                places.sort_unstable();
                places.dedup();
                places
            }
            None => (0..self.len()).collect(),
        }
    }

    /// Every listed idea's nearest neighbours among the listed ones, by
    /// score, on all cores. Those of all ideas are found once and kept: the
    /// suggestions and the duplicates of a whole round both need them.
    pub(crate) fn neighbours(
        &self,
        places: &[usize],
        limit: usize,
        floor: f32,
    ) -> Vec<Vec<(usize, f32)>> {
        let all = places.len() == self.len() && places.iter().enumerate().all(|(i, p)| i == *p);
        if all && limit <= KEPT_NEIGHBOURS && floor >= KEPT_FLOOR {
            let kept = self
                .all_neighbours
                .get_or_init(|| self.search_neighbours(places, KEPT_NEIGHBOURS, KEPT_FLOOR));
            return kept
                .iter()
                .map(|near| {
                    near.iter()
                        .filter(|(_, score)| *score >= floor)
                        .take(limit)
                        .copied()
                        .collect()
                })
                .collect();
        }
        self.search_neighbours(places, limit, floor)
    }

    fn search_neighbours(
        &self,
        places: &[usize],
        limit: usize,
        floor: f32,
    ) -> Vec<Vec<(usize, f32)>> {
        let mut allowed = vec![false; self.len()];
        for place in places {
            allowed[*place] = true;
        }
        let allowed = &allowed;
        parallel::map(places, |place| {
            self.search.nearest(
                self.search.vector(*place),
                Some(*place),
                Some(allowed),
                limit,
                floor,
            )
        })
    }

    /// [`Self::neighbours`] in the order a person would put them (see
    /// [`Self::rank`]): for the duplicates and each idea's similar ones.
    /// The suggestions' graph keeps the scores' order, which groups a
    /// round's themes better.
    pub(crate) fn ranked_neighbours(
        &self,
        places: &[usize],
        limit: usize,
        floor: f32,
    ) -> Vec<Vec<(usize, f32)>> {
        self.neighbours(places, wider(limit), floor)
            .into_iter()
            .zip(places)
            .map(|(found, place)| {
                let own = Telling::of(&self.vocabulary, *place);
                self.rank(&own, Some(*place), found, limit, floor)
            })
            .collect()
    }

    /// The ideas found for an idea (at `place`, when it is in the round)
    /// with the telling words `own`, in the order a person would put
    /// them, at most `limit` of them.
    ///
    /// An idea in another language is compared by its meaning alone: the
    /// words' half of the fused score is near nothing across languages,
    /// so a Turkish idea would otherwise never be near the Dutch one that
    /// says the same.
    ///
    /// A neighbour that says (nearly) all of the idea's telling words
    /// gets the share it says as a lead over those that do not: "gratis
    /// zwemles" is what the long idea on free swimming lessons asks for,
    /// while the one-word idea "zwemmen" scores higher by sharing a larger
    /// part of its few words. Across languages, the share said is read
    /// from the meaning.
    fn rank(
        &self,
        own: &Telling,
        place: Option<usize>,
        found: Vec<(usize, f32)>,
        limit: usize,
        floor: f32,
    ) -> Vec<(usize, f32)> {
        let vocabulary = self.vocabulary();
        let mut ranked: Vec<(f32, usize, f32)> = found
            .into_iter()
            .map(|(other, score)| {
                // Across languages, how much of the idea another says can
                // only be read from its meaning.
                let across = place.filter(|place| {
                    self.languages
                        .get(*place)
                        .is_some_and(|language| self.languages[other] != *language)
                });
                let (score, said) = match across.and_then(|p| self.meaning_alike(p, other)) {
                    Some(meaning) => (meaning, meaning),
                    None => (score, own.covered_by(&Telling::of(vocabulary, other), true)),
                };
                let lead = if said >= SAYS_IT { said } else { 0.0 };
                (score + lead, other, score)
            })
            .filter(|(_, _, score)| *score >= floor)
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, other, score)| (other, score.min(1.0)))
            .collect()
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
        let vector = self.search.vector(doc);
        let found = self
            .search
            .nearest(vector, Some(doc), None, wider(limit), MIN_SIMILAR);
        let own = Telling::of(&self.vocabulary, doc);
        self.matches(self.rank(&own, Some(doc), found, limit, MIN_SIMILAR))
    }

    /// Ideas most like a text that is not in the index (a resident's
    /// form while typing), in the order of [`Self::similar`].
    pub fn similar_to_text(&self, text: &str, limit: usize) -> Vec<Match> {
        let vector = self.model.embed(text);
        let found = self
            .search
            .nearest(&vector, None, None, wider(limit), MIN_SIMILAR);
        let words = self.vocabulary.text(text);
        let own = Telling::among(&self.vocabulary, words.iter());
        self.matches(self.rank(&own, None, found, limit, MIN_SIMILAR))
    }

    /// Near-duplicate pairs among `among` (all when `None`), best first.
    pub fn near_duplicates(&self, among: Option<&[i64]>) -> Vec<duplicate::DuplicatePair> {
        duplicate::find(self, &self.places(among))
    }

    /// Suggested clusters for the given (unplaced) ideas, biggest first;
    /// ideas that fit nowhere are left out.
    pub fn suggest_clusters(&self, among: &[i64]) -> Vec<cluster::Suggestion> {
        cluster::suggest(self, &self.places(Some(among)))
    }

    /// Suggested clusters made with other settings than the default.
    pub fn suggest_clusters_with(
        &self,
        among: &[i64],
        settings: &cluster::Settings,
    ) -> Vec<cluster::Suggestion> {
        cluster::suggest_with(self, &self.places(Some(among)), settings)
    }

    /// The existing cluster that fits an idea best, if any fits well.
    /// Clusters are (cluster id, member idea ids).
    pub fn suggest_cluster_for(
        &self,
        id: i64,
        clusters: &[(i64, Vec<i64>)],
    ) -> Option<cluster::ClusterMatch> {
        cluster::best_for(self, *self.position.get(&id)?, clusters)
    }

    /// [`Self::suggest_cluster_for`] for each of `ids`, in order, on all
    /// cores: the workspace's hints for its first ideas.
    pub fn suggest_clusters_for(
        &self,
        ids: &[i64],
        clusters: &[(i64, Vec<i64>)],
    ) -> Vec<Option<cluster::ClusterMatch>> {
        parallel::map_heavy(ids, |id| self.suggest_cluster_for(*id, clusters))
    }

    pub(crate) fn place(&self, id: i64) -> Option<usize> {
        self.position.get(&id).copied()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn index(texts: &[&str]) -> Index {
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
    fn a_neighbour_saying_all_of_an_ideas_telling_words_comes_first() {
        let index = index(&[
            "gratis zwemles",
            "zwemles",
            "Zwemles gratis voor alle kinderen, zodat elk kind zijn zwemdiploma haalt",
            "Een nieuwe sporthal in de wijk",
        ]);
        let found = index.similar(1, 2);
        assert_eq!(
            found.iter().map(|m| m.id).collect::<Vec<_>>(),
            [3, 2],
            "{found:?}"
        );
        // Not by its score: the one-word idea shares a larger part.
        assert!(found[0].score < found[1].score, "{found:?}");
        // A resident typing it meets them in the same order, after the
        // idea that says it word for word.
        let typed = index.similar_to_text("gratis zwemles", 3);
        assert_eq!(
            typed.iter().map(|m| m.id).collect::<Vec<_>>(),
            [1, 3, 2],
            "{typed:?}"
        );
        // The one-word idea is said by both: the shorter comes first.
        assert_eq!(index.similar(2, 1).first().map(|m| m.id), Some(1));
    }

    #[test]
    fn scores_are_within_bounds_and_never_the_idea_itself() {
        let index = index(IDEAS);
        let found = index.similar(1, 8);
        assert!(found.iter().all(|m| (MIN_SIMILAR..=1.0).contains(&m.score)));
        assert!(found.iter().all(|m| m.id != 1));
    }

    #[test]
    fn a_new_text_finds_its_neighbours() {
        let index = index(IDEAS);
        let found = index.similar_to_text("Zwemles moet gratis", 2);
        assert!(
            found.len() == 2 && found.iter().all(|m| m.id == 1 || m.id == 2),
            "{found:?}"
        );
        assert!(index.similar_to_text("", 3).is_empty());
        assert!(index.similar_to_text("een fantasiewoord", 3).is_empty());
    }

    #[test]
    fn an_empty_round_has_nothing_to_find() {
        let index = index(&[]);
        assert!(index.is_empty());
        assert!(index.similar_to_text("zwemles", 3).is_empty());
        assert!(index.suggest_clusters(&[]).is_empty());
        assert!(index.near_duplicates(None).is_empty());
    }
}
