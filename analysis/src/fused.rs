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
//! spread around 0 like the lexical ones. The vectors also say which
//! language a text is in, so where a few texts share a language, their own
//! mean is taken off instead: a Turkish idea then lands near the Dutch ones
//! on its topic, not near the other Turkish ones.

use crate::language::Language;
use crate::tfidf::{Backend, Fitted, MeaningFeatures, Model, TfIdf};
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
        // Each language's own mean, where enough texts share it: the
        // embeddings also say which language a text is in, and that is not
        // what it is about.
        let by_language: HashMap<Language, Vec<f32>> = {
            let mut groups: HashMap<Language, Vec<&Vec<f32>>> = HashMap::new();
            for text in texts {
                if let Some(dense) = self.embeddings.get(*text) {
                    groups.entry(Language::guess(text)).or_default().push(dense);
                }
            }
            groups
                .into_iter()
                .filter(|(_, members)| members.len() >= MIN_LANGUAGE_GROUP)
                .filter_map(|(language, members)| {
                    Some((language, self::mean(members.into_iter())?))
                })
                .collect()
        };
        let (lex_scale, dense_scale) = ((1.0 - self.weight).sqrt(), self.weight.sqrt());
        let mut with_meaning = Vec::with_capacity(texts.len());
        let vectors = texts
            .iter()
            .zip(lexical.vectors)
            .map(|(text, words)| {
                let own = by_language.get(&Language::guess(text)).or(mean.as_ref());
                let Some((dense, mean)) = self.embeddings.get(*text).zip(own) else {
                    // Words alone, at full length: two ideas waiting for
                    // their embeddings compare as they would without any.
                    with_meaning.push(false);
                    return words;
                };
                with_meaning.push(true);
                let mut pairs: Vec<(u32, f32)> = words
                    .0
                    .into_iter()
                    .map(|(f, w)| (f, w * lex_scale))
                    .collect();
                pairs.extend(centred(dense, mean).map(|(i, w)| (base + i, w * dense_scale)));
                Vector(pairs)
            })
            .collect();
        Fitted {
            model: Box::new(WordsOnly {
                lexical: lexical.model,
                scale: 1.0 / lex_scale.max(f32::MIN_POSITIVE),
                base,
                dims,
            }),
            vectors,
            with_meaning,
            meaning: Some(MeaningFeatures {
                from: base,
                dims,
                share: self.weight,
            }),
        }
    }
}

/// Texts of one language it takes to have that language's own mean.
const MIN_LANGUAGE_GROUP: usize = 3;

/// A text from outside the round (typed in a form) has no embedding: it
/// is compared by its words alone. Its length is scaled up by the words'
/// share, so that against an idea with an embedding the score is exactly
/// the words' cosine, as it is without embeddings.
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
            "kosteloos baden voor de jeugd",
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

    /// Ideas with made-up embeddings, one per text.
    fn with_meaning(
        texts: &[&'static str],
        dense: &[&[f32]],
        weight: f32,
    ) -> (Vec<Doc<'static>>, Fused) {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Doc { id: i as i64, text })
            .collect();
        let fused = Fused {
            lexical: TfIdf::default(),
            weight,
            embeddings: texts
                .iter()
                .zip(dense)
                .map(|(t, v)| ((*t).to_owned(), v.to_vec()))
                .collect(),
        };
        (docs, fused)
    }

    fn six(weight: f32) -> (Vec<Doc<'static>>, Fused) {
        with_meaning(
            &[
                "gratis zwemles voor alle kinderen in de stad",
                "kids should learn to swim for free everywhere",
                "energietoeslag voor gezinnen met weinig geld",
                "meer bankjes in het park bij de vijver",
                "hulp bij schulden zonder lange wachtlijst",
                "de bus naar het ziekenhuis moet vaker rijden",
            ],
            &[
                &[1.0, 0.0, 0.0, 0.0, 0.0],
                &[0.98, 0.05, 0.0, 0.0, 0.0],
                &[0.0, 1.0, 0.0, 0.0, 0.0],
                &[0.0, 0.0, 1.0, 0.0, 0.0],
                &[0.0, 0.0, 0.0, 1.0, 0.0],
                &[0.0, 0.0, 0.0, 0.0, 1.0],
            ],
            weight,
        )
    }

    #[test]
    fn ideas_that_say_the_same_in_other_words_are_duplicates_by_meaning() {
        let (docs, fused) = six(crate::FUSION_WEIGHT);
        let words = Index::with_backend(&TfIdf::default(), &docs);
        assert!(words.near_duplicates(None).is_empty());
        let index = Index::with_backend(&fused, &docs);
        assert_eq!(index.with_meaning(), 6);
        let pairs = index.near_duplicates(None);
        assert_eq!(
            pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
            [(0, 1)],
            "{pairs:?}"
        );
    }

    #[test]
    fn a_typed_text_is_compared_by_its_words_as_without_embeddings() {
        let (docs, fused) = six(crate::FUSION_WEIGHT);
        let words = Index::with_backend(&TfIdf::default(), &docs);
        let index = Index::with_backend(&fused, &docs);
        let typed = "gratis zwemles voor kinderen";
        let (a, b) = (
            words.similar_to_text(typed, 3),
            index.similar_to_text(typed, 3),
        );
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a.id, b.id);
            assert!((a.score - b.score).abs() < 1e-4, "{a:?} {b:?}");
        }
    }

    #[test]
    fn an_idea_without_its_embedding_yet_is_compared_by_its_words() {
        let (docs, mut fused) = six(crate::FUSION_WEIGHT);
        fused.embeddings.remove(docs[1].text);
        let index = Index::with_backend(&fused, &docs);
        assert_eq!(index.with_meaning(), 5);
        assert!(!index.knows_meaning_of(1));
        assert!(index.near_duplicates(None).is_empty());
    }

    #[test]
    fn a_short_idea_sharing_two_words_and_the_meaning_is_a_duplicate() {
        const TEXTS: [&str; 6] = [
            "gratis zwemles voor alle kinderen zodat elk kind een diploma haalt",
            "gratis zwemles aub, dat scheelt ouders geld",
            "energietoeslag voor gezinnen met weinig geld",
            "meer bankjes in het park bij de vijver",
            "hulp bij schulden zonder lange wachtlijst",
            "de bus naar het ziekenhuis moet vaker rijden",
        ];
        // The short idea's own direction is the last.
        let index_with = |toward_first: f32| {
            let away = (1.0 - toward_first * toward_first).sqrt();
            let (docs, fused) = with_meaning(
                &TEXTS,
                &[
                    &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                    &[toward_first, 0.0, 0.0, 0.0, 0.0, away],
                    &[0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
                    &[0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
                    &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                    &[0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
                ],
                crate::FUSION_WEIGHT,
            );
            Index::with_backend(&fused, &docs)
        };
        let (docs, _) = with_meaning(&TEXTS, &[], 0.0);
        // The words alone are not enough: the short one says more.
        let words = Index::with_backend(&TfIdf::default(), &docs);
        assert!(words.near_duplicates(None).is_empty());
        // Alike in meaning, though less than ideas saying the same in
        // other words must be: a pair.
        let alike = index_with(0.75);
        let meaning = alike.meaning_alike(0, 1).unwrap();
        assert!((0.5..0.6).contains(&meaning), "{meaning}");
        let pairs = alike.near_duplicates(None);
        assert_eq!(
            pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
            [(0, 1)],
            "{pairs:?}"
        );
        // Two words on one topic, apart in meaning: no pair.
        let apart = index_with(0.3);
        assert!(apart.meaning_alike(0, 1).unwrap() < 0.5);
        assert!(apart.near_duplicates(None).is_empty());
    }

    #[test]
    fn an_idea_in_another_language_is_compared_by_meaning_alone() {
        const TEXTS: [&str; 6] = [
            "gratis zwemles voor alle kinderen",
            "gratis schoolreis voor alle kinderen",
            "bütün çocuklar için bedava yüzme kursu olmalı",
            "meer bankjes in het park bij de vijver",
            "hulp bij schulden zonder lange wachtlijst",
            "de bus naar het ziekenhuis moet vaker rijden",
        ];
        // The Turkish idea means what the first one does; the second
        // shares its words, not its meaning.
        let (docs, fused) = with_meaning(
            &TEXTS,
            &[
                &[1.0, 0.0, 0.0, 0.0, 0.0],
                &[0.6, 0.8, 0.0, 0.0, 0.0],
                &[0.8, 0.0, 0.6, 0.0, 0.0],
                &[0.0, 0.0, 1.0, 0.0, 0.0],
                &[0.0, 0.0, 0.0, 1.0, 0.0],
                &[0.0, 0.0, 0.0, 0.0, 1.0],
            ],
            crate::FUSION_WEIGHT,
        );
        let index = Index::with_backend(&fused, &docs);
        let similar = index.similar(0, 2);
        assert_eq!(similar.first().map(|m| m.id), Some(2), "{similar:?}");
        // Its score is its meaning's, not halved by words it cannot share.
        let meaning = index.meaning_alike(0, 2).unwrap();
        assert!((similar[0].score - meaning).abs() < 1e-6, "{similar:?}");
        // Fused, the Dutch idea sharing the words scores higher.
        let [dutch, turkish] = index.scores_of(0, &[1, 2])[..] else {
            unreachable!()
        };
        assert!(dutch > turkish, "{dutch} ≤ {turkish}, {similar:?}");
    }
}
