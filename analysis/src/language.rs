//! Which language a text is in, roughly. Sentence embeddings say it as
//! loudly as what the text is about, and words are never shared across
//! languages: both comparisons need to know.

/// A rough guess at a text's language, from its script and a few of its
/// letters and words: enough to keep language apart from meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Language {
    Arabic,
    Ethiopic,
    Turkish,
    Polish,
    English,
    /// Dutch, or any other Latin-script language.
    Latin,
}

impl Language {
    pub(crate) fn guess(text: &str) -> Language {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        // Most of its letters: an Arabic name in a Dutch idea keeps it Dutch.
        let mostly = |range: std::ops::RangeInclusive<char>| {
            2 * text.chars().filter(|c| range.contains(c)).count() > letters
        };
        if mostly('\u{0600}'..='\u{06FF}') {
            return Language::Arabic;
        }
        if mostly('\u{1200}'..='\u{137F}') {
            return Language::Ethiopic;
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        let said = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        // A Dutch idea may name Ayşe or Łukasz: Dutch words keep it Dutch.
        // Not "de" or "en" here: Turkish has them too.
        if said(&["het", "een", "van", "ik", "niet", "voor", "wij"]) {
            return Language::Latin;
        }
        if text
            .chars()
            .any(|c| matches!(c, 'ı' | 'ş' | 'ğ' | 'Ş' | 'Ğ' | 'İ'))
        {
            return Language::Turkish;
        }
        if text.chars().any(|c| {
            matches!(
                c,
                'ą' | 'ę' | 'ł' | 'ś' | 'ż' | 'ź' | 'ć' | 'ń' | 'Ł' | 'Ż' | 'Ś'
            )
        }) {
            return Language::Polish;
        }
        // Not "is", "we" or "of": Dutch has them too.
        let english = said(&[
            "the", "and", "for", "to", "are", "with", "should", "would", "there", "people", "our",
        ]);
        if english && !said(&["de", "en"]) {
            Language::English
        } else {
            Language::Latin
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_guessed_from_script_letters_and_words() {
        assert_eq!(Language::guess("أراجيح!"), Language::Arabic);
        assert_eq!(Language::guess("ድሕንነት"), Language::Ethiopic);
        assert_eq!(Language::guess("yaya geçidi için ışık"), Language::Turkish);
        assert_eq!(
            Language::guess("ben de en çok parkı seviyorum"),
            Language::Turkish
        );
        assert_eq!(
            Language::guess("mniej betonu więcej roślin"),
            Language::Polish
        );
        assert_eq!(
            Language::guess("Green roofs on the flats"),
            Language::English
        );
        assert_eq!(Language::guess("Groene daken op de flats"), Language::Latin);
        // An English word in a Dutch sentence keeps it Dutch.
        assert_eq!(Language::guess("de skatebaan is for kids"), Language::Latin);
        // Words both languages have keep a Dutch text Dutch, and so do
        // names from elsewhere.
        assert_eq!(
            Language::guess("Ayşe en ik willen een speeltuin"),
            Language::Latin
        );
        assert_eq!(Language::guess("de moskee (مسجد) is open"), Language::Latin);
        assert_eq!(
            Language::guess("werk is fijn, we willen meer"),
            Language::Latin
        );
    }
}
