//! Policy domains (beleidsdomeinen): which part of the municipality's work
//! an idea asks something of. Next to the life domains, they show staff
//! where a plan must act and where nothing has been said yet.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyDomain {
    WorkIncome,
    Housing,
    Care,
    Upbringing,
    Safety,
    Health,
    PhysicalEnvironment,
}

impl PolicyDomain {
    pub const ALL: [PolicyDomain; 7] = [
        PolicyDomain::WorkIncome,
        PolicyDomain::Housing,
        PolicyDomain::Care,
        PolicyDomain::Upbringing,
        PolicyDomain::Safety,
        PolicyDomain::Health,
        PolicyDomain::PhysicalEnvironment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PolicyDomain::WorkIncome => "work_income",
            PolicyDomain::Housing => "housing",
            PolicyDomain::Care => "care",
            PolicyDomain::Upbringing => "upbringing",
            PolicyDomain::Safety => "safety",
            PolicyDomain::Health => "health",
            PolicyDomain::PhysicalEnvironment => "physical_environment",
        }
    }

    pub fn from_code(code: &str) -> Option<PolicyDomain> {
        PolicyDomain::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for domain in PolicyDomain::ALL {
            assert_eq!(PolicyDomain::from_code(domain.code()), Some(domain));
        }
        assert_eq!(PolicyDomain::from_code("wonen"), None);
    }
}
