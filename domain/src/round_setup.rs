//! What staff type to set up a round: title, introduction, its questions,
//! when it opens and closes, and whether dreams and ideas wait for a
//! moderator. Checked as a whole, so every mistake shows at once.
//!
//! Questions sit in numbered slots. A slot keeps its number when edited, so
//! the ideas that answer a question stay with it; a question that already
//! has ideas cannot be emptied.

use crate::challenge_setup::required_title;
use crate::idea::field_text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 120;
pub const INTRODUCTION_MIN: usize = 10;
pub const INTRODUCTION_MAX: usize = 4_000;
pub const QUESTION_MIN: usize = 10;
pub const QUESTION_MAX: usize = 300;
/// "One or more questions": more than five splits a round's ideas too thin.
pub const QUESTION_SLOTS: usize = 5;

/// The round form as typed. Dates as the browser sends them: `2026-12-31`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInput {
    pub title: String,
    pub introduction: String,
    /// Always [`QUESTION_SLOTS`] long; empty slots are no question.
    pub questions: Vec<String>,
    pub opens_on: String,
    pub closes_on: String,
    pub dreams_open: bool,
    pub premoderated: bool,
    pub dreams_premoderated: bool,
}

impl Default for RoundInput {
    /// A new round's form: what most rounds want.
    fn default() -> RoundInput {
        RoundInput {
            title: String::new(),
            introduction: String::new(),
            questions: vec![String::new(); QUESTION_SLOTS],
            opens_on: String::new(),
            closes_on: String::new(),
            dreams_open: false,
            premoderated: false,
            dreams_premoderated: true,
        }
    }
}

/// A checked round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSetup {
    pub title: String,
    pub introduction: String,
    /// (slot, text), slots counted from 1, in order.
    pub questions: Vec<(usize, String)>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub dreams_open: bool,
    pub premoderated: bool,
    pub dreams_premoderated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundField {
    Title,
    Introduction,
    /// A question's slot, from 1.
    Question(usize),
    OpensOn,
    ClosesOn,
}

impl RoundField {
    /// The form field's name.
    pub fn name(self) -> String {
        match self {
            RoundField::Question(slot) => format!("question_{slot}"),
            other => other.kind().to_owned(),
        }
    }

    /// The name shared by fields of a kind, for translation keys.
    pub fn kind(self) -> &'static str {
        match self {
            RoundField::Title => "title",
            RoundField::Introduction => "introduction",
            RoundField::Question(_) => "question",
            RoundField::OpensOn => "opens_on",
            RoundField::ClosesOn => "closes_on",
        }
    }
}

/// One refused field with a stable code: the translation key is
/// `setup.error.{kind}_{code}`.
pub type RoundError = (RoundField, &'static str);

/// Every `{kind}_{code}` a round's errors can have, for the translation
/// files' completeness test.
pub const ERROR_KEYS: &[&str] = &[
    "title_missing",
    "title_too_short",
    "title_too_long",
    "title_unreadable",
    "title_no_letters",
    "introduction_missing",
    "introduction_too_short",
    "introduction_too_long",
    "introduction_unreadable",
    "question_none",
    "question_too_short",
    "question_too_long",
    "question_unreadable",
    "question_repeated",
    "question_has_ideas",
    "opens_on_missing",
    "opens_on_not_a_date",
    "closes_on_missing",
    "closes_on_not_a_date",
    "closes_on_before_opening",
    "closes_on_in_the_past",
];

/// What the check needs to know besides the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Situation {
    pub today: NaiveDate,
    /// Slots whose question already has ideas.
    pub answered: Vec<usize>,
    /// A new round must not close before today; an old one may have.
    pub new: bool,
}

impl RoundInput {
    pub fn validate(&self, situation: &Situation) -> Result<RoundSetup, Vec<RoundError>> {
        use RoundField::*;
        let mut errors = Vec::new();
        let title = required_title(&self.title, TITLE_MIN, TITLE_MAX)
            .map_err(|code| errors.push((Title, code)))
            .ok();
        let introduction = field_text(&self.introduction, INTRODUCTION_MIN, INTRODUCTION_MAX, true)
            .map_err(|code| errors.push((Introduction, code)))
            .ok()
            .flatten();
        let mut questions: Vec<(usize, String)> = Vec::new();
        for slot in 1..=QUESTION_SLOTS {
            let raw = self.questions.get(slot - 1).map_or("", String::as_str);
            match field_text(raw, QUESTION_MIN, QUESTION_MAX, false) {
                Ok(Some(text)) if text.contains('\n') => {
                    errors.push((Question(slot), "unreadable"))
                }
                Ok(Some(text)) => {
                    if questions
                        .iter()
                        .any(|(_, q)| q.to_lowercase() == text.to_lowercase())
                    {
                        errors.push((Question(slot), "repeated"));
                    }
                    questions.push((slot, text));
                }
                Ok(None) if situation.answered.contains(&slot) => {
                    errors.push((Question(slot), "has_ideas"))
                }
                Ok(None) => {}
                Err(code) => errors.push((Question(slot), code)),
            }
        }
        if questions.is_empty() && !errors.iter().any(|(f, _)| matches!(f, Question(_))) {
            errors.push((Question(1), "none"));
        }
        let opens_on = date(&self.opens_on)
            .map_err(|code| errors.push((OpensOn, code)))
            .ok();
        let closes_on = date(&self.closes_on)
            .map_err(|code| errors.push((ClosesOn, code)))
            .ok();
        if let (Some(opens), Some(closes)) = (opens_on, closes_on) {
            if closes < opens {
                errors.push((ClosesOn, "before_opening"));
            } else if situation.new && closes < situation.today {
                errors.push((ClosesOn, "in_the_past"));
            }
        }
        match (title, introduction, opens_on, closes_on) {
            (Some(title), Some(introduction), Some(opens_on), Some(closes_on))
                if errors.is_empty() =>
            {
                Ok(RoundSetup {
                    title,
                    introduction,
                    questions,
                    opens_on,
                    closes_on,
                    dreams_open: self.dreams_open,
                    premoderated: self.premoderated,
                    dreams_premoderated: self.dreams_premoderated,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form filled in with a stored round, for editing.
    pub fn of(setup: &RoundSetup) -> RoundInput {
        let mut questions = vec![String::new(); QUESTION_SLOTS];
        for (slot, text) in &setup.questions {
            if let Some(place) = questions.get_mut(slot - 1) {
                place.clone_from(text);
            }
        }
        RoundInput {
            title: setup.title.clone(),
            introduction: setup.introduction.clone(),
            questions,
            opens_on: setup.opens_on.format("%Y-%m-%d").to_string(),
            closes_on: setup.closes_on.format("%Y-%m-%d").to_string(),
            dreams_open: setup.dreams_open,
            premoderated: setup.premoderated,
            dreams_premoderated: setup.dreams_premoderated,
        }
    }
}

fn date(raw: &str) -> Result<NaiveDate, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("missing");
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| "not_a_date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundField::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn good() -> RoundInput {
        RoundInput {
            title: "Ronde 3: wat werkt?".into(),
            introduction: "We kijken samen wat al helpt.".into(),
            questions: vec![
                "Wat is er nu nodig?".into(),
                String::new(),
                " Wat moet er echt anders? ".into(),
                String::new(),
                String::new(),
            ],
            opens_on: "2026-12-01".into(),
            closes_on: "2027-01-31".into(),
            dreams_open: true,
            premoderated: false,
            dreams_premoderated: true,
        }
    }

    fn new_round() -> Situation {
        Situation {
            today: day("2026-11-23"),
            answered: vec![],
            new: true,
        }
    }

    #[test]
    fn a_good_round_keeps_its_question_slots() {
        let setup = good().validate(&new_round()).unwrap();
        assert_eq!(
            setup.questions,
            [
                (1, "Wat is er nu nodig?".to_owned()),
                (3, "Wat moet er echt anders?".to_owned())
            ]
        );
        assert_eq!(setup.closes_on, day("2027-01-31"));
        assert!(setup.dreams_open && setup.dreams_premoderated && !setup.premoderated);
        let again = RoundInput::of(&setup);
        assert_eq!(again.questions[2], "Wat moet er echt anders?");
        assert_eq!(again.validate(&new_round()), Ok(setup));
    }

    #[test]
    fn a_round_needs_a_question() {
        let input = RoundInput {
            questions: vec![" ".into(); QUESTION_SLOTS],
            ..good()
        };
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![(Question(1), "none")])
        );
        // A form with fewer slots than usual (hand-made) is read as empty slots.
        let input = RoundInput {
            questions: vec![],
            ..good()
        };
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![(Question(1), "none")])
        );
    }

    #[test]
    fn every_mistake_shows_at_once() {
        let input = RoundInput {
            title: String::new(),
            introduction: "Kort".into(),
            questions: vec![
                "Wat?".into(),
                "Wat is er nu nodig?".into(),
                "wat is er nu nodig?".into(),
                "x".repeat(QUESTION_MAX + 1),
                String::new(),
            ],
            opens_on: "1 december".into(),
            closes_on: String::new(),
            ..good()
        };
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![
                (Title, "missing"),
                (Introduction, "too_short"),
                (Question(1), "too_short"),
                (Question(3), "repeated"),
                (Question(4), "too_long"),
                (OpensOn, "not_a_date"),
                (ClosesOn, "missing"),
            ])
        );
    }

    #[test]
    fn a_round_closes_after_it_opens_and_not_in_the_past() {
        let input = RoundInput {
            closes_on: "2026-11-30".into(),
            ..good()
        };
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![(ClosesOn, "before_opening")])
        );
        let input = RoundInput {
            opens_on: "2026-10-01".into(),
            closes_on: "2026-11-22".into(),
            ..good()
        };
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![(ClosesOn, "in_the_past")])
        );
        // Editing a round that has closed keeps its dates as they were.
        let old = Situation {
            new: false,
            ..new_round()
        };
        assert!(input.validate(&old).is_ok());
        // Opening and closing on the same day is one day of collecting.
        let input = RoundInput {
            closes_on: "2026-12-01".into(),
            ..good()
        };
        assert!(input.validate(&new_round()).is_ok());
    }

    #[test]
    fn a_question_with_ideas_cannot_be_emptied() {
        let answered = Situation {
            answered: vec![1, 2],
            new: false,
            ..new_round()
        };
        let input = RoundInput {
            questions: vec![
                String::new(),
                String::new(),
                "Wat moet er echt anders?".into(),
                String::new(),
                String::new(),
            ],
            ..good()
        };
        assert_eq!(
            input.validate(&answered),
            Err(vec![(Question(1), "has_ideas"), (Question(2), "has_ideas")])
        );
        // Rewording it is fine: a typo can be fixed.
        let input = RoundInput {
            questions: vec![
                "Wat is er nu écht nodig?".into(),
                "Welke stap helpt gezinnen?".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            ..good()
        };
        assert!(input.validate(&answered).is_ok());
    }

    #[test]
    fn a_question_is_one_line() {
        let mut input = good();
        input.questions[0] = "Wat is er\nnu nodig?".into();
        assert_eq!(
            input.validate(&new_round()),
            Err(vec![(Question(1), "unreadable")])
        );
    }

    #[test]
    fn field_names_match_the_form() {
        assert_eq!(Question(4).name(), "question_4");
        assert_eq!(ClosesOn.name(), "closes_on");
        assert_eq!(Question(4).kind(), "question");
    }
}
