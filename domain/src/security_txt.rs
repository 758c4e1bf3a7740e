//! `/.well-known/security.txt` (RFC 9116): where someone who finds a
//! vulnerability reports it, and until when that is true. The operator sets
//! the contact and the expiry day; a file past its expiry must not be
//! trusted, so the server refuses to start with one, or with one more than
//! a year away (the RFC's advice), and says which setting to change.

use chrono::{DateTime, NaiveDate, Utc};

/// A Contact line is a URI: a mail address, a web page or a phone number.
const CONTACT_SCHEMES: [&str; 3] = ["mailto:", "https://", "tel:"];

/// RFC 9116 advises an expiry less than a year away.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// The file's fields, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityTxt {
    pub contact: String,
    /// The end of the expiry day (UTC).
    pub expires: DateTime<Utc>,
    /// Where the file is published, when the site's public address is known.
    pub canonical: Option<String>,
}

/// Why the configured file cannot be published.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error(
        "TRECHTER_SECURITY_CONTACT must start with mailto:, https:// or tel: and hold no spaces (got {0:?})"
    )]
    Contact(String),
    #[error(
        "TRECHTER_SECURITY_CONTACT is set, so TRECHTER_SECURITY_EXPIRES (a day, YYYY-MM-DD) is needed too"
    )]
    NoExpiry,
    #[error("TRECHTER_SECURITY_EXPIRES must be a day as YYYY-MM-DD (got {0:?})")]
    Unreadable(String),
    #[error("TRECHTER_SECURITY_EXPIRES ({0}) has passed: check the contact and set a new day")]
    Passed(NaiveDate),
    #[error("TRECHTER_SECURITY_EXPIRES ({0}) is more than a year away (RFC 9116 advises less)")]
    TooFar(NaiveDate),
    #[error("TRECHTER_SECURITY_EXPIRES is set without TRECHTER_SECURITY_CONTACT")]
    NoContact,
}

/// The file as configured: `None` when no contact is set (the address then
/// answers 404, as nothing true can be said).
pub fn configured(
    contact: Option<&str>,
    expires: Option<&str>,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<SecurityTxt>, Problem> {
    let contact = contact.map(str::trim).filter(|c| !c.is_empty());
    let expires = expires.map(str::trim).filter(|e| !e.is_empty());
    let Some(contact) = contact else {
        return match expires {
            Some(_) => Err(Problem::NoContact),
            None => Ok(None),
        };
    };
    let fits = CONTACT_SCHEMES.iter().any(|s| contact.starts_with(s))
        && contact.len() > "tel:".len()
        && !contact.chars().any(|c| c.is_whitespace() || c.is_control());
    if !fits {
        return Err(Problem::Contact(contact.to_owned()));
    }
    let raw = expires.ok_or(Problem::NoExpiry)?;
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Problem::Unreadable(raw.to_owned()))?;
    let end = day
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .ok_or_else(|| Problem::Unreadable(raw.to_owned()))?;
    if end <= now {
        return Err(Problem::Passed(day));
    }
    if (end - now).num_days() >= MAX_DAYS_AHEAD {
        return Err(Problem::TooFar(day));
    }
    Ok(Some(SecurityTxt {
        contact: contact.to_owned(),
        expires: end,
        canonical: public_url
            .map(|base| format!("{}/.well-known/security.txt", base.trim_end_matches('/'))),
    }))
}

impl SecurityTxt {
    /// The file's text, one field per line (RFC 9116 section 2).
    pub fn text(&self) -> String {
        let mut text = format!(
            "Contact: {}\nExpires: {}\nPreferred-Languages: nl, en\n",
            self.contact,
            self.expires.format("%Y-%m-%dT%H:%M:%SZ")
        );
        if let Some(canonical) = &self.canonical {
            text.push_str(&format!("Canonical: {canonical}\n"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_contact_and_a_day_make_the_file() {
        let file = configured(
            Some("mailto:security@berkeloord.nl"),
            Some("2027-06-30"),
            Some("https://inspraak.berkeloord.nl/"),
            now(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            file.text(),
            "Contact: mailto:security@berkeloord.nl\n\
             Expires: 2027-06-30T23:59:59Z\n\
             Preferred-Languages: nl, en\n\
             Canonical: https://inspraak.berkeloord.nl/.well-known/security.txt\n"
        );
    }

    #[test]
    fn nothing_configured_is_no_file() {
        assert_eq!(configured(None, None, None, now()), Ok(None));
        assert_eq!(configured(Some(" "), Some(""), None, now()), Ok(None));
    }

    #[test]
    fn what_cannot_be_trusted_is_refused() {
        let at = |contact, day| configured(Some(contact), day, None, now());
        let mail = "mailto:security@berkeloord.nl";
        assert_eq!(
            at("security@berkeloord.nl", Some("2027-01-01")),
            Err(Problem::Contact("security@berkeloord.nl".into()))
        );
        assert!(matches!(
            at("mailto:a@b.nl\nContact: x", Some("2027-01-01")),
            Err(Problem::Contact(_))
        ));
        assert_eq!(at(mail, None), Err(Problem::NoExpiry));
        assert_eq!(
            at(mail, Some("30-06-2027")),
            Err(Problem::Unreadable("30-06-2027".into()))
        );
        assert!(matches!(
            at(mail, Some("2026-12-06")),
            Err(Problem::Passed(_))
        ));
        assert!(matches!(
            at(mail, Some("2028-01-01")),
            Err(Problem::TooFar(_))
        ));
        assert_eq!(
            configured(None, Some("2027-01-01"), None, now()),
            Err(Problem::NoContact)
        );
        // The day itself still counts until its end.
        assert!(at(mail, Some("2026-12-07")).unwrap().is_some());
    }
}
