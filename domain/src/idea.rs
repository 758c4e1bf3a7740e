//! What makes a valid idea: the text rules and the checks of an idea form
//! against the round it is sent to.

use crate::{LifeDomain, Phase, PolicyDomain};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Shortest idea, in characters after trimming. Shorter texts ("ok", "ja")
/// carry no idea a funnelling team can work with.
pub const MIN_CHARS: usize = 10;
/// Longest idea, in characters after trimming: about a page, enough for a
/// story, short enough to read on a phone.
pub const MAX_CHARS: usize = 2_000;

/// An idea's text, trimmed, with Unix line endings and in Unicode NFC, so that
/// the same words typed on different devices are stored the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaText(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TextError {
    #[error("text_empty")]
    Empty,
    #[error("text_too_short")]
    TooShort { min: usize, actual: usize },
    #[error("text_too_long")]
    TooLong { max: usize, actual: usize },
    #[error("text_control_characters")]
    ControlCharacters,
}

impl IdeaText {
    pub fn parse(raw: &str) -> Result<IdeaText, TextError> {
        clean_text(raw, MIN_CHARS, MAX_CHARS).map(IdeaText)
    }

    /// A text already cleaned by [`clean_text`] under other length rules
    /// (a child's dream may be one word).
    pub(crate) fn from_cleaned(text: String) -> IdeaText {
        IdeaText(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// A fingerprint that is equal for texts that differ only in case and
    /// spacing, so one participant sending the same idea twice saves it once.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.0)
    }
}

/// Trims a typed text, unifies its line endings and Unicode form, and checks
/// its length in characters and that it holds nothing that could disguise it.
/// Every free text a resident types goes through here.
pub fn clean_text(raw: &str, min: usize, max: usize) -> Result<String, TextError> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let normalised: String = unified.nfc().collect();
    let text = normalised.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().any(is_forbidden_char) {
        return Err(TextError::ControlCharacters);
    }
    let actual = text.chars().count();
    if actual < min {
        return Err(TextError::TooShort { min, actual });
    }
    if actual > max {
        return Err(TextError::TooLong { max, actual });
    }
    Ok(text.to_owned())
}

/// A cleaned optional or required text, or the code of what is wrong.
pub(crate) fn field_text(
    raw: &str,
    min: usize,
    max: usize,
    required: bool,
) -> Result<Option<String>, &'static str> {
    match clean_text(raw, min, max) {
        Ok(text) => Ok(Some(text)),
        Err(TextError::Empty) if !required => Ok(None),
        Err(TextError::Empty) => Err("missing"),
        Err(TextError::TooShort { .. }) => Err("too_short"),
        Err(TextError::TooLong { .. }) => Err("too_long"),
        Err(TextError::ControlCharacters) => Err("unreadable"),
    }
}

/// The lines of a list typed into a text area, whatever ended them: "\r\n",
/// "\n" or a lone "\r". `str::lines` keeps a lone "\r" inside a line, where
/// [`clean_text`] turns it into a line break: one item would hold two.
pub(crate) fn typed_lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// A fingerprint that is equal for texts that differ only in case and
/// spacing.
pub fn fingerprint(text: &str) -> String {
    let folded = text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    hex(&Sha256::digest(folded.as_bytes()))
}

/// Control characters other than newline and tab, and the bidirectional
/// overrides that can make a text display differently from what it says.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields of the idea form, as typed. Optional selects arrive as empty
/// strings when nothing is chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaInput {
    pub text: String,
    pub question: Option<String>,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub neighbourhood: Option<String>,
    pub lived_experience: bool,
}

/// What the round allows, as far as the form is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundRules {
    pub phase: Phase,
    pub question_ids: Vec<i64>,
    pub neighbourhood_ids: Vec<i64>,
}

/// A checked idea, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaDraft {
    pub text: IdeaText,
    pub question_id: i64,
    pub life_domain: Option<LifeDomain>,
    pub policy_domain: Option<PolicyDomain>,
    pub neighbourhood_id: Option<i64>,
    pub lived_experience: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdeaField {
    Text,
    Question,
    LifeDomain,
    PolicyDomain,
    Neighbourhood,
}

/// Why a field was refused. `code()` is stable and used as translation key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Text(TextError),
    QuestionMissing,
    QuestionUnknown,
    LifeDomainUnknown,
    PolicyDomainUnknown,
    NeighbourhoodUnknown,
}

impl FieldError {
    pub fn code(self) -> &'static str {
        match self {
            FieldError::Text(TextError::Empty) => "text_empty",
            FieldError::Text(TextError::TooShort { .. }) => "text_too_short",
            FieldError::Text(TextError::TooLong { .. }) => "text_too_long",
            FieldError::Text(TextError::ControlCharacters) => "text_control_characters",
            FieldError::QuestionMissing => "question_missing",
            FieldError::QuestionUnknown => "question_unknown",
            FieldError::LifeDomainUnknown => "life_domain_unknown",
            FieldError::PolicyDomainUnknown => "policy_domain_unknown",
            FieldError::NeighbourhoodUnknown => "neighbourhood_unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdeaRejection {
    /// The round does not take ideas now; no field can fix that.
    NotCollecting(Phase),
    /// One error per field that is wrong, in form order.
    Fields(Vec<(IdeaField, FieldError)>),
}

impl IdeaInput {
    /// Checks the form against the round. All field errors are reported at
    /// once, so a resident fixes everything in one go.
    pub fn validate(&self, rules: &RoundRules) -> Result<IdeaDraft, IdeaRejection> {
        if !rules.phase.accepts_ideas() {
            return Err(IdeaRejection::NotCollecting(rules.phase));
        }
        let mut errors = Vec::new();

        let text = IdeaText::parse(&self.text)
            .map_err(|e| errors.push((IdeaField::Text, FieldError::Text(e))))
            .ok();

        let question_id = match (non_empty(&self.question), rules.question_ids.as_slice()) {
            (None, [only]) => Some(*only),
            (None, _) => {
                errors.push((IdeaField::Question, FieldError::QuestionMissing));
                None
            }
            (Some(raw), ids) => match raw.parse::<i64>() {
                Ok(id) if ids.contains(&id) => Some(id),
                _ => {
                    errors.push((IdeaField::Question, FieldError::QuestionUnknown));
                    None
                }
            },
        };

        let life_domain = match non_empty(&self.life_domain) {
            None => None,
            Some(raw) => {
                let parsed = LifeDomain::from_code(raw);
                if parsed.is_none() {
                    errors.push((IdeaField::LifeDomain, FieldError::LifeDomainUnknown));
                }
                parsed
            }
        };

        let policy_domain = match non_empty(&self.policy_domain) {
            None => None,
            Some(raw) => {
                let parsed = PolicyDomain::from_code(raw);
                if parsed.is_none() {
                    errors.push((IdeaField::PolicyDomain, FieldError::PolicyDomainUnknown));
                }
                parsed
            }
        };

        let neighbourhood_id = match non_empty(&self.neighbourhood) {
            None => None,
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if rules.neighbourhood_ids.contains(&id) => Some(id),
                _ => {
                    errors.push((IdeaField::Neighbourhood, FieldError::NeighbourhoodUnknown));
                    None
                }
            },
        };

        match (text, question_id) {
            (Some(text), Some(question_id)) if errors.is_empty() => Ok(IdeaDraft {
                text,
                question_id,
                life_domain,
                policy_domain,
                neighbourhood_id,
                lived_experience: self.lived_experience,
            }),
            _ => Err(IdeaRejection::Fields(errors)),
        }
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(questions: &[i64]) -> RoundRules {
        RoundRules {
            phase: Phase::Collecting,
            question_ids: questions.to_vec(),
            neighbourhood_ids: vec![7, 8],
        }
    }

    fn input(text: &str) -> IdeaInput {
        IdeaInput {
            text: text.into(),
            ..IdeaInput::default()
        }
    }

    fn field_errors(result: Result<IdeaDraft, IdeaRejection>) -> Vec<(IdeaField, FieldError)> {
        match result {
            Err(IdeaRejection::Fields(errors)) => errors,
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn text_is_trimmed_and_unified() {
        let text = IdeaText::parse("  Meer speeltuinen\r\nin de wijk  ").unwrap();
        assert_eq!(text.as_str(), "Meer speeltuinen\nin de wijk");
    }

    #[test]
    fn text_is_stored_in_nfc() {
        // "e" followed by a combining acute accent becomes one "é".
        let text = IdeaText::parse("Cafe\u{301} voor iedereen in de wijk").unwrap();
        assert_eq!(text.as_str(), "Café voor iedereen in de wijk");
    }

    #[test]
    fn empty_and_whitespace_only_are_empty() {
        assert_eq!(IdeaText::parse(""), Err(TextError::Empty));
        assert_eq!(IdeaText::parse(" \n\t  "), Err(TextError::Empty));
    }

    #[test]
    fn length_limits_count_characters_after_trimming() {
        assert_eq!(
            IdeaText::parse("   kort   "),
            Err(TextError::TooShort { min: 10, actual: 4 })
        );
        // Ten characters, some of them multi-byte, is long enough.
        assert!(IdeaText::parse("éééééééééé").is_ok());
        assert!(IdeaText::parse(&"a".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            IdeaText::parse(&format!(" {} ", "a".repeat(MAX_CHARS + 1))),
            Err(TextError::TooLong {
                max: MAX_CHARS,
                actual: MAX_CHARS + 1
            })
        );
    }

    #[test]
    fn control_and_bidi_override_characters_are_refused() {
        assert_eq!(
            IdeaText::parse("Meer groen\u{0007} in de wijk"),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(
            IdeaText::parse("Meer groen \u{202E}kjiw ed ni"),
            Err(TextError::ControlCharacters)
        );
        // Newlines and tabs are how people write; emoji joiners are fine too.
        assert!(IdeaText::parse("Meer groen\n\tin de wijk 👨\u{200D}👩\u{200D}👧").is_ok());
    }

    #[test]
    fn html_is_kept_as_text() {
        let raw = "<script>alert('x')</script> meer bankjes";
        assert_eq!(IdeaText::parse(raw).unwrap().as_str(), raw);
    }

    #[test]
    fn fingerprint_ignores_case_and_spacing() {
        let a = IdeaText::parse("Meer  Speeltuinen in de wijk").unwrap();
        let b = IdeaText::parse("meer speeltuinen\nin de WIJK").unwrap();
        let c = IdeaText::parse("Meer speeltuinen in het dorp").unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn single_question_is_chosen_implicitly() {
        let draft = input("Gratis zwemles voor alle kinderen")
            .validate(&rules(&[3]))
            .unwrap();
        assert_eq!(draft.question_id, 3);
    }

    #[test]
    fn several_questions_need_a_choice() {
        let errors =
            field_errors(input("Gratis zwemles voor alle kinderen").validate(&rules(&[3, 4])));
        assert_eq!(
            errors,
            vec![(IdeaField::Question, FieldError::QuestionMissing)]
        );
    }

    #[test]
    fn unknown_question_domain_and_neighbourhood_are_refused() {
        let form = IdeaInput {
            text: "Gratis zwemles voor alle kinderen".into(),
            question: Some("99".into()),
            life_domain: Some("garden".into()),
            policy_domain: Some("wonen".into()),
            neighbourhood: Some("abc".into()),
            lived_experience: false,
        };
        assert_eq!(
            field_errors(form.validate(&rules(&[3, 4]))),
            vec![
                (IdeaField::Question, FieldError::QuestionUnknown),
                (IdeaField::LifeDomain, FieldError::LifeDomainUnknown),
                (IdeaField::PolicyDomain, FieldError::PolicyDomainUnknown),
                (IdeaField::Neighbourhood, FieldError::NeighbourhoodUnknown),
            ]
        );
    }

    #[test]
    fn all_errors_are_reported_at_once() {
        let form = IdeaInput {
            text: " ".into(),
            neighbourhood: Some("1".into()),
            ..IdeaInput::default()
        };
        let codes: Vec<_> = field_errors(form.validate(&rules(&[3, 4])))
            .into_iter()
            .map(|(_, e)| e.code())
            .collect();
        assert_eq!(
            codes,
            vec!["text_empty", "question_missing", "neighbourhood_unknown"]
        );
    }

    #[test]
    fn a_full_form_becomes_a_draft() {
        let form = IdeaInput {
            text: "  Een plek waar je gratis kunt sporten  ".into(),
            question: Some("4".into()),
            life_domain: Some("leisure".into()),
            policy_domain: Some("health".into()),
            neighbourhood: Some("8".into()),
            lived_experience: true,
        };
        let draft = form.validate(&rules(&[3, 4])).unwrap();
        assert_eq!(draft.text.as_str(), "Een plek waar je gratis kunt sporten");
        assert_eq!(draft.question_id, 4);
        assert_eq!(draft.life_domain, Some(LifeDomain::Leisure));
        assert_eq!(draft.policy_domain, Some(PolicyDomain::Health));
        assert_eq!(draft.neighbourhood_id, Some(8));
        assert!(draft.lived_experience);
    }

    #[test]
    fn empty_selects_mean_not_chosen() {
        let form = IdeaInput {
            text: "Een plek waar je gratis kunt sporten".into(),
            question: Some("3".into()),
            life_domain: Some(String::new()),
            policy_domain: None,
            neighbourhood: Some(" ".into()),
            lived_experience: false,
        };
        let draft = form.validate(&rules(&[3])).unwrap();
        assert_eq!((draft.life_domain, draft.neighbourhood_id), (None, None));
    }

    #[test]
    fn rounds_outside_collecting_refuse_before_looking_at_fields() {
        for phase in Phase::ALL.into_iter().filter(|p| !p.accepts_ideas()) {
            let mut r = rules(&[3]);
            r.phase = phase;
            assert_eq!(
                input("").validate(&r),
                Err(IdeaRejection::NotCollecting(phase))
            );
        }
    }
}
