//! Property tests over the text analysis: whatever residents type (any
//! Unicode, control characters, very long words) must never make the
//! normalisation, the search terms or the similarity index panic.
//! Bounded by the number of cases; `PROPTEST_CASES` raises it.

use analysis::{Doc, Index};
use proptest::prelude::*;

fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,200}",
        2 => any::<String>(),
        1 => "[ 'ʼ’`\\-a-zëéïA-Z0-9\u{0}\u{301}\u{200b}]{0,80}",
        1 => "[a-z]{1,30}".prop_map(|s| s.repeat(100)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalising_never_panics_and_search_documents_are_stable(text in typed()) {
        let words: Vec<String> = analysis::words(&text).collect();
        let stems = analysis::stems(&text);
        prop_assert!(stems.len() <= words.len() + text.chars().count());
        let document = analysis::search_document(&text);
        prop_assert!(!document.contains("  "));
        let terms = analysis::query_terms(&text, 8);
        prop_assert!(terms.len() <= 8);
        let mut distinct = terms.clone();
        distinct.dedup();
        prop_assert_eq!(distinct.len(), terms.len());
    }

    #[test]
    fn the_index_takes_any_texts(texts in proptest::collection::vec(typed(), 0..12), query in typed()) {
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Doc { id: i as i64, text })
            .collect();
        let index = Index::build(&docs);
        prop_assert_eq!(index.len(), docs.len());
        let ids: Vec<i64> = (0..docs.len() as i64).collect();
        let _ = index.near_duplicates(None);
        let _ = index.suggest_clusters(&ids);
        let _ = index.similar_to_text(&query, 5);
        for id in &ids {
            for found in index.similar(*id, 3) {
                prop_assert_ne!(found.id, *id);
            }
        }
    }
}
