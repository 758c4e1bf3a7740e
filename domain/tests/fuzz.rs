//! Property tests over every parser of what people type or send: random
//! text (any Unicode, control characters, very long) must never make one
//! panic, and what they accept must stay stable when read again. The
//! number of cases bounds the run time (`PROPTEST_CASES` raises it for a
//! longer hunt); a failure prints the smallest input that shows it.

use chrono::NaiveDate;
use domain::challenge_setup::ChallengeInput;
use domain::paper::PaperInput;
use domain::round_setup::{RoundInput, Situation};
use domain::{
    DreamInput, EmailAddress, IdeaText, ReceiptCode, SecretToken, SubmissionKey, csv, idea,
    neighbourhoods, password, plan, slug, totp,
};
use proptest::prelude::*;

/// Text as people and bots send it: mostly ordinary, sometimes hostile.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,200}",
        2 => any::<String>(),
        1 => "[ \t\r\n\u{0}\u{200b}\u{202e}\u{feff}a-zé=+\\-@\",;]{0,60}",
        1 => "\\PC{0,40}".prop_map(|s| s.repeat(300)),
    ]
}

/// The first cell of a CSV line as a spreadsheet reads it, and the rest.
fn first_cell(line: &str) -> (String, &str) {
    let Some(quoted) = line.strip_prefix('"') else {
        let end = line.find(',').unwrap_or(line.len());
        return (line[..end].to_owned(), &line[end..]);
    };
    let mut cell = String::new();
    let mut chars = quoted.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            if chars.peek().map(|(_, next)| *next) == Some('"') {
                chars.next();
                cell.push('"');
            } else {
                return (cell, &quoted[i + 1..]);
            }
        } else {
            cell.push(c);
        }
    }
    (cell, "")
}

fn config() -> ProptestConfig {
    // Failures are printed with their smallest input, not saved to files.
    ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn idea_texts_normalise_once(raw in typed()) {
        if let Ok(text) = IdeaText::parse(&raw) {
            let again = IdeaText::parse(text.as_str()).expect("a clean text is accepted again");
            prop_assert_eq!(again.as_str(), text.as_str());
            prop_assert_eq!(again.fingerprint(), text.fingerprint());
            prop_assert!(!text.as_str().chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
        let _ = idea::fingerprint(&raw);
    }

    #[test]
    fn clean_text_keeps_its_bounds(raw in typed(), min in 0usize..20, extra in 0usize..400) {
        let max = min + extra;
        if let Ok(text) = idea::clean_text(&raw, min, max) {
            let chars = text.chars().count();
            prop_assert!(chars >= min && chars <= max, "{} not in {}..={}", chars, min, max);
        }
    }

    #[test]
    fn codes_keys_and_tokens_parse_without_panic(raw in typed()) {
        if let Ok(code) = ReceiptCode::parse(&raw) {
            prop_assert_eq!(ReceiptCode::parse(code.as_str()).ok(), Some(code));
        }
        if let Some(key) = SubmissionKey::from_form_value(&raw) {
            prop_assert_eq!(SubmissionKey::from_form_value(&key.to_form_value()), Some(key));
        }
        let _ = SecretToken::parse(&raw);
        let _ = totp::normalise_recovery_code(&raw);
        let _ = totp::TotpSecret::from_base32(&raw);
    }

    #[test]
    fn email_addresses_parse_once(raw in typed()) {
        if let Some(email) = EmailAddress::parse(&raw) {
            let again = EmailAddress::parse(email.as_str());
            prop_assert_eq!(again.as_ref(), Some(&email));
        }
    }

    #[test]
    fn passwords_normalise_once(raw in typed()) {
        let once = password::normalise(&raw);
        prop_assert_eq!(password::normalise(&once), once.clone());
        let _ = password::check_new(&raw, "inwoner@example.org");
    }

    #[test]
    fn slugs_are_plain_and_stable(raw in typed()) {
        let made = slug::from_title(&raw);
        prop_assert!(made.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", made);
        prop_assert!(!made.starts_with('-') && !made.ends_with('-'), "{}", made);
        prop_assert_eq!(slug::from_title(&made), made.clone());
        let free = slug::first_free(&made, std::slice::from_ref(&made));
        prop_assert_ne!(free, made);
    }

    #[test]
    fn codes_of_every_kind_parse_without_panic(raw in typed()) {
        let _ = domain::Phase::from_code(&raw);
        let _ = domain::Role::from_code(&raw);
        let _ = domain::Lang::from_code(&raw);
        let _ = domain::Channel::from_code(&raw);
        let _ = domain::ContributorGroup::from_code(&raw);
        let _ = domain::LifeDomain::from_code(&raw);
        let _ = domain::PolicyDomain::from_code(&raw);
        let _ = domain::AgeGroup::from_code(&raw);
        let _ = domain::moderation::FlagReason::from_code(&raw);
        let _ = domain::cluster::SetAsideReason::from_code(&raw);
        let _ = plan::Stance::from_code(&raw);
        let _ = plan::ReactionGroup::from_code(&raw);
        let _ = plan::ReactionGroup::counted(&raw, false);
        let _ = plan::Outcome::from_code(&raw);
        let _ = plan::Progress::from_code(&raw);
        let _ = plan::ChildRight::from_code(&raw);
        let _ = plan::ChildEffect::from_code(&raw);
    }

    #[test]
    fn plan_texts_are_checked_without_panic(title in typed(), text in typed(), clusters in proptest::collection::vec(any::<i64>(), 0..5)) {
        if let Ok(item) = plan::plan_item(&title, &text, &clusters) {
            prop_assert!(!item.title.contains('\n'));
            prop_assert!(!item.clusters.is_empty());
        }
        let _ = plan::optional(&text, "why");
        let _ = plan::reason(&text);
    }

    #[test]
    fn neighbourhood_lists_parse_without_panic(raw in typed()) {
        if let Ok(names) = neighbourhoods::parse_list(&raw, &[]) {
            let again = neighbourhoods::parse_list(&names.join("\n"), &[]).expect("accepted again");
            prop_assert_eq!(again, names);
        }
    }

    #[test]
    fn forms_are_checked_without_panic(
        a in typed(), b in typed(), c in typed(), d in typed(), e in typed(),
        flag in any::<bool>(),
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let _ = PaperInput {
            lines: a.clone(),
            channel: Some(b.clone()),
            source: c.clone(),
            held_on: d.clone(),
            place: e.clone(),
            group: Some(a.clone()),
            question: Some(b.clone()),
        }
        .validate(&[1, 2], today);
        let _ = ChallengeInput {
            title: a.clone(),
            description: b.clone(),
            horizon_year: c.clone(),
            spearheads: d.clone(),
        }
        .validate(2026);
        let _ = RoundInput {
            title: a.clone(),
            introduction: b.clone(),
            questions: vec![c.clone(), d.clone(), e.clone()],
            opens_on: d.clone(),
            closes_on: e.clone(),
            dreams_open: flag,
            premoderated: flag,
            dreams_premoderated: !flag,
        }
        .validate(&Situation { today, answered: vec![0, 7], new: flag });
        let _ = DreamInput {
            wish: a,
            need: b,
            age_group: Some(c.clone()),
            first_name: c,
            wants_contact: flag,
            contact: d,
        }
        .validate();
    }

    #[test]
    fn csv_cells_read_back_and_never_start_a_formula(text in typed()) {
        let line = csv::line(&[csv::Cell::Text(text.clone()), csv::Cell::Number(1)]);
        let (cell, rest) = first_cell(&line);
        prop_assert_eq!(rest, ",1\r\n");
        prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", line);
        let unguarded = match text.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => cell.strip_prefix('\'').unwrap_or(&cell),
            _ => &cell,
        };
        prop_assert_eq!(unguarded, text.as_str());
    }
}
