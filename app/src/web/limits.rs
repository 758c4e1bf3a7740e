//! Rate limits on what residents send, per participant and per client,
//! kept in memory: a restart forgets them, which only errs on the side of
//! letting people in. With several app servers each counts its own share.

use domain::rate::{RateRule, Window};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// An idea or a child's dream.
    Idea,
    Support,
    /// Reporting an idea to the moderators: counted apart, with the
    /// limits of ideas (a flag costs a moderator as much time as an idea).
    Flag,
    /// "Looks like these ideas" while typing: cheap for one person, counted
    /// apart with the limits of supports so a script cannot keep the
    /// server busy with it.
    Lookup,
    /// A reaction to a plan item: counted with the limits of supports.
    Reaction,
    /// Starting a sign-in at the OpenID provider, which stores the sign-in
    /// under way: counted per client with the limits of ideas, so a
    /// script cannot fill the store with them.
    ProviderSignIn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateRules {
    pub idea_per_participant: RateRule,
    pub idea_per_client: RateRule,
    pub support_per_participant: RateRule,
    pub support_per_client: RateRule,
}

impl Default for RateRules {
    fn default() -> Self {
        RateRules {
            idea_per_participant: RateRule {
                limit: 20,
                window_seconds: 3600,
            },
            // A class on one school network sends a lot at once.
            idea_per_client: RateRule {
                limit: 300,
                window_seconds: 3600,
            },
            support_per_participant: RateRule {
                limit: 200,
                window_seconds: 3600,
            },
            support_per_client: RateRule {
                limit: 3000,
                window_seconds: 3600,
            },
        }
    }
}

#[derive(Debug, Default)]
pub struct Limiter {
    pub rules: RateRules,
    state: Mutex<Windows>,
}

#[derive(Debug, Default)]
struct Windows {
    by_key: HashMap<(Action, bool, String), Window>,
    last_sweep: u64,
}

/// Forget quiet keys when this many are held…
const SWEEP_AT: usize = 10_000;
/// …but at most this often: a sweep walks every key, and doing that on
/// each request once many keys are live would make every request pay.
const SWEEP_EVERY_SECONDS: u64 = 60;

impl Limiter {
    pub fn new(rules: RateRules) -> Limiter {
        Limiter {
            rules,
            state: Mutex::default(),
        }
    }

    /// Counts one action for the participant (if known) and the client;
    /// `Err(seconds)` when either is over its limit (then nothing counts).
    pub fn check(
        &self,
        action: Action,
        participant: Option<&str>,
        client: &str,
    ) -> Result<(), u64> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        self.check_at(action, participant, client, now)
    }

    pub fn check_at(
        &self,
        action: Action,
        participant: Option<&str>,
        client: &str,
        now: u64,
    ) -> Result<(), u64> {
        let (per_participant, per_client) = match action {
            Action::Idea | Action::Flag | Action::ProviderSignIn => {
                (self.rules.idea_per_participant, self.rules.idea_per_client)
            }
            Action::Support | Action::Lookup | Action::Reaction => (
                self.rules.support_per_participant,
                self.rules.support_per_client,
            ),
        };
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if state.by_key.len() >= SWEEP_AT && now >= state.last_sweep + SWEEP_EVERY_SECONDS {
            state.last_sweep = now;
            let longest = if per_client.window_seconds >= per_participant.window_seconds {
                per_client
            } else {
                per_participant
            };
            state.by_key.retain(|_, w| !w.is_stale(now, longest));
        }
        let mut keys = vec![((action, false, client.to_owned()), per_client)];
        if let Some(participant) = participant {
            keys.push(((action, true, participant.to_owned()), per_participant));
        }
        // Check all first, so a refused action counts against none.
        let mut trial: Vec<Window> = Vec::new();
        for (key, rule) in &keys {
            let mut window = state.by_key.get(key).copied().unwrap_or_default();
            window.hit(*rule, now)?;
            trial.push(window);
        }
        for ((key, _), window) in keys.into_iter().zip(trial) {
            state.by_key.insert(key, window);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> Limiter {
        Limiter::new(RateRules {
            idea_per_participant: RateRule {
                limit: 2,
                window_seconds: 60,
            },
            idea_per_client: RateRule {
                limit: 3,
                window_seconds: 60,
            },
            ..RateRules::default()
        })
    }

    #[test]
    fn limits_each_participant() {
        let limiter = limiter();
        assert!(limiter.check_at(Action::Idea, Some("a"), "c1", 600).is_ok());
        assert!(limiter.check_at(Action::Idea, Some("a"), "c1", 600).is_ok());
        assert!(
            limiter
                .check_at(Action::Idea, Some("a"), "c2", 600)
                .is_err()
        );
        assert!(limiter.check_at(Action::Idea, Some("b"), "c2", 600).is_ok());
    }

    #[test]
    fn limits_each_client_across_participants() {
        let limiter = limiter();
        for p in ["a", "b", "c"] {
            assert!(limiter.check_at(Action::Idea, Some(p), "c1", 600).is_ok());
        }
        assert_eq!(
            limiter.check_at(Action::Idea, Some("d"), "c1", 610),
            Err(50)
        );
    }

    #[test]
    fn quiet_keys_are_forgotten_but_not_on_every_request() {
        let limiter = limiter();
        for i in 0..SWEEP_AT {
            limiter
                .check_at(Action::Idea, None, &format!("c{i}"), 600)
                .unwrap();
        }
        // Two windows later everything is stale: the next check sweeps.
        limiter.check_at(Action::Idea, None, "new", 720).unwrap();
        assert_eq!(limiter.state.lock().unwrap().by_key.len(), 1);
        for i in 0..SWEEP_AT {
            limiter
                .check_at(Action::Idea, None, &format!("d{i}"), 721)
                .unwrap();
        }
        // Within a minute of the last sweep, no new one.
        limiter.check_at(Action::Idea, None, "other", 770).unwrap();
        assert!(limiter.state.lock().unwrap().by_key.len() > SWEEP_AT);
    }

    #[test]
    fn a_refused_action_does_not_count() {
        let limiter = limiter();
        for p in ["a", "b", "c"] {
            limiter.check_at(Action::Idea, Some(p), "c1", 600).unwrap();
        }
        // Refused at c1: participant "e" must still have both its actions.
        assert!(
            limiter
                .check_at(Action::Idea, Some("e"), "c1", 600)
                .is_err()
        );
        assert!(limiter.check_at(Action::Idea, Some("e"), "c2", 600).is_ok());
        assert!(limiter.check_at(Action::Idea, Some("e"), "c3", 600).is_ok());
    }
}
