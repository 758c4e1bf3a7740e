//! Slowing down password guessing (NIST SP 800-63B 5.2.2): a few free
//! failures, then a growing wait, and never more than a fixed number of
//! failures per day. Counted per account and per client, so guessing many
//! passwords for one account and one password for many accounts are both
//! slowed down.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleRule {
    /// Failures in a day that cost no wait.
    pub free: usize,
    /// Failures in a day after which the door stays shut until the oldest
    /// one is a day old.
    pub per_day: usize,
    pub max_wait: Duration,
}

/// NIST's ceiling is 100 failed attempts per account.
pub const PER_ACCOUNT: ThrottleRule = ThrottleRule {
    free: 5,
    per_day: 100,
    max_wait: Duration::minutes(15),
};

/// A school or office shares one address: more room, still bounded.
pub const PER_CLIENT: ThrottleRule = ThrottleRule {
    free: 20,
    per_day: 1000,
    max_wait: Duration::minutes(15),
};

/// How long failures are remembered.
pub const WINDOW: Duration = Duration::hours(24);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// Try again after this moment.
    Wait(DateTime<Utc>),
    /// The day's limit is reached; open again after this moment.
    Locked(DateTime<Utc>),
}

impl Gate {
    pub fn is_open(self) -> bool {
        self == Gate::Open
    }

    /// The later of two gates: both must be open to try.
    pub fn and(self, other: Gate) -> Gate {
        match (self, other) {
            (Gate::Locked(a), Gate::Locked(b)) => Gate::Locked(a.max(b)),
            (Gate::Locked(a), _) | (_, Gate::Locked(a)) => Gate::Locked(a),
            (Gate::Wait(a), Gate::Wait(b)) => Gate::Wait(a.max(b)),
            (Gate::Wait(a), Gate::Open) | (Gate::Open, Gate::Wait(a)) => Gate::Wait(a),
            (Gate::Open, Gate::Open) => Gate::Open,
        }
    }
}

/// Whether a sign-in may be tried now, given the failures of the last day
/// (any order).
pub fn gate(rule: ThrottleRule, failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Gate {
    let mut recent: Vec<DateTime<Utc>> = failures
        .iter()
        .copied()
        .filter(|at| *at > now - WINDOW)
        .collect();
    recent.sort_unstable();
    let n = recent.len();
    if n >= rule.per_day {
        return Gate::Locked(recent[n - rule.per_day] + WINDOW);
    }
    if n < rule.free {
        return Gate::Open;
    }
    // 1 s, 2 s, 4 s, … up to the maximum.
    let doublings = (n - rule.free).min(20) as u32;
    let wait = Duration::seconds(1i64 << doublings).min(rule.max_wait);
    let until = recent[n - 1] + wait;
    if now < until {
        Gate::Wait(until)
    } else {
        Gate::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn the_first_failures_are_free() {
        let failures: Vec<_> = (0..4).map(at).collect();
        assert_eq!(gate(PER_ACCOUNT, &failures, at(4)), Gate::Open);
    }

    #[test]
    fn then_the_wait_doubles() {
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(gate(PER_ACCOUNT, &five, at(4)), Gate::Wait(at(5)));
        assert_eq!(gate(PER_ACCOUNT, &five, at(5)), Gate::Open);
        let seven: Vec<_> = (0..7).map(at).collect();
        assert_eq!(gate(PER_ACCOUNT, &seven, at(6)), Gate::Wait(at(10)));
    }

    #[test]
    fn the_wait_has_a_ceiling() {
        let many: Vec<_> = (0..60).map(|i| at(i * 1000)).collect();
        let last = at(59 * 1000);
        assert_eq!(
            gate(PER_ACCOUNT, &many, last),
            Gate::Wait(last + Duration::minutes(15))
        );
    }

    #[test]
    fn a_hundred_failures_a_day_lock_the_account() {
        let hundred: Vec<_> = (0..100).map(|i| at(i * 60)).collect();
        let now = at(100 * 60 + 3600);
        assert_eq!(
            gate(PER_ACCOUNT, &hundred, now),
            Gate::Locked(at(0) + WINDOW)
        );
        // A day after the first failure one more attempt is possible.
        assert!(gate(PER_ACCOUNT, &hundred, at(0) + WINDOW + Duration::seconds(1)).is_open());
    }

    #[test]
    fn old_failures_do_not_count() {
        let old: Vec<_> = (0..50).map(at).collect();
        assert_eq!(gate(PER_ACCOUNT, &old, at(49) + WINDOW), Gate::Open);
    }

    #[test]
    fn gates_combine_to_the_strictest() {
        assert_eq!(Gate::Open.and(Gate::Wait(at(1))), Gate::Wait(at(1)));
        assert_eq!(
            Gate::Wait(at(9)).and(Gate::Locked(at(1))),
            Gate::Locked(at(1))
        );
        assert_eq!(Gate::Wait(at(1)).and(Gate::Wait(at(2))), Gate::Wait(at(2)));
    }
}
