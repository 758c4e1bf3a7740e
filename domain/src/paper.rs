//! Ideas gathered on paper or at a meeting, entered in bulk by staff or a
//! partner: one idea per line, with where they came from.

use crate::idea::{IdeaText, TextError, clean_text};
use crate::{Channel, ContributorGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One sitting's worth: a meeting's flip-over sheets or an idea box.
pub const MAX_LINES: usize = 200;
pub const MAX_SOURCE_CHARS: usize = 120;

/// Every error code, for the translation files' completeness test.
pub const ERROR_CODES: &[&str] = &[
    "lines_missing",
    "lines_too_many",
    "line_too_short",
    "line_too_long",
    "line_unreadable",
    "line_repeated",
    "channel_missing",
    "source_missing",
    "source_invalid",
    "date_missing",
    "date_invalid",
    "date_future",
    "place_invalid",
    "group_missing",
    "question_missing",
];

/// The paper-input form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperInput {
    pub lines: String,
    pub channel: Option<String>,
    pub source: String,
    pub held_on: String,
    pub place: String,
    pub group: Option<String>,
    pub question: Option<String>,
}

/// Checked paper input, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperBatch {
    pub ideas: Vec<IdeaText>,
    pub channel: Channel,
    pub source: String,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub group: ContributorGroup,
    pub question_id: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaperField {
    Lines,
    Channel,
    Source,
    HeldOn,
    Place,
    Group,
    Question,
}

impl PaperField {
    pub fn name(self) -> &'static str {
        match self {
            PaperField::Lines => "lines",
            PaperField::Channel => "channel",
            PaperField::Source => "source",
            PaperField::HeldOn => "held_on",
            PaperField::Place => "place",
            PaperField::Group => "group",
            PaperField::Question => "question",
        }
    }
}

/// A refused field: its code (translation key `paper.error.{code}`) and, for
/// a line, which line (counting from 1, as the person sees them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperError {
    pub field: PaperField,
    pub code: &'static str,
    pub line: Option<usize>,
    /// For a repeated line: the line it repeats.
    pub same_as: Option<usize>,
}

impl PaperError {
    fn field(field: PaperField, code: &'static str) -> PaperError {
        PaperError {
            field,
            code,
            line: None,
            same_as: None,
        }
    }
}

impl PaperInput {
    /// Checks everything at once. `question_ids` are the round's questions;
    /// `today` bounds the date (a meeting cannot be in the future).
    pub fn validate(
        &self,
        question_ids: &[i64],
        today: NaiveDate,
    ) -> Result<PaperBatch, Vec<PaperError>> {
        let mut errors = Vec::new();
        let ideas = self.ideas(&mut errors);

        let channel = match self.channel.as_deref().and_then(Channel::from_code) {
            Some(channel) if Channel::OFFLINE.contains(&channel) => Some(channel),
            _ => {
                errors.push(PaperError::field(PaperField::Channel, "channel_missing"));
                None
            }
        };
        let source = match clean_text(&self.source, 3, MAX_SOURCE_CHARS) {
            Ok(source) => Some(source),
            Err(TextError::Empty) => {
                errors.push(PaperError::field(PaperField::Source, "source_missing"));
                None
            }
            Err(_) => {
                errors.push(PaperError::field(PaperField::Source, "source_invalid"));
                None
            }
        };
        let held_on = match NaiveDate::parse_from_str(self.held_on.trim(), "%Y-%m-%d") {
            Ok(date) if date > today => {
                errors.push(PaperError::field(PaperField::HeldOn, "date_future"));
                None
            }
            Ok(date) => Some(date),
            Err(_) if self.held_on.trim().is_empty() => {
                errors.push(PaperError::field(PaperField::HeldOn, "date_missing"));
                None
            }
            Err(_) => {
                errors.push(PaperError::field(PaperField::HeldOn, "date_invalid"));
                None
            }
        };
        let place = match clean_text(&self.place, 2, MAX_SOURCE_CHARS) {
            Ok(place) => Some(place),
            Err(TextError::Empty) => None,
            Err(_) => {
                errors.push(PaperError::field(PaperField::Place, "place_invalid"));
                None
            }
        };
        let group = match self.group.as_deref().and_then(ContributorGroup::from_code) {
            Some(group) => Some(group),
            None => {
                errors.push(PaperError::field(PaperField::Group, "group_missing"));
                None
            }
        };
        let question_id = match (self.question.as_deref().map(str::trim), question_ids) {
            (None | Some(""), [only]) => Some(*only),
            (raw, ids) => match raw.and_then(|r| r.parse::<i64>().ok()) {
                Some(id) if ids.contains(&id) => Some(id),
                _ => {
                    errors.push(PaperError::field(PaperField::Question, "question_missing"));
                    None
                }
            },
        };
        match (channel, source, held_on, group, question_id) {
            (Some(channel), Some(source), Some(held_on), Some(group), Some(question_id))
                if errors.is_empty() =>
            {
                Ok(PaperBatch {
                    ideas,
                    channel,
                    source,
                    held_on,
                    place,
                    group,
                    question_id,
                })
            }
            _ => Err(errors),
        }
    }

    /// One idea per non-blank line. A line typed twice is almost always a
    /// paste gone wrong, so it is pointed out rather than saved twice.
    fn ideas(&self, errors: &mut Vec<PaperError>) -> Vec<IdeaText> {
        let mut ideas: Vec<(usize, IdeaText)> = Vec::new();
        let lines: Vec<(usize, &str)> = crate::idea::typed_lines(&self.lines)
            .enumerate()
            .map(|(i, line)| (i + 1, line))
            .filter(|(_, line)| !line.trim().is_empty())
            .collect();
        if lines.is_empty() {
            errors.push(PaperError::field(PaperField::Lines, "lines_missing"));
            return Vec::new();
        }
        if lines.len() > MAX_LINES {
            errors.push(PaperError::field(PaperField::Lines, "lines_too_many"));
            return Vec::new();
        }
        for (number, line) in lines {
            match IdeaText::parse(line) {
                Ok(text) => {
                    let fingerprint = text.fingerprint();
                    if let Some((first, _)) =
                        ideas.iter().find(|(_, t)| t.fingerprint() == fingerprint)
                    {
                        errors.push(PaperError {
                            field: PaperField::Lines,
                            code: "line_repeated",
                            line: Some(number),
                            same_as: Some(*first),
                        });
                    } else {
                        ideas.push((number, text));
                    }
                }
                Err(error) => errors.push(PaperError {
                    field: PaperField::Lines,
                    code: match error {
                        TextError::TooShort { .. } => "line_too_short",
                        TextError::TooLong { .. } => "line_too_long",
                        _ => "line_unreadable",
                    },
                    line: Some(number),
                    same_as: None,
                }),
            }
        }
        ideas.into_iter().map(|(_, text)| text).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn form(lines: &str) -> PaperInput {
        PaperInput {
            lines: lines.into(),
            channel: Some("meeting".into()),
            source: "Ouderavond De Esrein".into(),
            held_on: "2026-11-20".into(),
            place: "De Kopermolen".into(),
            group: Some("resident".into()),
            question: None,
        }
    }

    #[test]
    fn one_idea_per_line_blank_lines_skipped() {
        let batch = form(
            "Gratis zwemles voor kinderen\n\n  \nEen bus naar de stad die je kunt betalen\r\n",
        )
        .validate(&[7], today())
        .unwrap();
        assert_eq!(batch.ideas.len(), 2);
        assert_eq!(
            batch.ideas[1].as_str(),
            "Een bus naar de stad die je kunt betalen"
        );
        assert_eq!(batch.question_id, 7);
        assert_eq!(batch.channel, Channel::Meeting);
        assert_eq!(batch.place.as_deref(), Some("De Kopermolen"));
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        let errors = form("Gratis zwemles voor kinderen\nkort\n\ngratis  ZWEMLES voor kinderen")
            .validate(&[7], today())
            .unwrap_err();
        assert_eq!(
            errors,
            vec![
                PaperError {
                    field: PaperField::Lines,
                    code: "line_too_short",
                    line: Some(2),
                    same_as: None
                },
                PaperError {
                    field: PaperField::Lines,
                    code: "line_repeated",
                    line: Some(4),
                    same_as: Some(1)
                },
            ]
        );
    }

    #[test]
    fn source_date_group_and_question_are_required() {
        let input = PaperInput {
            lines: "Gratis zwemles voor kinderen".into(),
            ..PaperInput::default()
        };
        let codes: Vec<_> = input
            .validate(&[7, 8], today())
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            [
                "channel_missing",
                "source_missing",
                "date_missing",
                "group_missing",
                "question_missing"
            ]
        );
    }

    #[test]
    fn online_is_not_a_paper_channel_and_dates_are_not_in_the_future() {
        let mut input = form("Gratis zwemles voor kinderen");
        input.channel = Some("online".into());
        input.held_on = "2026-11-24".into();
        let codes: Vec<_> = input
            .validate(&[7], today())
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["channel_missing", "date_future"]);
    }

    #[test]
    fn empty_and_oversized_batches_are_refused() {
        let codes = |lines: &str| -> Vec<&str> {
            form(lines)
                .validate(&[7], today())
                .unwrap_err()
                .into_iter()
                .map(|e| e.code)
                .collect()
        };
        assert_eq!(codes(" \n "), ["lines_missing"]);
        let many: String = (0..=MAX_LINES)
            .map(|i| format!("Idee nummer {i} voor de wijk\n"))
            .collect();
        assert_eq!(codes(&many), ["lines_too_many"]);
    }
}
