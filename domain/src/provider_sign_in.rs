//! Signing in through the municipality's OpenID provider: who may enter,
//! with which role, and whether the sign-in was strong enough to count as
//! the second factor. The protocol and its checks (signature, issuer,
//! audience, expiry, nonce) belong to the `openidconnect` crate; these are
//! the rules around it.

use crate::Role;

/// Which values of the role claim (often `groups`) give which role, as an
/// operator writes it: `trechter-beheer=admin,trechter-medewerkers=staff`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleMap(Vec<(String, Role)>);

impl RoleMap {
    /// Roles by their code (`admin`, `staff`, `experience_expert`,
    /// `partner`). The error names the part it cannot read.
    pub fn parse(text: &str) -> Result<RoleMap, String> {
        let mut pairs = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (value, role) = part
                .rsplit_once('=')
                .ok_or_else(|| format!("{part:?} is not value=role"))?;
            let role = Role::ALL
                .into_iter()
                .find(|r| r.code() == role.trim())
                .ok_or_else(|| format!("{:?} in {part:?} is not a role", role.trim()))?;
            let value = value.trim();
            if value.is_empty() {
                return Err(format!("{part:?} has no claim value"));
            }
            pairs.push((value.to_owned(), role));
        }
        Ok(RoleMap(pairs))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The strongest role that the claim's values give (an admin who is
    /// also in the staff group is an admin), if any.
    pub fn role_of<'a>(&self, values: impl IntoIterator<Item = &'a str>) -> Option<Role> {
        let values: Vec<&str> = values.into_iter().collect();
        let rank = |role: Role| Role::ALL.iter().position(|r| *r == role);
        self.0
            .iter()
            .filter(|(value, _)| values.contains(&value.as_str()))
            .map(|(_, role)| *role)
            .min_by_key(|role| rank(*role))
    }
}

/// The authentication the municipality requires of the provider: one of
/// these `acr` values, and one of these `amr` methods. Empty: none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StrongAuthentication {
    pub acr: Vec<String>,
    pub amr: Vec<String>,
}

impl StrongAuthentication {
    pub fn is_required(&self) -> bool {
        !self.acr.is_empty() || !self.amr.is_empty()
    }

    /// Whether a sign-in of `person` counts as the second factor: only
    /// when strong authentication is required, so that it was checked.
    pub fn counts_as_second_factor(&self, person: &Person) -> bool {
        self.is_required() && person.strong
    }

    /// Whether a sign-in with this `acr` and these `amr` meets it.
    pub fn met_by(&self, acr: Option<&str>, amr: &[&str]) -> bool {
        let acr_ok = self.acr.is_empty() || acr.is_some_and(|a| self.acr.iter().any(|r| r == a));
        let amr_ok = self.amr.is_empty() || amr.iter().any(|m| self.amr.iter().any(|r| r == m));
        acr_ok && amr_ok
    }
}

/// What the provider's checked ID token says about the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub email: Option<String>,
    pub email_verified: bool,
    /// The role their claims map to, if a role map is set.
    pub mapped_role: Option<Role>,
    /// The sign-in met the required strong authentication.
    pub strong: bool,
}

/// An account Trechter already has for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownAccount {
    pub id: i64,
    pub role: Role,
    /// Linked to someone at the provider already.
    pub linked: bool,
    pub blocked: bool,
}

/// What Trechter knows of the person before letting them in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    /// The account linked to their subject at the provider.
    pub linked: Option<KnownAccount>,
    /// The account with their e-mail address.
    pub by_email: Option<KnownAccount>,
    /// The role of an open invitation to their e-mail address.
    pub invited_as: Option<Role>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Their linked account; with a new role when the role map says so.
    Linked {
        account_id: i64,
        new_role: Option<Role>,
    },
    /// First sign-in of someone with an account: link it by the verified
    /// e-mail address.
    LinkByEmail {
        account_id: i64,
        new_role: Option<Role>,
    },
    /// First sign-in of someone invited: the invitation makes the account.
    FromInvite {
        role: Role,
    },
    /// No account and no invitation, but the role map gives a role.
    Mapped {
        role: Role,
    },
    Refused(Refusal),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The required strong authentication was not used.
    NotStrongEnough,
    Blocked,
    /// No e-mail address the provider vouches for, so nothing to link by.
    EmailNotVerified,
    /// The account with this address is linked to someone else.
    LinkedToOther,
    /// Not invited and no role from the role map.
    NoRole,
}

impl Refusal {
    /// The audit log's word for it.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotStrongEnough => "not_strong_enough",
            Refusal::Blocked => "blocked",
            Refusal::EmailNotVerified => "email_not_verified",
            Refusal::LinkedToOther => "linked_to_other",
            Refusal::NoRole => "no_role",
        }
    }
}

/// Who may enter: only people with an account, an invitation or a role
/// from the role map. The role map only gives or changes roles: taking
/// someone's access away is done by blocking the account here or at the
/// provider.
pub fn admit(person: &Person, known: &Known) -> Admission {
    if !person.strong {
        return Admission::Refused(Refusal::NotStrongEnough);
    }
    let new_role = |account: &KnownAccount| person.mapped_role.filter(|r| *r != account.role);
    if let Some(account) = &known.linked {
        return if account.blocked {
            Admission::Refused(Refusal::Blocked)
        } else {
            Admission::Linked {
                account_id: account.id,
                new_role: new_role(account),
            }
        };
    }
    if !person.email_verified || person.email.as_deref().is_none_or(str::is_empty) {
        return Admission::Refused(Refusal::EmailNotVerified);
    }
    if let Some(account) = &known.by_email {
        return if account.linked {
            Admission::Refused(Refusal::LinkedToOther)
        } else if account.blocked {
            Admission::Refused(Refusal::Blocked)
        } else {
            Admission::LinkByEmail {
                account_id: account.id,
                new_role: new_role(account),
            }
        };
    }
    // The role map's role wins over the invitation's, as it does later.
    match (person.mapped_role, known.invited_as) {
        (Some(role), Some(_)) | (None, Some(role)) => Admission::FromInvite { role },
        (Some(role), None) => Admission::Mapped { role },
        (None, None) => Admission::Refused(Refusal::NoRole),
    }
}

/// Whether an account may sign in with a password. An admin can require
/// that the municipality's own people (admins and staff) use the provider;
/// experience experts and partners are rarely at the provider, so they
/// keep their password.
pub fn password_allowed(role: Role, provider_required: bool) -> bool {
    !(provider_required && matches!(role, Role::Admin | Role::Staff))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(email_verified: bool, mapped_role: Option<Role>) -> Person {
        Person {
            email: Some("a@gemeente.nl".into()),
            email_verified,
            mapped_role,
            strong: true,
        }
    }

    fn account(id: i64, role: Role) -> KnownAccount {
        KnownAccount {
            id,
            role,
            linked: false,
            blocked: false,
        }
    }

    #[test]
    fn role_map_reads_pairs_and_names_what_it_cannot_read() {
        let map = RoleMap::parse(" beheer=admin, medewerkers = staff ,").unwrap();
        assert_eq!(map.role_of(["medewerkers"]), Some(Role::Staff));
        assert_eq!(
            map.role_of(["x", "medewerkers", "beheer"]),
            Some(Role::Admin)
        );
        assert_eq!(map.role_of(["x"]), None);
        assert!(RoleMap::parse("").unwrap().is_empty());
        assert!(RoleMap::parse("beheer").unwrap_err().contains("beheer"));
        assert!(RoleMap::parse("beheer=baas").unwrap_err().contains("baas"));
        assert!(RoleMap::parse("=staff").is_err());
    }

    #[test]
    fn strong_authentication_needs_a_listed_acr_and_amr() {
        let none = StrongAuthentication::default();
        assert!(!none.is_required());
        assert!(none.met_by(None, &[]));
        let acr = StrongAuthentication {
            acr: vec!["urn:etoegang:core:assurance-class:loa3".into()],
            amr: vec![],
        };
        assert!(acr.met_by(Some("urn:etoegang:core:assurance-class:loa3"), &[]));
        assert!(!acr.met_by(Some("urn:etoegang:core:assurance-class:loa2"), &[]));
        assert!(!acr.met_by(None, &["mfa"]));
        let amr = StrongAuthentication {
            acr: vec![],
            amr: vec!["mfa".into(), "otp".into()],
        };
        assert!(amr.met_by(None, &["pwd", "otp"]));
        assert!(!amr.met_by(Some("x"), &["pwd"]));
        // Met without a requirement is not a second factor: nothing was checked.
        let strong = Person {
            email: None,
            email_verified: false,
            mapped_role: None,
            strong: true,
        };
        assert!(!none.counts_as_second_factor(&strong));
        assert!(amr.counts_as_second_factor(&strong));
        let weak = Person {
            strong: false,
            ..strong
        };
        assert!(!amr.counts_as_second_factor(&weak));
    }

    #[test]
    fn a_linked_account_enters_and_follows_the_role_map() {
        let known = Known {
            linked: Some(account(7, Role::Staff)),
            ..Known::default()
        };
        assert_eq!(
            admit(&person(false, None), &known),
            Admission::Linked {
                account_id: 7,
                new_role: None
            }
        );
        assert_eq!(
            admit(&person(true, Some(Role::Admin)), &known),
            Admission::Linked {
                account_id: 7,
                new_role: Some(Role::Admin)
            }
        );
        let blocked = Known {
            linked: Some(KnownAccount {
                blocked: true,
                ..account(7, Role::Staff)
            }),
            ..Known::default()
        };
        assert_eq!(
            admit(&person(true, Some(Role::Staff)), &blocked),
            Admission::Refused(Refusal::Blocked)
        );
    }

    #[test]
    fn the_first_sign_in_links_by_a_verified_address_only() {
        let known = Known {
            by_email: Some(account(3, Role::Staff)),
            ..Known::default()
        };
        assert_eq!(
            admit(&person(true, None), &known),
            Admission::LinkByEmail {
                account_id: 3,
                new_role: None
            }
        );
        assert_eq!(
            admit(&person(false, None), &known),
            Admission::Refused(Refusal::EmailNotVerified)
        );
        let taken = Known {
            by_email: Some(KnownAccount {
                linked: true,
                ..account(3, Role::Staff)
            }),
            ..Known::default()
        };
        assert_eq!(
            admit(&person(true, None), &taken),
            Admission::Refused(Refusal::LinkedToOther)
        );
        let no_address = Person {
            email: None,
            ..person(true, Some(Role::Staff))
        };
        assert_eq!(
            admit(&no_address, &Known::default()),
            Admission::Refused(Refusal::EmailNotVerified)
        );
    }

    #[test]
    fn only_the_invited_and_the_mapped_get_a_new_account() {
        let invited = Known {
            invited_as: Some(Role::ExperienceExpert),
            ..Known::default()
        };
        assert_eq!(
            admit(&person(true, None), &invited),
            Admission::FromInvite {
                role: Role::ExperienceExpert
            }
        );
        assert_eq!(
            admit(&person(true, Some(Role::Staff)), &invited),
            Admission::FromInvite { role: Role::Staff }
        );
        assert_eq!(
            admit(&person(true, Some(Role::Staff)), &Known::default()),
            Admission::Mapped { role: Role::Staff }
        );
        assert_eq!(
            admit(&person(true, None), &Known::default()),
            Admission::Refused(Refusal::NoRole)
        );
        assert_eq!(
            admit(&person(false, Some(Role::Staff)), &Known::default()),
            Admission::Refused(Refusal::EmailNotVerified)
        );
    }

    #[test]
    fn a_weak_sign_in_is_refused_before_anything_else() {
        let weak = Person {
            strong: false,
            ..person(true, Some(Role::Admin))
        };
        let known = Known {
            linked: Some(account(7, Role::Admin)),
            ..Known::default()
        };
        assert_eq!(
            admit(&weak, &known),
            Admission::Refused(Refusal::NotStrongEnough)
        );
    }

    #[test]
    fn the_provider_can_replace_passwords_for_the_municipalitys_own_people() {
        assert!(password_allowed(Role::Staff, false));
        assert!(!password_allowed(Role::Staff, true));
        assert!(!password_allowed(Role::Admin, true));
        assert!(password_allowed(Role::ExperienceExpert, true));
        assert!(password_allowed(Role::Partner, true));
    }
}
