//! Who may do what. Every route and server function asks [`allows`] before
//! acting; nothing else in Trechter decides about rights.
//!
//! Rights that belong to a round (moderating, clustering, co-signing) are
//! checked against that round: a co-moderator of round 1 has no say in
//! round 2.

use crate::Role;

/// Who is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Anyone without an account: a visitor or a resident (with or without
    /// a receipt code). Residents never need an account.
    Visitor,
    Account(AccountActor),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountActor {
    pub account_id: i64,
    pub role: Role,
    /// Rounds this account co-moderates (experience experts only).
    pub co_moderated_rounds: Vec<i64>,
    /// The partner organisation this account reports for.
    pub organisation_id: Option<i64>,
}

/// What someone wants to do, with the round or organisation it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read public pages; contribute, support and react as a resident.
    Participate,
    /// See and change one's own account: password, second factor, sessions.
    ManageOwnAccount,
    /// The staff and partner workspace's front page.
    EnterWorkspace,
    /// Create, change and block accounts; reset passwords.
    ManageAccounts,
    ManageSettings,
    ReadAuditLog,
    /// Create invitations (which roles: see [`may_invite`]).
    Invite,
    /// Challenges, rounds, phases, co-moderators, publishing.
    ManageRounds,
    Moderate {
        round_id: i64,
    },
    /// Type in ideas gathered on paper or at a meeting, for others.
    EnterPaperInput {
        round_id: i64,
    },
    Cluster {
        round_id: i64,
    },
    CoSignPlan {
        round_id: i64,
    },
    ReportProgress {
        organisation_id: i64,
    },
}

pub fn allows(actor: &Actor, permission: Permission) -> bool {
    use Permission::*;
    if permission == Participate {
        return true;
    }
    let Actor::Account(account) = actor else {
        return false;
    };
    let co_moderates = |round_id: i64| {
        account.role == Role::ExperienceExpert && account.co_moderated_rounds.contains(&round_id)
    };
    match (account.role, permission) {
        (_, Participate | ManageOwnAccount | EnterWorkspace) => true,
        (Role::Admin, ManageAccounts | ManageSettings | ReadAuditLog | Invite) => true,
        (Role::Staff, Invite | ManageRounds | ReportProgress { .. }) => true,
        (Role::Staff, Moderate { .. } | Cluster { .. } | EnterPaperInput { .. }) => true,
        // Partners run meetings and idea boxes in the neighbourhoods and
        // bring what was said there in.
        (Role::Partner, EnterPaperInput { .. }) => true,
        // Co-signing is the experience experts' voice on the plan; staff
        // write the plan and cannot sign for them.
        (
            _,
            Moderate { round_id }
            | Cluster { round_id }
            | CoSignPlan { round_id }
            | EnterPaperInput { round_id },
        ) => co_moderates(round_id),
        (Role::Partner, ReportProgress { organisation_id }) => {
            account.organisation_id == Some(organisation_id)
        }
        _ => false,
    }
}

/// Which roles an inviter may hand out. Staff bring in the people they
/// work with; only an admin creates staff and admin accounts.
pub fn may_invite(inviter: Role, invited: Role) -> bool {
    match inviter {
        Role::Admin => true,
        Role::Staff => matches!(invited, Role::ExperienceExpert | Role::Partner),
        Role::ExperienceExpert | Role::Partner => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    fn account(role: Role, rounds: &[i64], organisation: Option<i64>) -> Actor {
        Actor::Account(AccountActor {
            account_id: 1,
            role,
            co_moderated_rounds: rounds.to_vec(),
            organisation_id: organisation,
        })
    }

    #[test]
    fn visitors_only_participate() {
        assert!(allows(&Actor::Visitor, Participate));
        for permission in [
            ManageOwnAccount,
            EnterWorkspace,
            ManageAccounts,
            Invite,
            ManageRounds,
            Moderate { round_id: 1 },
            ReportProgress { organisation_id: 1 },
        ] {
            assert!(!allows(&Actor::Visitor, permission), "{permission:?}");
        }
    }

    #[test]
    fn co_moderation_is_per_round() {
        let co_moderator = account(Role::ExperienceExpert, &[7], None);
        assert!(allows(&co_moderator, Moderate { round_id: 7 }));
        assert!(allows(&co_moderator, Cluster { round_id: 7 }));
        assert!(allows(&co_moderator, CoSignPlan { round_id: 7 }));
        assert!(!allows(&co_moderator, Moderate { round_id: 8 }));
        assert!(!allows(&co_moderator, ManageRounds));
        let plain = account(Role::ExperienceExpert, &[], None);
        assert!(!allows(&plain, Moderate { round_id: 7 }));
    }

    #[test]
    fn round_ids_on_other_roles_give_no_rights() {
        // A partner or admin listed for a round (by a bug or by hand in the
        // database) still gets nothing: co-moderation is for experience
        // experts.
        assert!(!allows(
            &account(Role::Partner, &[7], None),
            Moderate { round_id: 7 }
        ));
        assert!(!allows(
            &account(Role::Admin, &[7], None),
            Cluster { round_id: 7 }
        ));
    }

    #[test]
    fn staff_run_rounds_but_do_not_co_sign() {
        let staff = account(Role::Staff, &[], None);
        assert!(allows(&staff, ManageRounds));
        assert!(allows(&staff, Moderate { round_id: 3 }));
        assert!(!allows(&staff, CoSignPlan { round_id: 3 }));
        assert!(!allows(&staff, ManageAccounts));
        assert!(!allows(&staff, ReadAuditLog));
    }

    #[test]
    fn admins_manage_accounts_not_content() {
        let admin = account(Role::Admin, &[], None);
        assert!(allows(&admin, ManageAccounts));
        assert!(allows(&admin, ManageSettings));
        assert!(allows(&admin, ReadAuditLog));
        assert!(!allows(&admin, ManageRounds));
        assert!(!allows(&admin, Moderate { round_id: 1 }));
    }

    #[test]
    fn partners_report_for_their_own_organisation_and_staff_for_all() {
        let partner = account(Role::Partner, &[], Some(4));
        assert!(allows(&partner, ReportProgress { organisation_id: 4 }));
        assert!(!allows(&partner, ReportProgress { organisation_id: 5 }));
        // Staff follow every plan item, whoever carries it out.
        let staff = account(Role::Staff, &[], None);
        assert!(allows(&staff, ReportProgress { organisation_id: 5 }));
        for role in [Role::Admin, Role::ExperienceExpert] {
            assert!(!allows(
                &account(role, &[1], None),
                ReportProgress { organisation_id: 4 }
            ));
        }
    }

    #[test]
    fn staff_partners_and_co_moderators_enter_paper_input() {
        let paper = EnterPaperInput { round_id: 7 };
        assert!(allows(&account(Role::Staff, &[], None), paper));
        assert!(allows(&account(Role::Partner, &[], Some(4)), paper));
        assert!(allows(&account(Role::ExperienceExpert, &[7], None), paper));
        assert!(!allows(&account(Role::ExperienceExpert, &[8], None), paper));
        assert!(!allows(&account(Role::Admin, &[], None), paper));
        assert!(!allows(&Actor::Visitor, paper));
    }

    #[test]
    fn who_may_invite_whom() {
        for role in Role::ALL {
            assert!(may_invite(Role::Admin, role));
            assert!(!may_invite(Role::ExperienceExpert, role));
            assert!(!may_invite(Role::Partner, role));
        }
        assert!(may_invite(Role::Staff, Role::ExperienceExpert));
        assert!(may_invite(Role::Staff, Role::Partner));
        assert!(!may_invite(Role::Staff, Role::Staff));
        assert!(!may_invite(Role::Staff, Role::Admin));
    }
}
