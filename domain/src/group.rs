//! The groups whose voices are counted apart, so that experience knowledge
//! and young people are not drowned out by numbers.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributorGroup {
    #[default]
    Resident,
    /// Verified: an experience expert with an account, not a checkbox.
    ExperienceExpert,
    YoungPerson,
}

impl ContributorGroup {
    pub const ALL: [ContributorGroup; 3] = [
        ContributorGroup::Resident,
        ContributorGroup::ExperienceExpert,
        ContributorGroup::YoungPerson,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContributorGroup::Resident => "resident",
            ContributorGroup::ExperienceExpert => "experience_expert",
            ContributorGroup::YoungPerson => "young_person",
        }
    }

    pub fn from_code(code: &str) -> Option<ContributorGroup> {
        ContributorGroup::ALL.into_iter().find(|g| g.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for group in ContributorGroup::ALL {
            assert_eq!(ContributorGroup::from_code(group.code()), Some(group));
        }
        assert_eq!(ContributorGroup::from_code("staff"), None);
    }
}
