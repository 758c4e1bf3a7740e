//! How reactions to the plan are counted: per plan item, per group and
//! stance ([`tally`]), and the [`Table`] of it that may be shown under the
//! small-group rule of [`crate::disclosure`]. The plan page, the round
//! report, the dashboard, the `reacties` export and the API all show a
//! [`Table`]; nothing else counts reactions or decides what to hide.
//!
//! A "why" text belongs to the table too: it carries its group's name only
//! when that group is shown on its own ([`Table::names`]), and no text is
//! shown while fewer than five people reacted to the item ([`Table::texts`]),
//! since the texts' stances would then show the result that is hidden.

use crate::disclosure;
use crate::plan::{ReactionGroup, Stance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Below this many reactions a group's result shows counts only: a
/// percentage of seven people suggests more than it says.
pub const PERCENT_FROM: u32 = 10;

/// Reactions per stance (of one group, or of everyone).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub agree: u32,
    pub partly: u32,
    pub disagree: u32,
}

impl Tally {
    pub fn add(&mut self, stance: Stance) {
        self.add_many(stance, 1);
    }

    /// `times` reactions with `stance` (the store may count them already).
    pub fn add_many(&mut self, stance: Stance, times: u32) {
        match stance {
            Stance::Agree => self.agree += times,
            Stance::Partly => self.partly += times,
            Stance::Disagree => self.disagree += times,
        }
    }

    fn plus(&self, other: &Tally) -> Tally {
        Tally {
            agree: self.agree + other.agree,
            partly: self.partly + other.partly,
            disagree: self.disagree + other.disagree,
        }
    }

    pub fn n(&self) -> u32 {
        self.agree + self.partly + self.disagree
    }

    pub fn count(&self, stance: Stance) -> u32 {
        match stance {
            Stance::Agree => self.agree,
            Stance::Partly => self.partly,
            Stance::Disagree => self.disagree,
        }
    }

    /// Whole percentages per stance that add up to 100 (largest remainder),
    /// or `None` below [`PERCENT_FROM`] reactions: then counts only.
    pub fn percentages(&self) -> Option<[u32; 3]> {
        let n = self.n();
        if n < PERCENT_FROM {
            return None;
        }
        let counts = Stance::ALL.map(|s| self.count(s));
        let mut shares = counts.map(|c| c * 100 / n);
        let mut left = 100 - shares.iter().sum::<u32>();
        // Give what rounding left over to the largest remainders, first
        // stance first on a tie, so the same counts always show the same.
        let mut order = [0usize, 1, 2];
        order.sort_by_key(|&i| std::cmp::Reverse(counts[i] * 100 % n));
        for i in order {
            if left == 0 {
                break;
            }
            shares[i] += 1;
            left -= 1;
        }
        Some(shares)
    }
}

/// Reactions to one item, per group and in all. Never shown as it is:
/// [`Table::of`] says what may be.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub per_group: BTreeMap<ReactionGroup, Tally>,
    pub all: Tally,
}

impl ItemResult {
    /// Counts `times` reactions of `group` with `stance`.
    pub fn add(&mut self, group: ReactionGroup, stance: Stance, times: u32) {
        self.per_group
            .entry(group)
            .or_default()
            .add_many(stance, times);
        self.all.add_many(stance, times);
    }
}

/// Tallies reactions `(item, group, stance)` per item and group. Each
/// participant has one reaction per item (the store keeps the last), so
/// this only counts, and a count is a count of people.
pub fn tally(reactions: &[(i64, ReactionGroup, Stance)]) -> BTreeMap<i64, ItemResult> {
    let mut results: BTreeMap<i64, ItemResult> = BTreeMap::new();
    for (item, group, stance) in reactions {
        results.entry(*item).or_default().add(*group, *stance, 1);
    }
    results
}

/// Whom a row of a [`Table`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    One(ReactionGroup),
    /// The groups not shown on their own, added up (at least five people).
    Together,
    /// Everyone who reacted to the item.
    All,
}

impl Who {
    /// The code pages, exports and the API use for the row.
    pub fn code(self) -> &'static str {
        match self {
            Who::One(group) => group.code(),
            Who::Together => "together",
            Who::All => "all",
        }
    }
}

/// What may be shown of the reactions to one item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Groups shown on their own (in [`ReactionGroup::ALL`] order), the
    /// rest together, and everyone last. Empty when nobody reacted, or
    /// fewer than five people did.
    pub rows: Vec<(Who, Tally)>,
    /// One to four people reacted: say "fewer than 5", nothing more.
    pub fewer: bool,
    /// Some group that reacted is not shown on its own.
    pub suppressed: bool,
}

impl Table {
    /// The table of one item's reactions under the small-group rule.
    pub fn of(result: &ItemResult) -> Table {
        let groups: Vec<(ReactionGroup, u64)> = ReactionGroup::ALL
            .into_iter()
            .map(|g| (g, result.per_group.get(&g).map_or(0, |t| u64::from(t.n()))))
            .collect();
        let split = disclosure::split(&groups);
        if split.total.is_none() {
            return Table {
                rows: Vec::new(),
                fewer: true,
                suppressed: true,
            };
        }
        if result.all.n() == 0 {
            return Table::default();
        }
        let mut rows: Vec<(Who, Tally)> = split
            .shown
            .iter()
            .map(|(g, _)| (Who::One(*g), result.per_group[g]))
            .collect();
        if split.rest.is_some() {
            let shown = rows
                .iter()
                .fold(Tally::default(), |sum, (_, t)| sum.plus(t));
            let rest = Tally {
                agree: result.all.agree - shown.agree,
                partly: result.all.partly - shown.partly,
                disagree: result.all.disagree - shown.disagree,
            };
            rows.push((Who::Together, rest));
        }
        rows.push((Who::All, result.all));
        Table {
            rows,
            fewer: false,
            suppressed: split.suppressed,
        }
    }

    /// Everyone's row, if it may be shown.
    pub fn all(&self) -> Option<&Tally> {
        self.rows
            .iter()
            .find(|(who, _)| *who == Who::All)
            .map(|(_, t)| t)
    }

    /// Whether the "why" texts may be shown at all: not while fewer than
    /// five people reacted.
    pub fn texts(&self) -> bool {
        !self.fewer
    }

    /// Whether a "why" text of `group` may carry the group's name: only if
    /// the group is shown on its own. Otherwise the text shows without it.
    pub fn names(&self, group: ReactionGroup) -> bool {
        self.rows.iter().any(|(who, _)| *who == Who::One(group))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReactionGroup::*;
    use Stance::*;

    fn tallied(t: (u32, u32, u32)) -> Tally {
        Tally {
            agree: t.0,
            partly: t.1,
            disagree: t.2,
        }
    }

    fn result(groups: &[(ReactionGroup, (u32, u32, u32))]) -> ItemResult {
        let mut r = ItemResult::default();
        for (group, (a, p, d)) in groups {
            r.add(*group, Agree, *a);
            r.add(*group, Partly, *p);
            r.add(*group, Disagree, *d);
        }
        r
    }

    fn whos(table: &Table) -> Vec<Who> {
        table.rows.iter().map(|(w, _)| *w).collect()
    }

    #[test]
    fn reactions_are_tallied_per_item_and_group() {
        let results = tally(&[
            (1, Resident, Agree),
            (1, Resident, Disagree),
            (1, YoungPerson, Agree),
            (2, ExperienceExpert, Partly),
        ]);
        let first = &results[&1];
        assert_eq!(first.all, tallied((2, 0, 1)));
        assert_eq!(first.per_group[&Resident], tallied((1, 0, 1)));
        assert_eq!(first.per_group[&YoungPerson].n(), 1);
        assert!(!first.per_group.contains_key(&Professional));
        assert_eq!(results[&2].per_group[&ExperienceExpert].partly, 1);
    }

    #[test]
    fn nobody_reacted_is_an_empty_table() {
        let table = Table::of(&ItemResult::default());
        assert_eq!(table, Table::default());
        assert!(table.all().is_none() && table.texts());
    }

    #[test]
    fn fewer_than_five_in_all_shows_nothing_but_that() {
        // One experience expert, or three people: not even "everyone".
        for r in [
            result(&[(ExperienceExpert, (0, 0, 1))]),
            result(&[(Resident, (1, 0, 1)), (YoungPerson, (0, 0, 1))]),
        ] {
            let table = Table::of(&r);
            assert!(table.rows.is_empty() && table.fewer, "{r:?}");
            assert!(!table.texts() && !table.names(Resident));
        }
    }

    #[test]
    fn a_lone_expert_is_not_shown_and_not_named() {
        // Residents 6 and one expert: hiding only the expert would leave
        // 7 − 6 = 1, so residents go into "together" with them.
        let table = Table::of(&result(&[
            (Resident, (4, 1, 1)),
            (ExperienceExpert, (0, 0, 1)),
        ]));
        assert_eq!(whos(&table), [Who::All]);
        assert_eq!(table.all(), Some(&tallied((4, 1, 2))));
        assert!(table.suppressed && table.texts());
        assert!(!table.names(ExperienceExpert) && !table.names(Resident));
    }

    #[test]
    fn the_smallest_shown_group_keeps_a_small_one_company() {
        let table = Table::of(&result(&[
            (Resident, (10, 5, 5)),
            (YoungPerson, (3, 2, 1)),
            (ExperienceExpert, (0, 0, 1)),
        ]));
        assert_eq!(
            table.rows,
            [
                (Who::One(Resident), tallied((10, 5, 5))),
                (Who::Together, tallied((3, 2, 2))),
                (Who::All, tallied((13, 7, 7))),
            ]
        );
        assert!(table.names(Resident));
        assert!(!table.names(YoungPerson) && !table.names(ExperienceExpert));
    }

    #[test]
    fn small_groups_of_five_together_are_shown_together() {
        // Young 3, professionals 2: five people together, two groups.
        let table = Table::of(&result(&[
            (Resident, (4, 2, 1)),
            (YoungPerson, (1, 1, 1)),
            (Professional, (2, 0, 0)),
        ]));
        assert_eq!(whos(&table), [Who::One(Resident), Who::Together, Who::All]);
        assert_eq!(table.rows[1].1, tallied((3, 1, 1)));
    }

    #[test]
    fn groups_of_five_and_more_are_all_shown() {
        let table = Table::of(&result(&[
            (Resident, (5, 0, 0)),
            (ExperienceExpert, (1, 2, 2)),
        ]));
        assert_eq!(
            whos(&table),
            [Who::One(Resident), Who::One(ExperienceExpert), Who::All]
        );
        assert!(!table.suppressed && table.names(ExperienceExpert));
    }

    /// Every table of up to four groups: each shown group row has five or
    /// more, and every stance of everyone minus the rows shown is a row of
    /// five or more (the "together" row) or nothing.
    #[test]
    fn no_group_can_be_worked_out_from_a_table() {
        let sizes = [
            (0, 0, 0),
            (0, 0, 1),
            (1, 1, 0),
            (2, 1, 1),
            (3, 1, 1),
            (4, 3, 2),
        ];
        for r in sizes {
            for y in sizes {
                for p in sizes {
                    for e in sizes {
                        let input = result(&[
                            (Resident, r),
                            (YoungPerson, y),
                            (Professional, p),
                            (ExperienceExpert, e),
                        ]);
                        let table = Table::of(&input);
                        let Some(all) = table.all() else {
                            assert!(table.rows.is_empty());
                            continue;
                        };
                        assert!(all.n() >= 5);
                        let mut shown = Tally::default();
                        for (who, t) in &table.rows {
                            match who {
                                Who::One(_) | Who::Together => {
                                    assert!(t.n() >= 5, "{input:?}");
                                    shown = shown.plus(t);
                                }
                                Who::All => {}
                            }
                        }
                        let left = all.n() - shown.n();
                        assert!(
                            left == 0 || (shown.n() == 0 && left == all.n()),
                            "{input:?}: {left} left over"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn below_ten_reactions_only_counts_show() {
        assert_eq!(tallied((5, 2, 2)).percentages(), None);
        assert_eq!(tallied((5, 3, 2)).percentages(), Some([50, 30, 20]));
    }

    #[test]
    fn percentages_always_add_up_to_a_hundred() {
        // 1/3 each: rounding down gives 99; the first stance gets the one.
        assert_eq!(tallied((4, 4, 4)).percentages(), Some([34, 33, 33]));
        // 2/3 and 1/3 of 12 reactions: 66.7 and 33.3 → 67 and 33.
        assert_eq!(tallied((8, 0, 4)).percentages(), Some([67, 0, 33]));
        for agree in 0..40 {
            for partly in 0..12 {
                let t = tallied((agree, partly, 11));
                if let Some(p) = t.percentages() {
                    assert_eq!(p.iter().sum::<u32>(), 100, "{t:?}");
                }
            }
        }
    }
}
