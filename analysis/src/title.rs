//! Titles for suggested clusters. The words most telling for a group —
//! common in its ideas, rare in the round (class-based TF-IDF) — are its
//! terms. The title quotes the ideas where they share a phrase with the
//! first term ("Hulp bij schulden", "Gratis zwemles"), else it is that
//! term ("Voedselbank"): a theme, not a list of words.

use crate::index::Index;
use crate::normalise::fold;
use std::collections::{HashMap, HashSet};

/// The most words of a quoted phrase.
const PHRASE_WORDS: usize = 4;
/// Words that name no theme, however often a group uses them.
const NOT_A_THEME: &[&str] = &[
    "niemand", "iedereen", "mensen", "gemeente", "graag", "goed", "beter", "krijgen", "maken",
    "komen", "gaan", "moeten", "hele", "vaker", "eigen", "bieden", "nodig", "elke", "alle",
    "extra", "echt", "wel", "weer", "willen", "zouden",
];
/// Words kept as the suggestion's terms.
const TERMS: usize = 5;
/// A word inside a compound counts this much towards a title: a group
/// about the "voedselbank" is titled so, not "Voedsel, bank".
const PART: f32 = 0.5;

/// A title and its terms for the ideas at `members`.
pub fn of(index: &Index, members: &[usize]) -> (String, Vec<String>) {
    let stems = terms(index, members);
    let vocabulary = index.vocabulary();
    let terms: Vec<String> = stems
        .iter()
        .map(|s| vocabulary.label(*s).to_owned())
        .collect();
    let title = stems
        .first()
        .and_then(|first| phrase(index, members, *first))
        .or_else(|| terms.first().cloned())
        .unwrap_or_default();
    (capitalised(&title), terms)
}

/// The phrase around `stem` that most of the ideas share, as written:
/// two to four words in a row within a clause, starting and ending with a
/// word that means something ("hulp bij schulden", not "bij schulden").
/// `None` when no such phrase is in two ideas.
fn phrase(index: &Index, members: &[usize], stem: u32) -> Option<String> {
    let vocabulary = index.vocabulary();
    // Per phrase in lower case: in how many ideas, and as first written.
    let mut found: HashMap<String, (usize, String)> = HashMap::new();
    for member in members {
        let mut in_this_idea = HashSet::new();
        for clause in index
            .text(*member)
            .split(|c: char| ".,;:!?()[]\"\n".contains(c))
        {
            let words: Vec<&str> = clause
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            // A phrase's first and last word must mean something.
            let stems: Vec<Option<u32>> = words
                .iter()
                .map(|w| w.to_lowercase())
                .map(|w| (!NOT_A_THEME.contains(&w.as_str())).then_some(w))
                .map(|w| vocabulary.stem_of(&fold(&w?.replace(['\'', '’'], ""))))
                .collect();
            for at in (0..words.len()).filter(|i| stems[*i] == Some(stem)) {
                for start in at.saturating_sub(PHRASE_WORDS - 1)..=at {
                    for end in at.max(start + 1)..words.len().min(start + PHRASE_WORDS) {
                        if stems[start].is_none() || stems[end].is_none() {
                            continue;
                        }
                        let written = words[start..=end].join(" ");
                        let key = written.to_lowercase();
                        if in_this_idea.insert(key.clone()) {
                            found.entry(key).or_insert((0, written)).0 += 1;
                        }
                    }
                }
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, (ideas, _))| *ideas >= 2)
        // Most ideas first, then the longer phrase, then a fixed order.
        .max_by(|(a_key, a), (b_key, b)| {
            a.0.cmp(&b.0)
                .then(a.1.split(' ').count().cmp(&b.1.split(' ').count()))
                .then(b_key.cmp(a_key))
        })
        .map(|(_, (_, written))| written)
}

fn terms(index: &Index, members: &[usize]) -> Vec<u32> {
    let vocabulary = index.vocabulary();
    // Per stem: in how many ideas, and how much as a word of its own.
    let mut in_ideas: HashMap<u32, (u32, f32)> = HashMap::new();
    for member in members {
        let mut stems: Vec<(u32, f32)> = vocabulary
            .doc(*member)
            .flat_map(|w| {
                let parts = w.parts.iter().map(|p| (*p, PART));
                w.stem.map(|s| (s, 1.0)).into_iter().chain(parts)
            })
            .collect();
        stems.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        stems.dedup_by_key(|s| s.0);
        for (stem, weight) in stems {
            let entry = in_ideas.entry(stem).or_default();
            entry.0 += 1;
            entry.1 += weight;
        }
    }
    // A word in one idea of a group says nothing about the group, unless
    // no word is in two.
    let least = if in_ideas.values().any(|(count, _)| *count >= 2) {
        2
    } else {
        1
    };
    let n = vocabulary.docs() as f32;
    let mut scored: Vec<(f32, u32)> = in_ideas
        .into_iter()
        .filter(|(_, (count, _))| *count >= least)
        .map(|(stem, (_, weight))| {
            let rarity = (1.0 + n / vocabulary.stem_df(stem).max(1) as f32).ln();
            (weight * rarity, stem)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<u32> = Vec::new();
    for (_, stem) in scored {
        let text = vocabulary.stem_text(stem);
        // "zwemles" says "zwem" and "les" already.
        let overlaps = chosen.iter().any(|c| {
            let other = vocabulary.stem_text(*c);
            other.contains(text) || text.contains(other)
        });
        let label = vocabulary.label(stem);
        let no_theme = NOT_A_THEME.contains(&label.to_lowercase().as_str());
        if !overlaps && !label.is_empty() && !no_theme {
            chosen.push(stem);
        }
        if chosen.len() == TERMS {
            break;
        }
    }
    chosen
}

/// "zwemles, sportclub" → "Zwemles, sportclub".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Doc;

    fn title_of(texts: &[&str], members: &[usize]) -> String {
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Doc { id: i as i64, text })
            .collect();
        of(&Index::build(&docs), members).0
    }

    #[test]
    fn a_title_quotes_the_phrase_the_ideas_share_with_its_small_words() {
        let texts = [
            "Snellere hulp bij schulden, zonder wachtlijst",
            "Hulp bij schulden moet dichtbij zijn",
            "Ik wil hulp bij schulden in de wijk",
            "Een bankje in het park",
            "Meer groen in de straat",
        ];
        assert_eq!(title_of(&texts, &[0, 1, 2]), "Hulp bij schulden");
    }

    #[test]
    fn without_a_shared_phrase_a_title_is_its_telling_word_and_no_empty_one() {
        let texts = [
            "Niemand hoort op de voedselbank aangewezen te zijn, eten is een recht",
            "Voedselbank open op zaterdag voor niemand die werkt; vers eten",
            "Eten van de voedselbank is niet altijd gezond, niemand wil dat",
            "Een bankje in het park",
            "Meer groen in de straat",
            "Snellere hulp bij schulden",
        ];
        let title = title_of(&texts, &[0, 1, 2]);
        assert!(["Voedselbank", "Eten"].contains(&title.as_str()), "{title}");
    }

    #[test]
    fn titles_are_capitalised_lists() {
        assert_eq!(capitalised("zwemles, gratis"), "Zwemles, gratis");
        assert_eq!(capitalised("één loket"), "Één loket");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn a_title_names_what_its_ideas_share_as_written() {
        let texts = [
            "Gratis zwemlessen voor kinderen",
            "zwemlessen gratis maken",
            "Kinderen moeten zwemlessen krijgen",
            "Hulp bij schulden",
            "Meer bankjes in het park",
        ];
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Doc { id: i as i64, text })
            .collect();
        let index = Index::build(&docs);
        let (title, terms) = of(&index, &[0, 1, 2]);
        assert_eq!(terms[0], "zwemlessen", "{terms:?}");
        // No two ideas share a phrase: "gratis" and "zwemlessen" are not in
        // a row twice. The telling word alone names the theme.
        assert_eq!(title, "Zwemlessen");
        assert!(
            !terms.iter().any(|t| t == "zwem" || t == "les"),
            "{terms:?}"
        );
        assert!(!terms.iter().any(|t| t == "schulden"), "{terms:?}");
    }
}
