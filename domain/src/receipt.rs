//! Receipt codes: the short code a participant gets after contributing. It
//! opens "my contributions" on any device, so it is the participant's only
//! key: it must not be guessable, yet easy to read aloud and type on a phone.

use crate::{SubmissionKey, idea::hex};
use sha2::{Digest, Sha256};

/// No 0/O, 1/I/L or U/V look-alikes: what is read can be typed.
const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 30^10 ≈ 5.9 · 10^14 codes (49 bits). Tries are limited per client
/// (`throttle::RECEIPT_CODES_PER_CLIENT`, about 125 a day): guessing one
/// given code takes billions of years from one address, anyone's among
/// 100,000 participants over a hundred thousand years.
pub const LENGTH: usize = 10;

#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("receipt_code_invalid")]
pub struct InvalidCode;

impl ReceiptCode {
    /// The code of a new participant, derived from the key of the form that
    /// made them one. A repeated post of that form thus yields the same code
    /// without the server storing the code itself.
    pub fn derive(key: &SubmissionKey) -> ReceiptCode {
        let digest = Sha256::new()
            .chain_update(b"trechter receipt code v1\0")
            .chain_update(key.bytes())
            .finalize();
        let mut n = u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"));
        let code = (0..LENGTH)
            .map(|_| {
                let c = ALPHABET[(n % 30) as usize] as char;
                n /= 30;
                c
            })
            .collect();
        ReceiptCode(code)
    }

    /// Reads a code as a person types it: any case, with or without the
    /// dash, with spaces.
    pub fn parse(typed: &str) -> Result<ReceiptCode, InvalidCode> {
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b)) {
            Ok(ReceiptCode(code))
        } else {
            Err(InvalidCode)
        }
    }

    /// The code as stored in a cookie: no dash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as shown to a person: two groups of five.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }

    /// What the database keeps to find the participant: a hash, never the
    /// code. The code has enough entropy that a fast hash is sufficient.
    pub fn lookup_hash(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCode(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_codes_use_only_the_unambiguous_alphabet() {
        for _ in 0..1_000 {
            let code = ReceiptCode::derive(&SubmissionKey::random());
            assert_eq!(code.as_str().len(), LENGTH);
            assert!(code.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            assert!(!code.as_str().contains(['0', 'O', '1', 'I', 'L', 'U']));
        }
    }

    #[test]
    fn the_same_key_derives_the_same_code() {
        let key = SubmissionKey::random();
        assert_eq!(ReceiptCode::derive(&key), ReceiptCode::derive(&key.clone()));
        assert_ne!(
            ReceiptCode::derive(&key),
            ReceiptCode::derive(&SubmissionKey::random())
        );
    }

    #[test]
    fn codes_do_not_repeat_in_practice() {
        let codes: std::collections::HashSet<_> = (0..10_000)
            .map(|_| ReceiptCode::derive(&SubmissionKey::random()).0)
            .collect();
        assert_eq!(codes.len(), 10_000);
    }

    #[test]
    fn typed_codes_are_forgiving_about_case_dash_and_spaces() {
        let code = ReceiptCode::derive(&SubmissionKey::random());
        let shown = code.display();
        assert_eq!(shown.len(), LENGTH + 1);
        assert_eq!(ReceiptCode::parse(&shown), Ok(code.clone()));
        assert_eq!(
            ReceiptCode::parse(&format!(" {} ", shown.to_lowercase())),
            Ok(code.clone())
        );
        let spaced: String = code.as_str().chars().flat_map(|c| [c, ' ']).collect();
        assert_eq!(ReceiptCode::parse(&spaced), Ok(code));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in [
            "",
            "ABCDE",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJ0",
            "ABCDE-FGHJO",
            "ÄBCDE-FGHJK",
            "<script>",
        ] {
            assert_eq!(ReceiptCode::parse(bad), Err(InvalidCode), "{bad}");
        }
    }

    #[test]
    fn lookup_hash_is_stable_and_hides_the_code() {
        let code = ReceiptCode::parse("ABCDE-FGHJK").unwrap();
        assert_eq!(
            code.lookup_hash(),
            ReceiptCode::parse("abcdefghjk").unwrap().lookup_hash()
        );
        assert_eq!(code.lookup_hash().len(), 64);
        assert!(!code.lookup_hash().contains("ABCDE"));
        assert!(!format!("{code:?}").contains("ABCDE"));
    }
}
