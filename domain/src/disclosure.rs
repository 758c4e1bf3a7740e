//! The small-group rule: which counts of people may be shown. One rule for
//! every page, export and API answer, so the promise "nobody is
//! recognisable in the numbers" holds everywhere or nowhere.
//!
//! The rule, for one total split into groups (people per reaction group,
//! contributors per neighbourhood, ...):
//!
//! 1. A total of 1 to 4 people is not shown: it reads "fewer than 5", and
//!    nothing of it is split up (no groups, no answers).
//! 2. A group of fewer than [`MIN_GROUP`] people is not shown on its own.
//! 3. No hidden group may be worked out by subtraction. What is hidden
//!    (total minus the groups shown) must be 0 or at least [`MIN_GROUP`]
//!    people. If it would be 1 to 4, the smallest shown group is hidden as
//!    well (complementary suppression), so the rest is a mix of at least
//!    [`MIN_GROUP`] people in which nobody's group can be read.
//!
//! What is hidden may be shown added up as "other groups together": that is
//! no more than subtraction gives. How many groups are in it is not said,
//! since that would help to narrow a small group down again.
//!
//! Not in here: what is counted (see `tally` for reactions), nor how a page
//! says it. Counts of ideas, which are public texts, are not counts of
//! people; a group's share of them is, and goes through this rule.

/// Below this many people a group is not shown on its own: three experience
/// experts in one neighbourhood are people, not a number.
pub const MIN_GROUP: u64 = 5;

/// A total as it may be shown: the number (0 is shown: it is nobody), or
/// `None` for 1 to 4 people, said as "fewer than 5".
pub fn total(n: u64) -> Option<u64> {
    (n == 0 || n >= MIN_GROUP).then_some(n)
}

/// For people per group (one total split up, in any order), which groups
/// may be shown on their own, by the rule of this module. Groups of 0 are
/// never "shown": there is no one to show.
pub fn shown(counts: &[u64]) -> Vec<bool> {
    let everyone: u64 = counts.iter().sum();
    if total(everyone).is_none() {
        return vec![false; counts.len()];
    }
    let mut shown: Vec<bool> = counts.iter().map(|&c| c >= MIN_GROUP).collect();
    let hidden = |shown: &[bool]| -> u64 {
        counts
            .iter()
            .zip(shown)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| c)
            .sum()
    };
    // One pass is enough: a hidden group of 5 or more makes the rest at
    // least 6. The smallest shown group goes (the last of equals, so the
    // first groups in the order stay), since it tells least.
    if (1..MIN_GROUP).contains(&hidden(&shown)) {
        let smallest = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .min_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        if let Some(i) = smallest {
            shown[i] = false;
        }
    }
    shown
}

/// A split of one total under the rule: the groups shown, the rest added
/// up, and the total if it may be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<L> {
    /// Groups shown on their own, in the order given, with their count.
    pub shown: Vec<(L, u64)>,
    /// The groups not shown, added up: `None` when nothing is hidden, or
    /// when nothing is shown apart either (then it would be the total).
    pub rest: Option<u64>,
    /// Everyone; `None` for 1 to 4 ("fewer than 5").
    pub total: Option<u64>,
    /// Some group with people in it is not shown on its own.
    pub suppressed: bool,
}

/// Applies the rule to people per group (`label`, count).
pub fn split<L: Clone>(counts: &[(L, u64)]) -> Split<L> {
    let numbers: Vec<u64> = counts.iter().map(|(_, c)| *c).collect();
    let mask = shown(&numbers);
    let everyone: u64 = numbers.iter().sum();
    let shown: Vec<(L, u64)> = counts
        .iter()
        .zip(&mask)
        .filter(|(_, s)| **s)
        .map(|(row, _)| row.clone())
        .collect();
    let rest = everyone - shown.iter().map(|(_, c)| c).sum::<u64>();
    Split {
        rest: (rest > 0 && !shown.is_empty()).then_some(rest),
        total: total(everyone),
        suppressed: rest > 0,
        shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reader can work out: total minus the groups shown.
    fn worked_out(counts: &[u64]) -> Option<u64> {
        let mask = shown(counts);
        let everyone: u64 = counts.iter().sum();
        total(everyone)?;
        let visible: u64 = counts
            .iter()
            .zip(&mask)
            .filter(|(_, s)| **s)
            .map(|(c, _)| c)
            .sum();
        Some(everyone - visible)
    }

    #[test]
    fn totals_under_five_are_not_shown_and_zero_is() {
        assert_eq!(total(0), Some(0));
        for n in 1..MIN_GROUP {
            assert_eq!(total(n), None, "{n}");
        }
        assert_eq!(total(5), Some(5));
        assert_eq!(total(120), Some(120));
    }

    #[test]
    fn a_small_total_shows_no_group_at_all() {
        // One experience expert alone, or three people in all.
        assert_eq!(shown(&[1]), [false]);
        assert_eq!(shown(&[2, 1, 0]), [false, false, false]);
        let s = split(&[("resident", 3), ("expert", 1)]);
        assert_eq!((s.shown.len(), s.rest, s.total), (0, None, None));
        assert!(s.suppressed);
    }

    #[test]
    fn groups_under_five_are_not_shown_apart() {
        assert_eq!(shown(&[12, 4, 7, 0]), [true, false, false, false]);
        assert_eq!(shown(&[12, 4, 7, 3]), [true, false, true, false]);
    }

    #[test]
    fn five_is_shown_four_is_not() {
        assert_eq!(shown(&[5, 5]), [true, true]);
        assert_eq!(shown(&[6, 4, 4]), [true, false, false]);
    }

    #[test]
    fn one_hidden_small_group_hides_the_smallest_shown_one_too() {
        // "Resident 18, n 21" would give away the 3 experience experts.
        assert_eq!(shown(&[18, 3]), [false, false]);
        // Young people (6) go with the lone expert; residents stay.
        assert_eq!(shown(&[30, 6, 1]), [true, false, false]);
        let s = split(&[("resident", 30), ("young", 6), ("expert", 1)]);
        assert_eq!(s.shown, [("resident", 30)]);
        assert_eq!(s.rest, Some(7));
        assert_eq!(s.total, Some(37));
        // Of equals, the last one goes.
        assert_eq!(shown(&[9, 9, 2]), [true, false, false]);
    }

    #[test]
    fn small_groups_that_add_up_to_five_need_no_partner() {
        // 3 + 2 hidden: the rest is 5 people in two groups.
        assert_eq!(shown(&[9, 3, 2]), [true, false, false]);
        let s = split(&[("a", 9), ("b", 3), ("c", 2)]);
        assert_eq!((s.rest, s.total), (Some(5), Some(14)));
        // 2 + 1 = 3: not enough, so a shown group joins them.
        assert_eq!(shown(&[9, 7, 2, 1]), [true, false, false, false]);
    }

    #[test]
    fn only_the_total_when_every_group_is_small() {
        let s = split(&[("a", 4), ("b", 3)]);
        assert_eq!((s.shown.len(), s.rest, s.total), (0, None, Some(7)));
        assert!(s.suppressed);
    }

    #[test]
    fn nothing_hidden_nothing_suppressed() {
        let s = split(&[("a", 5), ("b", 0), ("c", 8)]);
        assert_eq!(s.shown, [("a", 5), ("c", 8)]);
        assert_eq!((s.rest, s.total, s.suppressed), (None, Some(13), false));
        let empty: Split<&str> = split(&[]);
        assert_eq!((empty.total, empty.suppressed), (Some(0), false));
    }

    /// Every split of up to four groups of 0 to 12 people: what is shown
    /// is at least five, and what subtraction gives is 0 or at least five.
    #[test]
    fn no_hidden_group_can_be_worked_out_by_subtraction() {
        let range = 0..=12u64;
        for a in range.clone() {
            for b in range.clone() {
                for c in range.clone() {
                    for d in [0, 1, 4, 5, 9] {
                        let counts = [a, b, c, d];
                        let mask = shown(&counts);
                        for (count, s) in counts.iter().zip(&mask) {
                            assert!(!s || *count >= MIN_GROUP, "{counts:?}");
                        }
                        if let Some(rest) = worked_out(&counts) {
                            assert!(rest == 0 || rest >= MIN_GROUP, "{counts:?} leaves {rest}");
                        }
                        // A group of 1 to 4 is never the only hidden one.
                        let hidden: Vec<u64> = counts
                            .iter()
                            .zip(&mask)
                            .filter(|(c, s)| !**s && **c > 0)
                            .map(|(c, _)| *c)
                            .collect();
                        let everyone: u64 = counts.iter().sum();
                        if everyone >= MIN_GROUP && hidden.len() == 1 {
                            assert!(
                                hidden[0] >= MIN_GROUP || hidden[0] == everyone,
                                "{counts:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
