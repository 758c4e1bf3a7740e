//! What a text is compared by: its meaningful words, normalised (informal
//! spelling, diacritics, stopwords, Snowball stems), the parts of Dutch
//! compounds, and character n-grams that survive typos.

use crate::{singular, stemmer, stopwords, undouble, words};

/// Informal and abbreviated writing, as residents type it, mapped to the
/// words they stand for. Only what is common Dutch chat and note writing.
const INFORMAL: &[(&str, &str)] = &[
    ("bijv", "bijvoorbeeld"),
    ("bv", "bijvoorbeeld"),
    ("dr", "er"),
    ("ff", "even"),
    ("gwn", "gewoon"),
    ("idd", "inderdaad"),
    ("ipv", "plaats"),
    ("kids", "kinderen"),
    ("mn", "mijn"),
    ("nie", "niet"),
    ("nml", "namelijk"),
    ("pff", "even"),
    ("tog", "toch"),
    ("w8", "wacht"),
    ("wrm", "waarom"),
    ("zn", "zijn"),
];

/// Words that fill a sentence without saying what it is about: beyond
/// Snowball's list, the words of wishes and proposals ("ik wil graag dat
/// er meer …") that every idea shares.
const FILLERS: &[&str] = &[
    "alle",
    "alstublieft",
    "beter",
    "bijvoorbeeld",
    "echt",
    "eigenlijk",
    "even",
    "gaan",
    "gaat",
    "gewoon",
    "goed",
    "graag",
    "heel",
    "inderdaad",
    "kunnen",
    "lijkt",
    "mag",
    "maken",
    "meer",
    "mensen",
    "moeten",
    "mogen",
    "namelijk",
    "nodig",
    "vind",
    "vinden",
    "weer",
    "wel",
    "wij",
    "willen",
    "worden",
    "zeker",
    "zien",
    "zou",
    "zouden",
];

fn is_filler(word: &str) -> bool {
    FILLERS.binary_search(&word).is_ok()
}

fn informal(word: String) -> String {
    match INFORMAL.binary_search_by(|(short, _)| short.cmp(&word.as_str())) {
        Ok(i) => INFORMAL[i].1.to_owned(),
        Err(_) => word,
    }
}

/// Digits say little about a theme ("40 euro", "groep 6") but would match
/// ideas on a number alone.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

/// One meaningful word of a text: its folded surface form and its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    pub stem: String,
}

/// The meaningful words of a text, in order.
pub fn terms(text: &str) -> Vec<Term> {
    words(text)
        .map(informal)
        .filter(|w| w.chars().count() > 1 && !is_number(w))
        .filter(|w| !stopwords::is_stopword(w) && !is_filler(w))
        .filter_map(|word| {
            let stem = stem(&word);
            (!stem.is_empty()).then_some(Term { word, stem })
        })
        .collect()
}

pub fn stem(word: &str) -> String {
    undouble(stemmer().stem(&singular(word.to_owned())).into_owned())
}

/// Character n-grams of a word with its boundaries marked ("^zwem", …), so
/// "energierekning" and "energierekening" still share most of theirs.
pub fn ngrams(word: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars())
        .chain(std::iter::once('$'))
        .collect();
    if chars.len() < n {
        return Vec::new();
    }
    chars.windows(n).map(|w| w.iter().collect()).collect()
}

/// Dutch joins compound parts with nothing, an -s- or an -en-
/// ("schoolkosten", "levensmiddelen", "kinderenopvang" is rare but
/// "boekenkast" is not).
const LINKS: &[&str] = &["", "s", "en", "e"];
/// Parts shorter than this are too often accidental ("ar" + "moede").
const MIN_PART: usize = 3;

/// The parts of a compound word, as stems, when both halves are words the
/// corpus knows (`known` holds stems): "schoolkosten" → ["school", "kost"].
/// Empty when the word is not a compound of known words.
pub fn compound_parts(word: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 * MIN_PART + 1 {
        return Vec::new();
    }
    // The longest head that works: Dutch compounds put the meaning last,
    // and a longer head is less likely an accident.
    for split in MIN_PART..=chars.len() - MIN_PART {
        let head: String = chars[split..].iter().collect();
        let head_stem = stem(&head);
        if head_stem.chars().count() < MIN_PART || !known(&head_stem) {
            continue;
        }
        let modifier: String = chars[..split].iter().collect();
        for link in LINKS {
            let Some(bare) = modifier.strip_suffix(link) else {
                continue;
            };
            if bare.chars().count() < MIN_PART {
                continue;
            }
            let modifier_stem = stem(bare);
            if known(&modifier_stem) {
                return vec![modifier_stem, head_stem];
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems_of(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(INFORMAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FILLERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn informal_writing_and_fillers_fall_away() {
        assert_eq!(
            stems_of("ff gwn meer geld voor de kids!!"),
            stems_of("geld kinderen")
        );
        assert_eq!(
            stems_of("Ik wil graag dat er echt iets gebeurt"),
            stems_of("gebeurt")
        );
        assert!(stems_of("40 euro").iter().all(|s| s != "40"));
    }

    #[test]
    fn typos_keep_most_of_their_ngrams() {
        let right = ngrams("energierekening", 4);
        let typo = ngrams("energierekning", 4);
        let shared = typo.iter().filter(|g| right.contains(g)).count();
        assert!(shared * 3 >= typo.len() * 2, "{shared} of {}", typo.len());
        assert_eq!(ngrams("a", 4), Vec::<String>::new());
        assert_eq!(ngrams("les", 4), ["^les", "les$"]);
    }

    #[test]
    fn compounds_split_into_known_words() {
        let known = |s: &str| ["schol", "kost", "zwem", "les", "kind", "opvang"].contains(&s);
        assert_eq!(compound_parts("schoolkosten", &known), ["schol", "kost"]);
        assert_eq!(compound_parts("zwemles", &known), ["zwem", "les"]);
        assert_eq!(
            compound_parts("kinderopvang", &known),
            Vec::<String>::new(),
            "kinder is not a stem here"
        );
        let known_kinder = |s: &str| known(s) || s == "kinder";
        assert_eq!(
            compound_parts("kinderopvang", &known_kinder),
            ["kinder", "opvang"]
        );
        let known_life = |s: &str| s == stem("leven") || s == "middel";
        assert_eq!(
            compound_parts("levensmiddelen", &known_life),
            [stem("leven"), "middel".to_owned()]
        );
        assert!(compound_parts("armoede", &known).is_empty());
    }
}
