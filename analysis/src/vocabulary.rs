//! A round's words, each analysed once: its stem (spelling errors joined
//! to the round's common spelling), the parts of a compound and the
//! concepts it stands for, and, per stem, the way residents wrote it most
//! often (for titles). Every idea is then a list of these words.

use crate::compound;
use crate::concept;
use crate::normalise::{self, Token, stem};
use crate::{parallel, spelling};
use std::collections::HashMap;

/// One word, analysed. Stems are ids into the vocabulary; a word of a new
/// text may have a stem the round never used (`None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// Folded, as compared.
    pub word: String,
    pub stem: Option<u32>,
    /// The stems of its parts when it is a compound.
    pub parts: Vec<u32>,
    pub concepts: Vec<u16>,
}

#[derive(Debug, Default)]
pub struct Vocabulary {
    words: Vec<Word>,
    word_ids: HashMap<String, u32>,
    stems: Vec<String>,
    stem_ids: HashMap<String, u32>,
    /// Per stem: the way it was written most often.
    labels: Vec<String>,
    corrections: HashMap<String, String>,
    /// Per idea: its words, in order, repeats kept.
    docs: Vec<Vec<u32>>,
    /// Per stem: in how many ideas, as a word or a compound's part.
    stem_df: Vec<u32>,
}

impl Vocabulary {
    pub fn build(texts: &[&str]) -> Vocabulary {
        let tokens: Vec<Vec<Token>> = parallel::map(texts, |t| normalise::tokens(t));
        // Stemming is the costly step: once per distinct word.
        let mut raw_stems: HashMap<&str, String> = HashMap::new();
        for token in tokens.iter().flatten() {
            raw_stems
                .entry(token.word.as_str())
                .or_insert_with(|| stem(&token.word));
        }
        let mut stem_df: HashMap<&str, u32> = HashMap::new();
        for doc in &tokens {
            let mut stems: Vec<&str> = doc
                .iter()
                .map(|t| raw_stems[t.word.as_str()].as_str())
                .collect();
            stems.sort_unstable();
            stems.dedup();
            for stem in stems {
                *stem_df.entry(stem).or_default() += 1;
            }
        }
        // The lexicon's words are spelt right, as if several ideas used
        // them: a misspelling is corrected to them even in a small round.
        for known in compound::lexicon() {
            let df = stem_df.entry(known.as_str()).or_default();
            *df = (*df).max(2);
        }
        let corrections = spelling::corrections(&stem_df);
        let mut vocabulary = Vocabulary {
            corrections,
            ..Vocabulary::default()
        };
        // All of the round's stems first: compounds split into any of them.
        let mut corpus_stems: Vec<String> = raw_stems
            .values()
            .map(|raw| vocabulary.corrected(raw).to_owned())
            .collect();
        corpus_stems.sort_unstable();
        corpus_stems.dedup();
        for stem in &corpus_stems {
            vocabulary.stem_id(stem);
        }
        let mut labels: HashMap<u32, HashMap<&str, u32>> = HashMap::new();
        let mut part_words: HashMap<u32, String> = HashMap::new();
        for doc in &tokens {
            let ids: Vec<u32> = doc
                .iter()
                .map(|token| {
                    let id = match vocabulary.word_ids.get(&token.word) {
                        Some(id) => *id,
                        None => {
                            let word = vocabulary.analyse(
                                &token.word,
                                &raw_stems[token.word.as_str()],
                                &mut part_words,
                            );
                            let id = vocabulary.words.len() as u32;
                            vocabulary.words.push(word);
                            vocabulary.word_ids.insert(token.word.clone(), id);
                            id
                        }
                    };
                    if let Some(stem) = vocabulary.words[id as usize].stem {
                        *labels
                            .entry(stem)
                            .or_default()
                            .entry(token.surface.as_str())
                            .or_default() += 1;
                    }
                    id
                })
                .collect();
            vocabulary.docs.push(ids);
        }
        vocabulary.stem_df = vec![0; vocabulary.stems.len()];
        for doc in 0..vocabulary.docs.len() {
            let mut stems: Vec<u32> = vocabulary
                .doc(doc)
                .flat_map(|w| w.stem.into_iter().chain(w.parts.iter().copied()))
                .collect();
            stems.sort_unstable();
            stems.dedup();
            for stem in stems {
                vocabulary.stem_df[stem as usize] += 1;
            }
        }
        vocabulary.labels = (0..vocabulary.stems.len() as u32)
            .map(|stem| match labels.get(&stem) {
                Some(counts) => most_written(counts),
                None => part_words.remove(&stem).unwrap_or_default(),
            })
            .collect();
        vocabulary
    }

    fn corrected<'a>(&'a self, stem: &'a str) -> &'a str {
        self.corrections.get(stem).map_or(stem, String::as_str)
    }

    fn stem_id(&mut self, stem: &str) -> u32 {
        if let Some(id) = self.stem_ids.get(stem) {
            return *id;
        }
        let id = self.stems.len() as u32;
        self.stems.push(stem.to_owned());
        self.stem_ids.insert(stem.to_owned(), id);
        id
    }

    fn knows(&self, stem: &str) -> bool {
        self.stem_ids.contains_key(stem) || compound::lexicon().contains(stem)
    }

    fn analyse(
        &mut self,
        word: &str,
        raw_stem: &str,
        part_words: &mut HashMap<u32, String>,
    ) -> Word {
        let stem = self.corrected(raw_stem).to_owned();
        let parts = compound::parts(word, &|s| self.knows(s));
        let mut concepts: Vec<u16> = concept::of(&stem).to_vec();
        let mut part_ids = Vec::with_capacity(parts.len());
        for part in parts {
            concepts.extend_from_slice(concept::of(&part.stem));
            let id = self.stem_id(&part.stem);
            part_words.entry(id).or_insert(part.word);
            part_ids.push(id);
        }
        concepts.sort_unstable();
        concepts.dedup();
        Word {
            word: word.to_owned(),
            stem: Some(self.stem_id(&stem)),
            parts: part_ids,
            concepts,
        }
    }

    /// The stem of a folded word of the round's texts; `None` for words
    /// that carry no meaning (stopwords, numbers).
    pub fn stem_of(&self, folded: &str) -> Option<u32> {
        self.words[*self.word_ids.get(folded)? as usize].stem
    }

    /// A word of a text outside the round, analysed without changing the
    /// vocabulary: stems the round never used are left out.
    pub fn lookup(&self, word: &str) -> Word {
        if let Some(id) = self.word_ids.get(word) {
            return self.words[*id as usize].clone();
        }
        let raw = stem(word);
        let stem = self.corrected(&raw);
        let parts = compound::parts(word, &|s| self.knows(s));
        let mut concepts: Vec<u16> = concept::of(stem).to_vec();
        for part in &parts {
            concepts.extend_from_slice(concept::of(&part.stem));
        }
        concepts.sort_unstable();
        concepts.dedup();
        Word {
            word: word.to_owned(),
            stem: self.stem_ids.get(stem).copied(),
            parts: parts
                .iter()
                .filter_map(|p| self.stem_ids.get(&p.stem).copied())
                .collect(),
            concepts,
        }
    }

    /// The words of the `doc`-th text the vocabulary was built from.
    pub fn doc(&self, doc: usize) -> impl Iterator<Item = &Word> {
        self.docs[doc].iter().map(|id| &self.words[*id as usize])
    }

    /// The word ids of the `doc`-th text.
    pub fn doc_word_ids(&self, doc: usize) -> &[u32] {
        &self.docs[doc]
    }

    pub fn word(&self, id: u32) -> &Word {
        &self.words[id as usize]
    }

    /// How many distinct words the round used.
    pub fn words(&self) -> usize {
        self.words.len()
    }

    /// How many texts the vocabulary was built from.
    pub fn docs(&self) -> usize {
        self.docs.len()
    }

    /// The analysed words of a text outside the round.
    pub fn text(&self, text: &str) -> Vec<Word> {
        normalise::tokens(text)
            .iter()
            .map(|t| self.lookup(&t.word))
            .collect()
    }

    pub fn stems(&self) -> usize {
        self.stems.len()
    }

    /// In how many ideas a stem occurs, as a word or a compound's part.
    pub fn stem_df(&self, stem: u32) -> u32 {
        self.stem_df[stem as usize]
    }

    /// The stem itself, as compared.
    pub fn stem_text(&self, stem: u32) -> &str {
        &self.stems[stem as usize]
    }

    /// How residents wrote a stem most often: "zwemles", not "zwemles".
    pub fn label(&self, stem: u32) -> &str {
        &self.labels[stem as usize]
    }
}

/// The most frequent way of writing; ties go to the shorter, then the
/// first in the alphabet, so titles do not change from run to run.
fn most_written(counts: &HashMap<&str, u32>) -> String {
    counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(b.0.len().cmp(&a.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(s, _)| (*s).to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_compounds_and_concepts_are_resolved_once() {
        let vocabulary = Vocabulary::build(&[
            "Hulp bij schulden",
            "schulden aflossen",
            "hulp bij de energierekning",
            "de schoolkosten",
            "kosten voor school",
        ]);
        let stem_of = |doc: usize, i: usize| vocabulary.doc(doc).nth(i).and_then(|w| w.stem);
        let lexicon = Vocabulary::build(&["energierekening"]);
        assert_eq!(
            vocabulary.stem_text(stem_of(2, 1).unwrap()),
            lexicon.stem_text(0),
            "misspelt, corrected to the lexicon's word"
        );
        let compound = vocabulary.doc(3).next().unwrap();
        let split: Vec<u32> = vocabulary.doc(4).filter_map(|w| w.stem).collect();
        let mut parts = compound.parts.clone();
        parts.sort_unstable();
        let mut split_sorted = split.clone();
        split_sorted.sort_unstable();
        assert_eq!(parts, split_sorted);
        assert!(!vocabulary.doc(0).nth(1).unwrap().concepts.is_empty());
        assert_eq!(vocabulary.label(stem_of(0, 1).unwrap()), "schulden");
    }

    #[test]
    fn new_texts_do_not_change_the_vocabulary() {
        let vocabulary = Vocabulary::build(&["gratis zwemles"]);
        let words = vocabulary.text("zwemles en fantasiewoord");
        assert!(words[0].stem.is_some());
        assert!(words[1].stem.is_none());
        assert_eq!(
            vocabulary.stems(),
            Vocabulary::build(&["gratis zwemles"]).stems()
        );
    }
}
