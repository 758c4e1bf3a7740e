//! Readable web addresses made from titles: "Armoedevrij 2040" becomes
//! `armoedevrij-2040`, short enough for a poster.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest slug made from a title, before any "-2" to make it unique.
pub const MAX_CHARS: usize = 60;

/// Lower case ASCII letters and digits joined by single hyphens; accents
/// dropped ("één" → "een"), everything else a separator; long titles cut
/// after a whole word. Empty when the title has no letters or digits.
pub fn from_title(title: &str) -> String {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in title.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_hyphen = true;
        }
    }
    if slug.len() > MAX_CHARS {
        // Cut at a word boundary when there is one.
        slug.truncate(MAX_CHARS + 1);
        match slug.rfind('-') {
            Some(at) => slug.truncate(at),
            None => slug.truncate(MAX_CHARS),
        }
    }
    slug
}

/// `base` if it is free, else the first of `base-2`, `base-3`… that is.
/// `taken` holds the slugs in use that start with `base`.
pub fn first_free(base: &str, taken: &[String]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_short_readable_addresses() {
        assert_eq!(from_title("Armoedevrij 2040"), "armoedevrij-2040");
        assert_eq!(from_title("  Wat is nú nodig?  "), "wat-is-nu-nodig");
        assert_eq!(from_title("Één gezin, één plan"), "een-gezin-een-plan");
        assert_eq!(from_title("Kinderen & jongeren"), "kinderen-jongeren");
        assert_eq!(from_title("’s Avonds op straat"), "s-avonds-op-straat");
        assert_eq!(from_title("<script>"), "script");
        assert_eq!(from_title("!!!"), "");
        assert_eq!(from_title("€ 😀"), "");
    }

    #[test]
    fn long_titles_are_cut_without_a_trailing_hyphen() {
        let slug = from_title(&"woord ".repeat(30));
        assert!(slug.len() <= MAX_CHARS, "{slug}");
        assert!(!slug.ends_with('-'));
        assert!(slug.ends_with("-woord"), "{slug}");
        assert_eq!(from_title(&"x".repeat(100)).len(), MAX_CHARS);
    }

    #[test]
    fn taken_slugs_get_a_number() {
        let taken = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(first_free("ronde", &taken(&[])), "ronde");
        assert_eq!(first_free("ronde", &taken(&["ronde-2"])), "ronde");
        assert_eq!(
            first_free("ronde", &taken(&["ronde", "ronde-3"])),
            "ronde-2"
        );
        assert_eq!(
            first_free("ronde", &taken(&["ronde", "ronde-2", "ronde-3"])),
            "ronde-4"
        );
    }
}
