//! An idea's telling words: what it is about, without the words every
//! idea says. Whether one idea says what another says is read from them.

use crate::vocabulary::{Vocabulary, Word};

/// The distinct telling stems of an idea, each with its parts and
/// concepts, and its weight (rarity in the round).
pub(crate) struct Telling<'a> {
    pub(crate) words: Vec<(&'a Word, f32)>,
}

impl<'a> Telling<'a> {
    pub(crate) fn of(vocabulary: &'a Vocabulary, place: usize) -> Telling<'a> {
        Telling::among(vocabulary, vocabulary.doc(place))
    }

    /// The telling words among `words`, weighed by their rarity in the
    /// round; words no idea says are left out.
    pub(crate) fn among(
        vocabulary: &Vocabulary,
        all: impl Iterator<Item = &'a Word>,
    ) -> Telling<'a> {
        let n = vocabulary.docs() as f32;
        let mut words: Vec<(&Word, f32)> = Vec::new();
        for word in all {
            let Some(stem) = word.stem else { continue };
            if words.iter().any(|(w, _)| w.stem == Some(stem)) {
                continue;
            }
            let weight = (1.0 + n / vocabulary.stem_df(stem).max(1) as f32).ln();
            words.push((word, weight));
        }
        Telling { words }
    }

    /// Whether `word` is said in these words too: the same stem or a
    /// compound's part, or (`concepts`) a word for the same concept.
    pub(crate) fn says(&self, word: &Word, concepts: bool) -> bool {
        self.words.iter().any(|(other, _)| {
            other.stem == word.stem
                || word.stem.is_some_and(|s| other.parts.contains(&s))
                || other.stem.is_some_and(|s| word.parts.contains(&s))
                || (concepts && word.concepts.iter().any(|c| other.concepts.contains(c)))
        })
    }

    /// Share of these words (weighted) said in `other`.
    pub(crate) fn covered_by(&self, other: &Telling, concepts: bool) -> f32 {
        let total: f32 = self.words.iter().map(|(_, w)| w).sum();
        if total == 0.0 {
            return 0.0;
        }
        let said: f32 = self
            .words
            .iter()
            .filter(|(word, _)| other.says(word, concepts))
            .map(|(_, w)| w)
            .sum();
        said / total
    }
}
