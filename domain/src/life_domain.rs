//! Life domains (leefgebieden): where in a person's life an idea plays.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeDomain {
    Home,
    School,
    Leisure,
    Neighbourhood,
}

impl LifeDomain {
    pub const ALL: [LifeDomain; 4] = [
        LifeDomain::Home,
        LifeDomain::School,
        LifeDomain::Leisure,
        LifeDomain::Neighbourhood,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LifeDomain::Home => "home",
            LifeDomain::School => "school",
            LifeDomain::Leisure => "leisure",
            LifeDomain::Neighbourhood => "neighbourhood",
        }
    }

    pub fn from_code(code: &str) -> Option<LifeDomain> {
        LifeDomain::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for domain in LifeDomain::ALL {
            assert_eq!(LifeDomain::from_code(domain.code()), Some(domain));
        }
        assert_eq!(LifeDomain::from_code("thuis"), None);
        assert_eq!(LifeDomain::from_code(""), None);
    }
}
