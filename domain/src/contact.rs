//! How people reach the municipality about the site (`TRECHTER_CONTACT`):
//! an e-mail address, a web page or a phone number becomes a link; any
//! other words stay words. Only these three kinds of link are made, so a
//! configured `javascript:` address can never become one.

/// The link for `contact`, if it is an address one can follow.
pub fn href(contact: &str) -> Option<String> {
    let contact = contact.trim();
    if contact.chars().any(char::is_whitespace) || contact.is_empty() {
        return None;
    }
    if contact.starts_with("https://")
        || contact.starts_with("tel:")
        || contact.starts_with("mailto:")
    {
        return Some(contact.to_owned());
    }
    let (name, domain) = contact.split_once('@')?;
    let plain = !name.is_empty() && domain.contains('.') && !contact.contains(':');
    plain.then(|| format!("mailto:{contact}"))
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn addresses_become_links_and_words_stay_words() {
        assert_eq!(
            href("inspraak@berkeloord.nl").as_deref(),
            Some("mailto:inspraak@berkeloord.nl")
        );
        assert_eq!(
            href("https://www.berkeloord.nl/contact").as_deref(),
            Some("https://www.berkeloord.nl/contact")
        );
        assert_eq!(
            href("tel:+31141234567").as_deref(),
            Some("tel:+31141234567")
        );
        assert_eq!(href("Bel 14 0123"), None);
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href("javascript:x@y.nl"), None);
        assert_eq!(href("http://plain.example"), None);
        assert_eq!(href(""), None);
    }
}
