//! Moderation: why anyone may flag an idea, and the reasons moderators
//! give, which the public sees.

use crate::idea::{IdeaText, TextError, clean_text};
use serde::{Deserialize, Serialize};

/// A moderator's reason, shown to the public next to a hidden idea.
pub const MIN_REASON_CHARS: usize = 3;
pub const MAX_REASON_CHARS: usize = 300;
/// A flagger's own words next to the chosen reason.
pub const MAX_NOTE_CHARS: usize = 300;

/// Why someone flags an idea. A short list a resident can choose from;
/// "other" with a note for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagReason {
    PersonalData,
    Hurtful,
    Advertising,
    OffTopic,
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 5] = [
        FlagReason::PersonalData,
        FlagReason::Hurtful,
        FlagReason::Advertising,
        FlagReason::OffTopic,
        FlagReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FlagReason::PersonalData => "personal_data",
            FlagReason::Hurtful => "hurtful",
            FlagReason::Advertising => "advertising",
            FlagReason::OffTopic => "off_topic",
            FlagReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<FlagReason> {
        FlagReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Every error code of this module, for the translation files.
pub const FLAG_ERROR_CODES: &[&str] = &["reason_missing", "note_missing", "note_invalid"];
pub const MODERATOR_ERROR_CODES: &[&str] =
    &["reason_invalid", "redaction_invalid", "redaction_unchanged"];
/// What the moderation log records.
pub const LOG_ACTIONS: &[&str] = &["approve", "hide", "restore", "redact", "merge", "retag"];

/// A checked flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub reason: FlagReason,
    pub note: Option<String>,
}

/// Checks a flag: a known reason, and a note when the reason is "other".
/// Returns the translation key's last part on error.
pub fn flag(reason: Option<&str>, note: &str) -> Result<Flag, &'static str> {
    let reason = reason
        .and_then(FlagReason::from_code)
        .ok_or("reason_missing")?;
    let note = match clean_text(note, 3, MAX_NOTE_CHARS) {
        Ok(note) => Some(note),
        Err(TextError::Empty) if reason != FlagReason::Other => None,
        Err(TextError::Empty) => return Err("note_missing"),
        Err(_) => return Err("note_invalid"),
    };
    Ok(Flag { reason, note })
}

/// A moderator's public reason, cleaned.
pub fn reason(raw: &str) -> Result<String, &'static str> {
    clean_text(raw, MIN_REASON_CHARS, MAX_REASON_CHARS).map_err(|_| "reason_invalid")
}

/// A redacted text must still be an idea and must differ from the original:
/// redacting takes something out, it does not rewrite the idea.
pub fn redaction(original: &str, redacted: &str) -> Result<IdeaText, &'static str> {
    let text = IdeaText::parse(redacted).map_err(|_| "redaction_invalid")?;
    if crate::idea::fingerprint(text.as_str()) == crate::idea::fingerprint(original) {
        return Err("redaction_unchanged");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_needs_a_known_reason() {
        assert_eq!(flag(None, ""), Err("reason_missing"));
        assert_eq!(flag(Some("boring"), ""), Err("reason_missing"));
        assert_eq!(
            flag(Some("hurtful"), " "),
            Ok(Flag {
                reason: FlagReason::Hurtful,
                note: None
            })
        );
    }

    #[test]
    fn other_needs_a_note() {
        assert_eq!(flag(Some("other"), ""), Err("note_missing"));
        assert_eq!(
            flag(Some("other"), " dubbel geplaatst ")
                .unwrap()
                .note
                .as_deref(),
            Some("dubbel geplaatst")
        );
        assert_eq!(
            flag(Some("other"), &"x".repeat(MAX_NOTE_CHARS + 1)),
            Err("note_invalid")
        );
    }

    #[test]
    fn reasons_are_cleaned_and_bounded() {
        assert_eq!(
            reason("  bevat een naam  ").as_deref(),
            Ok("bevat een naam")
        );
        assert_eq!(reason("ok"), Err("reason_invalid"));
        assert_eq!(
            reason(&"x".repeat(MAX_REASON_CHARS + 1)),
            Err("reason_invalid")
        );
        assert_eq!(reason("bevat\u{0007}bel"), Err("reason_invalid"));
    }

    #[test]
    fn a_redaction_must_change_the_text() {
        let original = "Mijn buurman Piet Jansen van nummer 12 heeft ook schulden.";
        assert_eq!(
            redaction(
                original,
                "  mijn buurman PIET JANSEN van nummer 12 heeft ook schulden. "
            ),
            Err("redaction_unchanged")
        );
        assert_eq!(redaction(original, "kort"), Err("redaction_invalid"));
        assert!(
            redaction(
                original,
                "Mijn buurman [naam weggehaald] heeft ook schulden."
            )
            .is_ok()
        );
    }
}
