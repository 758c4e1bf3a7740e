//! A round's life: which phase may follow which, and what may be done in
//! each phase. Moving on needs no reason; going back to the previous phase
//! (to fix a mistake, or collect a little longer) needs one, because the
//! participants see it happen. Every change is recorded by the caller
//! (who, when, why).

use crate::Phase;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Forward,
    /// Back to the phase before, with a stated reason.
    Reopen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("phase_same")]
    Same,
    /// Skipping phases, or going back further than one.
    #[error("phase_not_adjacent")]
    NotAdjacent,
    #[error("phase_reason_missing")]
    ReasonMissing,
    #[error("phase_reason_too_long")]
    ReasonTooLong,
}

impl TransitionError {
    pub fn code(self) -> &'static str {
        match self {
            TransitionError::Same => "phase_same",
            TransitionError::NotAdjacent => "phase_not_adjacent",
            TransitionError::ReasonMissing => "phase_reason_missing",
            TransitionError::ReasonTooLong => "phase_reason_too_long",
        }
    }
}

pub const MAX_REASON_CHARS: usize = 500;

impl Phase {
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Draft => Some(Phase::Collecting),
            Phase::Collecting => Some(Phase::Funnelling),
            Phase::Funnelling => Some(Phase::Feedback),
            Phase::Feedback => Some(Phase::Closed),
            Phase::Closed => None,
        }
    }

    pub fn previous(self) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.next() == Some(self))
    }
}

/// Checks a change of phase. A reason is trimmed; it is required to go back.
pub fn transition(from: Phase, to: Phase, reason: &str) -> Result<Direction, TransitionError> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(TransitionError::ReasonTooLong);
    }
    if from == to {
        Err(TransitionError::Same)
    } else if from.next() == Some(to) {
        Ok(Direction::Forward)
    } else if from.previous() == Some(to) {
        if reason.is_empty() {
            Err(TransitionError::ReasonMissing)
        } else {
            Ok(Direction::Reopen)
        }
    } else {
        Err(TransitionError::NotAdjacent)
    }
}

/// What people do in a round; each is allowed in some phases only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoundAction {
    /// Residents, experience experts and young people send ideas and dreams.
    Contribute,
    /// Change or withdraw one's own idea.
    EditOwn,
    /// "Ik ook".
    Support,
    /// Staff and partners enter ideas from paper or a meeting.
    EnterPaperInput,
    /// Flag an idea for moderation.
    Flag,
    /// Approve, hide, redact, merge.
    Moderate,
    /// Cluster ideas into themes and write the plan.
    Funnel,
    /// React to the plan items.
    React,
    /// Write what was done with the feedback and publish the final plan.
    Conclude,
    /// Staff change the round's title, introduction, questions, dates and
    /// settings. A closed round is history: it stays as residents saw it.
    EditSetup,
}

impl RoundAction {
    pub const ALL: [RoundAction; 10] = [
        RoundAction::Contribute,
        RoundAction::EditOwn,
        RoundAction::Support,
        RoundAction::EnterPaperInput,
        RoundAction::Flag,
        RoundAction::Moderate,
        RoundAction::Funnel,
        RoundAction::React,
        RoundAction::Conclude,
        RoundAction::EditSetup,
    ];
}

/// Whether `action` may happen while a round is in `phase`.
pub fn allows(phase: Phase, action: RoundAction) -> bool {
    use Phase::*;
    use RoundAction::*;
    match action {
        Contribute | EditOwn | Support => phase == Collecting,
        // Paper from the last meeting may arrive just after collecting ends.
        EnterPaperInput => matches!(phase, Collecting | Funnelling),
        // Anything still visible can be flagged; moderation follows it.
        Flag | Moderate => matches!(phase, Collecting | Funnelling | Feedback | Closed),
        Funnel => phase == Funnelling,
        React => phase == Feedback,
        Conclude => matches!(phase, Feedback | Closed),
        EditSetup => phase != Closed,
    }
}

/// The phases `action` is allowed in, for a store statement that checks
/// the phase itself (in the same statement as the change, so a phase
/// change in between cannot slip through).
pub fn phases(action: RoundAction) -> Vec<Phase> {
    Phase::ALL
        .into_iter()
        .filter(|p| allows(*p, action))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Phase::*;

    #[test]
    fn phases_lists_exactly_where_an_action_is_allowed() {
        assert_eq!(phases(RoundAction::Support), vec![Collecting]);
        assert_eq!(phases(RoundAction::Conclude), vec![Feedback, Closed]);
        for action in RoundAction::ALL {
            for phase in Phase::ALL {
                assert_eq!(phases(action).contains(&phase), allows(phase, action));
            }
        }
    }

    #[test]
    fn every_transition() {
        // (from, to, reason) → expected, for all 25 pairs without a reason…
        for from in Phase::ALL {
            for to in Phase::ALL {
                let expected = if from == to {
                    Err(TransitionError::Same)
                } else if from.next() == Some(to) {
                    Ok(Direction::Forward)
                } else if from.previous() == Some(to) {
                    Err(TransitionError::ReasonMissing)
                } else {
                    Err(TransitionError::NotAdjacent)
                };
                assert_eq!(transition(from, to, ""), expected, "{from:?} → {to:?}");
            }
        }
        // …and the adjacency itself, spelled out.
        let forward = [
            (Draft, Collecting),
            (Collecting, Funnelling),
            (Funnelling, Feedback),
            (Feedback, Closed),
        ];
        for (from, to) in forward {
            assert_eq!(transition(from, to, ""), Ok(Direction::Forward));
            assert_eq!(
                transition(to, from, "Te vroeg gesloten"),
                Ok(Direction::Reopen)
            );
            assert_eq!(
                transition(to, from, "   "),
                Err(TransitionError::ReasonMissing)
            );
        }
        assert_eq!(
            transition(Draft, Funnelling, ""),
            Err(TransitionError::NotAdjacent)
        );
        assert_eq!(
            transition(Closed, Collecting, "reden"),
            Err(TransitionError::NotAdjacent)
        );
    }

    #[test]
    fn reasons_have_a_limit() {
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            transition(Funnelling, Collecting, &long),
            Err(TransitionError::ReasonTooLong)
        );
    }

    #[test]
    fn every_action_in_every_phase() {
        use RoundAction::*;
        // Phases in order: draft, collecting, funnelling, feedback, closed.
        let expected: [(RoundAction, [bool; 5]); 10] = [
            (Contribute, [false, true, false, false, false]),
            (EditOwn, [false, true, false, false, false]),
            (Support, [false, true, false, false, false]),
            (EnterPaperInput, [false, true, true, false, false]),
            (Flag, [false, true, true, true, true]),
            (Moderate, [false, true, true, true, true]),
            (Funnel, [false, false, true, false, false]),
            (React, [false, false, false, true, false]),
            (Conclude, [false, false, false, true, true]),
            (EditSetup, [true, true, true, true, false]),
        ];
        assert_eq!(expected.len(), RoundAction::ALL.len());
        for (action, by_phase) in expected {
            for (phase, allowed) in Phase::ALL.into_iter().zip(by_phase) {
                assert_eq!(allows(phase, action), allowed, "{action:?} in {phase:?}");
            }
        }
    }

    #[test]
    fn accepting_ideas_agrees_with_the_table() {
        for phase in Phase::ALL {
            assert_eq!(
                phase.accepts_ideas(),
                allows(phase, RoundAction::Contribute)
            );
        }
    }
}
