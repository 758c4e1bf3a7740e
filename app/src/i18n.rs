//! Translations. Every string a person reads comes from `locales/nl.txt` or
//! `locales/en.txt`: one `key = text` per line, `{name}` for values filled in
//! at render time, `key.one` / `key.other` for counts. Dutch is the default.
//!
//! The files are compiled into the binary and read once. A test checks that
//! both files have the same keys and that every key the code uses exists.

use domain::Lang;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::LazyLock;

const NL: &str = include_str!("../locales/nl.txt");
const EN: &str = include_str!("../locales/en.txt");

static TABLES: LazyLock<[HashMap<&'static str, &'static str>; 2]> =
    LazyLock::new(|| [parse(NL), parse(EN)]);

pub(crate) fn parse(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .map(|(key, text)| (key.trim(), text.trim()))
        .collect()
}

/// The language of the current request, provided as context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

impl I18n {
    pub fn new(lang: Lang) -> I18n {
        I18n { lang }
    }

    /// The text for `key`. A missing key shows the key itself (and fails
    /// the translation test), never an empty spot.
    pub fn t(&self, key: &str) -> &'static str {
        let table = &TABLES[match self.lang {
            Lang::Nl => 0,
            Lang::En => 1,
        }];
        match table.get(key) {
            Some(text) => text,
            None => {
                #[cfg(feature = "ssr")]
                tracing::warn!(key, lang = self.lang.code(), "missing translation");
                Box::leak(key.to_owned().into_boxed_str())
            }
        }
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The text for a count: `key.one` for 1, `key.other` otherwise, with
    /// `{n}` filled in.
    pub fn tn(&self, key: &str, n: i64) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.tf(&format!("{key}.{form}"), &[("n", &n.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{ContributorGroup, LifeDomain, Phase};
    use std::collections::BTreeSet;

    fn keys(source: &'static str) -> BTreeSet<&'static str> {
        parse(source).into_keys().collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let (nl, en) = (keys(NL), keys(EN));
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "only in nl: {only_nl:?}; only in en: {only_en:?}"
        );
    }

    /// Plain Dutch (B1): no sentence longer than [`MAX_WORDS`] words and
    /// no word longer than [`MAX_LETTERS`] letters, but for the few
    /// words residents know from the platform itself.
    #[test]
    fn dutch_sentences_and_words_stay_short() {
        const MAX_WORDS: usize = 20;
        const MAX_LETTERS: usize = 18;
        const KNOWN_LONG_WORDS: &[&str] = &["ervaringsdeskundige", "ervaringsdeskundigen"];
        let mut problems = Vec::new();
        for (key, text) in parse(NL) {
            let text = text.replace("\\n", "\n");
            for sentence in text.split(['.', '!', '?', ':', '\n']) {
                let words = sentence.split_whitespace().count();
                if words > MAX_WORDS {
                    problems.push(format!("{key}: a sentence of {words} words"));
                }
            }
            for word in text.split(|c: char| !c.is_alphabetic() && c != '-') {
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if letters > MAX_LETTERS
                    && !KNOWN_LONG_WORDS.contains(&word.to_lowercase().as_str())
                {
                    problems.push(format!("{key}: the word {word}"));
                }
            }
        }
        assert!(problems.is_empty(), "too long for B1: {problems:#?}");
    }

    #[test]
    fn no_key_is_defined_twice_or_left_empty() {
        for (name, source) in [("nl", NL), ("en", EN)] {
            let mut seen = BTreeSet::new();
            for line in source
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let (key, text) = line
                    .split_once(" = ")
                    .unwrap_or_else(|| panic!("{name}: not `key = text`: {line}"));
                assert!(seen.insert(key.trim()), "{name}: {key} defined twice");
                assert!(!text.trim().is_empty(), "{name}: {key} is empty");
            }
        }
    }

    /// Every literal key in the source (`t("…")`, `tf("…"`, `tn("…"`)
    /// exists, and so does every key built from a domain code.
    #[test]
    fn every_key_the_code_uses_exists() {
        let nl = keys(NL);
        let mut used = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for call in [
                ".t(\"",
                ".tf(\"",
                ".tn(\"",
                "key: \"",
                "refuse(\"",
                "label=\"",
                "FormFeedback::error(\"",
            ] {
                for piece in source.split(call).skip(1) {
                    let mut key = piece.split('"').next().unwrap();
                    // `FormFeedback::error("form", status, "key")`: the third.
                    if call == "FormFeedback::error(\"" {
                        key = piece.split('"').nth(2).unwrap();
                    }
                    // Closures and builders that take a key in a variable.
                    if !key.contains('.') || key.contains('{') {
                        continue;
                    }
                    if call == ".tn(\"" {
                        used.insert(format!("{key}.one"));
                        used.insert(format!("{key}.other"));
                    } else {
                        used.insert(key.to_owned());
                    }
                }
            }
        }
        for phase in Phase::ALL {
            used.insert(format!("phase.{}", phase.code()));
            used.insert(format!("phase.{}.explained", phase.code()));
        }
        for domain in LifeDomain::ALL {
            used.insert(format!("life_domain.{}", domain.code()));
        }
        for group in ContributorGroup::ALL {
            used.insert(format!("group.{}", group.code()));
        }
        for (file, columns) in crate::open_data::export::FILES {
            used.insert(format!("export.{file}"));
            for column in *columns {
                used.insert(format!("export.{file}.{column}"));
            }
        }
        for channel in ["online", "paper", "meeting", "dream"] {
            used.insert(format!("dashboard.channel.{channel}"));
        }
        used.insert("reaction_group.together".to_owned());
        for month in 1..=12 {
            used.insert(format!("month.{month}"));
        }
        for kind in crate::web::mail::KINDS {
            used.insert(format!("mail.{kind}.subject"));
            used.insert(format!("mail.{kind}.body"));
        }
        for role in domain::Role::ALL {
            used.insert(format!("role.{}", role.code()));
        }
        for code in crate::components::form_feedback::DONE_CODES {
            used.insert(format!("done.{code}"));
        }
        for event in crate::admin::page::AUDIT_EVENTS {
            used.insert(format!("audit.{event}"));
        }
        for fact in domain::retention::FACTS {
            used.insert(format!("privacy.{}.what", fact.key));
            used.insert(format!("privacy.{}.why", fact.key));
            if let Some(kept) = fact.kept.filter(|k| !k.is_zero()) {
                let (_, unit) = domain::retention::in_words(kept);
                used.insert(format!("duration.{unit}.one"));
                used.insert(format!("duration.{unit}.other"));
            }
        }
        for error in [
            domain::lifecycle::TransitionError::Same,
            domain::lifecycle::TransitionError::NotAdjacent,
            domain::lifecycle::TransitionError::ReasonMissing,
            domain::lifecycle::TransitionError::ReasonTooLong,
        ] {
            used.insert(format!("error.{}", error.code()));
        }
        for error in [
            domain::password::PasswordError::TooShort,
            domain::password::PasswordError::TooLong,
            domain::password::PasswordError::TooCommon,
            domain::password::PasswordError::ContainsEmail,
        ] {
            used.insert(format!("error.{}", error.code()));
        }
        for code in crate::errors::ALL_FIELD_ERROR_CODES {
            used.insert(format!("error.{code}"));
        }
        for domain in domain::PolicyDomain::ALL {
            used.insert(format!("policy_domain.{}", domain.code()));
        }
        for channel in domain::Channel::ALL {
            used.insert(format!("channel.{}", channel.code()));
        }
        for reason in domain::moderation::FlagReason::ALL {
            used.insert(format!("flag.reason.{}", reason.code()));
        }
        for code in domain::moderation::FLAG_ERROR_CODES {
            used.insert(format!("flag.error.{code}"));
        }
        for code in domain::moderation::MODERATOR_ERROR_CODES {
            used.insert(format!("moderation.{code}"));
        }
        for action in domain::moderation::LOG_ACTIONS {
            used.insert(format!("moderation.log.{action}"));
        }
        for key in domain::dream::ERROR_KEYS {
            used.insert(format!("dream.error.{key}"));
        }
        for code in domain::paper::ERROR_CODES {
            used.insert(format!("paper.error.{code}"));
        }
        for key in domain::challenge_setup::ERROR_KEYS
            .iter()
            .chain(domain::round_setup::ERROR_KEYS)
        {
            used.insert(format!("setup.error.{key}"));
        }
        for code in domain::neighbourhoods::ERROR_CODES {
            used.insert(format!("neighbourhoods.error.{code}"));
        }
        for code in domain::cluster::ERROR_CODES {
            used.insert(format!("funnel.{code}"));
        }
        for action in domain::cluster::LOG_ACTIONS {
            used.insert(format!("funnel.log.{action}"));
        }
        for reason in domain::cluster::SetAsideReason::ALL {
            used.insert(format!("funnel.aside.{}", reason.code()));
        }
        for code in domain::plan::ERROR_CODES.iter().chain(&[
            "plan_wrong_phase",
            "plan_conflict",
            "plan_gone",
        ]) {
            used.insert(format!("error.{code}"));
        }
        for right in domain::plan::ChildRight::ALL {
            used.insert(format!("child_right.{}", right.code()));
        }
        for effect in domain::plan::ChildEffect::ALL {
            used.insert(format!("child_effect.{}", effect.code()));
        }
        for stance in domain::plan::Stance::ALL {
            used.insert(format!("stance.{}", stance.code()));
        }
        for group in domain::plan::ReactionGroup::ALL {
            used.insert(format!("reaction_group.{}", group.code()));
        }
        for outcome in domain::plan::Outcome::ALL {
            used.insert(format!("plan.outcome.{}", outcome.code()));
        }
        for status in domain::plan::Progress::ALL {
            used.insert(format!("progress.{}", status.code()));
        }
        for kind in ["plan_out", "final_plan"] {
            used.insert(format!("mail.{kind}.subject"));
            used.insert(format!("mail.{kind}.body"));
        }
        let missing: Vec<_> = used.iter().filter(|k| !nl.contains(k.as_str())).collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
        assert!(
            used.len() > 40,
            "the source scan found too few keys: {}",
            used.len()
        );
    }

    #[test]
    fn placeholders_and_counts_are_filled_in() {
        let nl = I18n::new(Lang::Nl);
        assert_eq!(nl.tn("round.idea_count", 1), "1 idee");
        assert_eq!(nl.tn("round.idea_count", 3), "3 ideeën");
        assert_eq!(I18n::new(Lang::En).tn("round.idea_count", 0), "0 ideas");
    }
}
