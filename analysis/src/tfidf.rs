//! The default similarity backend: TF-IDF over three blocks of features —
//! stems (with the parts of compounds), concepts and character n-grams —
//! each weighed on its own, so that shared words count most, shared
//! concepts bridge synonyms and shared spelling rescues typos.

use crate::vector::Vector;
use crate::vocabulary::{Vocabulary, Word};
use crate::{concept, ngram, parallel};
use std::collections::HashMap;
use std::sync::Arc;

/// Turns texts into comparable vectors. TF-IDF is the one Trechter ships;
/// another (say a local embedding model) can take its place. None may call
/// the network.
pub trait Backend {
    /// Learns from a round's texts. `vocabulary` holds the same texts as
    /// analysed words; a backend that reads raw text may ignore it.
    fn fit(&self, texts: &[&str], vocabulary: &Arc<Vocabulary>) -> Fitted;
}

/// A fitted backend and the vectors of the texts it learnt from.
pub struct Fitted {
    pub model: Box<dyn Model>,
    /// Unit length, in the order of the texts.
    pub vectors: Vec<Vector>,
    /// Which texts' vectors carry their meaning (a sentence embedding),
    /// not only their words; empty when none do.
    pub with_meaning: Vec<bool>,
    /// Where the meaning sits in those vectors.
    pub meaning: Option<MeaningFeatures>,
}

/// The features of fused vectors that hold the meaning, from `from` on,
/// and their share of the similarity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeaningFeatures {
    pub from: u32,
    pub dims: u32,
    pub share: f32,
}

/// Turns a text outside the round into a vector comparable with the
/// round's. Features the round never had count in its length but match
/// nothing, so a text full of new words is not like anything.
pub trait Model: Send + Sync {
    fn embed(&self, text: &str) -> Vector;
}

/// How much each block of features weighs in the similarity.
#[derive(Clone, Debug, PartialEq)]
pub struct TfIdf {
    pub stems: f32,
    /// A compound's parts, relative to its stem.
    pub parts: f32,
    pub concepts: f32,
    pub grams: f32,
    /// Shortest and longest character n-gram.
    pub gram_sizes: (usize, usize),
}

impl Default for TfIdf {
    fn default() -> Self {
        TfIdf {
            stems: 1.0,
            parts: 0.7,
            concepts: 0.8,
            grams: 0.6,
            gram_sizes: (3, 5),
        }
    }
}

/// Where a new text's stems that the round never used are numbered from:
/// far beyond any round's features, so they match nothing.
const UNSEEN_STEMS: u32 = u32::MAX / 2;

struct TfIdfModel {
    settings: TfIdf,
    vocabulary: Arc<Vocabulary>,
    /// Feature ids: stems first, then concepts, then n-grams.
    concept_base: u32,
    gram_ids: HashMap<u64, u32>,
    /// Per vocabulary word: its n-gram features.
    word_grams: Vec<Vec<u32>>,
    idf: Vec<f32>,
    /// The idf of a feature no text of the round had.
    unseen_idf: f32,
}

impl Backend for TfIdf {
    fn fit(&self, _texts: &[&str], vocabulary: &Arc<Vocabulary>) -> Fitted {
        let stems = vocabulary.stems() as u32;
        let concept_base = stems;
        let gram_base = concept_base + concept::count() as u32;
        let mut gram_ids: HashMap<u64, u32> = HashMap::new();
        let word_grams: Vec<Vec<u32>> = (0..vocabulary.words() as u32)
            .map(|id| {
                let mut grams: Vec<u32> = self
                    .gram_hashes(&vocabulary.word(id).word)
                    .into_iter()
                    .map(|hash| {
                        let next = gram_base + gram_ids.len() as u32;
                        *gram_ids.entry(hash).or_insert(next)
                    })
                    .collect();
                grams.sort_unstable();
                grams
            })
            .collect();
        let features = gram_base as usize + gram_ids.len();
        let mut model = TfIdfModel {
            settings: self.clone(),
            vocabulary: Arc::clone(vocabulary),
            concept_base,
            gram_ids,
            word_grams,
            idf: Vec::new(),
            unseen_idf: 0.0,
        };
        let docs: Vec<usize> = (0..vocabulary.docs()).collect();
        let counts: Vec<Vec<(u32, f32)>> = parallel::map(&docs, |doc| {
            let words: Vec<(&Word, &[u32])> = vocabulary
                .doc_word_ids(*doc)
                .iter()
                .map(|id| {
                    (
                        vocabulary.word(*id),
                        model.word_grams[*id as usize].as_slice(),
                    )
                })
                .collect();
            model.counts(&words)
        });
        let mut df = vec![0u32; features];
        for doc in &counts {
            for (feature, _) in doc {
                df[*feature as usize] += 1;
            }
        }
        let n = vocabulary.docs() as f32;
        model.idf = df.iter().map(|d| idf(n, *d)).collect();
        model.unseen_idf = idf(n, 0);
        let vectors = parallel::map(&counts, |c| model.weigh(c));
        Fitted {
            model: Box::new(model),
            vectors,
            with_meaning: Vec::new(),
            meaning: None,
        }
    }
}

/// Smoothed, as scikit-learn's: a feature in every text still counts a
/// little.
fn idf(n: f32, df: u32) -> f32 {
    ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0
}

impl TfIdf {
    fn gram_hashes(&self, word: &str) -> Vec<u64> {
        let (shortest, longest) = self.gram_sizes;
        ngram::hashes(word, shortest..=longest)
    }
}

impl TfIdfModel {
    fn block(&self, feature: u32) -> usize {
        if feature < self.concept_base || feature >= UNSEEN_STEMS {
            0
        } else if feature < self.concept_base + concept::count() as u32 {
            1
        } else {
            2
        }
    }

    /// Raw term counts: a compound's parts count less than a word said
    /// on its own.
    fn counts(&self, words: &[(&Word, &[u32])]) -> Vec<(u32, f32)> {
        let mut counts = Vec::new();
        for (word, grams) in words {
            if let Some(stem) = word.stem {
                counts.push((stem, 1.0));
            }
            counts.extend(word.parts.iter().map(|p| (*p, self.settings.parts)));
            counts.extend(
                word.concepts
                    .iter()
                    .map(|c| (self.concept_base + *c as u32, 1.0)),
            );
            counts.extend(grams.iter().map(|g| (*g, 1.0)));
        }
        Vector::from_pairs(counts).0
    }

    /// Sublinear TF-IDF per block, each block at unit length times its
    /// weight, the whole at unit length. Features beyond the known ones
    /// (a new text's) count with the idf of an unseen feature.
    fn weigh(&self, counts: &[(u32, f32)]) -> Vector {
        let weights = [
            self.settings.stems,
            self.settings.concepts,
            self.settings.grams,
        ];
        let mut weighted: Vec<(u32, f32, usize)> = counts
            .iter()
            .map(|&(feature, tf)| {
                let tf = if tf > 1.0 { 1.0 + tf.ln() } else { tf };
                let idf = self
                    .idf
                    .get(feature as usize)
                    .copied()
                    .unwrap_or(self.unseen_idf);
                (feature, tf * idf, self.block(feature))
            })
            .collect();
        let mut norms = [0.0f32; 3];
        for (_, w, block) in &weighted {
            norms[*block] += w * w;
        }
        for (_, w, block) in &mut weighted {
            *w *= weights[*block] / norms[*block].sqrt();
        }
        Vector(weighted.into_iter().map(|(f, w, _)| (f, w)).collect()).unit()
    }
}

impl Model for TfIdfModel {
    fn embed(&self, text: &str) -> Vector {
        let words = self.vocabulary.text(text);
        let mut unseen = self.idf.len() as u32;
        let grams: Vec<Vec<u32>> = words
            .iter()
            .map(|word| {
                self.settings
                    .gram_hashes(&word.word)
                    .into_iter()
                    .map(|hash| {
                        self.gram_ids.get(&hash).copied().unwrap_or_else(|| {
                            unseen += 1;
                            unseen
                        })
                    })
                    .collect()
            })
            .collect();
        let mut pairs: Vec<(&Word, &[u32])> = Vec::with_capacity(words.len());
        for (word, grams) in words.iter().zip(&grams) {
            pairs.push((word, grams));
        }
        let mut counts = self.counts(&pairs);
        // A word the round never used still makes the text longer.
        let mut unseen_stem = UNSEEN_STEMS;
        for word in &words {
            if word.stem.is_none() {
                counts.push((unseen_stem, 1.0));
                unseen_stem += 1;
            }
        }
        self.weigh(&counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(texts: &[&str]) -> Fitted {
        let vocabulary = Arc::new(Vocabulary::build(texts));
        TfIdf::default().fit(texts, &vocabulary)
    }

    #[test]
    fn vectors_are_unit_length() {
        let fitted = fitted(&["gratis zwemles", "hulp bij schulden", "?!"]);
        assert!((fitted.vectors[0].norm() - 1.0).abs() < 1e-5);
        assert_eq!(fitted.vectors[2].norm(), 0.0);
    }

    #[test]
    fn a_new_text_matches_what_it_shares() {
        let fitted = fitted(&["gratis zwemles", "hulp bij schulden"]);
        let same = fitted.model.embed("gratis zwemles");
        assert!((same.dot(&fitted.vectors[0]) - 1.0).abs() < 1e-5);
        let longer = fitted.model.embed("gratis zwemles en een fantasiewoord");
        let score = longer.dot(&fitted.vectors[0]);
        assert!(score < 0.95 && score > 0.5, "{score}");
    }

    #[test]
    fn synonyms_meet_through_concepts() {
        let fitted = fitted(&[
            "de deurwaarder staat voor de deur",
            "aanmaning gekregen",
            "mooi park",
        ]);
        let debt = fitted.vectors[0].dot(&fitted.vectors[1]);
        let park = fitted.vectors[0].dot(&fitted.vectors[2]);
        assert!(debt > park, "{debt} vs {park}");
    }
}
