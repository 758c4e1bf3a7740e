//! Writing CSV for the exports (issue 8): RFC 4180 quoting, and no cell
//! that a spreadsheet would run as a formula. Residents write the texts, and
//! the files are opened at the town hall: a text starting with "=" must
//! stay text.

/// A cell: text someone wrote (guarded), or a number (as it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Number(n)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// One CSV line of these cells, ending in CRLF.
pub fn line(cells: &[Cell]) -> String {
    let mut out = cells
        .iter()
        .map(|c| match c {
            Cell::Text(text) => text_cell(text),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        })
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// A text cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets
/// an apostrophe first (as OWASP advises against CSV injection); then it
/// is quoted when it holds a comma, quote or line break.
fn text_cell(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> String {
        line(&[t.into()]).trim_end_matches("\r\n").to_owned()
    }

    #[test]
    fn cells_make_a_line() {
        let cells = [Cell::from(12), "Zwemles".into(), Cell::from(None::<i64>)];
        assert_eq!(line(&cells), "12,Zwemles,\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(text("Zwemles, gratis"), "\"Zwemles, gratis\"");
        assert_eq!(text("Hij zei \"nee\""), "\"Hij zei \"\"nee\"\"\"");
        assert_eq!(text("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
    }

    #[test]
    fn a_text_never_runs_as_a_formula_and_a_number_stays_a_number() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(text("+31 6 1234"), "'+31 6 1234");
        assert_eq!(text("-minder regels"), "'-minder regels");
        assert_eq!(text("@iedereen"), "'@iedereen");
        assert_eq!(line(&[Cell::from(-3)]), "-3\r\n");
    }
}
