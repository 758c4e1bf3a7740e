//! Dutch text analysis for Trechter, in plain Rust and entirely offline: no
//! resident's words leave the server to be understood.
//!
//! Full-text search needs words folded to a comparable form (lower case,
//! no diacritics), Dutch stopwords left out, and Snowball Dutch stems, so
//! that "kinderen" finds "kind" and "zwemles" finds "Zwemlessen".
//!
//! Funnelling needs more: which ideas say alike things. [`Index`] compares
//! ideas by TF-IDF over their stems, the parts of compounds and character
//! n-grams ([`features`], [`tfidf`]); it finds similar ideas, near
//! duplicates and suggested clusters ([`grouping`]). [`evaluation`]
//! measures those against labelled sets (`eval/*.tsv`).

pub mod evaluation;
pub mod features;
mod grouping;
mod index;
mod stopwords;
pub mod tfidf;
pub mod vector;

pub use index::{ClusterMatch, Doc, DuplicatePair, Index, Match, Suggestion};
pub use tfidf::{Backend, Model, TfIdf};

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words longer than this are not words a resident searches for (links,
/// numbers pasted in); leaving them out keeps the index small.
const MAX_WORD_CHARS: usize = 40;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Dutch))
}

/// The words of a text, folded: lower case, diacritics removed ("één" →
/// "een", "ruïne" → "ruine"), split on anything that is not a letter or
/// digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .map(fold)
}

fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Plurals in -eren that Snowball leaves apart from their singular
/// ("kinderen" → "kinder", "kind" → "kind"). A list, not a rule: "leren"
/// and "weren" are verbs.
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("bladeren", "blad"),
    ("eieren", "ei"),
    ("goederen", "goed"),
    ("kalveren", "kalf"),
    ("kinderen", "kind"),
    ("lammeren", "lam"),
    ("liederen", "lied"),
    ("runderen", "rund"),
    ("volkeren", "volk"),
];

fn singular(word: String) -> String {
    match IRREGULAR_PLURALS.binary_search_by(|(plural, _)| plural.cmp(&word.as_str())) {
        Ok(i) => IRREGULAR_PLURALS[i].1.to_owned(),
        Err(_) => word,
    }
}

/// Snowball undoubles only kk, dd and tt after removing "-en", so
/// "zwemlessen" stems to "zwemless" while "zwemles" stays. Dutch spelling
/// never ends a word in a double consonant, so any final one goes.
fn undouble(mut stem: String) -> String {
    let mut tail = stem.chars().rev();
    if let (Some(last), Some(before)) = (tail.next(), tail.next())
        && last == before
        && last.is_alphabetic()
        && !"aeiou".contains(last)
    {
        stem.pop();
    }
    stem
}

/// The stems of a text's meaningful words, in order, stopwords left out.
pub fn stems(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !stopwords::is_stopword(w))
        .map(singular)
        .map(|w| undouble(stemmer().stem(&w).into_owned()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// What the search index stores for a text: its stems, separated by spaces.
/// Both databases index this same string, so a search finds the same ideas
/// on SQLite and on PostgreSQL.
pub fn search_document(text: &str) -> String {
    stems(text).join(" ")
}

/// The distinct stems of a search query, at most `limit` of them. Empty when
/// the query holds only stopwords or punctuation.
pub fn query_terms(query: &str, limit: usize) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for stem in stems(query) {
        if !terms.contains(&stem) {
            terms.push(stem);
        }
        if terms.len() == limit {
            break;
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        let folded: Vec<String> = words("Één CAFÉ, ruïne!").collect();
        assert_eq!(folded, ["een", "cafe", "ruine"]);
    }

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stems("kinderen"), stems("kind"));
        assert_eq!(stems("zwemlessen"), stems("zwemles"));
        assert_eq!(stems("schulden"), stems("schuld"));
        assert_eq!(stems("woningen"), stems("woning"));
        assert_eq!(stems("bussen"), stems("bus"));
    }

    #[test]
    fn the_plural_list_is_sorted_for_binary_search() {
        assert!(IRREGULAR_PLURALS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn stopwords_are_left_out() {
        assert_eq!(stems("de en het van een"), Vec::<String>::new());
        assert_eq!(stems("meer geld voor de sportclub en het zwembad").len(), 3);
    }

    #[test]
    fn query_terms_are_distinct_and_limited() {
        assert_eq!(query_terms("school scholen SCHOOL", 5).len(), 1);
        assert_eq!(
            query_terms("een twee drie vier vijf zes zeven acht", 3).len(),
            3
        );
        assert!(query_terms("?!", 5).is_empty());
        assert!(query_terms("de het een", 5).is_empty());
    }

    #[test]
    fn documents_hold_only_index_safe_characters() {
        let document =
            search_document("Kosten: €300,- voor 'zwemles' (A-diploma)… \"echt\" * OR NEAR");
        assert!(
            document.chars().all(|c| c.is_alphanumeric() || c == ' '),
            "{document}"
        );
    }

    #[test]
    fn overlong_words_are_left_out() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert!(search_document(&long).is_empty());
    }
}
