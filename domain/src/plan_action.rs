//! What the plan workspace's forms can ask for, parsed once: who may do
//! it, in which phase, and where the person lands afterwards. The handler
//! then matches on one enum instead of comparing the same strings in five
//! places that must agree by hand.

use crate::lifecycle::RoundAction;
use crate::policy::Permission;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanAction {
    /// Add or change an item.
    Item,
    Introduction,
    Remove,
    Up,
    Down,
    /// A public reason for a theme that is not in the plan.
    LeftOut,
    Sign,
    Object,
    /// Out to residents for their reactions.
    Send,
    /// What was done with the reactions on one item.
    Conclude,
    /// The final plan.
    Publish,
}

/// Where a person lands after a change that worked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landing {
    /// The plan as residents see it.
    Plan,
    /// The workspace, at the changed item when there is one.
    Workspace,
}

impl PlanAction {
    pub const ALL: [PlanAction; 11] = [
        PlanAction::Item,
        PlanAction::Introduction,
        PlanAction::Remove,
        PlanAction::Up,
        PlanAction::Down,
        PlanAction::LeftOut,
        PlanAction::Sign,
        PlanAction::Object,
        PlanAction::Send,
        PlanAction::Conclude,
        PlanAction::Publish,
    ];

    /// The form's `action` value.
    pub fn code(self) -> &'static str {
        match self {
            PlanAction::Item => "item",
            PlanAction::Introduction => "introduction",
            PlanAction::Remove => "remove",
            PlanAction::Up => "up",
            PlanAction::Down => "down",
            PlanAction::LeftOut => "left_out",
            PlanAction::Sign => "sign",
            PlanAction::Object => "object",
            PlanAction::Send => "send",
            PlanAction::Conclude => "conclude",
            PlanAction::Publish => "publish",
        }
    }

    pub fn from_code(code: &str) -> Option<PlanAction> {
        PlanAction::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Who may: co-moderators sign, staff send out, conclude and publish,
    /// whoever funnels the round writes. `None` (an unknown action) needs
    /// what writing needs, so a stranger learns nothing from a made-up one.
    pub fn permission(action: Option<PlanAction>, round_id: i64) -> Permission {
        match action {
            Some(PlanAction::Sign | PlanAction::Object) => Permission::CoSignPlan { round_id },
            Some(PlanAction::Send | PlanAction::Conclude | PlanAction::Publish) => {
                Permission::ManageRounds
            }
            _ => Permission::Cluster { round_id },
        }
    }

    /// The round action whose phases it is allowed in.
    pub fn round_action(action: Option<PlanAction>) -> RoundAction {
        match action {
            Some(PlanAction::Conclude | PlanAction::Publish) => RoundAction::Conclude,
            _ => RoundAction::Funnel,
        }
    }

    /// Where it lands and the code of the "done" notice there.
    pub fn done(self) -> (Landing, &'static str) {
        match self {
            PlanAction::Send => (Landing::Plan, "plan_sent"),
            PlanAction::Publish => (Landing::Plan, "plan_published"),
            PlanAction::Sign => (Landing::Workspace, "plan_signed"),
            PlanAction::Object => (Landing::Workspace, "plan_objected"),
            PlanAction::LeftOut => (Landing::Workspace, "reason_saved"),
            PlanAction::Conclude => (Landing::Workspace, "item_concluded"),
            PlanAction::Item
            | PlanAction::Introduction
            | PlanAction::Remove
            | PlanAction::Up
            | PlanAction::Down => (Landing::Workspace, "plan_saved"),
        }
    }

    /// The workspace scrolls back to the item it changed.
    pub fn returns_to_item(self) -> bool {
        matches!(
            self,
            PlanAction::Item | PlanAction::Up | PlanAction::Down | PlanAction::Conclude
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_unknown_ones_are_none() {
        for action in PlanAction::ALL {
            assert_eq!(PlanAction::from_code(action.code()), Some(action));
        }
        assert_eq!(PlanAction::from_code("delete_everything"), None);
        assert_eq!(PlanAction::from_code(""), None);
    }

    #[test]
    fn signing_is_for_co_moderators_and_sending_out_for_staff() {
        let p = |a| PlanAction::permission(Some(a), 7);
        assert_eq!(p(PlanAction::Sign), Permission::CoSignPlan { round_id: 7 });
        assert_eq!(
            p(PlanAction::Object),
            Permission::CoSignPlan { round_id: 7 }
        );
        for staff in [PlanAction::Send, PlanAction::Conclude, PlanAction::Publish] {
            assert_eq!(p(staff), Permission::ManageRounds);
        }
        for writing in [PlanAction::Item, PlanAction::LeftOut, PlanAction::Up] {
            assert_eq!(p(writing), Permission::Cluster { round_id: 7 });
        }
        assert_eq!(
            PlanAction::permission(None, 7),
            Permission::Cluster { round_id: 7 }
        );
    }

    #[test]
    fn concluding_and_publishing_follow_the_reactions_the_rest_the_funnelling() {
        assert_eq!(
            PlanAction::round_action(Some(PlanAction::Publish)),
            RoundAction::Conclude
        );
        assert_eq!(
            PlanAction::round_action(Some(PlanAction::Conclude)),
            RoundAction::Conclude
        );
        assert_eq!(
            PlanAction::round_action(Some(PlanAction::Send)),
            RoundAction::Funnel
        );
        assert_eq!(PlanAction::round_action(None), RoundAction::Funnel);
    }

    #[test]
    fn sending_out_and_publishing_land_on_the_plan() {
        assert_eq!(PlanAction::Send.done(), (Landing::Plan, "plan_sent"));
        assert_eq!(
            PlanAction::Publish.done(),
            (Landing::Plan, "plan_published")
        );
        assert_eq!(PlanAction::Up.done(), (Landing::Workspace, "plan_saved"));
        assert!(PlanAction::Conclude.returns_to_item());
        assert!(!PlanAction::Sign.returns_to_item());
    }
}
