//! How long Trechter keeps what. The code that expires and deletes data
//! reads these numbers, and the privacy page is written from them, so the
//! page cannot promise something the code does not do.

use chrono::Duration;

/// A signed-in session ends after this long without use…
pub const SESSION_IDLE: Duration = Duration::minutes(30);
/// …and in any case this long after signing in (NIST 800-63B, AAL2).
pub const SESSION_ABSOLUTE: Duration = Duration::hours(12);
/// A session waiting for the second factor.
pub const SECOND_FACTOR_PENDING: Duration = Duration::minutes(10);
/// An invitation link works once, within this time.
pub const INVITE_VALID: Duration = Duration::days(7);
/// A password reset link works once, within this time.
pub const RESET_VALID: Duration = Duration::hours(24);
/// Failed sign-ins are remembered this long, to slow down guessing.
pub const LOGIN_FAILURES_KEPT: Duration = crate::throttle::WINDOW;
/// A resident's email address (given only to hear back) is deleted after
/// this long at the latest; sooner if they delete it themselves.
pub const CONTACT_EMAIL_KEPT: Duration = Duration::days(2 * 365);
/// How to reach a child who asked to talk about their dream is deleted
/// after this long, talked or not: enough for a youth worker or teacher to
/// follow up within a school term, short enough that no list of children
/// builds up.
pub const DREAM_CONTACT_KEPT: Duration = Duration::days(90);

/// One line of the privacy page: what is kept, why, and for how long, as
/// translation keys and a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    /// Key stem in the translation files: `privacy.{key}.what` and `.why`.
    pub key: &'static str,
    /// `None`: as long as the thing it belongs to exists.
    pub kept: Option<Duration>,
}

pub const FACTS: &[Fact] = &[
    Fact {
        key: "ideas",
        kept: None,
    },
    Fact {
        key: "receipt_code",
        kept: None,
    },
    Fact {
        key: "nickname",
        kept: None,
    },
    Fact {
        key: "contact_email",
        kept: Some(CONTACT_EMAIL_KEPT),
    },
    Fact {
        key: "dream_contact",
        kept: Some(DREAM_CONTACT_KEPT),
    },
    Fact {
        key: "flags",
        kept: None,
    },
    Fact {
        key: "accounts",
        kept: None,
    },
    Fact {
        key: "sessions",
        kept: Some(SESSION_ABSOLUTE),
    },
    Fact {
        key: "invites",
        kept: Some(INVITE_VALID),
    },
    Fact {
        key: "login_failures",
        kept: Some(LOGIN_FAILURES_KEPT),
    },
    Fact {
        key: "ip_addresses",
        kept: Some(Duration::zero()),
    },
    Fact {
        key: "audit_log",
        kept: None,
    },
];

/// A duration in the largest whole unit: (amount, unit) with unit one of
/// minutes, hours, days, years (for the translation files' plural forms).
pub fn in_words(duration: Duration) -> (i64, &'static str) {
    let minutes = duration.num_minutes();
    if minutes % (365 * 24 * 60) == 0 && minutes > 0 {
        (minutes / (365 * 24 * 60), "years")
    } else if minutes % (24 * 60) == 0 && minutes > 0 {
        (minutes / (24 * 60), "days")
    } else if minutes % 60 == 0 && minutes > 0 {
        (minutes / 60, "hours")
    } else {
        (minutes, "minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_their_largest_unit() {
        assert_eq!(in_words(SESSION_IDLE), (30, "minutes"));
        assert_eq!(in_words(SESSION_ABSOLUTE), (12, "hours"));
        assert_eq!(in_words(INVITE_VALID), (7, "days"));
        assert_eq!(in_words(CONTACT_EMAIL_KEPT), (2, "years"));
    }

    #[test]
    fn every_fact_is_listed_once() {
        let mut keys: Vec<_> = FACTS.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), FACTS.len());
    }
}
