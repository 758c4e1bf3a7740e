//! Slowing down guessing of secrets (NIST SP 800-63B 5.2.2): a few free
//! failures, then a growing wait, and never more than a fixed number of
//! failures per day.
//!
//! Passwords (and second-factor codes) are counted per account and client
//! pair, per client, and per account over all clients. The pair is what
//! slows one attacker on one account down; the client limit slows one
//! address trying many accounts; the account ceiling bounds a guesser who
//! uses many addresses. That ceiling shuts out only clients that already
//! failed on the account that day: a flood from elsewhere cannot lock the
//! owner out, who signs in from a client without failures.
//!
//! Receipt codes are counted per client: they have no owner to lock out
//! and are too many to guess anyway, so only the speed needs a bound.
//!
//! Whoever checks a secret reserves a failure first ([`Attempt::gate`] on
//! the failures including the ones still being checked) and takes it back
//! if the secret was right: parallel tries cannot slip past the count.

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

/// One client on one account: five tries at once for someone who mistypes,
/// then 1 s, 2 s, 4 s … up to 15 minutes between tries, and at most 100 a
/// day (NIST's ceiling).
pub const PER_ACCOUNT_AND_CLIENT: ThrottleRule = ThrottleRule {
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

/// NIST's ceiling of 100 failures per account, over all clients, without
/// waits: it only binds clients that failed on the account themselves.
pub const PER_ACCOUNT: ThrottleRule = ThrottleRule {
    free: 100,
    per_day: 100,
    max_wait: Duration::zero(),
};

/// Receipt codes typed or sent in a cookie from one client: room for a
/// class that mistypes its codes from paper, then the same growing wait.
pub const RECEIPT_CODES_PER_CLIENT: ThrottleRule = ThrottleRule {
    free: 20,
    per_day: 200,
    max_wait: Duration::minutes(15),
};

/// How long failures are remembered.
pub const WINDOW: Duration = Duration::hours(24);

/// One try at a secret, with the keys (hashes naming who tries what) its
/// failure is counted under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// A password or a second-factor code for one account.
    SignIn {
        account_and_client: String,
        client: String,
        account: String,
    },
    /// A receipt code, typed or in a cookie.
    ReceiptCode { client: String },
}

impl Attempt {
    /// The keys a failure is counted under, in the order [`Attempt::gate`]
    /// takes their failures.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Attempt::SignIn {
                account_and_client,
                client,
                account,
            } => vec![account_and_client, client, account],
            Attempt::ReceiptCode { client } => vec![client],
        }
    }

    /// Whether the secret may be checked now, given the failures of the
    /// last day under each of [`Attempt::keys`] (same order; those still
    /// being checked included).
    pub fn gate(&self, failures: &[Vec<DateTime<Utc>>], now: DateTime<Utc>) -> Gate {
        let of = |i: usize| failures.get(i).map_or(&[][..], Vec::as_slice);
        match self {
            Attempt::SignIn { .. } => {
                let (pair, client, account) = (of(0), of(1), of(2));
                let failed_here = pair.iter().any(|at| *at > now - WINDOW);
                let ceiling = if failed_here {
                    gate(PER_ACCOUNT, account, now)
                } else {
                    Gate::Open
                };
                gate(PER_ACCOUNT_AND_CLIENT, pair, now)
                    .and(gate(PER_CLIENT, client, now))
                    .and(ceiling)
            }
            Attempt::ReceiptCode { .. } => gate(RECEIPT_CODES_PER_CLIENT, of(0), now),
        }
    }
}

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

/// Whether one rule lets a secret be tried now, given the failures of the
/// last day (any order).
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
        assert_eq!(gate(PER_ACCOUNT_AND_CLIENT, &failures, at(4)), Gate::Open);
    }

    #[test]
    fn then_the_wait_doubles() {
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(
            gate(PER_ACCOUNT_AND_CLIENT, &five, at(4)),
            Gate::Wait(at(5))
        );
        assert_eq!(gate(PER_ACCOUNT_AND_CLIENT, &five, at(5)), Gate::Open);
        let seven: Vec<_> = (0..7).map(at).collect();
        assert_eq!(
            gate(PER_ACCOUNT_AND_CLIENT, &seven, at(6)),
            Gate::Wait(at(10))
        );
    }

    #[test]
    fn the_wait_has_a_ceiling() {
        let many: Vec<_> = (0..60).map(|i| at(i * 1000)).collect();
        let last = at(59 * 1000);
        assert_eq!(
            gate(PER_ACCOUNT_AND_CLIENT, &many, last),
            Gate::Wait(last + Duration::minutes(15))
        );
    }

    #[test]
    fn a_hundred_failures_a_day_lock_the_account() {
        let hundred: Vec<_> = (0..100).map(|i| at(i * 60)).collect();
        let now = at(100 * 60 + 3600);
        assert_eq!(
            gate(PER_ACCOUNT_AND_CLIENT, &hundred, now),
            Gate::Locked(at(0) + WINDOW)
        );
        // A day after the first failure one more attempt is possible.
        assert!(
            gate(
                PER_ACCOUNT_AND_CLIENT,
                &hundred,
                at(0) + WINDOW + Duration::seconds(1)
            )
            .is_open()
        );
    }

    #[test]
    fn old_failures_do_not_count() {
        let old: Vec<_> = (0..50).map(at).collect();
        assert_eq!(
            gate(PER_ACCOUNT_AND_CLIENT, &old, at(49) + WINDOW),
            Gate::Open
        );
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

    fn sign_in() -> Attempt {
        Attempt::SignIn {
            account_and_client: "pair".into(),
            client: "client".into(),
            account: "account".into(),
        }
    }

    #[test]
    fn a_flood_from_elsewhere_does_not_shut_out_a_client_without_failures() {
        let hundred: Vec<_> = (0..100).map(|i| at(i * 60)).collect();
        let now = at(100 * 60 + 3600);
        // The owner, on a client that did not fail on the account today.
        assert_eq!(
            sign_in().gate(&[vec![], vec![], hundred.clone()], now),
            Gate::Open
        );
        // A client that failed on it today meets the ceiling.
        assert_eq!(
            sign_in().gate(&[vec![at(0)], vec![at(0)], hundred.clone()], now),
            Gate::Locked(at(0) + WINDOW)
        );
        // Failures of yesterday do not count as failing here.
        let yesterday = vec![at(0) - WINDOW];
        assert_eq!(
            sign_in().gate(&[yesterday.clone(), yesterday, hundred], now),
            Gate::Open
        );
    }

    #[test]
    fn one_client_on_one_account_waits_after_five() {
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(
            sign_in().gate(&[five.clone(), five.clone(), five], at(4)),
            Gate::Wait(at(5))
        );
    }

    #[test]
    fn one_client_on_many_accounts_waits_after_twenty() {
        let twenty: Vec<_> = (0..20).map(at).collect();
        assert_eq!(
            sign_in().gate(&[vec![], twenty.clone(), vec![]], at(19)),
            Gate::Wait(at(20))
        );
        let nineteen = &twenty[..19];
        assert!(
            sign_in()
                .gate(&[vec![], nineteen.to_vec(), vec![]], at(19))
                .is_open()
        );
    }

    #[test]
    fn receipt_codes_wait_after_twenty_per_client() {
        let code = Attempt::ReceiptCode {
            client: "client".into(),
        };
        assert_eq!(code.keys(), vec!["client"]);
        let nineteen: Vec<_> = (0..19).map(at).collect();
        assert!(code.gate(std::slice::from_ref(&nineteen), at(19)).is_open());
        let twenty: Vec<_> = (0..20).map(at).collect();
        assert_eq!(code.gate(&[twenty], at(19)), Gate::Wait(at(20)));
        let day: Vec<_> = (0..200).map(|i| at(i * 400)).collect();
        assert_eq!(
            code.gate(&[day], at(200 * 400)),
            Gate::Locked(at(0) + WINDOW)
        );
    }

    #[test]
    fn one_address_gets_about_a_hundred_guesses_a_day_at_most() {
        // Guess as soon as the gate opens, for a day: the README's numbers.
        for (rule, most) in [
            (PER_ACCOUNT_AND_CLIENT, 100),
            (RECEIPT_CODES_PER_CLIENT, 125),
        ] {
            let mut failures = Vec::new();
            let mut now = at(0);
            while now < at(0) + WINDOW {
                match gate(rule, &failures, now) {
                    Gate::Open => failures.push(now),
                    Gate::Wait(until) | Gate::Locked(until) => now = until,
                }
            }
            assert!(failures.len() <= most, "{rule:?}: {}", failures.len());
            assert!(failures.len() >= most - 5, "{rule:?}: {}", failures.len());
        }
    }
}
