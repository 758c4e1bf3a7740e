//! Spelling errors within a round: a stem seen in one idea that is one
//! letter (added, left out or changed) away from a stem seen in several,
//! or from a word of the lexicon, is taken to be that stem
//! ("energierekning" → "energierekening"). The round and the lexicon are
//! the dictionary, so new words ("kostendelersnorm") are never
//! "corrected" into a general dictionary's.
//!
//! Dutch is full of words one letter apart ("klacht", "kracht"; "belang",
//! "belast"), so only long stems are corrected, and never in their first
//! or last letter: typists rarely get those wrong, and the last is where
//! inflections and other words differ ("politiek", "politie").

use std::collections::HashMap;

/// Stems shorter than this are left as they are.
const MIN_CORRECTED: usize = 7;

/// The word with one letter left out, with where, for every place but the
/// first and the last.
fn inner_deletions(chars: &[char]) -> impl Iterator<Item = (String, usize)> + '_ {
    (1..chars.len().saturating_sub(1)).map(move |skip| {
        let word = chars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .collect();
        (word, skip)
    })
}

/// Corrections for misspelt stems, from how many ideas hold each stem (a
/// lexicon word counts as several). Found through deletion neighbourhoods
/// (two words one edit apart share a deletion), so it stays fast for tens
/// of thousands of stems.
pub fn corrections(df: &HashMap<&str, u32>) -> HashMap<String, String> {
    // Deletion → (stem, place deleted); place usize::MAX for the stem itself.
    let mut by_deletion: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    for (stem, n) in df {
        let chars: Vec<char> = stem.chars().collect();
        if *n < 2 || chars.len() < MIN_CORRECTED - 1 {
            continue;
        }
        by_deletion
            .entry((*stem).to_owned())
            .or_default()
            .push((stem, usize::MAX));
        for (deleted, place) in inner_deletions(&chars) {
            by_deletion.entry(deleted).or_default().push((stem, place));
        }
    }
    let mut corrections = HashMap::new();
    for (stem, n) in df {
        let chars: Vec<char> = stem.chars().collect();
        if *n != 1 || chars.len() < MIN_CORRECTED {
            continue;
        }
        // A letter too many (the stem less one is a known stem), a letter
        // left out (the stem is a known stem less one), or a letter
        // changed (both less the same place).
        let too_many = inner_deletions(&chars).flat_map(|(deleted, _)| {
            by_deletion
                .get(&deleted)
                .into_iter()
                .flatten()
                .filter(|(_, place)| *place == usize::MAX)
        });
        let left_out = by_deletion
            .get(*stem)
            .into_iter()
            .flatten()
            .filter(|(_, place)| *place != usize::MAX);
        let changed = inner_deletions(&chars).flat_map(|(deleted, at)| {
            by_deletion
                .get(&deleted)
                .into_iter()
                .flatten()
                .filter(move |(_, place)| *place == at)
        });
        let best = too_many
            .chain(left_out)
            .chain(changed)
            .map(|(candidate, _)| *candidate)
            .filter(|candidate| candidate != stem)
            .max_by(|a, b| df[a].cmp(&df[b]).then(b.cmp(a)));
        if let Some(best) = best {
            corrections.insert((*stem).to_owned(), best.to_owned());
        }
    }
    corrections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrected(df: &[(&'static str, u32)]) -> HashMap<String, String> {
        corrections(&df.iter().copied().collect())
    }

    #[test]
    fn a_misspelt_stem_joins_its_common_spelling() {
        let found = corrected(&[
            ("energiereken", 3),
            ("energierekn", 1),
            ("wachtlijst", 4),
            ("wachtlijts", 1),
            ("verzekering", 2),
            ("verzekring", 1),
            ("huurtoeslag", 2),
            ("huurtoeslsg", 1),
        ]);
        let get = |s: &str| found.get(s).map(String::as_str);
        assert_eq!(get("energierekn"), Some("energiereken"), "left out");
        assert_eq!(get("verzekring"), Some("verzekering"), "left out");
        assert_eq!(get("huurtoeslsg"), Some("huurtoeslag"), "changed");
        assert_eq!(get("wachtlijts"), None, "the last letter is not corrected");
    }

    #[test]
    fn short_stems_and_first_letters_stay() {
        let found = corrected(&[
            ("kracht", 5),
            ("klacht", 1),
            ("vochtig", 3),
            ("tochtig", 1),
            ("politie", 4),
            ("politiek", 1),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_letter_too_many_is_taken_out() {
        let found = corrected(&[("schuldhulp", 3), ("schuldhullp", 1)]);
        assert_eq!(
            found.get("schuldhullp").map(String::as_str),
            Some("schuldhulp")
        );
    }
}
