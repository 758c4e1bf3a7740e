//! The default similarity backend: TF-IDF over word stems, the parts of
//! compounds and character 4-grams, each block weighted on its own so that
//! shared words count most and shared spelling rescues typos.

use crate::features::{self, Term};
use crate::vector::Vector;
use std::collections::HashMap;

/// Turns texts into comparable vectors. TF-IDF is the one Trechter ships;
/// another (say a local embedding model) can take its place. None may call
/// the network.
pub trait Backend {
    /// Learns from a round's texts and returns what turns a text into a
    /// unit-length vector.
    fn fit(&self, texts: &[&str]) -> Box<dyn Model>;
}

/// A fitted backend.
pub trait Model: Send + Sync {
    /// A unit-length vector; what the model has not seen is left out.
    fn vector(&self, text: &str) -> Vector;
    /// A readable word for a feature, if it stands for one (for titles).
    fn label(&self, feature: u32) -> Option<&str>;
}

/// How much each block of features weighs in the similarity.
#[derive(Clone, Copy, Debug)]
pub struct TfIdf {
    pub words: f32,
    /// Parts of a compound, relative to a word said on its own.
    pub parts: f32,
    pub grams: f32,
}

impl Default for TfIdf {
    fn default() -> Self {
        TfIdf {
            words: 0.8,
            parts: 0.7,
            grams: 0.6,
        }
    }
}

const GRAM: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Stem,
    Gram,
}

struct Fitted {
    weights: TfIdf,
    /// Misspelt stems seen once, to the common stem one letter away.
    corrections: HashMap<String, String>,
    /// The corpus's words with the parts they are a compound of.
    compounds: HashMap<String, Vec<String>>,
    features: HashMap<(Kind, String), u32>,
    idf: Vec<f32>,
    kinds: Vec<Kind>,
    labels: Vec<Option<String>>,
    known: std::collections::HashSet<String>,
}

/// A text's raw features: stems (with compound parts at a lower weight)
/// and n-grams, before weighting.
fn raw(
    text: &str,
    parts_of: &dyn Fn(&str) -> Vec<String>,
    corrections: &HashMap<String, String>,
    parts: f32,
) -> (Vec<Term>, Vec<(String, f32)>, Vec<String>) {
    let mut terms = features::terms(text);
    for term in &mut terms {
        if let Some(right) = corrections.get(&term.stem) {
            term.stem = right.clone();
        }
    }
    let mut stems: Vec<(String, f32)> = Vec::new();
    let mut grams: Vec<String> = Vec::new();
    for term in &terms {
        stems.push((term.stem.clone(), 1.0));
        for part in parts_of(&term.word) {
            stems.push((part, parts));
        }
        grams.extend(features::ngrams(&term.word, GRAM));
    }
    (terms, stems, grams)
}

impl Backend for TfIdf {
    fn fit(&self, texts: &[&str]) -> Box<dyn Model> {
        let terms: Vec<Vec<Term>> = texts.iter().map(|t| features::terms(t)).collect();
        let mut stem_df: HashMap<String, u32> = HashMap::new();
        for doc in &terms {
            let mut stems: Vec<&str> = doc.iter().map(|t| t.stem.as_str()).collect();
            stems.sort_unstable();
            stems.dedup();
            for stem in stems {
                *stem_df.entry(stem.to_owned()).or_default() += 1;
            }
        }
        let corrections = corrections(&stem_df);
        let known: std::collections::HashSet<String> = stem_df
            .keys()
            .filter(|s| !corrections.contains_key(*s))
            .cloned()
            .collect();
        // Splitting a word tries every place in it: once per distinct word.
        let mut compounds: HashMap<String, Vec<String>> = HashMap::new();
        for term in terms.iter().flatten() {
            if !compounds.contains_key(&term.word) {
                let parts = features::compound_parts(&term.word, &|s| known.contains(s));
                compounds.insert(term.word.clone(), parts);
            }
        }
        let mut features: HashMap<(Kind, String), u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut kinds: Vec<Kind> = Vec::new();
        let mut surface: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for (text, terms) in texts.iter().zip(&terms) {
            for t in terms {
                *surface
                    .entry(t.stem.clone())
                    .or_default()
                    .entry(t.word.clone())
                    .or_default() += 1;
            }
            let parts_of = |w: &str| compounds.get(w).cloned().unwrap_or_default();
            let (_, stems, grams) = raw(text, &parts_of, &corrections, self.parts);
            let mut seen: Vec<(Kind, String)> = stems
                .into_iter()
                .map(|(s, _)| (Kind::Stem, s))
                .chain(grams.into_iter().map(|g| (Kind::Gram, g)))
                .collect();
            seen.sort_unstable_by(|a, b| a.1.cmp(&b.1).then((a.0 as u8).cmp(&(b.0 as u8))));
            seen.dedup();
            for key in seen {
                let next = features.len() as u32;
                let id = *features.entry(key.clone()).or_insert_with(|| {
                    df.push(0);
                    kinds.push(key.0);
                    next
                });
                df[id as usize] += 1;
            }
        }
        let n = texts.len() as f32;
        let idf = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + *d as f32)).ln() + 1.0)
            .collect();
        let mut labels: Vec<Option<String>> = vec![None; kinds.len()];
        for ((kind, key), id) in &features {
            if *kind == Kind::Stem {
                // The way residents wrote it most often.
                labels[*id as usize] = surface.get(key).and_then(|words| {
                    words
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(w, _)| w.clone())
                });
            }
        }
        Box::new(Fitted {
            weights: *self,
            corrections,
            compounds,
            features,
            idf,
            kinds,
            labels,
            known,
        })
    }
}

/// Stems shorter than this are left as they are: one letter changes the
/// meaning of a short word ("kost", "kust").
const MIN_CORRECTED: usize = 6;

/// The word with one letter left out, for every place.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// Corrections for misspelt stems: a stem seen in one idea that is one
/// letter (added, left out or changed) away from a stem seen in more ideas
/// is taken to be that stem ("scholden" → "schuld", "energierekning" →
/// "energierekening"). Found through deletion neighbourhoods, so it stays
/// fast for tens of thousands of stems.
fn corrections(df: &HashMap<String, u32>) -> HashMap<String, String> {
    let mut by_deletion: HashMap<String, Vec<&str>> = HashMap::new();
    for (stem, n) in df {
        if *n >= 2 && stem.chars().count() >= MIN_CORRECTED - 1 {
            by_deletion.entry(stem.clone()).or_default().push(stem);
            for d in deletions(stem) {
                by_deletion.entry(d).or_default().push(stem);
            }
        }
    }
    let mut corrections = HashMap::new();
    for (stem, n) in df {
        if *n != 1 || stem.chars().count() < MIN_CORRECTED {
            continue;
        }
        let mut keys = deletions(stem);
        keys.push(stem.clone());
        let best = keys
            .iter()
            .filter_map(|k| by_deletion.get(k))
            .flatten()
            .filter(|candidate| **candidate != stem.as_str())
            .max_by(|a, b| df[**a].cmp(&df[**b]).then(b.cmp(a)));
        if let Some(best) = best {
            corrections.insert(stem.clone(), (*best).to_owned());
        }
    }
    corrections
}

impl Fitted {
    fn block(&self, items: Vec<(Kind, String, f32)>) -> Vector {
        let mut pairs = Vec::new();
        for (kind, key, weight) in items {
            if let Some(id) = self.features.get(&(kind, key)) {
                pairs.push((*id, weight));
            }
        }
        // Sublinear term frequency: saying a word three times is not three
        // times the meaning.
        let counted = Vector::from_pairs(pairs);
        Vector(
            counted
                .0
                .into_iter()
                .map(|(id, tf)| {
                    (
                        id,
                        (1.0 + tf.max(1e-6).ln().max(0.0)) * tf.min(1.0) * self.idf[id as usize],
                    )
                })
                .collect(),
        )
        .unit()
    }
}

impl Model for Fitted {
    fn vector(&self, text: &str) -> Vector {
        let parts_of = |w: &str| match self.compounds.get(w) {
            Some(parts) => parts.clone(),
            None => features::compound_parts(w, &|s| self.known.contains(s)),
        };
        let (_, stems, grams) = raw(text, &parts_of, &self.corrections, self.weights.parts);
        let words = self.block(stems.into_iter().map(|(s, w)| (Kind::Stem, s, w)).collect());
        let grams = self.block(grams.into_iter().map(|g| (Kind::Gram, g, 1.0)).collect());
        words
            .scaled(self.weights.words)
            .add(&grams.scaled(self.weights.grams))
            .unit()
    }

    fn label(&self, feature: u32) -> Option<&str> {
        match self.kinds.get(feature as usize) {
            Some(Kind::Stem) => self.labels[feature as usize].as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_stem_joins_its_common_spelling() {
        let df: HashMap<String, u32> = [
            ("schuld", 5),
            ("schold", 1),
            ("energiereken", 3),
            ("energierekn", 1),
            ("kust", 1),
            ("kost", 4),
        ]
        .into_iter()
        .map(|(s, n)| (s.to_owned(), n))
        .collect();
        let found = corrections(&df);
        assert_eq!(
            found.get("energierekn").map(String::as_str),
            Some("energiereken")
        );
        assert_eq!(found.get("schold").map(String::as_str), Some("schuld"));
        assert_eq!(found.get("kust"), None, "too short to correct safely");
        assert_eq!(found.len(), 2);
    }
}
