//! The submission key: a random value placed in each idea form when it is
//! shown, so that the same form sent twice (a double tap, or back and send
//! again) is recognised and saves one idea.

use crate::idea::hex;
use sha2::{Digest, Sha256};

#[derive(Clone, PartialEq, Eq)]
pub struct SubmissionKey([u8; 16]);

impl SubmissionKey {
    #[cfg(feature = "rand")]
    pub fn random() -> SubmissionKey {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        SubmissionKey(bytes)
    }

    /// The key as it travels in the form's hidden field.
    pub fn to_form_value(&self) -> String {
        hex(&self.0)
    }

    /// Reads a key back from the form; anything but 32 hex digits is `None`.
    /// The key a form carried, or a new one when it carried none that is
    /// valid: such a form still works, it just cannot be recognised when
    /// sent twice.
    #[cfg(feature = "rand")]
    pub fn from_form_or_random(value: Option<&str>) -> SubmissionKey {
        value
            .and_then(SubmissionKey::from_form_value)
            .unwrap_or_else(SubmissionKey::random)
    }

    pub fn from_form_value(value: &str) -> Option<SubmissionKey> {
        let value = value.trim();
        if value.len() != 32 || !value.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 16];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&value[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(SubmissionKey(bytes))
    }

    /// What is stored: a hash, so that the database never holds a value from
    /// which a participant's receipt code can be derived.
    pub fn storage_hash(&self) -> String {
        hex(&Sha256::digest(self.0))
    }

    pub(crate) fn bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl std::fmt::Debug for SubmissionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SubmissionKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_value_round_trips() {
        let key = SubmissionKey::random();
        let value = key.to_form_value();
        assert_eq!(value.len(), 32);
        assert_eq!(SubmissionKey::from_form_value(&value), Some(key));
    }

    #[test]
    fn malformed_form_values_are_none() {
        for bad in ["", "abc", &"z".repeat(32), &"é".repeat(16), &"0".repeat(33)] {
            assert_eq!(SubmissionKey::from_form_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_are_random_and_hash_differently() {
        let (a, b) = (SubmissionKey::random(), SubmissionKey::random());
        assert_ne!(a, b);
        assert_ne!(a.storage_hash(), b.storage_hash());
        assert_eq!(a.storage_hash(), a.clone().storage_hash());
    }

    #[test]
    fn debug_does_not_show_the_key() {
        let key = SubmissionKey::random();
        assert!(!format!("{key:?}").contains(&key.to_form_value()));
    }
}
