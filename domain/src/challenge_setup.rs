//! What staff type to set up a challenge (opgave): its title, what it is
//! about, the year it aims for and its spearheads. Checked as a whole, so
//! every mistake shows at once.

use crate::idea::field_text;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MIN: usize = 10;
pub const DESCRIPTION_MAX: usize = 4_000;
pub const SPEARHEAD_MIN: usize = 3;
pub const SPEARHEAD_MAX: usize = 120;
/// "A few" spearheads: more than this is a list nobody remembers.
pub const MAX_SPEARHEADS: usize = 8;
/// How far ahead a horizon may lie.
pub const HORIZON_MAX_YEARS: i32 = 50;

/// The challenge form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeInput {
    pub title: String,
    pub description: String,
    pub horizon_year: String,
    /// One spearhead per line.
    pub spearheads: String,
}

/// A checked challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub title: String,
    pub description: String,
    pub horizon_year: Option<i64>,
    pub spearheads: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChallengeField {
    Title,
    Description,
    HorizonYear,
    Spearheads,
}

impl ChallengeField {
    pub fn name(self) -> &'static str {
        match self {
            ChallengeField::Title => "title",
            ChallengeField::Description => "description",
            ChallengeField::HorizonYear => "horizon_year",
            ChallengeField::Spearheads => "spearheads",
        }
    }
}

/// One refused field with a stable code: the translation key is
/// `setup.error.{field}_{code}`.
pub type ChallengeError = (ChallengeField, &'static str);

/// Every `{field}_{code}` a challenge's errors can have, for the
/// translation files' completeness test.
pub const ERROR_KEYS: &[&str] = &[
    "title_missing",
    "title_too_short",
    "title_too_long",
    "title_unreadable",
    "title_no_letters",
    "description_missing",
    "description_too_short",
    "description_too_long",
    "description_unreadable",
    "horizon_year_not_a_year",
    "horizon_year_in_the_past",
    "horizon_year_too_far",
    "spearheads_too_many",
    "spearheads_too_short",
    "spearheads_too_long",
    "spearheads_unreadable",
    "spearheads_repeated",
    "spearheads_in_use",
];

/// A changed challenge must keep every spearhead a plan item points to:
/// the plan would otherwise lose its link to the goal it serves.
pub fn keeps_spearheads_in_use(
    challenge: &Challenge,
    in_use: &[String],
) -> Result<(), Vec<ChallengeError>> {
    if in_use
        .iter()
        .all(|used| challenge.spearheads.contains(used))
    {
        Ok(())
    } else {
        Err(vec![(ChallengeField::Spearheads, "in_use")])
    }
}

impl ChallengeInput {
    pub fn validate(&self, this_year: i32) -> Result<Challenge, Vec<ChallengeError>> {
        let mut errors = Vec::new();
        let title = required_title(&self.title, TITLE_MIN, TITLE_MAX)
            .map_err(|code| errors.push((ChallengeField::Title, code)))
            .ok();
        let description = field_text(&self.description, DESCRIPTION_MIN, DESCRIPTION_MAX, true)
            .map_err(|code| errors.push((ChallengeField::Description, code)))
            .ok()
            .flatten();
        let horizon_year = horizon(&self.horizon_year, this_year)
            .map_err(|code| errors.push((ChallengeField::HorizonYear, code)))
            .ok()
            .flatten();
        let spearheads = spearheads(&self.spearheads)
            .map_err(|code| errors.push((ChallengeField::Spearheads, code)))
            .ok();
        match (title, description, spearheads) {
            (Some(title), Some(description), Some(spearheads)) if errors.is_empty() => {
                Ok(Challenge {
                    title,
                    description,
                    horizon_year,
                    spearheads,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form filled in with a stored challenge, for editing.
    pub fn of(challenge: &Challenge) -> ChallengeInput {
        ChallengeInput {
            title: challenge.title.clone(),
            description: challenge.description.clone(),
            horizon_year: challenge
                .horizon_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            spearheads: challenge.spearheads.join("\n"),
        }
    }
}

/// A title that also makes a web address: it needs a letter or digit.
pub(crate) fn required_title(raw: &str, min: usize, max: usize) -> Result<String, &'static str> {
    let title = field_text(raw, min, max, true)?.unwrap_or_default();
    if title.contains('\n') {
        return Err("unreadable");
    }
    if crate::slug::from_title(&title).is_empty() {
        return Err("no_letters");
    }
    Ok(title)
}

fn horizon(raw: &str, this_year: i32) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let year: i32 = match raw.parse() {
        Ok(year) if raw.len() == 4 => year,
        _ => return Err("not_a_year"),
    };
    if year < this_year {
        Err("in_the_past")
    } else if year > this_year + HORIZON_MAX_YEARS {
        Err("too_far")
    } else {
        Ok(Some(i64::from(year)))
    }
}

fn spearheads(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut list: Vec<String> = Vec::new();
    for line in crate::idea::typed_lines(raw).filter(|l| !l.trim().is_empty()) {
        let spearhead = field_text(line, SPEARHEAD_MIN, SPEARHEAD_MAX, true)?.unwrap_or_default();
        if list
            .iter()
            .any(|s| s.to_lowercase() == spearhead.to_lowercase())
        {
            return Err("repeated");
        }
        list.push(spearhead);
    }
    if list.len() > MAX_SPEARHEADS {
        return Err("too_many");
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChallengeField::*;

    fn good() -> ChallengeInput {
        ChallengeInput {
            title: " Armoedevrij 2040 ".into(),
            description: "Niemand in onze gemeente leeft in armoede.".into(),
            horizon_year: "2040".into(),
            spearheads: "Elk kind doet mee\r\n\r\n  Schulden sneller opgelost \n".into(),
        }
    }

    fn errors(input: ChallengeInput) -> Vec<ChallengeError> {
        input.validate(2026).unwrap_err()
    }

    #[test]
    fn a_good_challenge_is_cleaned() {
        let challenge = good().validate(2026).unwrap();
        assert_eq!(challenge.title, "Armoedevrij 2040");
        assert_eq!(challenge.horizon_year, Some(2040));
        assert_eq!(
            challenge.spearheads,
            ["Elk kind doet mee", "Schulden sneller opgelost"]
        );
        assert_eq!(ChallengeInput::of(&challenge).validate(2026), Ok(challenge));
    }

    #[test]
    fn the_horizon_and_spearheads_are_optional() {
        let input = ChallengeInput {
            horizon_year: " ".into(),
            spearheads: String::new(),
            ..good()
        };
        let challenge = input.validate(2026).unwrap();
        assert_eq!(challenge.horizon_year, None);
        assert!(challenge.spearheads.is_empty());
    }

    #[test]
    fn every_mistake_shows_at_once() {
        let input = ChallengeInput {
            title: String::new(),
            description: "kort".into(),
            horizon_year: "veertig".into(),
            spearheads: "Ja\n".into(),
        };
        assert_eq!(
            errors(input),
            [
                (Title, "missing"),
                (Description, "too_short"),
                (HorizonYear, "not_a_year"),
                (Spearheads, "too_short"),
            ]
        );
    }

    #[test]
    fn titles_need_letters_for_their_address() {
        let input = ChallengeInput {
            title: "!!! ???".into(),
            ..good()
        };
        assert_eq!(errors(input), [(Title, "no_letters")]);
    }

    #[test]
    fn horizons_lie_ahead_but_not_too_far() {
        for (year, code) in [
            ("2025", "in_the_past"),
            ("2077", "too_far"),
            ("40", "not_a_year"),
            ("2040.5", "not_a_year"),
        ] {
            let input = ChallengeInput {
                horizon_year: year.into(),
                ..good()
            };
            assert_eq!(errors(input), [(HorizonYear, code)], "{year}");
        }
        for year in ["2026", "2076"] {
            let input = ChallengeInput {
                horizon_year: year.into(),
                ..good()
            };
            assert!(input.validate(2026).is_ok(), "{year}");
        }
    }

    #[test]
    fn spearheads_are_few_and_different() {
        let nine = (1..=9)
            .map(|n| format!("Speerpunt {n}"))
            .collect::<Vec<_>>();
        let input = ChallengeInput {
            spearheads: nine.join("\n"),
            ..good()
        };
        assert_eq!(errors(input), [(Spearheads, "too_many")]);
        let input = ChallengeInput {
            spearheads: "Elk kind doet mee\nelk kind doet  mee".into(),
            ..good()
        };
        // Case differs; inner spaces differ too and count as different.
        assert!(input.validate(2026).is_ok());
        let input = ChallengeInput {
            spearheads: "Elk kind doet mee\nELK KIND DOET MEE".into(),
            ..good()
        };
        assert_eq!(errors(input), [(Spearheads, "repeated")]);
        let input = ChallengeInput {
            spearheads: format!("{}\n", "x".repeat(SPEARHEAD_MAX + 1)),
            ..good()
        };
        assert_eq!(errors(input), [(Spearheads, "too_long")]);
    }

    #[test]
    fn a_spearhead_a_plan_item_points_to_stays() {
        let challenge = Challenge {
            title: "Armoedevrij".into(),
            description: "Niemand in armoede.".into(),
            horizon_year: None,
            spearheads: vec!["Elk kind doet mee".into(), "Schulden voorkomen".into()],
        };
        let used = |titles: &[&str]| titles.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert!(keeps_spearheads_in_use(&challenge, &used(&["Schulden voorkomen"])).is_ok());
        assert_eq!(
            keeps_spearheads_in_use(&challenge, &used(&["Werk dat loont"])),
            Err(vec![(Spearheads, "in_use")])
        );
    }

    #[test]
    fn huge_and_disguised_texts_are_refused() {
        let input = ChallengeInput {
            title: "Armoede\nvrij".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            ..good()
        };
        assert_eq!(
            errors(input),
            [(Title, "unreadable"), (Description, "too_long")]
        );
    }
}
