//! When a plan may go out to residents for their reactions. The promise
//! behind the rule: everyone who sent an idea hears what became of it. So
//! the plan needs items; every theme is in an item or left out with a
//! public reason; every idea is in such a theme or set aside with a
//! reason; and every co-moderator has signed or objected. The workspace
//! shows what is missing, and the store checks the rule again in the
//! transaction that sends the plan out.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Where one idea that counts (not withdrawn, hidden or merged) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdeaPlace {
    pub idea_id: i64,
    pub cluster_id: Option<i64>,
    /// Set aside while funnelling (always with a reason).
    pub set_aside: bool,
}

/// What the plan and the funnelling hold at the moment of sending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// Per plan item, the themes it comes from.
    pub items: Vec<Vec<i64>>,
    /// Every theme of the round.
    pub clusters: Vec<i64>,
    /// The themes left out of the plan with a reason.
    pub left_out: BTreeSet<i64>,
    pub ideas: Vec<IdeaPlace>,
    pub co_moderators: Vec<i64>,
    /// Co-moderators who signed or objected.
    pub signed: BTreeSet<i64>,
}

/// Everything that still stops the plan from going out, each list sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub no_items: bool,
    /// Themes in no item and without a reason.
    pub clusters_without_reason: Vec<i64>,
    /// Ideas in no theme and not set aside: nobody would tell their
    /// senders anything.
    pub unanswered_ideas: Vec<i64>,
    /// Co-moderators who have not signed or objected yet.
    pub waiting_for: Vec<i64>,
}

impl Missing {
    /// The error code of the first thing to do, in the order staff work:
    /// items, reasons, ideas, signatures.
    pub fn code(&self) -> &'static str {
        if self.no_items {
            "no_items"
        } else if !self.clusters_without_reason.is_empty() {
            "reasons_missing"
        } else if !self.unanswered_ideas.is_empty() {
            "ideas_unanswered"
        } else {
            "not_signed"
        }
    }
}

/// Ok when the plan may go out, else everything that is missing.
pub fn check(draft: &Draft) -> Result<(), Missing> {
    let used: BTreeSet<i64> = draft.items.iter().flatten().copied().collect();
    let answered: BTreeSet<i64> = draft
        .clusters
        .iter()
        .copied()
        .filter(|c| used.contains(c) || draft.left_out.contains(c))
        .collect();
    let mut missing = Missing {
        no_items: draft.items.is_empty(),
        clusters_without_reason: draft
            .clusters
            .iter()
            .copied()
            .filter(|c| !answered.contains(c))
            .collect(),
        unanswered_ideas: draft
            .ideas
            .iter()
            .filter(|i| !i.set_aside && !i.cluster_id.is_some_and(|c| draft.clusters.contains(&c)))
            .map(|i| i.idea_id)
            .collect(),
        waiting_for: draft
            .co_moderators
            .iter()
            .copied()
            .filter(|c| !draft.signed.contains(c))
            .collect(),
    };
    missing.clusters_without_reason.sort_unstable();
    missing.unanswered_ideas.sort_unstable();
    missing.waiting_for.sort_unstable();
    if missing == Missing::default() {
        Ok(())
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idea(idea_id: i64, cluster_id: Option<i64>, set_aside: bool) -> IdeaPlace {
        IdeaPlace {
            idea_id,
            cluster_id,
            set_aside,
        }
    }

    /// Two themes, both in an item; two ideas, one in each; one
    /// co-moderator who signed.
    fn ready() -> Draft {
        Draft {
            items: vec![vec![1], vec![2]],
            clusters: vec![1, 2],
            left_out: BTreeSet::new(),
            ideas: vec![idea(10, Some(1), false), idea(11, Some(2), false)],
            co_moderators: vec![7],
            signed: BTreeSet::from([7]),
        }
    }

    #[test]
    fn a_plan_that_answers_everyone_may_go_out() {
        assert_eq!(check(&ready()), Ok(()));
        // Without co-moderators nobody needs to sign.
        let alone = Draft {
            co_moderators: vec![],
            signed: BTreeSet::new(),
            ..ready()
        };
        assert_eq!(check(&alone), Ok(()));
    }

    #[test]
    fn a_plan_without_items_may_not_go_out() {
        let empty = Draft {
            items: vec![],
            left_out: BTreeSet::from([1, 2]),
            ..ready()
        };
        let missing = check(&empty).unwrap_err();
        assert!(missing.no_items);
        assert_eq!(missing.code(), "no_items");
    }

    #[test]
    fn every_theme_is_in_an_item_or_left_out_with_a_reason() {
        let mut draft = ready();
        draft.clusters.push(3);
        draft.ideas.push(idea(12, Some(3), false));
        let missing = check(&draft).unwrap_err();
        assert_eq!(missing.clusters_without_reason, vec![3]);
        assert_eq!(missing.code(), "reasons_missing");
        // The idea in that theme is answered once the theme is: by its reason.
        assert!(missing.unanswered_ideas.is_empty());
        draft.left_out.insert(3);
        assert_eq!(check(&draft), Ok(()));
    }

    #[test]
    fn an_idea_in_no_theme_and_not_set_aside_keeps_the_plan_in() {
        let mut draft = ready();
        draft.ideas.push(idea(13, None, false));
        draft.ideas.push(idea(12, None, false));
        let missing = check(&draft).unwrap_err();
        assert_eq!(missing.unanswered_ideas, vec![12, 13]);
        assert_eq!(missing.code(), "ideas_unanswered");
        // Set aside with a reason is an answer too.
        draft.ideas.retain(|i| i.idea_id != 13);
        draft.ideas.push(idea(13, None, true));
        draft.ideas.retain(|i| i.idea_id != 12);
        draft.ideas.push(idea(12, Some(1), false));
        assert_eq!(check(&draft), Ok(()));
    }

    #[test]
    fn an_idea_whose_theme_is_gone_is_unanswered() {
        let mut draft = ready();
        draft.ideas.push(idea(14, Some(99), false));
        assert_eq!(check(&draft).unwrap_err().unanswered_ideas, vec![14]);
    }

    #[test]
    fn every_co_moderator_signs_or_objects_first() {
        let mut draft = ready();
        draft.co_moderators = vec![8, 7];
        let missing = check(&draft).unwrap_err();
        assert_eq!(missing.waiting_for, vec![8]);
        assert_eq!(missing.code(), "not_signed");
        draft.signed.insert(8);
        assert_eq!(check(&draft), Ok(()));
    }

    #[test]
    fn everything_missing_is_reported_at_once_in_the_order_staff_work() {
        let draft = Draft {
            items: vec![],
            clusters: vec![2, 1],
            left_out: BTreeSet::new(),
            ideas: vec![idea(5, None, false)],
            co_moderators: vec![7],
            signed: BTreeSet::new(),
        };
        let missing = check(&draft).unwrap_err();
        assert_eq!(
            missing,
            Missing {
                no_items: true,
                clusters_without_reason: vec![1, 2],
                unanswered_ideas: vec![5],
                waiting_for: vec![7],
            }
        );
        assert_eq!(missing.code(), "no_items");
    }
}
