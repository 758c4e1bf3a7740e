//! How an idea reached Trechter. Ideas from paper and meetings are entered
//! by staff and partners on behalf of the people who wrote or said them,
//! and are counted apart so nobody mistakes them for online ideas.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Online,
    /// Paper forms, an idea box, a letter.
    Paper,
    /// Written down at a meeting or a conversation.
    Meeting,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Online, Channel::Paper, Channel::Meeting];
    /// The channels someone enters on behalf of others.
    pub const OFFLINE: [Channel; 2] = [Channel::Paper, Channel::Meeting];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Paper => "paper",
            Channel::Meeting => "meeting",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_code(channel.code()), Some(channel));
        }
        assert_eq!(Channel::from_code("post"), None);
    }
}
