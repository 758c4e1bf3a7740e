//! Writing CSV for the exports (issue 8): RFC 4180 quoting, and no cell
//! that a spreadsheet would run as a formula. Residents write the texts, and
//! the files are opened at the town hall: a text starting with "=" must
//! stay text.

/// One CSV line (ending in CRLF) of these cells.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// One cell: quoted when it holds a comma, quote or line break; a leading
/// `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe first, as
/// OWASP advises against CSV injection. Numbers stay numbers: "-3" is not
/// text someone typed, so callers pass numbers through [`number`].
pub fn cell(text: &str) -> String {
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

/// A number as a cell, never guarded (so "-3" stays a number).
pub fn number(n: i64) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_stay_as_they_are() {
        assert_eq!(line(&["12", "Zwemles", ""]), "12,Zwemles,\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(cell("Zwemles, gratis"), "\"Zwemles, gratis\"");
        assert_eq!(cell("Hij zei \"nee\""), "\"Hij zei \"\"nee\"\"\"");
        assert_eq!(cell("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
    }

    #[test]
    fn a_text_never_runs_as_a_formula() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+31 6 1234"), "'+31 6 1234");
        assert_eq!(cell("-minder regels"), "'-minder regels");
        assert_eq!(cell("@iedereen"), "'@iedereen");
        assert_eq!(number(-3), "-3");
    }
}
