//! Addresses a form may send the browser to: only paths on this site.

/// Only paths on this site: no other host, no scheme, no tricks.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control() || c == '\\')
}

/// Percent-encodes everything but the RFC 3986 unreserved characters, for
/// a value in a query string or an `otpauth:` link; stricter than needed
/// but read the same by every app.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_local_path, percent_encode};

    #[test]
    fn query_values_keep_only_unreserved_characters() {
        assert_eq!(percent_encode("/beheer?x=1&y"), "%2Fbeheer%3Fx%3D1%26y");
        assert_eq!(percent_encode("a-b_c.d~"), "a-b_c.d~");
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/ronde/x?pagina=2"));
        assert!(is_local_path("/"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
            "/a\r\nSet-Cookie: x",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
