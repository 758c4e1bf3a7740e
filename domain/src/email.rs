//! Email addresses: of accounts (to sign in) and, only if a resident wants
//! it, to hear back about a round. Checked loosely: the only real test of
//! an address is a mail that arrives.

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EmailAddress(String);

pub const MAX_LENGTH: usize = 254;

impl EmailAddress {
    /// Trims, lowercases and checks the shape `local@domain.tld`.
    pub fn parse(typed: &str) -> Option<EmailAddress> {
        let address = typed.trim().to_lowercase();
        if address.is_empty()
            || address.len() > MAX_LENGTH
            || address
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>\"',;()[]\\".contains(c))
        {
            return None;
        }
        let (local, domain) = address.split_once('@')?;
        let valid_domain = domain.contains('.')
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        (!local.is_empty() && valid_domain).then_some(EmailAddress(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_ordinary_addresses() {
        assert_eq!(
            EmailAddress::parse("  Janneke@Berkeloord.NL ")
                .unwrap()
                .as_str(),
            "janneke@berkeloord.nl"
        );
        assert!(EmailAddress::parse("a.b+round@sub.example.org").is_some());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "", "janneke", "@x.nl", "a@", "a@nl", "a@@x.nl", "a b@x.nl", "a@x..nl", "<a@x.nl>",
            "a@.x.nl",
        ] {
            assert_eq!(EmailAddress::parse(bad), None, "{bad}");
        }
        assert_eq!(
            EmailAddress::parse(&format!("{}@x.nl", "a".repeat(260))),
            None
        );
    }
}
