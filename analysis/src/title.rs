//! Titles for suggested clusters: the words most telling for a group —
//! common in its ideas, rare in the round (class-based TF-IDF) — shown as
//! residents wrote them, not as stems: "Zwemles, sportclub".

use crate::index::Index;
use std::collections::HashMap;

/// Words in a title; a moderator renames it anyway, it has to say at a
/// glance what the group is about.
const TITLE_TERMS: usize = 2;
/// Words kept as the suggestion's terms.
const TERMS: usize = 5;
/// A word inside a compound counts this much towards a title: a group
/// about the "voedselbank" is titled so, not "Voedsel, bank".
const PART: f32 = 0.5;

/// A title and its terms for the ideas at `members`.
pub fn of(index: &Index, members: &[usize]) -> (String, Vec<String>) {
    let terms = terms(index, members);
    let title = capitalised(&terms[..terms.len().min(TITLE_TERMS)].join(", "));
    (title, terms)
}

fn terms(index: &Index, members: &[usize]) -> Vec<String> {
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
        if !overlaps && !vocabulary.label(stem).is_empty() {
            chosen.push(stem);
        }
        if chosen.len() == TERMS {
            break;
        }
    }
    chosen
        .into_iter()
        .map(|s| vocabulary.label(s).to_owned())
        .collect()
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
        assert!(title.starts_with("Zwemlessen, "), "{title}");
        assert!(
            !terms.iter().any(|t| t == "zwem" || t == "les"),
            "{terms:?}"
        );
        assert!(!terms.iter().any(|t| t == "schulden"), "{terms:?}");
    }
}
