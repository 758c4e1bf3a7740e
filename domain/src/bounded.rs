//! Numbers that come from outside: a page in an address (`?pagina=`), an id
//! in a form or a path. Every such number is read here, within bounds, so
//! that no arithmetic on it can overflow and no database is ever asked for
//! a negative or absurd offset. What is out of bounds becomes the nearest
//! sensible value (a page) or nothing (an id, which then is "not found").

/// The highest page any list shows. Far beyond any real round (a million
/// ideas at 20 a page is 50 000 pages), low enough that `page * per_page`
/// always fits.
pub const MAX_PAGE: i64 = 1_000_000;

/// The page asked for in an address or form, from 1 to [`MAX_PAGE`].
/// Missing or not a whole number: page 1. Too large, however large: the
/// highest page, which the list then brings down to its last page.
pub fn page(raw: Option<&str>) -> i64 {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return 1;
    };
    let digits = raw.strip_prefix('+').unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return 1;
    }
    // Any run of digits is a page: too many digits for i64 is simply large.
    digits.parse::<i64>().map_or(MAX_PAGE, clamp_page)
}

/// A page number already held as a number (a server function argument),
/// brought within 1 to [`MAX_PAGE`].
pub fn clamp_page(page: i64) -> i64 {
    page.clamp(1, MAX_PAGE)
}

/// Longest search anyone can type (the field's `maxlength`).
pub const MAX_SEARCH_CHARS: usize = 200;

/// A typed search, cut to [`MAX_SEARCH_CHARS`] whatever was posted.
pub fn search(typed: &str) -> &str {
    typed
        .char_indices()
        .nth(MAX_SEARCH_CHARS)
        .map_or(typed, |(end, _)| &typed[..end])
}

/// The number of rows before `page` when each page holds `per_page`;
/// never negative, never overflowing.
pub fn offset(page: i64, per_page: i64) -> i64 {
    (clamp_page(page) - 1).saturating_mul(per_page.max(0))
}

/// How many pages `count` rows fill at `per_page` a page; at least 1.
pub fn page_count(count: i64, per_page: i64) -> i64 {
    let per_page = per_page.max(1);
    (count.max(0) / per_page + i64::from(count % per_page > 0)).clamp(1, MAX_PAGE)
}

/// An id of a stored record, as typed in an address or a form: a positive
/// whole number that fits the database's 64-bit ids. Anything else is no
/// id at all, so the caller answers "not found" (or ignores a filter).
pub fn id(raw: &str) -> Option<i64> {
    natural(raw).filter(|id| *id > 0)
}

/// A whole number of 0 or more that fits 64 bits (a version number in a
/// form); anything else is no number.
pub fn natural(raw: &str) -> Option<i64> {
    raw.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
}

/// [`id`] for an optional value.
pub fn optional_id(raw: Option<&str>) -> Option<i64> {
    raw.and_then(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_within_bounds() {
        assert_eq!(page(None), 1);
        assert_eq!(page(Some("")), 1);
        assert_eq!(page(Some("3")), 3);
        assert_eq!(page(Some(" 3 ")), 3);
        assert_eq!(page(Some("0")), 1);
        assert_eq!(page(Some("-5")), 1);
        assert_eq!(page(Some("drie")), 1);
        assert_eq!(page(Some("9223372036854775807")), MAX_PAGE);
        assert_eq!(page(Some("99999999999999999999999999")), MAX_PAGE);
        assert_eq!(clamp_page(i64::MIN), 1);
        assert_eq!(clamp_page(i64::MAX), MAX_PAGE);
    }

    #[test]
    fn a_search_is_cut_at_its_longest_on_a_character_boundary() {
        assert_eq!(search("zwembad"), "zwembad");
        assert_eq!(search(&"é".repeat(500)).chars().count(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn offsets_never_overflow_or_go_negative() {
        assert_eq!(offset(1, 20), 0);
        assert_eq!(offset(3, 20), 40);
        assert_eq!(offset(i64::MAX, 20), (MAX_PAGE - 1) * 20);
        assert_eq!(offset(i64::MIN, 20), 0);
        assert_eq!(offset(2, i64::MAX), i64::MAX);
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(i64::MAX, 1), MAX_PAGE);
    }

    #[test]
    fn ids_are_positive_64_bit_numbers() {
        assert_eq!(id("12"), Some(12));
        assert_eq!(id(" #12 "), Some(12));
        assert_eq!(id("0"), None);
        assert_eq!(id("-1"), None);
        assert_eq!(id("9223372036854775808"), None);
        assert_eq!(id("12abc"), None);
        assert_eq!(natural("0"), Some(0));
        assert_eq!(natural("-3"), None);
        assert_eq!(optional_id(None), None);
        assert_eq!(optional_id(Some("7")), Some(7));
    }
}
