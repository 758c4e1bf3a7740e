//! Secret tokens in links and cookies: session ids, invitation and reset
//! links. 32 random bytes, sent as URL-safe text; only a SHA-256 hash is
//! stored, so a copy of the database opens no session and no invitation.

use crate::idea::hex;
use sha2::{Digest, Sha256};

#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LENGTH: usize = 43; // 256 bits in base64url without padding

impl SecretToken {
    #[cfg(feature = "rand")]
    pub fn random() -> SecretToken {
        use rand::Rng;
        let mut rng = rand::rng();
        SecretToken(
            (0..LENGTH)
                .map(|_| ALPHABET[rng.random_range(0..64)] as char)
                .collect(),
        )
    }

    /// Reads a token from a cookie or link. Anything that cannot be a token
    /// is `None`, so it never reaches the database.
    pub fn parse(value: &str) -> Option<SecretToken> {
        (value.len() == LENGTH && value.bytes().all(|b| ALPHABET.contains(&b)))
            .then(|| SecretToken(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn storage_hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

/// A hash of `value` mixed with a secret `salt`: for values from a small
/// space (client addresses, email addresses) that must not be reversible
/// by trying them all.
pub fn keyed_hash(salt: &str, value: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update([0]);
    hasher.update(value.as_bytes());
    hex(&hasher.finalize())
}

impl std::fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_parse_and_differ() {
        let a = SecretToken::random();
        let b = SecretToken::random();
        assert_ne!(a, b);
        assert_eq!(SecretToken::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.storage_hash().len(), 64);
        assert!(!format!("{a:?}").contains(a.as_str()));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        assert_eq!(SecretToken::parse(""), None);
        assert_eq!(SecretToken::parse("abc"), None);
        assert_eq!(SecretToken::parse(&"a".repeat(42)), None);
        assert_eq!(SecretToken::parse(&format!("{}'", "a".repeat(42))), None);
    }
}
