//! The numbers of the public dashboard, as plain rules: breakdowns that
//! never show a group of fewer than [`MIN_GROUP`] people on its own (they
//! would be recognisable), and the funnel of a round from ideas to plan.
//! Every number carries its n, so nothing reads as more than it is.

use crate::life_domain::LifeDomain;
use crate::plan::{Progress, ReactionGroup, Stance};
use crate::policy_domain::PolicyDomain;
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

/// Reactions to one plan item from one group: counts per stance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    pub agree: u64,
    pub partly: u64,
    pub disagree: u64,
}

impl StanceCounts {
    pub fn n(&self) -> u64 {
        self.agree + self.partly + self.disagree
    }

    pub fn add(&mut self, stance: Stance) {
        match stance {
            Stance::Agree => self.agree += 1,
            Stance::Partly => self.partly += 1,
            Stance::Disagree => self.disagree += 1,
        }
    }

    fn plus(&self, other: &StanceCounts) -> StanceCounts {
        StanceCounts {
            agree: self.agree + other.agree,
            partly: self.partly + other.partly,
            disagree: self.disagree + other.disagree,
        }
    }
}

/// Who a row of feedback results is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackGroup {
    One(ReactionGroup),
    /// Groups under [`MIN_GROUP`] reactions, added up (how many groups).
    Together(usize),
    /// Everyone who reacted to the item.
    All,
}

/// The feedback results of one item per group, under the small-group rule
/// of [`breakdown`]: a group with fewer than [`MIN_GROUP`] reactions is
/// never shown on its own; small groups are shown together only when that
/// row reaches the threshold. The total row is always there (it is what
/// the plan page shows too).
pub fn feedback_rows(
    per_group: &[(ReactionGroup, StanceCounts)],
) -> Vec<(FeedbackGroup, StanceCounts)> {
    let mut rows = Vec::new();
    let mut small = StanceCounts::default();
    let mut small_groups = 0;
    let mut all = StanceCounts::default();
    for group in ReactionGroup::ALL {
        let Some((_, counts)) = per_group.iter().find(|(g, _)| *g == group) else {
            continue;
        };
        all = all.plus(counts);
        if counts.n() >= MIN_GROUP {
            rows.push((FeedbackGroup::One(group), counts.clone()));
        } else if counts.n() > 0 {
            small = small.plus(counts);
            small_groups += 1;
        }
    }
    if small_groups >= 2 && small.n() >= MIN_GROUP {
        rows.push((FeedbackGroup::Together(small_groups), small));
    }
    rows.push((FeedbackGroup::All, all));
    rows
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

    fn stances(agree: u64, partly: u64, disagree: u64) -> StanceCounts {
        StanceCounts {
            agree,
            partly,
            disagree,
        }
    }

    #[test]
    fn feedback_groups_under_five_are_not_shown_apart() {
        // Residents 7, young people 3, professionals 2, experts 1:
        // 3 + 2 + 1 = 6 together, from three groups.
        let rows = feedback_rows(&[
            (ReactionGroup::Resident, stances(4, 2, 1)),
            (ReactionGroup::YoungPerson, stances(1, 1, 1)),
            (ReactionGroup::Professional, stances(2, 0, 0)),
            (ReactionGroup::ExperienceExpert, stances(0, 0, 1)),
        ]);
        assert_eq!(
            rows,
            vec![
                (
                    FeedbackGroup::One(ReactionGroup::Resident),
                    stances(4, 2, 1)
                ),
                (FeedbackGroup::Together(3), stances(3, 1, 2)),
                (FeedbackGroup::All, stances(7, 3, 3)),
            ]
        );
        // Four experts alone: only in the total.
        let rows = feedback_rows(&[
            (ReactionGroup::Resident, stances(5, 0, 0)),
            (ReactionGroup::ExperienceExpert, stances(2, 2, 0)),
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], (FeedbackGroup::All, stances(7, 2, 0)));
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
