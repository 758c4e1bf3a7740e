//! Where an idea stands, as its sender reads it on the receipt and on
//! "Mijn inbreng": received while the round collects, then sorted into a
//! theme, then the answer once the plan is out (in plan item N, left out
//! because …, set aside because …). The promise behind it: you hear what
//! became of your idea, on every page that shows it to you.

use crate::Phase;
use crate::plan::Fate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdeaStatus {
    /// The sender took it back.
    Withdrawn,
    /// A moderator hid it (the reason is on the round page).
    Hidden,
    /// The round still collects; the ideas are read when it closes.
    Received,
    /// Staff and experience experts are sorting the ideas into themes.
    Sorting,
    /// In this theme; the plan is being written.
    InTheme(String),
    /// The plan is out: what became of the idea.
    Answered(Fate),
    /// The plan is out and says nothing about this idea. Only rounds sent
    /// out before every idea needed an answer can show this.
    NoAnswer,
}

/// The status from the round's phase, what happened to the idea itself,
/// its theme's title (if it is in one) and its fate in the plan (once the
/// plan is out).
pub fn status(
    phase: Phase,
    withdrawn: bool,
    hidden: bool,
    theme: Option<&str>,
    fate: Option<Fate>,
) -> IdeaStatus {
    if withdrawn {
        return IdeaStatus::Withdrawn;
    }
    if hidden {
        return IdeaStatus::Hidden;
    }
    match phase {
        Phase::Draft | Phase::Collecting => IdeaStatus::Received,
        // Also a round sent back to funnelling: the plan is being changed.
        Phase::Funnelling => match theme {
            Some(title) => IdeaStatus::InTheme(title.to_owned()),
            None => IdeaStatus::Sorting,
        },
        Phase::Feedback | Phase::Closed => match fate {
            Some(Fate::Open) | None => IdeaStatus::NoAnswer,
            Some(fate) => IdeaStatus::Answered(fate),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_plan() -> Fate {
        Fate::InPlan(vec![(2, "Zwemles voor elk kind".into())])
    }

    #[test]
    fn an_idea_moves_through_the_round() {
        let theme = Some("Zwemmen");
        assert_eq!(
            status(Phase::Collecting, false, false, None, None),
            IdeaStatus::Received
        );
        assert_eq!(
            status(Phase::Funnelling, false, false, None, None),
            IdeaStatus::Sorting
        );
        assert_eq!(
            status(Phase::Funnelling, false, false, theme, None),
            IdeaStatus::InTheme("Zwemmen".into())
        );
        for phase in [Phase::Feedback, Phase::Closed] {
            assert_eq!(
                status(phase, false, false, theme, Some(in_plan())),
                IdeaStatus::Answered(in_plan())
            );
        }
    }

    #[test]
    fn a_plan_that_says_nothing_is_said_so() {
        assert_eq!(
            status(Phase::Feedback, false, false, None, None),
            IdeaStatus::NoAnswer
        );
        assert_eq!(
            status(Phase::Closed, false, false, None, Some(Fate::Open)),
            IdeaStatus::NoAnswer
        );
    }

    #[test]
    fn withdrawn_and_hidden_come_first() {
        let fate = Some(in_plan());
        assert_eq!(
            status(Phase::Closed, true, true, None, fate.clone()),
            IdeaStatus::Withdrawn
        );
        assert_eq!(
            status(Phase::Closed, false, true, None, fate),
            IdeaStatus::Hidden
        );
    }

    #[test]
    fn a_round_sent_back_to_funnelling_shows_the_work_again() {
        assert_eq!(
            status(
                Phase::Funnelling,
                false,
                false,
                Some("Zwemmen"),
                Some(in_plan())
            ),
            IdeaStatus::InTheme("Zwemmen".into())
        );
    }
}
