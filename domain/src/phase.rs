//! The phases a round walks through, in order.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Draft,
    Collecting,
    Funnelling,
    Feedback,
    Closed,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Draft,
        Phase::Collecting,
        Phase::Funnelling,
        Phase::Feedback,
        Phase::Closed,
    ];

    /// The stable code stored in the database and used in translation keys.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Collecting => "collecting",
            Phase::Funnelling => "funnelling",
            Phase::Feedback => "feedback",
            Phase::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.code() == code)
    }

    /// New ideas are only taken while a round is collecting.
    pub fn accepts_ideas(self) -> bool {
        self == Phase::Collecting
    }

    /// Draft rounds are still being prepared by staff and are not public.
    pub fn is_public(self) -> bool {
        self != Phase::Draft
    }
}

/// A stored code that names no known value: the database and the code
/// disagree, which is a bug, not user error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

impl TryFrom<String> for Phase {
    type Error = UnknownCode;

    fn try_from(code: String) -> Result<Phase, UnknownCode> {
        Phase::from_code(&code).ok_or(UnknownCode(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for phase in Phase::ALL {
            assert_eq!(Phase::from_code(phase.code()), Some(phase));
        }
        assert_eq!(Phase::from_code("open"), None);
    }

    #[test]
    fn only_collecting_accepts_ideas() {
        let accepting: Vec<_> = Phase::ALL
            .into_iter()
            .filter(|p| p.accepts_ideas())
            .collect();
        assert_eq!(accepting, vec![Phase::Collecting]);
    }

    #[test]
    fn draft_is_not_public() {
        assert!(!Phase::Draft.is_public());
        assert!(Phase::Collecting.is_public());
        assert!(Phase::Closed.is_public());
    }
}
