//! Rate limits on what residents send (ideas, supports, reactions): a
//! sliding window per participant and per client, so that one script cannot
//! flood a round while a class of children on one school network can still
//! take part.

/// At most `limit` actions per `window_seconds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateRule {
    pub limit: u32,
    pub window_seconds: u64,
}

/// The counts of one key: this window and the one before it. The previous
/// window's count is weighted by how much of it still overlaps the sliding
/// window, which approximates a true sliding log in two numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    start: u64,
    current: u32,
    previous: u32,
}

impl Window {
    /// Counts an action at `now` (seconds) if the rule allows it; otherwise
    /// returns how many seconds to wait.
    pub fn hit(&mut self, rule: RateRule, now: u64) -> Result<(), u64> {
        let length = rule.window_seconds.max(1);
        let start = now - now % length;
        if start != self.start {
            self.previous = if start == self.start + length {
                self.current
            } else {
                0
            };
            self.current = 0;
            self.start = start;
        }
        let elapsed = now - start;
        let overlap = (length - elapsed) as f64 / length as f64;
        let estimate = self.previous as f64 * overlap + self.current as f64;
        if estimate + 1.0 > rule.limit as f64 {
            // Waiting until the next window always frees room.
            return Err((length - elapsed).max(1));
        }
        self.current += 1;
        Ok(())
    }

    /// True when this window no longer holds anything worth remembering.
    pub fn is_stale(&self, now: u64, rule: RateRule) -> bool {
        now >= self.start + 2 * rule.window_seconds.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: RateRule = RateRule {
        limit: 3,
        window_seconds: 60,
    };

    #[test]
    fn allows_up_to_the_limit() {
        let mut window = Window::default();
        for _ in 0..3 {
            assert_eq!(window.hit(RULE, 6000), Ok(()));
        }
        assert_eq!(window.hit(RULE, 6010), Err(50));
    }

    #[test]
    fn the_previous_window_still_weighs_at_its_start() {
        let mut window = Window::default();
        for _ in 0..3 {
            window.hit(RULE, 6059).unwrap();
        }
        // One second into the next window nearly all three still count.
        assert!(window.hit(RULE, 6061).is_err());
        // Near its end they barely do.
        assert!(window.hit(RULE, 6115).is_ok());
    }

    #[test]
    fn a_quiet_period_resets_everything() {
        let mut window = Window::default();
        for _ in 0..3 {
            window.hit(RULE, 6000).unwrap();
        }
        assert!(window.is_stale(6120, RULE));
        assert!(window.hit(RULE, 6300).is_ok());
    }
}
