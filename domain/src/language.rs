//! The interface languages and how a visitor's language is chosen.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Dutch is the default: Trechter is for Dutch municipalities.
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The visitor's language: an explicit earlier choice wins, then the
    /// browser's `Accept-Language`, then Dutch.
    pub fn choose(remembered: Option<&str>, accept_language: Option<&str>) -> Lang {
        remembered
            .and_then(Lang::from_code)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }

    /// The supported language the browser prefers most, honouring q-values
    /// ("en-GB;q=0.8, nl;q=0.9" gives Dutch).
    fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_without_any_signal() {
        assert_eq!(Lang::choose(None, None), Lang::Nl);
        assert_eq!(Lang::choose(None, Some("")), Lang::Nl);
        assert_eq!(Lang::choose(None, Some("de-DE, fr")), Lang::Nl);
    }

    #[test]
    fn accept_language_with_q_values() {
        assert_eq!(Lang::choose(None, Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::choose(None, Some("en-GB;q=0.8, nl;q=0.9")), Lang::Nl);
        assert_eq!(Lang::choose(None, Some("de, en;q=0.5")), Lang::En);
        assert_eq!(Lang::choose(None, Some("en;q=0")), Lang::Nl);
        assert_eq!(Lang::choose(None, Some("nl-BE, en")), Lang::Nl);
    }

    #[test]
    fn an_explicit_choice_wins() {
        assert_eq!(Lang::choose(Some("en"), Some("nl")), Lang::En);
        assert_eq!(Lang::choose(Some("nl"), Some("en")), Lang::Nl);
        // A tampered cookie falls back to the browser's wish.
        assert_eq!(Lang::choose(Some("xx"), Some("en")), Lang::En);
    }
}
