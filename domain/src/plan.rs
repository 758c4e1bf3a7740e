//! The condensed plan of a round and what residents say about it: plan
//! items traced to the clusters they come from, the children's-rights check
//! per item, co-signing by the round's co-moderating experience experts,
//! who reacts as which group, what was done with the feedback, and
//! progress. Plain rules: no storage, no web. Reactions are counted in
//! `tally`, under the small-group rule of `disclosure`.

use crate::idea::field_text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 3000;
/// A reason for a cluster left out, an objection, a child-rights note, a
/// reaction's "why", a feedback answer, a progress update: short texts.
pub const MAX_SHORT_CHARS: usize = 1000;

/// Every error code of this module, for the translation files.
pub const ERROR_CODES: &[&str] = &[
    "title_missing",
    "title_too_long",
    "title_unreadable",
    "description_missing",
    "description_too_long",
    "description_unreadable",
    "no_clusters",
    "reason_missing",
    "reason_too_long",
    "reason_unreadable",
    "not_signed",
    "why_too_long",
    "why_unreadable",
    "note_too_long",
    "note_unreadable",
    "stance_missing",
    "group_missing",
    "outcome_missing",
    "status_missing",
    "no_items",
    "reasons_missing",
    "not_concluded",
];

/// The articles of the UN Convention on the Rights of the Child a plan item
/// is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildRight {
    NonDiscrimination,
    BestInterests,
    BeingHeard,
    Protection,
    Health,
    StandardOfLiving,
    Education,
    PlayAndLeisure,
}

impl ChildRight {
    pub const ALL: [ChildRight; 8] = [
        ChildRight::NonDiscrimination,
        ChildRight::BestInterests,
        ChildRight::BeingHeard,
        ChildRight::Protection,
        ChildRight::Health,
        ChildRight::StandardOfLiving,
        ChildRight::Education,
        ChildRight::PlayAndLeisure,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChildRight::NonDiscrimination => "non_discrimination",
            ChildRight::BestInterests => "best_interests",
            ChildRight::BeingHeard => "being_heard",
            ChildRight::Protection => "protection",
            ChildRight::Health => "health",
            ChildRight::StandardOfLiving => "standard_of_living",
            ChildRight::Education => "education",
            ChildRight::PlayAndLeisure => "play_and_leisure",
        }
    }

    /// The article of the Convention, shown next to the right's name.
    pub fn article(self) -> u8 {
        match self {
            ChildRight::NonDiscrimination => 2,
            ChildRight::BestInterests => 3,
            ChildRight::BeingHeard => 12,
            ChildRight::Protection => 19,
            ChildRight::Health => 24,
            ChildRight::StandardOfLiving => 27,
            ChildRight::Education => 28,
            ChildRight::PlayAndLeisure => 31,
        }
    }

    pub fn from_code(code: &str) -> Option<ChildRight> {
        ChildRight::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The expected effect of a plan item on children.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildEffect {
    Positive,
    Mixed,
    Negative,
    Unknown,
}

impl ChildEffect {
    pub const ALL: [ChildEffect; 4] = [
        ChildEffect::Positive,
        ChildEffect::Mixed,
        ChildEffect::Negative,
        ChildEffect::Unknown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChildEffect::Positive => "positive",
            ChildEffect::Mixed => "mixed",
            ChildEffect::Negative => "negative",
            ChildEffect::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<ChildEffect> {
        ChildEffect::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A plan item as staff write it, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemText {
    pub title: String,
    pub description: String,
    /// The clusters it comes from: at least one, so every item traces back
    /// to what people said.
    pub clusters: Vec<i64>,
}

/// A required text of at most `max` characters; the error code is
/// `<field>_missing`, `<field>_too_long` or `<field>_unreadable`.
fn required(raw: &str, max: usize, field: &'static str) -> Result<String, &'static str> {
    match field_text(raw, 1, max, true) {
        Ok(text) => Ok(text.unwrap_or_default()),
        Err(code) => Err(error_code(field, code)),
    }
}

fn error_code(field: &str, code: &str) -> &'static str {
    let kind = match code {
        "missing" | "too_short" => "missing",
        "too_long" => "too_long",
        _ => "unreadable",
    };
    ERROR_CODES
        .iter()
        .find(|c| c.strip_prefix(field).and_then(|c| c.strip_prefix('_')) == Some(kind))
        .copied()
        .unwrap_or("reason_unreadable")
}

/// An optional short text (a reaction's "why", a note): empty is fine;
/// the error is `<field>_too_long` or `<field>_unreadable`.
pub fn optional(raw: &str, field: &'static str) -> Result<String, &'static str> {
    match field_text(raw, 1, MAX_SHORT_CHARS, false) {
        Ok(text) => Ok(text.unwrap_or_default()),
        Err(code) => Err(error_code(field, code)),
    }
}

/// Checks a plan item; the error is `(field, code)`.
pub fn plan_item(
    title: &str,
    description: &str,
    clusters: &[i64],
) -> Result<PlanItemText, (&'static str, &'static str)> {
    let title = required(title, MAX_TITLE_CHARS, "title").map_err(|c| ("title", c))?;
    // A title is one line: lists show it as a heading.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = required(description, MAX_DESCRIPTION_CHARS, "description")
        .map_err(|c| ("description", c))?;
    let mut clusters = clusters.to_vec();
    clusters.sort_unstable();
    clusters.dedup();
    if clusters.is_empty() {
        return Err(("clusters", "no_clusters"));
    }
    Ok(PlanItemText {
        title,
        description,
        clusters,
    })
}

/// A short public text that must be there: why a cluster is not in the
/// plan, an objection, what was done with the feedback.
pub fn reason(text: &str) -> Result<String, &'static str> {
    required(text, MAX_SHORT_CHARS, "reason")
}

/// Whether an item's children's-rights check says anything: a right it
/// touches, its effect on children, or a note. A plan may go out with an
/// empty check, but staff are asked first.
pub fn child_check_filled(rights: usize, effect: bool, note: &str) -> bool {
    rights > 0 || effect || !note.trim().is_empty()
}

/// A co-moderator's answer to the plan before it goes out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signature {
    Signed,
    /// Shown with the plan, in their words.
    Objected(String),
}

/// Agree, partly, disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    Partly,
    Disagree,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::Partly, Stance::Disagree];

    pub fn code(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Partly => "partly",
            Stance::Disagree => "disagree",
        }
    }

    pub fn from_code(code: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Whom a reaction counts for. People say so themselves, except experience
/// experts, who count as such only when signed in with that account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReactionGroup {
    Resident,
    YoungPerson,
    Professional,
    ExperienceExpert,
}

impl ReactionGroup {
    pub const ALL: [ReactionGroup; 4] = [
        ReactionGroup::Resident,
        ReactionGroup::YoungPerson,
        ReactionGroup::Professional,
        ReactionGroup::ExperienceExpert,
    ];
    /// What someone may choose for themselves.
    pub const CHOSEN: [ReactionGroup; 3] = [
        ReactionGroup::Resident,
        ReactionGroup::YoungPerson,
        ReactionGroup::Professional,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReactionGroup::Resident => "resident",
            ReactionGroup::YoungPerson => "young_person",
            ReactionGroup::Professional => "professional",
            ReactionGroup::ExperienceExpert => "experience_expert",
        }
    }

    pub fn from_code(code: &str) -> Option<ReactionGroup> {
        ReactionGroup::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The group a reaction counts for. Who reacts from lived experience
    /// (the same checkbox as on the idea form) or is signed in as an
    /// experience expert counts as one, whatever else was chosen: the
    /// results must not lose the group the consultation is for. The group
    /// itself is not among the choices, so a forged form cannot pick it
    /// without saying so.
    pub fn counted(chosen: &str, lived_experience: bool) -> Option<ReactionGroup> {
        let chosen = ReactionGroup::from_code(chosen).filter(|g| ReactionGroup::CHOSEN.contains(g));
        match lived_experience {
            true => Some(ReactionGroup::ExperienceExpert),
            false => chosen,
        }
    }
}

/// What staff did with the feedback on an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Changed,
    Kept,
    Dropped,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Changed, Outcome::Kept, Outcome::Dropped];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Changed => "changed",
            Outcome::Kept => "kept",
            Outcome::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// Where a plan item stands, years after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    Done,
    Stopped,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NotStarted,
        Progress::InProgress,
        Progress::Done,
        Progress::Stopped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::InProgress => "in_progress",
            Progress::Done => "done",
            Progress::Stopped => "stopped",
        }
    }

    pub fn from_code(code: &str) -> Option<Progress> {
        Progress::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// What became of one idea, as its author reads it on "my contributions".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    /// Part of these plan items: (position, title).
    InPlan(Vec<(u32, String)>),
    /// Its cluster is not in the plan, for this reason.
    NotTakenUp(String),
    /// Set aside while funnelling, with the reason's code and the
    /// explanation staff wrote for the idea's sender, if any.
    SetAside {
        reason: String,
        note: Option<String>,
    },
    /// Not (yet) in a cluster, or the plan is not written yet.
    Open,
}

/// An idea's fate from its place (cluster or set aside), the plan's items
/// `(position, title, clusters)` and the reasons for clusters left out.
pub fn fate(
    cluster: Option<i64>,
    set_aside: Option<(&str, Option<&str>)>,
    items: &[(u32, String, Vec<i64>)],
    left_out: &BTreeMap<i64, String>,
) -> Fate {
    if let Some((reason, note)) = set_aside {
        return Fate::SetAside {
            reason: reason.to_owned(),
            note: note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        };
    }
    let Some(cluster) = cluster else {
        return Fate::Open;
    };
    let mut found: Vec<(u32, String)> = items
        .iter()
        .filter(|(_, _, clusters)| clusters.contains(&cluster))
        .map(|(position, title, _)| (*position, title.clone()))
        .collect();
    if !found.is_empty() {
        found.sort();
        return Fate::InPlan(found);
    }
    match left_out.get(&cluster) {
        Some(reason) => Fate::NotTakenUp(reason.clone()),
        None => Fate::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(clusters: &[i64]) -> PlanItemText {
        plan_item("Een sportpas", "Voor elk kind.", clusters).unwrap()
    }

    #[test]
    fn a_plan_item_needs_a_title_a_description_and_a_cluster() {
        assert_eq!(
            plan_item(" ", "Tekst", &[1]),
            Err(("title", "title_missing"))
        );
        assert_eq!(
            plan_item("Titel", "", &[1]),
            Err(("description", "description_missing"))
        );
        assert_eq!(
            plan_item(&"x".repeat(MAX_TITLE_CHARS + 1), "Tekst", &[1]),
            Err(("title", "title_too_long"))
        );
        assert_eq!(
            plan_item("Titel", "Tekst", &[]),
            Err(("clusters", "no_clusters"))
        );
        // The same cluster ticked twice counts once.
        assert_eq!(item(&[3, 1, 3]).clusters, vec![1, 3]);
    }

    #[test]
    fn a_childrens_rights_check_is_filled_by_any_of_its_parts() {
        assert!(!child_check_filled(0, false, "  "));
        assert!(child_check_filled(1, false, ""));
        assert!(child_check_filled(0, true, ""));
        assert!(child_check_filled(
            0,
            false,
            "Kinderen merken hier niets van."
        ));
    }

    #[test]
    fn reasons_and_short_texts_are_checked() {
        assert_eq!(reason("  "), Err("reason_missing"));
        assert_eq!(optional("  ", "why"), Ok(String::new()));
        assert_eq!(
            optional(&"x".repeat(MAX_SHORT_CHARS + 1), "why"),
            Err("why_too_long")
        );
        assert_eq!(optional("a\u{0}b", "note"), Err("note_unreadable"));
    }

    #[test]
    fn experience_experts_count_as_such_by_account_or_lived_experience() {
        assert_eq!(
            ReactionGroup::counted("experience_expert", false),
            None,
            "nobody chooses it"
        );
        assert_eq!(
            ReactionGroup::counted("young_person", false),
            Some(ReactionGroup::YoungPerson)
        );
        assert_eq!(
            ReactionGroup::counted("resident", true),
            Some(ReactionGroup::ExperienceExpert)
        );
        assert_eq!(ReactionGroup::counted("", false), None);
        assert_eq!(
            ReactionGroup::counted("professional", true),
            Some(ReactionGroup::ExperienceExpert),
            "lived experience counts as on the idea form"
        );
    }

    #[test]
    fn an_ideas_fate_traces_through_its_cluster() {
        let items = vec![
            (1, "Sportpas".to_owned(), vec![10]),
            (3, "Laptop van school".to_owned(), vec![11, 10]),
        ];
        let mut left_out = BTreeMap::new();
        left_out.insert(12, "Dit is landelijk beleid.".to_owned());
        assert_eq!(
            fate(Some(10), None, &items, &left_out),
            Fate::InPlan(vec![
                (1, "Sportpas".into()),
                (3, "Laptop van school".into())
            ])
        );
        assert_eq!(
            fate(Some(12), None, &items, &left_out),
            Fate::NotTakenUp("Dit is landelijk beleid.".into())
        );
        assert_eq!(fate(Some(13), None, &items, &left_out), Fate::Open);
        assert_eq!(fate(None, None, &items, &left_out), Fate::Open);
        assert_eq!(
            fate(Some(10), Some(("out_of_scope", None)), &items, &left_out),
            Fate::SetAside {
                reason: "out_of_scope".into(),
                note: None
            }
        );
        // Staff's own words go to the sender; an empty note is none.
        assert_eq!(
            fate(
                None,
                Some(("other", Some(" Dit regelt de school al. "))),
                &items,
                &left_out
            ),
            Fate::SetAside {
                reason: "other".into(),
                note: Some("Dit regelt de school al.".into())
            }
        );
        assert_eq!(
            fate(None, Some(("other", Some("  "))), &items, &left_out),
            Fate::SetAside {
                reason: "other".into(),
                note: None
            }
        );
    }

    #[test]
    fn codes_read_back() {
        for r in ChildRight::ALL {
            assert_eq!(ChildRight::from_code(r.code()), Some(r));
        }
        for e in ChildEffect::ALL {
            assert_eq!(ChildEffect::from_code(e.code()), Some(e));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_code(o.code()), Some(o));
        }
        for p in Progress::ALL {
            assert_eq!(Progress::from_code(p.code()), Some(p));
        }
        for s in Stance::ALL {
            assert_eq!(Stance::from_code(s.code()), Some(s));
        }
        assert_eq!(ChildRight::BeingHeard.article(), 12);
    }
}
