//! Lexical and semantic similarity in one vector space. Each text's vector
//! is its TF-IDF vector and its sentence embedding side by side, scaled so
//! that the cosine of two fused vectors is
//! `(1 − w) · lexical cosine + w · semantic cosine`. Every use of the index
//! (similar ideas, duplicates, clusters, hints) then sees the fusion with no
//! second code path.
//!
//! Sentence embeddings of texts on one topic are all alike (e5's cosines
//! sit between 0.7 and 0.9), so the round's mean vector is taken off first:
//! what is left says how a text differs from the round, and its cosines
//! spread around 0 like the lexical ones.

use crate::tfidf::{Backend, Fitted, Model, TfIdf};
use crate::vector::Vector;
use crate::vocabulary::Vocabulary;
use std::collections::HashMap;
use std::sync::Arc;

/// TF-IDF fused with sentence embeddings.
pub struct Fused {
    pub lexical: TfIdf,
    /// The semantic share `w` of the similarity, from 0 to 1.
    pub weight: f32,
    /// Each text's embedding, by text. A text without one is compared by
    /// its words alone.
    pub embeddings: HashMap<String, Vec<f32>>,
}

impl Backend for Fused {
    fn fit(&self, texts: &[&str], vocabulary: &Arc<Vocabulary>) -> Fitted {
        let lexical = self.lexical.fit(texts, vocabulary);
        // The embedding's dimensions follow the round's last word feature.
        let base = lexical
            .vectors
            .iter()
            .filter_map(|v| v.0.last().map(|(f, _)| f + 1))
            .max()
            .unwrap_or(0);
        let mean = mean(texts.iter().filter_map(|t| self.embeddings.get(*t)));
        let dims = mean.as_ref().map_or(0, |m| m.len() as u32);
        let (lex_scale, dense_scale) = ((1.0 - self.weight).sqrt(), self.weight.sqrt());
        let vectors = texts
            .iter()
            .zip(lexical.vectors)
            .map(|(text, words)| {
                let mut pairs: Vec<(u32, f32)> = words
                    .0
                    .into_iter()
                    .map(|(f, w)| (f, w * lex_scale))
                    .collect();
                if let (Some(dense), Some(mean)) = (self.embeddings.get(*text), &mean) {
                    pairs.extend(centred(dense, mean).map(|(i, w)| (base + i, w * dense_scale)));
                }
                Vector(pairs)
            })
            .collect();
        Fitted {
            model: Box::new(WordsOnly {
                lexical: lexical.model,
                scale: lex_scale,
                base,
                dims,
            }),
            vectors,
        }
    }
}

/// A text from outside the round (typed in a form) has no embedding yet:
/// it is compared by its words, at their share.
struct WordsOnly {
    lexical: Box<dyn Model>,
    scale: f32,
    base: u32,
    dims: u32,
}

impl Model for WordsOnly {
    fn embed(&self, text: &str) -> Vector {
        let mut vector = self.lexical.embed(text);
        for (f, w) in &mut vector.0 {
            // Words the round never had still count in the length, past
            // the embedding's dimensions, where they match nothing.
            if *f >= self.base {
                *f += self.dims;
            }
            *w *= self.scale;
        }
        vector
    }
}

fn mean<'a>(vectors: impl Iterator<Item = &'a Vec<f32>>) -> Option<Vec<f32>> {
    let mut sum: Option<Vec<f32>> = None;
    let mut count = 0.0f32;
    for v in vectors {
        let total = sum.get_or_insert_with(|| vec![0.0; v.len()]);
        if total.len() != v.len() {
            continue;
        }
        for (s, x) in total.iter_mut().zip(v) {
            *s += x;
        }
        count += 1.0;
    }
    let mut mean = sum?;
    for s in &mut mean {
        *s /= count;
    }
    Some(mean)
}

/// `dense − mean` at unit length, by dimension.
fn centred<'a>(dense: &'a [f32], mean: &'a [f32]) -> impl Iterator<Item = (u32, f32)> + 'a {
    let norm = dense
        .iter()
        .zip(mean)
        .map(|(x, m)| (x - m) * (x - m))
        .sum::<f32>()
        .sqrt()
        .max(f32::MIN_POSITIVE);
    dense
        .iter()
        .zip(mean)
        .enumerate()
        .map(move |(i, (x, m))| (i as u32, (x - m) / norm))
        .filter(|(_, w)| *w != 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{Doc, Index};

    #[test]
    fn the_cosine_of_fused_vectors_is_the_weighted_sum() {
        // Two texts with no word in common, the same meaning.
        let texts = [
            "gratis zwemles voor kinderen",
            "kids should learn to swim for free",
            "energietoeslag",
        ];
        let embeddings: HashMap<String, Vec<f32>> = [
            (texts[0], vec![1.0, 0.0, 0.2]),
            (texts[1], vec![0.9, 0.1, 0.2]),
            (texts[2], vec![-1.0, 0.0, 0.2]),
        ]
        .into_iter()
        .map(|(t, v)| (t.to_owned(), v))
        .collect();
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Doc {
                id: i as i64,
                text: t,
            })
            .collect();
        let lexical = Index::with_backend(&TfIdf::default(), &docs);
        assert!(
            lexical.similar(0, 3).iter().all(|m| m.id != 1),
            "no shared words"
        );
        let fused = Fused {
            lexical: TfIdf::default(),
            weight: 0.7,
            embeddings,
        };
        let index = Index::with_backend(&fused, &docs);
        let similar = index.similar(0, 3);
        assert_eq!(similar.first().map(|m| m.id), Some(1), "{similar:?}");
        // Centred, the two are nearly the same direction: about w.
        assert!((similar[0].score - 0.7).abs() < 0.05, "{similar:?}");
    }
}
