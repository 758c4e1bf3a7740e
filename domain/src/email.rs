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

/// The token in the "stop mailing me" link of every mail to `address`: a
/// keyed hash of the address, so the link needs no stored list and nobody
/// can make one for someone else's address without the server's salt.
pub fn stop_token(salt: &str, address: &str) -> String {
    crate::token::keyed_hash(
        salt,
        &format!("mail-stop\n{}", address.trim().to_lowercase()),
    )
}

/// Whether `token` can be a stop token at all (64 hex digits): anything
/// else never reaches the database.
pub fn is_stop_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_token_belongs_to_one_address_and_one_salt() {
        let token = stop_token("zout", "Bewoner@Example.nl");
        assert_eq!(token, stop_token("zout", "bewoner@example.nl"));
        assert_ne!(token, stop_token("peper", "bewoner@example.nl"));
        assert_ne!(token, stop_token("zout", "buur@example.nl"));
        assert!(is_stop_token(&token));
        assert!(!is_stop_token("../../etc"));
        assert!(!is_stop_token(&token[1..]));
    }

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
