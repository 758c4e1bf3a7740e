//! The second factor for staff and admin accounts: time-based one-time codes
//! (RFC 6238) and single-use recovery codes.
//!
//! The parameters are fixed at HMAC-SHA-1, six digits and a 30-second step
//! because that is the only combination every authenticator app supports;
//! the otpauth URI still states them, since some apps assume nothing.
//!
//! A password alone protects the accounts that can see every idea and every
//! contributor group, so these accounts get a second factor that works
//! offline on any phone. Recovery codes exist because phones get lost; they
//! are stored only as hashes, like passwords.

use crate::idea::hex;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Seconds per step: the lifetime of one code.
const STEP_SECONDS: i64 = 30;

/// How many steps either side of now are accepted. One step covers a phone
/// clock that is half a minute off and a code typed just before it rolled
/// over; more would only widen the window for guessing.
const DRIFT_STEPS: i64 = 1;

/// The shared secret between server and authenticator app. Twenty bytes is
/// the HMAC-SHA-1 output size, the length RFC 4226 recommends.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl TotpSecret {
    #[cfg(feature = "rand")]
    pub fn random() -> TotpSecret {
        use rand::RngCore;
        let mut bytes = [0u8; 20];
        rand::rng().fill_bytes(&mut bytes);
        TotpSecret(bytes)
    }

    /// The form authenticator apps expect, and the form in which it is stored.
    pub fn to_base32(&self) -> String {
        base32_encode(&self.0)
    }

    /// Reads a secret back; `None` unless it decodes to exactly 20 bytes.
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        base32_decode(text)?.try_into().ok().map(TotpSecret)
    }

    /// The secret in groups of four, for someone typing it into an app by
    /// hand because the QR code cannot be scanned.
    pub fn display_grouped(&self) -> String {
        let base32 = self.to_base32();
        let groups: Vec<&str> = base32
            .as_bytes()
            .chunks(4)
            // Base32 is ASCII, so every chunk boundary is a char boundary.
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
            .collect();
        groups.join(" ")
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

/// The code an authenticator app shows at the given moment.
pub fn code_at(secret: &TotpSecret, unix_seconds: i64) -> String {
    code_for_step(secret, step_of(unix_seconds))
}

/// Checks a typed code against the current step and one step either side.
///
/// Returns the step that matched, which the caller stores and passes back as
/// `last_used_step` next time: a code that has been used once, or any code
/// from an earlier step, is refused, so a code seen over someone's shoulder
/// or replayed from a captured request is worthless.
pub fn verify(
    secret: &TotpSecret,
    typed: &str,
    unix_seconds: i64,
    last_used_step: Option<i64>,
) -> Option<i64> {
    // Apps show the code as "123 456" and some people type "123-456".
    let typed: String = typed.chars().filter(|c| *c != ' ' && *c != '-').collect();
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }

    let now = step_of(unix_seconds);
    let mut matched = None;
    // Every candidate is compared in constant time and none returns early, so
    // the response time says nothing about how close a guess was. The latest
    // matching step wins so that the stored step only ever moves forward.
    for step in now - DRIFT_STEPS..=now + DRIFT_STEPS {
        let equal = code_for_step(secret, step)
            .as_bytes()
            .ct_eq(typed.as_bytes());
        let fresh = last_used_step.is_none_or(|last| step > last);
        if bool::from(equal) && fresh {
            matched = Some(step);
        }
    }
    matched
}

/// The URI that authenticator apps read from a QR code.
///
/// The issuer appears both in the label and as a parameter: older apps read
/// only the label, newer ones prefer the parameter.
pub fn otpauth_uri(secret: &TotpSecret, issuer: &str, account: &str) -> String {
    let issuer = crate::local_path::percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}\
         &algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        account = crate::local_path::percent_encode(account),
        secret = secret.to_base32(),
    )
}

/// The characters of a recovery code: digits and capitals without 0, 1, O, I,
/// L and U, which are easily misread or (U) make accidental words.
const RECOVERY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Ten characters from thirty give about 49 bits: far beyond guessing through
/// a login form, and still short enough to type from paper.
const RECOVERY_LENGTH: usize = 10;

/// How many recovery codes an account gets at a time.
#[cfg(feature = "rand")]
const RECOVERY_COUNT: usize = 10;

/// A single-use code that replaces a TOTP code when the phone is lost. Held
/// in normalised form: ten characters, no dash.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    /// The code as shown to write down: `XXXXX-XXXXX`.
    pub fn display(&self) -> String {
        let (first, second) = self.0.split_at(RECOVERY_LENGTH / 2);
        format!("{first}-{second}")
    }

    /// What is stored for this code; see [`recovery_code_hash`].
    pub fn hash(&self) -> String {
        recovery_code_hash(&self.0)
    }
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

#[cfg(feature = "rand")]
pub fn generate_recovery_codes() -> Vec<RecoveryCode> {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..RECOVERY_COUNT)
        .map(|_| {
            let code = (0..RECOVERY_LENGTH)
                .map(|_| {
                    char::from(RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())])
                })
                .collect();
            RecoveryCode(code)
        })
        .collect()
}

/// Turns a typed recovery code into the form that was hashed: capitals, no
/// spaces or dashes. Anything that cannot be a recovery code is `None`, so
/// that it never reaches the database lookup.
pub fn normalise_recovery_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| *c != ' ' && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid =
        code.len() == RECOVERY_LENGTH && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b));
    valid.then_some(code)
}

/// What is stored for a recovery code. A plain hash is enough, unlike for
/// passwords: the codes are random with about 49 bits each, so there is no
/// dictionary to try against a stolen table.
pub fn recovery_code_hash(normalised: &str) -> String {
    hex(&Sha256::digest(normalised.as_bytes()))
}

/// The step number of a moment. `div_euclid` keeps moments before 1970 in
/// their own steps instead of folding them onto step 0.
fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// HOTP (RFC 4226) for one step, truncated to six digits.
fn code_for_step(secret: &TotpSecret, step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(&secret.0).expect("HMAC accepts any key length");
    // The counter is an unsigned 64-bit number; a negative step (a clock
    // before 1970) yields a code no app will show, which is harmless.
    mac.update(&(step as u64).to_be_bytes());
    let digest = mac.finalize().into_bytes();

    // Dynamic truncation: the low nibble of the last byte picks where to read
    // four bytes, and the top bit is dropped to avoid sign trouble.
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]) & 0x7fff_ffff;
    format!("{:06}", value % 1_000_000)
}

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding: authenticator apps do not want the `=`.
fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(
                BASE32_ALPHABET[((buffer >> bits) & 31) as usize],
            ));
        }
    }
    if bits > 0 {
        out.push(char::from(
            BASE32_ALPHABET[((buffer << (5 - bits)) & 31) as usize],
        ));
    }
    out
}

/// Decodes base32 as people copy it: either case, spaces anywhere. Leftover
/// bits that cannot form a byte must be zero, so that every secret has one
/// spelling and a truncated one is not silently accepted.
fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.chars().filter(|c| *c != ' ') {
        let c = c.to_ascii_uppercase();
        let value = BASE32_ALPHABET.iter().position(|&a| char::from(a) == c)?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    // Five or more leftover bits means a character that carries no byte:
    // a length no encoder produces.
    if bits >= 5 || buffer & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_secret() -> TotpSecret {
        TotpSecret(*b"12345678901234567890")
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        let vectors = [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ];
        for (time, code) in vectors {
            assert_eq!(code_at(&rfc_secret(), time), code, "at {time}");
        }
    }

    #[test]
    fn base32_known_vectors() {
        // RFC 4648 section 10, without padding.
        let vectors = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(
            base32_decode("mzxw 6ytb oi").as_deref(),
            Some(&b"foobar"[..])
        );
    }

    #[test]
    fn base32_rejects_what_no_encoder_produces() {
        for bad in [
            "M",
            "MZX",
            "MZXW6YTBO",
            "MZ",
            "MZXW6YTBO1",
            "MZXW6YTBOI=",
            "é",
        ] {
            assert_eq!(base32_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn secret_round_trips_and_must_be_20_bytes() {
        let secret = rfc_secret();
        let base32 = secret.to_base32();
        assert_eq!(base32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(TotpSecret::from_base32(&base32), Some(secret.clone()));
        assert_eq!(
            TotpSecret::from_base32(&secret.display_grouped().to_lowercase()),
            Some(secret.clone())
        );
        assert_eq!(TotpSecret::from_base32("MZXW6YTBOI"), None);
        assert_eq!(TotpSecret::from_base32(&format!("{base32}AAAAAAAA")), None);
    }

    #[test]
    fn grouped_display() {
        assert_eq!(
            rfc_secret().display_grouped(),
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
        );
    }

    #[cfg(feature = "rand")]
    #[test]
    fn random_secrets_differ_and_debug_hides_them() {
        let (a, b) = (TotpSecret::random(), TotpSecret::random());
        assert_ne!(a, b);
        assert_eq!(TotpSecret::from_base32(&a.to_base32()), Some(a.clone()));
        assert!(!format!("{a:?}").contains(&a.to_base32()));
    }

    #[test]
    fn verify_accepts_one_step_of_drift_and_no_more() {
        let secret = rfc_secret();
        let now = 1_111_111_111;
        let step = step_of(now);
        for offset in -1..=1 {
            let code = code_at(&secret, now + offset * STEP_SECONDS);
            assert_eq!(verify(&secret, &code, now, None), Some(step + offset));
        }
        for offset in [-2, 2] {
            let code = code_at(&secret, now + offset * STEP_SECONDS);
            assert_eq!(verify(&secret, &code, now, None), None, "offset {offset}");
        }
    }

    #[test]
    fn verify_refuses_replays_and_older_steps() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = code_at(&secret, now);
        let step = verify(&secret, &code, now, None).expect("fresh code");
        assert_eq!(verify(&secret, &code, now, Some(step)), None);
        assert_eq!(verify(&secret, &code, now + 10, Some(step)), None);
        assert_eq!(verify(&secret, &code, now, Some(step + 1)), None);
        // The next step's code is still fine after this one was used.
        let next = code_at(&secret, now + STEP_SECONDS);
        assert_eq!(
            verify(&secret, &next, now + STEP_SECONDS, Some(step)),
            Some(step + 1)
        );
    }

    #[test]
    fn verify_accepts_spaces_and_a_dash() {
        let secret = rfc_secret();
        for typed in ["050 471", "050-471", " 050471 ", "0 5 0 4 7 1"] {
            assert!(
                verify(&secret, typed, 1_111_111_111, None).is_some(),
                "{typed}"
            );
        }
    }

    #[test]
    fn verify_refuses_malformed_input() {
        let secret = rfc_secret();
        for typed in [
            "",
            "05047",
            "0504710",
            "05047a",
            "O50471",
            "٠٥٠٤٧١",
            "+50471",
            "050\t471",
        ] {
            assert_eq!(verify(&secret, typed, 1_111_111_111, None), None, "{typed}");
        }
    }

    #[test]
    fn otpauth_uri_escapes_issuer_and_account() {
        let uri = otpauth_uri(
            &rfc_secret(),
            "Gemeente Den Haag",
            "an.admin+2fa@example.nl",
        );
        assert_eq!(
            uri,
            "otpauth://totp/Gemeente%20Den%20Haag:an.admin%2B2fa%40example.nl\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gemeente%20Den%20Haag\
             &algorithm=SHA1&digits=6&period=30"
        );
        assert!(
            otpauth_uri(&rfc_secret(), "Trechter", "zoë:x").contains("/Trechter:zo%C3%AB%3Ax?")
        );
    }

    #[test]
    fn recovery_codes_normalise() {
        assert_eq!(
            normalise_recovery_code("ABCDE-23456").as_deref(),
            Some("ABCDE23456")
        );
        assert_eq!(
            normalise_recovery_code(" abcde 23456 ").as_deref(),
            Some("ABCDE23456")
        );
        for bad in [
            "",
            "ABCDE-2345",
            "ABCDE-234567",
            "ABCDE-2345O",
            "ABCDE-23451",
            "ABCDE-2345I",
            "ABCDE-2345L",
            "ABCDE-2345U",
            "ABCDE_23456",
            "ÀBCDE-23456",
        ] {
            assert_eq!(normalise_recovery_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn recovery_code_hash_is_sha256_hex() {
        assert_eq!(
            recovery_code_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let code = RecoveryCode("ABCDE23456".to_string());
        assert_eq!(code.display(), "ABCDE-23456");
        let typed = normalise_recovery_code(&code.display().to_lowercase()).expect("valid");
        assert_eq!(recovery_code_hash(&typed), code.hash());
    }

    #[cfg(feature = "rand")]
    #[test]
    fn generated_recovery_codes_are_valid_and_distinct() {
        let codes = generate_recovery_codes();
        assert_eq!(codes.len(), 10);
        for code in &codes {
            let shown = code.display();
            assert_eq!(shown.len(), 11);
            assert_eq!(&shown[5..6], "-");
            assert_eq!(
                normalise_recovery_code(&shown).as_deref(),
                Some(code.0.as_str())
            );
            assert!(!format!("{code:?}").contains(&code.0));
        }
        let distinct: std::collections::HashSet<_> = codes.iter().map(|c| c.0.clone()).collect();
        assert_eq!(distinct.len(), codes.len());
    }
}
