//! The roles of people with an account. Residents have no account and no
//! role: they are visitors, known at most by their receipt code.

use crate::UnknownCode;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Accounts and settings of the installation.
    Admin,
    /// The municipality's staff (opgaveregisseur): challenges, rounds,
    /// moderation, clustering, plans, publishing.
    Staff,
    /// Someone with lived experience. Their contributions count as verified
    /// experience knowledge; staff can make them co-moderator of a round.
    ExperienceExpert,
    /// A school, housing corporation or welfare organisation that reports
    /// progress on the plan items assigned to it.
    Partner,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Staff,
        Role::ExperienceExpert,
        Role::Partner,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::ExperienceExpert => "experience_expert",
            Role::Partner => "partner",
        }
    }

    pub fn from_code(code: &str) -> Result<Role, UnknownCode> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .ok_or_else(|| UnknownCode(code.to_owned()))
    }

    /// Roles whose accounts can do much harm if taken over: an admin
    /// setting can require a second factor for them.
    pub fn is_powerful(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

impl TryFrom<String> for Role {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Role, UnknownCode> {
        Role::from_code(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Ok(role));
        }
        assert!(Role::from_code("resident").is_err());
    }
}
