//! Children's dreams: "Als ik later groot ben…". A child says what they want
//! to do or become, and what they need for that. No account, no parents, no
//! long form: only the age group is required besides the dream itself, so
//! staff can hear the youngest apart from teenagers.

use crate::idea::{IdeaDraft, IdeaText, field_text as text};
use serde::{Deserialize, Serialize};

/// Shortest dream: "dokter" is a whole dream.
pub const MIN_CHARS: usize = 2;
/// Longest dream or need: a few sentences, no essays.
pub const MAX_CHARS: usize = 300;
/// A first name, not a full name: long enough for "Jan-Willem".
pub const MAX_NAME_CHARS: usize = 30;
/// Enough for "juf Anne, groep 6 van De Esrein" or a phone number.
pub const MAX_CONTACT_CHARS: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeGroup {
    Young,
    Middle,
    Teen,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 3] = [AgeGroup::Young, AgeGroup::Middle, AgeGroup::Teen];

    /// Stored and shown as is: "4-7", "8-12", "13-17".
    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Young => "4-7",
            AgeGroup::Middle => "8-12",
            AgeGroup::Teen => "13-17",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeGroup> {
        AgeGroup::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// The dream form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DreamInput {
    pub wish: String,
    pub need: String,
    pub age_group: Option<String>,
    pub first_name: String,
    pub wants_contact: bool,
    pub contact: String,
}

/// A checked dream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dream {
    pub wish: String,
    pub need: Option<String>,
    pub age_group: AgeGroup,
    pub first_name: Option<String>,
    /// How to reach the child, only when they asked to talk about it.
    pub contact: Option<String>,
}

impl Dream {
    /// The dream as an idea answering the round's dream question, so it
    /// flows into browsing and clustering like any idea.
    pub fn draft(&self, question_id: i64) -> IdeaDraft {
        IdeaDraft {
            text: IdeaText::from_cleaned(self.wish.clone()),
            question_id,
            life_domain: None,
            policy_domain: None,
            neighbourhood_id: None,
            lived_experience: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DreamField {
    Wish,
    Need,
    AgeGroup,
    FirstName,
    Contact,
}

impl DreamField {
    pub fn name(self) -> &'static str {
        match self {
            DreamField::Wish => "wish",
            DreamField::Need => "need",
            DreamField::AgeGroup => "age_group",
            DreamField::FirstName => "first_name",
            DreamField::Contact => "contact",
        }
    }
}

/// Every `{field}_{code}` a dream's errors can have, for the translation
/// files' completeness test.
pub const ERROR_KEYS: &[&str] = &[
    "wish_missing",
    "wish_too_short",
    "wish_too_long",
    "wish_unreadable",
    "need_too_short",
    "need_too_long",
    "need_unreadable",
    "age_group_missing",
    "age_group_unknown",
    "first_name_invalid",
    "first_name_too_long",
    "first_name_unreadable",
    "contact_missing",
    "contact_too_short",
    "contact_too_long",
    "contact_unreadable",
];

/// One refused field with a stable code: the translation key is
/// `dream.error.{field}_{code}`.
pub type DreamError = (DreamField, &'static str);

impl DreamInput {
    /// Checks every field at once, so a child fixes everything in one go.
    pub fn validate(&self) -> Result<Dream, Vec<DreamError>> {
        let mut errors = Vec::new();
        let wish = text(&self.wish, MIN_CHARS, MAX_CHARS, true)
            .map_err(|code| errors.push((DreamField::Wish, code)))
            .ok()
            .flatten();
        let need = text(&self.need, MIN_CHARS, MAX_CHARS, false)
            .map_err(|code| errors.push((DreamField::Need, code)))
            .ok()
            .flatten();
        let age_group = match self.age_group.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push((DreamField::AgeGroup, "missing"));
                None
            }
            Some(code) => {
                let parsed = AgeGroup::from_code(code);
                if parsed.is_none() {
                    errors.push((DreamField::AgeGroup, "unknown"));
                }
                parsed
            }
        };
        let first_name = match text(&self.first_name, 1, MAX_NAME_CHARS, false) {
            Ok(Some(name)) if !is_first_name(&name) => {
                errors.push((DreamField::FirstName, "invalid"));
                None
            }
            Ok(name) => name,
            Err(code) => {
                errors.push((DreamField::FirstName, code));
                None
            }
        };
        // Without the question ticked, whatever is in the field is dropped:
        // it is not needed, so it is not kept.
        let contact = if self.wants_contact {
            text(&self.contact, 3, MAX_CONTACT_CHARS, true)
                .map_err(|code| errors.push((DreamField::Contact, code)))
                .ok()
                .flatten()
        } else {
            None
        };
        match (wish, age_group) {
            (Some(wish), Some(age_group)) if errors.is_empty() => Ok(Dream {
                wish,
                need,
                age_group,
                first_name,
                contact,
            }),
            _ => Err(errors),
        }
    }
}

/// Letters, with the spaces, hyphens and apostrophes of names like
/// "Anne-Fleur" or "D'Angelo": no digits, no addresses.
fn is_first_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’'))
        && name.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(wish: &str, age: &str) -> DreamInput {
        DreamInput {
            wish: wish.into(),
            age_group: Some(age.into()),
            ..DreamInput::default()
        }
    }

    #[test]
    fn a_short_dream_with_an_age_group_is_enough() {
        let dream = input(" dokter ", "4-7").validate().unwrap();
        assert_eq!(dream.wish, "dokter");
        assert_eq!(dream.age_group, AgeGroup::Young);
        assert_eq!(
            (dream.need, dream.first_name, dream.contact),
            (None, None, None)
        );
    }

    #[test]
    fn all_errors_are_reported_at_once() {
        let form = DreamInput {
            wish: " ".into(),
            need: "x".repeat(MAX_CHARS + 1),
            age_group: Some("18-99".into()),
            first_name: "Sem 2012".into(),
            wants_contact: true,
            contact: String::new(),
        };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![
                (DreamField::Wish, "missing"),
                (DreamField::Need, "too_long"),
                (DreamField::AgeGroup, "unknown"),
                (DreamField::FirstName, "invalid"),
                (DreamField::Contact, "missing"),
            ]
        );
    }

    #[test]
    fn the_age_group_is_required() {
        let form = DreamInput {
            wish: "juf worden".into(),
            ..DreamInput::default()
        };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![(DreamField::AgeGroup, "missing")]
        );
    }

    #[test]
    fn names_are_first_names_only() {
        for ok in ["Sem", "Anne-Fleur", "D'Angelo", "Zoë", "Mohammed Ali"] {
            let form = DreamInput {
                first_name: ok.into(),
                ..input("piloot", "8-12")
            };
            assert_eq!(form.validate().unwrap().first_name.as_deref(), Some(ok));
        }
        for bad in ["sem@school.nl", "06-12345678", "---"] {
            let form = DreamInput {
                first_name: bad.into(),
                ..input("piloot", "8-12")
            };
            assert_eq!(
                form.validate().unwrap_err(),
                vec![(DreamField::FirstName, "invalid")],
                "{bad}"
            );
        }
    }

    #[test]
    fn contact_is_kept_only_when_asked_for() {
        let typed_but_not_asked = DreamInput {
            contact: "juf Anne, groep 6".into(),
            ..input("piloot", "8-12")
        };
        assert_eq!(typed_but_not_asked.validate().unwrap().contact, None);
        let asked = DreamInput {
            wants_contact: true,
            ..typed_but_not_asked
        };
        assert_eq!(
            asked.validate().unwrap().contact.as_deref(),
            Some("juf Anne, groep 6")
        );
    }

    #[test]
    fn every_error_has_a_key() {
        let forms = [
            DreamInput::default(),
            DreamInput {
                wish: "x".into(),
                need: "y".repeat(MAX_CHARS + 1),
                age_group: Some("0".into()),
                first_name: "z".repeat(MAX_NAME_CHARS + 1),
                wants_contact: true,
                contact: "ab".into(),
            },
            DreamInput {
                wish: "a\u{7}".into(),
                need: "\u{7}b".into(),
                first_name: "\u{7}".into(),
                wants_contact: true,
                contact: "c".repeat(MAX_CONTACT_CHARS + 1),
                ..DreamInput::default()
            },
        ];
        for form in forms {
            for (field, code) in form.validate().unwrap_err() {
                let key = format!("{}_{code}", field.name());
                assert!(ERROR_KEYS.contains(&key.as_str()), "{key}");
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for age in AgeGroup::ALL {
            assert_eq!(AgeGroup::from_code(age.code()), Some(age));
        }
    }
}
