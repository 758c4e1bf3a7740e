//! Dutch compounds: "schoolkosten" says "kosten voor school", "zwemles"
//! says "les in zwemmen". A compound is split into parts that are known
//! stems — from the round's own words or from a small lexicon of frequent
//! heads and modifiers — so that both ways of saying it share features.
//! Splitting is by dictionary, not by rule: a part must be a known word.

use crate::normalise::stem;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Dutch joins compound parts with nothing, an -s-, an -en- or an -er-
/// ("schoolkosten", "levensmiddelen", "boekenkast", "kinderopvang").
const LINKS: &[&str] = &["", "s", "en", "er"];
/// Parts shorter than this are too often accidental ("ar" + "moede").
const MIN_PART: usize = 3;
/// Three parts ("schuld-hulp-verlening") is as deep as residents go.
const MAX_DEPTH: usize = 2;

/// Prefixes and suffixes that look like words but never are a part:
/// "ver-warming" is not "far warming", "veilig-heid" has no "heid" (heath).
const NOT_MODIFIERS: &[&str] = &["be", "er", "ge", "her", "on", "ont", "te", "ver"];
const NOT_HEADS: &[&str] = &[
    "achtig", "baar", "dom", "heid", "ing", "lijk", "loos", "nis", "schap", "tje", "zaam",
];

/// Frequent parts of compounds in what residents write about their town
/// and their lives; general Dutch, not any one round's words. The concept
/// list's words are known parts as well.
const LEXICON: &str = "
    aanvraag activiteit advies afspraak afval arts auto bak bank bed bedrag bedrijf
    begeleiding beleid bewoner bewijs bijdrage bijstand blok boek boete boom bord bos
    brief brug buurt bus club contact contract cursus dag dak deur dienst dier diploma
    dokter dorp eten fiets fonds formulier geld gebouw gemeente gesprek gezin gezondheid
    gras groep grond hal hond huis huur hulp inkomen kaart kamer kamp kantoor kast kind
    klas kleding koffie kost kracht land leerling leven les licht lijst loket lucht markt
    medewerker middel moeder muziek ouder pakket pad park parkeer partij pas plaats plan
    plek plein post premie prijs project rekening regel regeling reis rente risico ruimte
    school schuld speel spel sport stad station straat stroom tafel taal tijd toeslag
    tuin uur vader verzekering vervoer vlees voedsel voet vrouw vuil water weg werk wijk
    winkel woning zak zorg zwem
";

/// The lexicon's parts and the concept words, as stems.
pub fn lexicon() -> &'static HashSet<String> {
    static KNOWN: OnceLock<HashSet<String>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        LEXICON
            .split_whitespace()
            .chain(crate::concept::words())
            .map(stem)
            .filter(|s| s.chars().count() >= MIN_PART)
            .collect()
    })
}

/// One part of a compound: as written inside it, and its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub word: String,
    pub stem: String,
}

/// The parts of a compound word when every part is known (`known` holds
/// stems): "schoolkosten" → "school", "kosten". Empty when the word is not
/// a compound of known words.
pub fn parts(word: &str, known: &dyn Fn(&str) -> bool) -> Vec<Part> {
    let chars: Vec<char> = word.chars().collect();
    let mut splitter = Splitter {
        head_stems: vec![None; chars.len()],
        chars,
        known,
    };
    splitter
        .split(0, MAX_DEPTH)
        .filter(|parts| parts.len() > 1)
        .unwrap_or_default()
}

struct Splitter<'a> {
    chars: Vec<char>,
    known: &'a dyn Fn(&str) -> bool,
    /// The stem of the word from each place on: every depth of splitting
    /// asks for the same tails, and stemming is the costly part.
    head_stems: Vec<Option<String>>,
}

impl Splitter<'_> {
    fn head_stem(&mut self, from: usize) -> &str {
        let chars = &self.chars;
        self.head_stems[from].get_or_insert_with(|| stem(&chars[from..].iter().collect::<String>()))
    }

    /// The tail from `from` on: whole if it is known, else split further;
    /// the longest known head first, as Dutch compounds put the meaning
    /// last, and a longer head is less likely an accident.
    fn split(&mut self, from: usize, depth: usize) -> Option<Vec<Part>> {
        let end = self.chars.len();
        if end - from < 2 * MIN_PART {
            return None;
        }
        for at in from + MIN_PART..=end - MIN_PART {
            let head: String = self.chars[at..].iter().collect();
            if NOT_HEADS.contains(&head.as_str()) {
                continue;
            }
            let known = self.known;
            let head_stem = self.head_stem(at).to_owned();
            let heads = if is_part(&head, &head_stem, known) {
                vec![Part {
                    word: head,
                    stem: head_stem,
                }]
            } else if depth > 1 {
                match self.split(at, depth - 1) {
                    Some(parts) => parts,
                    None => continue,
                }
            } else {
                continue;
            };
            let modifier: String = self.chars[from..at].iter().collect();
            if let Some(modifier) = known_modifier(&modifier, known) {
                let mut parts = vec![modifier];
                parts.extend(heads);
                return Some(parts);
            }
        }
        None
    }
}

/// A known word long enough to be a part: three letters only when the
/// lexicon has it ("les", "pad", "bus"), as a round's short stems are too
/// often pieces of other words ("len" of "lenen" in "spellen").
fn is_part(word: &str, stem: &str, known: &dyn Fn(&str) -> bool) -> bool {
    match word.chars().count() {
        ..MIN_PART => false,
        MIN_PART => lexicon().contains(stem),
        _ => stem.chars().count() >= MIN_PART && known(stem),
    }
}

fn known_modifier(modifier: &str, known: &dyn Fn(&str) -> bool) -> Option<Part> {
    LINKS.iter().find_map(|link| {
        let bare = modifier.strip_suffix(link)?;
        if bare.chars().count() < MIN_PART || NOT_MODIFIERS.contains(&bare) {
            return None;
        }
        let bare_stem = stem(bare);
        is_part(bare, &bare_stem, known).then(|| Part {
            word: bare.to_owned(),
            stem: bare_stem,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(parts: Vec<Part>) -> Vec<String> {
        parts.into_iter().map(|p| p.stem).collect()
    }

    fn known(words: &[&str]) -> impl Fn(&str) -> bool {
        let stems: HashSet<String> = words.iter().map(|w| stem(w)).collect();
        move |s: &str| stems.contains(s)
    }

    #[test]
    fn compounds_split_into_known_words() {
        let known = known(&["school", "kosten", "zwemmen", "les", "kind", "opvang"]);
        assert_eq!(
            stems(parts("schoolkosten", &known)),
            [stem("school"), stem("kosten")]
        );
        assert_eq!(
            stems(parts("zwemles", &known)),
            [stem("zwemmen"), stem("les")]
        );
        assert_eq!(
            stems(parts("kinderopvang", &known)),
            [stem("kind"), stem("opvang")]
        );
        assert!(parts("armoede", &known).is_empty());
        assert!(parts("school", &known).is_empty());
    }

    #[test]
    fn linking_s_and_three_parts() {
        let known = known(&["leven", "middel", "schuld", "hulp", "verlening"]);
        assert_eq!(
            stems(parts("levensmiddelen", &known)),
            [stem("leven"), stem("middel")]
        );
        assert_eq!(
            stems(parts("schuldhulpverlening", &known)),
            [stem("schuld"), stem("hulp"), stem("verlening")]
        );
    }

    #[test]
    fn prefixes_and_suffixes_are_not_parts() {
        let known = known(&["warming", "veilig", "heide", "stand"]);
        assert!(parts("verwarming", &known).is_empty());
        assert!(parts("veiligheid", &known).is_empty());
        assert!(parts("bijstand", &known).is_empty(), "bij is a stopword");
    }

    #[test]
    fn the_lexicon_knows_frequent_parts() {
        let known = |s: &str| lexicon().contains(s);
        assert_eq!(
            stems(parts("energierekening", &known)),
            [stem("energie"), stem("rekening")]
        );
        assert_eq!(
            stems(parts("speeltuin", &known)),
            [stem("spelen"), stem("tuin")]
        );
    }
}
