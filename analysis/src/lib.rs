//! Dutch text analysis for Trechter, in plain Rust and entirely offline: no
//! resident's words leave the server to be understood.
//!
//! Full-text search needs words folded to a comparable form (lower case,
//! no diacritics), Dutch stopwords left out, and Snowball Dutch stems, so
//! that "kinderen" finds "kind" and "zwemles" finds "Zwemlessen".
//!
//! Funnelling needs more: which ideas say alike things. A round's words
//! are analysed once ([`vocabulary`]: normalisation, spelling errors,
//! compounds, concepts); a [`Backend`] turns ideas into vectors (TF-IDF by
//! default); an [`Index`] finds similar ideas, near-duplicates and
//! suggested clusters with titles. [`eval`] measures those against the
//! labelled sets in `eval/*.tsv` ([`corpus`]).

mod cluster;
mod community;
mod compound;
mod concept;
pub mod corpus;
mod duplicate;
pub mod embeddings;
pub mod eval;
mod fused;
mod index;
mod language;
mod ngram;
mod normalise;
mod parallel;
mod search;
mod spelling;
mod stopwords;
mod telling;
mod tfidf;
mod title;
pub mod vector;
pub mod vocabulary;

pub use cluster::{ClusterMatch, FITS_CLUSTER, Settings as ClusterSettings, Suggestion};
pub use community::Quality;
pub use duplicate::DuplicatePair;
pub use fused::Fused;

/// The semantic share of the fused similarity, chosen on `eval/ideas.tsv`
/// (see the README's numbers).
pub const FUSION_WEIGHT: f32 = 0.5;
pub use index::{Doc, Index, MIN_SIMILAR, Match};
pub use normalise::words;
pub use tfidf::{Backend, Fitted, Model, TfIdf};

/// The stems of a text's meaningful words, in order, stopwords left out.
pub fn stems(text: &str) -> Vec<String> {
    normalise::search_stems(text)
}

/// What the search index stores for a text: its stems, separated by spaces.
/// Both databases index this same string, so a search finds the same ideas
/// on SQLite and on PostgreSQL.
pub fn search_document(text: &str) -> String {
    stems(text).join(" ")
}

/// Most stems a search looks for; more words than this say nothing new.
pub const MAX_QUERY_TERMS: usize = 8;

/// A typed search: what was typed and the stems to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub typed: String,
    pub terms: Vec<String>,
}

impl Query {
    pub fn parse(typed: &str) -> Query {
        Query {
            typed: typed.to_owned(),
            terms: query_terms(typed, MAX_QUERY_TERMS),
        }
    }

    /// Something was typed but it holds only stopwords ("de", "het"): it
    /// finds nothing rather than everything, since the person asked for
    /// something.
    pub fn finds_nothing(&self) -> bool {
        !self.typed.trim().is_empty() && self.terms.is_empty()
    }
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
    fn a_query_of_stopwords_finds_nothing_and_an_empty_one_everything() {
        assert!(Query::parse("de het").finds_nothing());
        assert!(!Query::parse("  ").finds_nothing());
        assert!(Query::parse("  ").terms.is_empty());
        assert_eq!(
            Query::parse("Zwemlessen voor kinderen").terms,
            [stems("zwemles"), stems("kind")].concat()
        );
    }

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
        let long = "a".repeat(41);
        assert!(search_document(&long).is_empty());
    }
}
