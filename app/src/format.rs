//! Showing dates and times the way Dutch residents read them.

use crate::i18n::I18n;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// "23 november 2026": in the municipality's time zone, so a round that
/// closes at midnight shows the right day all year round.
pub fn date(i18n: I18n, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Amsterdam);
    let month = i18n.t(&format!("month.{}", local.month()));
    format!("{} {} {}", local.day(), month, local.year())
}

/// "14:05", in the municipality's time zone.
pub fn time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam).format("%H:%M").to_string()
}

/// When a day starts in the municipality: a round opens then.
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    local(day, NaiveTime::MIN)
}

/// The last second of a day in the municipality: a round is open "tot en
/// met" its closing day.
pub fn day_end(day: NaiveDate) -> DateTime<Utc> {
    local(
        day,
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
    )
}

fn local(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // Summer time starts and ends between 2 and 3 at night, so midnight
    // and one second before it always exist exactly once.
    Amsterdam
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map_or_else(|| day.and_time(time).and_utc(), |at| at.with_timezone(&Utc))
}

/// The municipality's calendar day of a moment.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Amsterdam).date_naive()
}

/// "23 november 2026, 14:05".
pub fn date_time(i18n: I18n, at: DateTime<Utc>) -> String {
    format!("{}, {}", date(i18n, at), time(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use domain::Lang;

    #[test]
    fn dates_are_shown_in_amsterdam_time() {
        // 23:30 UTC on 31 May is already 1 June in Amsterdam (summer time).
        let at = Utc.with_ymd_and_hms(2026, 5, 31, 23, 30, 0).unwrap();
        assert_eq!(date(I18n::new(Lang::Nl), at), "1 juni 2026");
        assert_eq!(date(I18n::new(Lang::En), at), "1 June 2026");
        // 23:30 UTC on 30 November is 00:30 on 1 December (winter time).
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 22, 30, 0).unwrap();
        assert_eq!(date(I18n::new(Lang::Nl), at), "30 november 2026");
    }

    #[test]
    fn days_start_and_end_in_amsterdam() {
        let summer = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(
            day_start(summer),
            Utc.with_ymd_and_hms(2026, 5, 31, 22, 0, 0).unwrap()
        );
        assert_eq!(
            day_end(summer),
            Utc.with_ymd_and_hms(2026, 6, 1, 21, 59, 59).unwrap()
        );
        let winter = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(
            day_end(winter),
            Utc.with_ymd_and_hms(2026, 12, 31, 22, 59, 59).unwrap()
        );
        // The day a round closes reads the same on the page as in the form.
        for day in [summer, winter] {
            assert_eq!(local_day(day_start(day)), day);
            assert_eq!(local_day(day_end(day)), day);
            assert_eq!(
                date(I18n::new(Lang::Nl), day_end(day)).split(' ').next(),
                Some(day.day().to_string().as_str())
            );
        }
    }
}

/// A value for a URL's query string: everything but unreserved characters
/// percent-encoded, spaces as `+`.
pub fn query_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The start of a text, at most `max` characters, cut between words and
/// ended with "…" when something was left off.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let keep = max.saturating_sub(1);
    let cut: String = text.chars().take(keep).collect();
    let between_words = text.chars().nth(keep).is_some_and(char::is_whitespace);
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if !between_words && at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod query_tests {
    use super::{excerpt, query_escape};

    #[test]
    fn an_excerpt_ends_between_words() {
        assert_eq!(excerpt("  Kort idee ", 20), "Kort idee");
        assert_eq!(
            excerpt("Gratis zwemles voor elk kind", 20),
            "Gratis zwemles voor…"
        );
        assert!(excerpt(&"é".repeat(200), 90).chars().count() <= 90);
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("zwemles kinderen"), "zwemles+kinderen");
        assert_eq!(query_escape("a&b=c#d"), "a%26b%3Dc%23d");
        assert_eq!(query_escape("één"), "%C3%A9%C3%A9n");
    }
}
