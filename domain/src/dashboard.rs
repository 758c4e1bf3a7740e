//! The numbers of the public dashboard, as plain rules: breakdowns of the
//! people who took part under the small-group rule of
//! [`crate::disclosure`], and the funnel of a round from ideas to plan.
//! Every number carries its n, so nothing reads as more than it is.
//! Reactions are counted in [`crate::tally`].

use crate::disclosure;
use crate::life_domain::LifeDomain;
use crate::plan::Progress;
use crate::policy_domain::PolicyDomain;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of a breakdown: a label's count, or the groups not shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Row {
    Shown {
        label: String,
        count: u64,
    },
    /// The groups not shown on their own, added up (at least
    /// [`disclosure::MIN_GROUP`] people; how many groups is not said).
    Together {
        count: u64,
    },
}

/// A breakdown of people by label, with the small-group rule applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub rows: Vec<Row>,
    /// Everyone, also those in groups not shown; `None` for 1 to 4
    /// people ("fewer than 5").
    pub n: Option<u64>,
    /// Some groups are not shown on their own: the page says so.
    pub suppressed: bool,
}

impl Breakdown {
    /// Nobody to show.
    pub fn is_empty(&self) -> bool {
        self.n == Some(0)
    }
}

/// Applies the small-group rule to people per label. Labels keep their
/// order of largest first (then by label, so equal counts always show in
/// the same order); the groups not shown come last, added up.
pub fn breakdown(counts: &BTreeMap<String, u64>) -> Breakdown {
    let mut ordered: Vec<(String, u64)> = counts
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(l, c)| (l.clone(), *c))
        .collect();
    ordered.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let split = disclosure::split(&ordered);
    let mut rows: Vec<Row> = split
        .shown
        .into_iter()
        .map(|(label, count)| Row::Shown { label, count })
        .collect();
    if let Some(count) = split.rest {
        rows.push(Row::Together { count });
    }
    Breakdown {
        rows,
        n: split.total,
        suppressed: split.suppressed,
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

/// How many plan items touch each life domain × policy domain: the cells
/// at zero are the blind spots. Items without one of the two domains are
/// counted apart, so the table's total is honest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// `cells[l][p]`: items in life domain `LifeDomain::ALL[l]` and policy
    /// domain `PolicyDomain::ALL[p]`.
    pub cells: Vec<Vec<u64>>,
    /// Items lacking a life or a policy domain.
    pub unclassified: u64,
    pub n: u64,
}

impl Coverage {
    /// The (life, policy) pairs no item touches.
    pub fn blind_spots(&self) -> Vec<(LifeDomain, PolicyDomain)> {
        let mut spots = Vec::new();
        for (l, life) in LifeDomain::ALL.iter().enumerate() {
            for (p, policy) in PolicyDomain::ALL.iter().enumerate() {
                if self.cells[l][p] == 0 {
                    spots.push((*life, *policy));
                }
            }
        }
        spots
    }

    /// The life domains no item touches at all.
    pub fn empty_life_domains(&self) -> Vec<LifeDomain> {
        LifeDomain::ALL
            .iter()
            .enumerate()
            .filter(|(l, _)| self.cells[*l].iter().all(|c| *c == 0))
            .map(|(_, d)| *d)
            .collect()
    }
}

/// Coverage of plan items given their (life, policy) domains.
pub fn coverage(items: &[(Option<LifeDomain>, Option<PolicyDomain>)]) -> Coverage {
    let mut cells = vec![vec![0; PolicyDomain::ALL.len()]; LifeDomain::ALL.len()];
    let mut unclassified = 0;
    for item in items {
        match item {
            (Some(life), Some(policy)) => {
                let l = LifeDomain::ALL.iter().position(|d| d == life).unwrap_or(0);
                let p = PolicyDomain::ALL
                    .iter()
                    .position(|d| d == policy)
                    .unwrap_or(0);
                cells[l][p] += 1;
            }
            _ => unclassified += 1,
        }
    }
    Coverage {
        cells,
        unclassified,
        n: items.len() as u64,
    }
}

/// A final plan item's status at a monitoring moment.
pub type States = BTreeMap<i64, Progress>;

/// What moved between two monitoring moments: items whose status changed
/// (from, to), items new since the first moment, and how many stayed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub moved: Vec<(i64, Progress, Progress)>,
    pub new: Vec<(i64, Progress)>,
    pub unchanged: u64,
}

/// Compares the states at an earlier and a later monitoring moment.
pub fn movement(before: &States, after: &States) -> Movement {
    let mut m = Movement::default();
    for (item, now) in after {
        match before.get(item) {
            Some(then) if then != now => m.moved.push((*item, *then, *now)),
            Some(_) => m.unchanged += 1,
            None => m.new.push((*item, *now)),
        }
    }
    m
}

/// Counts per status, in [`Progress::ALL`] order.
pub fn status_counts<'a>(states: impl IntoIterator<Item = &'a Progress>) -> [u64; 4] {
    let mut counts = [0; 4];
    for state in states {
        if let Some(i) = Progress::ALL.iter().position(|p| p == state) {
            counts[i] += 1;
        }
    }
    counts
}

/// A contributor's id in open data: the same for all their contributions,
/// useless to find out who they are without the server's secret salt.
pub fn pseudonym(salt: &str, participant_id: i64) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{salt}:participant:{participant_id}"));
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("p-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(l, c)| ((*l).to_owned(), *c)).collect()
    }

    #[test]
    fn groups_under_five_are_not_shown_apart() {
        // Noord (4) hidden; Zuid (7) too, or 23 − 12 would give Noord.
        let b = breakdown(&counts(&[("Centrum", 12), ("Noord", 4), ("Zuid", 7)]));
        assert_eq!(
            b.rows,
            vec![
                Row::Shown {
                    label: "Centrum".into(),
                    count: 12
                },
                Row::Together { count: 11 },
            ]
        );
        assert_eq!(b.n, Some(23), "n counts everyone");
        assert!(b.suppressed);
    }

    #[test]
    fn small_groups_together_only_when_that_says_nothing_about_one() {
        // 3 + 2 = 5: shown together.
        let b = breakdown(&counts(&[("A", 9), ("B", 3), ("C", 2)]));
        assert_eq!(b.rows.last(), Some(&Row::Together { count: 5 }));
        // "Resident 18, n 21" would show the 3 others: only n is left.
        let b = breakdown(&counts(&[("A", 18), ("B", 3)]));
        assert!(b.rows.is_empty());
        assert_eq!(b.n, Some(21));
        // Fewer than 5 in all: not even n.
        let b = breakdown(&counts(&[("A", 3), ("B", 1)]));
        assert_eq!((b.rows.len(), b.n), (0, None));
    }

    #[test]
    fn exactly_five_is_shown_and_nothing_is_suppressed() {
        let b = breakdown(&counts(&[("A", 5), ("B", 5), ("C", 0)]));
        assert_eq!(b.rows.len(), 2);
        assert!(!b.suppressed);
        assert!(breakdown(&BTreeMap::new()).is_empty());
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

    #[test]
    fn coverage_counts_items_per_domain_pair_and_shows_blind_spots() {
        let items = [
            (Some(LifeDomain::ALL[0]), Some(PolicyDomain::ALL[0])),
            (Some(LifeDomain::ALL[0]), Some(PolicyDomain::ALL[0])),
            (Some(LifeDomain::ALL[1]), Some(PolicyDomain::ALL[2])),
            (None, Some(PolicyDomain::ALL[1])),
        ];
        let c = coverage(&items);
        assert_eq!(c.cells[0][0], 2);
        assert_eq!(c.cells[1][2], 1);
        assert_eq!(c.unclassified, 1);
        assert_eq!(c.n, 4);
        // 4 × 7 pairs, 2 of them covered.
        assert_eq!(c.blind_spots().len(), 26);
        assert!(
            !c.blind_spots()
                .contains(&(LifeDomain::ALL[0], PolicyDomain::ALL[0]))
        );
        assert_eq!(
            c.empty_life_domains(),
            vec![LifeDomain::ALL[2], LifeDomain::ALL[3]]
        );
    }

    #[test]
    fn movement_between_moments() {
        use Progress::*;
        let before: States = [(1, NotStarted), (2, InProgress), (3, InProgress)].into();
        let after: States = [(1, InProgress), (2, InProgress), (3, Done), (4, NotStarted)].into();
        let m = movement(&before, &after);
        assert_eq!(
            m.moved,
            vec![(1, NotStarted, InProgress), (3, InProgress, Done)]
        );
        assert_eq!(m.new, vec![(4, NotStarted)]);
        assert_eq!(m.unchanged, 1);
        assert_eq!(status_counts(after.values()), [1, 2, 1, 0]);
    }

    #[test]
    fn pseudonyms_are_stable_per_salt_and_reveal_nothing() {
        let a = pseudonym("salt", 7);
        assert_eq!(a, pseudonym("salt", 7));
        assert_ne!(a, pseudonym("salt", 8));
        assert_ne!(a, pseudonym("other", 7));
        assert!(a.starts_with("p-") && a.len() == 14);
    }
}
