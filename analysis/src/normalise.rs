//! Dutch normalisation: from a resident's text to the words that say what
//! it is about, each with its stem. Folds case and diacritics, expands
//! informal writing ("gwn", "ipv"), drops numbers, stopwords and the filler
//! words of every wish ("ik wil graag dat …"), and stems with Snowball.
//!
//! Full-text search uses the narrower [`search_stems`]: its stems are
//! stored in the databases, so they must not change with tuning here.

use crate::stopwords;
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

/// The runs of letters and digits of a text, lower case, as written.
fn runs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_lowercase)
}

/// The words of a text, folded: lower case, diacritics removed ("één" →
/// "een", "ruïne" → "ruine"), split on anything that is not a letter or
/// digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    runs(text).map(|w| fold(&w))
}

pub(crate) fn fold(word: &str) -> String {
    // Most words are plain ASCII: nothing to decompose.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
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

fn singular(word: &str) -> &str {
    match IRREGULAR_PLURALS.binary_search_by(|(plural, _)| plural.cmp(&word)) {
        Ok(i) => IRREGULAR_PLURALS[i].1,
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

/// The stem full-text search stores: Snowball's, with the irregular
/// plurals and final double consonants evened out.
pub(crate) fn search_stem(word: &str) -> String {
    undouble(stemmer().stem(singular(word)).into_owned())
}

/// The stems of a text's meaningful words for full-text search, in order.
pub(crate) fn search_stems(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !stopwords::is_stopword(w))
        .map(|w| search_stem(&w))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The stem similarity compares by: the search stem with a final "d"
/// written as "t". Dutch pronounces them alike at the end of a word, so
/// writers mix them up more than any other letters ("hij vind" /
/// "vindt", "gebeurd" / "gebeurt", "fietspat"); a rare pair of words that
/// differ only there ("hard", "hart") is the price.
pub fn stem(word: &str) -> String {
    let mut stem = search_stem(word);
    if stem.ends_with("dt") {
        stem.truncate(stem.len() - 2);
        stem.push('t');
    } else if stem.ends_with('d') {
        stem.pop();
        stem.push('t');
    }
    stem
}

/// Informal and abbreviated writing, as residents type it in chat and
/// notes, with what it stands for. Kept to common Dutch, not to one round.
const INFORMAL: &[(&str, &str)] = &[
    ("aub", "alstublieft"),
    ("bijv", "bijvoorbeeld"),
    ("bv", "bijvoorbeeld"),
    ("dr", "er"),
    ("egt", "echt"),
    ("es", "eens"),
    ("ff", "even"),
    ("gwn", "gewoon"),
    ("idd", "inderdaad"),
    ("ipv", "in plaats van"),
    ("kids", "kinderen"),
    ("mn", "mijn"),
    ("mss", "misschien"),
    ("nie", "niet"),
    ("niks", "niets"),
    ("nml", "namelijk"),
    ("svp", "alstublieft"),
    ("tis", "het is"),
    ("tog", "toch"),
    ("vd", "van de"),
    ("w8", "wacht"),
    ("wrm", "waarom"),
    ("wss", "waarschijnlijk"),
    ("zn", "zijn"),
];

fn informal(word: &str) -> Option<&'static str> {
    INFORMAL
        .binary_search_by(|(short, _)| short.cmp(&word))
        .ok()
        .map(|i| INFORMAL[i].1)
}

/// The text as a sentence model reads it best: informal words written
/// out ("gwn" → "gewoon", "ipv" → "in plaats van") and a run of "!" or
/// "?" as one. The model learnt from written text, so chat shorthand is
/// noise to it; on the labelled sets this puts one more duplicate's
/// original first and finds one more duplicate pair (`analysis-eval`).
pub fn written_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut last = None;
    for c in text.chars().chain(std::iter::once('\n')) {
        if c.is_alphanumeric() {
            word.push(c);
            last = Some(c);
            continue;
        }
        if !word.is_empty() {
            out.push_str(informal(&word.to_lowercase()).unwrap_or(&word));
            word.clear();
        }
        if matches!(c, '!' | '?') && last == Some(c) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out.pop();
    out
}

/// Words that fill a sentence without saying what it is about: beyond
/// Snowball's list, the words of wishes, proposals and complaints that
/// every idea shares ("ik wil graag dat er eindelijk eens iets gebeurt").
/// Words that carry a topic ("gratis", "hulp", "geld") are not here.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "achter", "af", "alleen", "alstublieft", "beetje", "best", "beter", "bijna", "bijvoorbeeld",
    "boven", "daardoor", "daarom", "daarvoor", "dingen", "doe", "dus", "echt", "eigenlijk",
    "eindelijk", "elk", "elke", "erg", "even", "gaan", "gaat", "gebeuren", "gebeurt", "gewoon",
    "graag", "heel", "helemaal", "hoeft", "hoeven", "hoop", "ieder", "iedere", "iedereen",
    "inderdaad", "jullie", "keer", "komen", "komt", "kun", "kunt", "laat", "langs", "laten",
    "lijkt", "maak", "maakt", "mag", "maken", "misschien", "moeten", "mogen", "naast", "namelijk",
    "nodig", "nooit", "nou", "ok", "oke", "onze", "organiseer", "organiseren", "pas", "plaats",
    "rond", "rondom", "sinds", "steeds", "terwijl", "tijdens", "toe", "tussen", "vanaf", "via",
    "vind", "vinden", "vindt", "vooral", "waar", "waarom", "waarschijnlijk", "we", "weer", "wel",
    "wij", "willen", "zeg", "zeggen", "zeker", "zien", "zijn", "zoals", "zodat", "zou", "zouden",
    "zoveel", "zullen",
];

fn is_filler(word: &str) -> bool {
    FILLERS.binary_search(&word).is_ok()
}

/// One meaningful word of a text: as written (lower case, for titles),
/// folded, and its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub surface: String,
    pub word: String,
}

/// The meaningful words of a text, in order, before stemming (callers
/// stem each distinct word once).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for surface in apostrophe_runs(text) {
        let word = fold(&surface.replace(is_apostrophe, ""));
        match informal(&word) {
            Some(expanded) => tokens.extend(expanded.split(' ').map(|w| Token {
                surface: w.to_owned(),
                word: w.to_owned(),
            })),
            None => tokens.push(Token { surface, word }),
        }
    }
    tokens.retain(|t| is_meaningful(&t.word));
    tokens
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Like [`runs`], but an apostrophe inside a word joins it, as Dutch
/// writes plurals and short forms with one: "zzp'ers", "auto's", "m'n"
/// are one word, not a word and a stray "ers".
fn apostrophe_runs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .map(|w| w.trim_matches(is_apostrophe))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_lowercase)
}

/// Two-letter words that say what an idea is about; the others are
/// particles and short forms ("af", "op", "zo").
const SHORT_WORDS: &[&str] = &["ov", "pc", "tv", "wc", "ww"];

/// Numbers say little about a theme ("40 euro", "groep 6") but would
/// match ideas on a number alone; one letter is an initial or a typo.
fn is_meaningful(word: &str) -> bool {
    let length = word.chars().count();
    (length > 2 || (length == 2 && SHORT_WORDS.contains(&word)))
        && !word.chars().any(|c| c.is_ascii_digit())
        && !stopwords::is_stopword(word)
        && !is_filler(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems_of(text: &str) -> Vec<String> {
        tokens(text).iter().map(|t| stem(&t.word)).collect()
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(IRREGULAR_PLURALS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(INFORMAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FILLERS.windows(2).all(|w| w[0] < w[1]));
        assert!(SHORT_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_sentence_model_reads_informal_words_written_out() {
        assert_eq!(
            written_out("Gwn ff geld ipv bonnen!!!"),
            "gewoon even geld in plaats van bonnen!"
        );
        assert_eq!(written_out("Waarom?? Nu!?"), "Waarom? Nu!?");
        assert_eq!(written_out("ja!nee!"), "ja!nee!");
        assert_eq!(
            written_out("Geen afkorting, één zin."),
            "Geen afkorting, één zin."
        );
        assert_eq!(written_out(""), "");
    }

    #[test]
    fn informal_writing_fillers_and_numbers_fall_away() {
        assert_eq!(
            stems_of("ff gwn geld voor de kids!!"),
            stems_of("geld kinderen")
        );
        assert_eq!(
            stems_of("Ik wil graag dat er echt iets gebeurt"),
            Vec::<String>::new()
        );
        assert_eq!(stems_of("ipv 40 euro"), stems_of("euro"));
        assert_eq!(stems_of("ipv"), Vec::<String>::new());
        assert_eq!(stems_of("m'n zzp'ers"), stems_of("zzpers"));
        assert_eq!(stems_of("af en toe met het ov"), stems_of("ov"));
    }

    #[test]
    fn titles_keep_the_words_as_written() {
        let found = tokens("Één Café, auto's");
        assert_eq!(found[0].surface, "café");
        assert_eq!(found[0].word, "cafe");
        assert_eq!(found[1].surface, "auto's");
        assert_eq!(found[1].word, "autos");
    }

    #[test]
    fn d_and_t_endings_are_one_stem() {
        assert_eq!(stem("vindt"), stem("vind"));
        assert_eq!(stem("gebeurd"), stem("gebeurt"));
        assert_eq!(stem("verhuurd"), stem("verhuurt"));
        assert_eq!(stem("fietspat"), stem("fietspad"));
        // The same in a compound as alone, so compounds split alike.
        assert!(stem("fietspad").ends_with(&stem("pad")));
    }
}
