//! The municipality's list of neighbourhoods (wijken), as staff type it:
//! one per line. Residents pick theirs when they send an idea, so a
//! neighbourhood that ideas point to cannot leave the list.

use crate::idea::{field_text, typed_lines};

pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 60;
/// More than this is no longer a list a resident can choose from.
pub const MAX_NEIGHBOURHOODS: usize = 60;

/// What is wrong with the list: a stable code (translation key
/// `neighbourhoods.error.{code}`) and the name it is about, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListError {
    pub code: &'static str,
    pub name: Option<String>,
}

pub const ERROR_CODES: &[&str] = &[
    "too_many",
    "too_short",
    "too_long",
    "unreadable",
    "repeated",
    "in_use",
];

/// The list in order, or its first mistake. `in_use` holds the names that
/// ideas point to.
pub fn parse_list(raw: &str, in_use: &[String]) -> Result<Vec<String>, ListError> {
    let error = |code, name: &str| ListError {
        code,
        name: Some(name.trim().to_owned()),
    };
    let mut names: Vec<String> = Vec::new();
    for line in typed_lines(raw).filter(|l| !l.trim().is_empty()) {
        let name = field_text(line, NAME_MIN, NAME_MAX, true)
            .map_err(|code| error(code, line))?
            .unwrap_or_default();
        if names
            .iter()
            .any(|n| n.to_lowercase() == name.to_lowercase())
        {
            return Err(error("repeated", &name));
        }
        names.push(name);
    }
    if names.len() > MAX_NEIGHBOURHOODS {
        return Err(ListError {
            code: "too_many",
            name: None,
        });
    }
    if let Some(gone) = in_use.iter().find(|used| !names.contains(used)) {
        return Err(error("in_use", gone));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn one_name_per_line_in_order() {
        let list = parse_list(" Weverswijk \r\n\r\nDe Kopermolen\n", &[]).unwrap();
        assert_eq!(list, ["Weverswijk", "De Kopermolen"]);
        assert_eq!(parse_list("", &[]), Ok(vec![]));
        // A lone carriage return ends a line too: no name holds a line break.
        let list = parse_list("Weverswijk\rDe Kopermolen", &[]).unwrap();
        assert_eq!(list, ["Weverswijk", "De Kopermolen"]);
    }

    #[test]
    fn mistakes_name_the_neighbourhood() {
        assert_eq!(
            parse_list("Weverswijk\nweverswijk", &[]),
            Err(ListError {
                code: "repeated",
                name: Some("weverswijk".into())
            })
        );
        assert_eq!(parse_list("X", &[]).unwrap_err().code, "too_short");
        assert_eq!(
            parse_list(&"x".repeat(NAME_MAX + 1), &[]).unwrap_err().code,
            "too_long"
        );
        let many = (0..=MAX_NEIGHBOURHOODS)
            .map(|n| format!("Wijk {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_list(&many, &[]).unwrap_err().code, "too_many");
    }

    #[test]
    fn a_neighbourhood_with_ideas_stays() {
        assert_eq!(
            parse_list("De Kopermolen", &used(&["Weverswijk"])),
            Err(ListError {
                code: "in_use",
                name: Some("Weverswijk".into())
            })
        );
        // Moving it elsewhere in the list is fine.
        assert!(parse_list("De Kopermolen\nWeverswijk", &used(&["Weverswijk"])).is_ok());
    }
}
