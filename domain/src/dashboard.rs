//! The numbers of the public dashboard, as plain rules: breakdowns that
//! never show a group of fewer than [`MIN_GROUP`] people on its own (they
//! would be recognisable), and the funnel of a round from ideas to plan.
//! Every number carries its n, so nothing reads as more than it is.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Below this many people a group is not shown apart in any breakdown:
/// three experience experts in one neighbourhood are people, not a number.
pub const MIN_GROUP: u64 = 5;

/// One row of a breakdown: a label's count, or the small groups together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Row {
    Shown {
        label: String,
        count: u64,
    },
    /// Groups under [`MIN_GROUP`], added up; how many groups that were.
    /// Itself shown only if it reaches [`MIN_GROUP`].
    Together {
        groups: usize,
        count: u64,
    },
}

/// A breakdown of `n` people by label, with the small-group rule applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub rows: Vec<Row>,
    /// Everyone, also those in groups not shown.
    pub n: u64,
    /// Some groups were too small to show: the page says so.
    pub suppressed: bool,
}

/// Applies the small-group rule to counts per label. Labels keep their
/// order of largest first (then by label, so equal counts always show in
/// the same order). Small groups are added up into one row if that row
/// reaches the threshold; otherwise they are only in `n`. A single small
/// group is never shown as "together", since that would show it anyway.
pub fn breakdown(counts: &BTreeMap<String, u64>) -> Breakdown {
    let n = counts.values().sum();
    let mut shown: Vec<(&String, u64)> = counts
        .iter()
        .filter(|(_, c)| **c >= MIN_GROUP)
        .map(|(l, c)| (l, *c))
        .collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let small: Vec<u64> = counts
        .values()
        .copied()
        .filter(|c| *c > 0 && *c < MIN_GROUP)
        .collect();
    let mut rows: Vec<Row> = shown
        .into_iter()
        .map(|(label, count)| Row::Shown {
            label: label.clone(),
            count,
        })
        .collect();
    let together: u64 = small.iter().sum();
    if small.len() >= 2 && together >= MIN_GROUP {
        rows.push(Row::Together {
            groups: small.len(),
            count: together,
        });
    }
    Breakdown {
        rows,
        n,
        suppressed: !small.is_empty(),
    }
}

/// A round from ideas to plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    /// Counted ideas (public, not hidden, not merged into another).
    pub ideas: u64,
    /// Of those, in a cluster.
    pub clustered: u64,
    pub clusters: u64,
    /// Clusters used by at least one plan item.
    pub clusters_in_plan: u64,
    pub plan_items: u64,
    /// Ideas whose cluster is in the plan.
    pub ideas_in_plan: u64,
}

impl Funnel {
    /// The share of ideas that ended up in the plan, in whole percent, or
    /// `None` without ideas.
    pub fn in_plan_percent(&self) -> Option<u64> {
        (self.ideas > 0).then(|| (self.ideas_in_plan * 100 + self.ideas / 2) / self.ideas)
    }
}

/// The funnel from each idea's cluster (`None`: not placed), the clusters
/// of the round and the clusters each plan item comes from.
pub fn funnel(idea_clusters: &[Option<i64>], clusters: &[i64], items: &[Vec<i64>]) -> Funnel {
    let in_plan = |c: &i64| items.iter().any(|i| i.contains(c));
    Funnel {
        ideas: idea_clusters.len() as u64,
        clustered: idea_clusters.iter().filter(|c| c.is_some()).count() as u64,
        clusters: clusters.len() as u64,
        clusters_in_plan: clusters.iter().filter(|c| in_plan(c)).count() as u64,
        plan_items: items.len() as u64,
        ideas_in_plan: idea_clusters
            .iter()
            .filter(|c| c.as_ref().is_some_and(in_plan))
            .count() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(l, c)| ((*l).to_owned(), *c)).collect()
    }

    #[test]
    fn groups_under_five_are_not_shown_apart() {
        let b = breakdown(&counts(&[("Centrum", 12), ("Noord", 4), ("Zuid", 7)]));
        assert_eq!(
            b.rows,
            vec![
                Row::Shown {
                    label: "Centrum".into(),
                    count: 12
                },
                Row::Shown {
                    label: "Zuid".into(),
                    count: 7
                },
            ]
        );
        assert_eq!(b.n, 23, "n counts everyone");
        assert!(b.suppressed);
    }

    #[test]
    fn small_groups_together_only_when_that_says_nothing_about_one() {
        // 3 + 2 = 5: shown together as two groups.
        let b = breakdown(&counts(&[("A", 9), ("B", 3), ("C", 2)]));
        assert_eq!(
            b.rows.last(),
            Some(&Row::Together {
                groups: 2,
                count: 5
            })
        );
        // 2 + 1 = 3: still too few, only in n.
        let b = breakdown(&counts(&[("A", 9), ("B", 2), ("C", 1)]));
        assert_eq!(b.rows.len(), 1);
        assert_eq!(b.n, 12);
        // A single small group is never shown, not even as "together".
        let b = breakdown(&counts(&[("A", 9), ("B", 4)]));
        assert_eq!(b.rows.len(), 1);
        assert!(b.suppressed);
    }

    #[test]
    fn exactly_five_is_shown_and_nothing_is_suppressed() {
        let b = breakdown(&counts(&[("A", 5), ("B", 5)]));
        assert_eq!(b.rows.len(), 2);
        assert!(!b.suppressed);
        assert_eq!(breakdown(&BTreeMap::new()).n, 0);
    }

    #[test]
    fn the_funnel_counts_ideas_into_the_plan() {
        // Ideas in clusters 1, 1, 2, 3 and one not placed; items from
        // clusters {1} and {1, 3}: cluster 2 is not in the plan.
        let f = funnel(
            &[Some(1), Some(1), Some(2), Some(3), None],
            &[1, 2, 3],
            &[vec![1], vec![1, 3]],
        );
        assert_eq!(
            f,
            Funnel {
                ideas: 5,
                clustered: 4,
                clusters: 3,
                clusters_in_plan: 2,
                plan_items: 2,
                ideas_in_plan: 3,
            }
        );
        assert_eq!(f.in_plan_percent(), Some(60));
        assert_eq!(Funnel::default().in_plan_percent(), None);
    }
}
