//! Passwords of accounts: the rules a new password must meet (NIST SP
//! 800-63B: length, not a known-common password, no composition rules) and
//! hashing with argon2id at OWASP's minimum parameters or above.

use unicode_normalization::UnicodeNormalization;

pub const MIN_CHARS: usize = 12;
/// Long enough for any passphrase; short enough that hashing stays cheap.
pub const MAX_CHARS: usize = 128;

/// argon2id with 19 MiB of memory, 2 passes, 1 lane (OWASP's minimum).
/// Raising these makes old hashes "need rehash" at the next sign-in.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password_too_short")]
    TooShort,
    #[error("password_too_long")]
    TooLong,
    #[error("password_too_common")]
    TooCommon,
    #[error("password_contains_email")]
    ContainsEmail,
}

impl PasswordError {
    /// The message key suffix, shared with the translation files.
    pub fn code(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password_too_short",
            PasswordError::TooLong => "password_too_long",
            PasswordError::TooCommon => "password_too_common",
            PasswordError::ContainsEmail => "password_contains_email",
        }
    }
}

/// Passwords people pick first, and this product's own words: refused
/// whatever their length allows.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "qwertyuiopasdf",
    "wachtwoord123",
    "wachtwoord1234",
    "welkom123456",
    "password1234",
    "passwordpassword",
    "wachtwoordwachtwoord",
    "trechtertrechter",
    "iloveyou1234",
    "aaaaaaaaaaaa",
    "abcdefghijkl",
    "abc123abc123",
    "letmein12345",
    "geheimgeheim",
    "zomer2026zomer",
    "gemeente1234",
];

/// Normalises as NIST asks (NFKC), so the same password typed on another
/// keyboard or phone still matches.
pub fn normalise(password: &str) -> String {
    password.nfkc().collect()
}

/// Checks a new password for an account with `email`.
pub fn check_new(password: &str, email: &str) -> Result<(), PasswordError> {
    let password = normalise(password);
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    let distinct = {
        let mut seen: Vec<char> = lower.chars().collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    if COMMON.contains(&lower.as_str()) || distinct <= 2 {
        return Err(PasswordError::TooCommon);
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if local.chars().count() >= 4 && lower.contains(&local) {
        return Err(PasswordError::ContainsEmail);
    }
    Ok(())
}

#[cfg(feature = "rand")]
mod hashing {
    use super::{LANES, MEMORY_KIB, PASSES, normalise};
    use argon2::password_hash::rand_core::OsRng;
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};

    fn argon2() -> Argon2<'static> {
        let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid argon2 parameters");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). Takes tens of
    /// milliseconds of CPU: call it off the async executor.
    pub fn hash(password: &str) -> String {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(normalise(password).as_bytes(), &salt)
            .expect("argon2 hashing with valid parameters")
            .to_string()
    }

    /// Checks a password against a stored hash, with the parameters stored
    /// in the hash. A malformed hash never matches.
    pub fn verify(password: &str, stored: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        argon2()
            .verify_password(normalise(password).as_bytes(), &parsed)
            .is_ok()
    }

    /// Spends the same time as [`verify`] when there is no account to check
    /// against, so response times do not tell whether an email is known.
    pub fn verify_nothing(password: &str) {
        static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let dummy = DUMMY.get_or_init(|| hash("no account has this password"));
        let _ = verify(password, dummy);
    }

    /// True when a hash was made with weaker parameters than today's.
    pub fn needs_rehash(stored: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return true;
        };
        let Ok(params) = Params::try_from(&parsed) else {
            return true;
        };
        parsed.algorithm.as_str() != "argon2id"
            || params.m_cost() < MEMORY_KIB
            || params.t_cost() < PASSES
    }
}

#[cfg(feature = "rand")]
pub use hashing::{hash, needs_rehash, verify, verify_nothing};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules() {
        assert_eq!(check_new("kort", "a@b.nl"), Err(PasswordError::TooShort));
        assert_eq!(
            check_new(&"lang genoeg ".repeat(20), "a@b.nl"),
            Err(PasswordError::TooLong)
        );
        assert_eq!(check_new("paard batterij nietje", "a@b.nl"), Ok(()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Eleven characters, more than twelve bytes.
        assert_eq!(
            check_new("ééééééééééé", "a@b.nl"),
            Err(PasswordError::TooShort)
        );
    }

    #[test]
    fn common_and_repetitive_passwords_are_refused() {
        assert_eq!(
            check_new("Wachtwoord123", "a@b.nl"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(
            check_new("abababababababab", "a@b.nl"),
            Err(PasswordError::TooCommon)
        );
    }

    #[test]
    fn the_email_name_is_not_a_password() {
        assert_eq!(
            check_new("janneke2026!!", "janneke@berkeloord.nl"),
            Err(PasswordError::ContainsEmail)
        );
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let stored = hash("paard batterij nietje");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("paard batterij nietje", &stored));
        assert!(!verify("paard batterij nietj", &stored));
        assert!(!verify("paard batterij nietje", "not a hash"));
        assert!(!needs_rehash(&stored));
    }

    #[test]
    fn compatibility_forms_match_after_normalisation() {
        // A full-width digit typed on a phone is the same password.
        let stored = hash("paard batterij 1");
        assert!(verify("paard batterij \u{FF11}", &stored));
    }

    #[test]
    fn weaker_hashes_need_rehash() {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let weak = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(4096, 1, 1, None).unwrap(),
        )
        .hash_password(b"x", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(needs_rehash(&weak));
    }
}
