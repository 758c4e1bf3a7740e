//! Labelled sets of ideas for evaluation, as TSV files with the header
//! `id theme duplicate_of text`: `duplicate_of` is empty or the id of the
//! idea this one repeats.

/// One labelled idea.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    pub id: i64,
    pub theme: String,
    pub duplicate_of: Option<i64>,
    pub text: String,
}

const HEADER: &str = "id\ttheme\tduplicate_of\ttext";

/// Reads a labelled set; the error names the line that is wrong.
pub fn read_tsv(content: &str) -> Result<Vec<Labelled>, String> {
    let mut lines = content.lines();
    if lines.next().map(|h| h.trim_end_matches('\r')) != Some(HEADER) {
        return Err("the header must be: id, theme, duplicate_of, text".into());
    }
    lines
        .enumerate()
        .map(|(n, line)| (n + 2, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(line_number, line)| {
            let wrong = |what: &str| format!("line {line_number}: {what}");
            let fields: Vec<&str> = line.splitn(4, '\t').collect();
            let [id, theme, duplicate_of, text] = fields[..] else {
                return Err(wrong("four fields expected"));
            };
            Ok(Labelled {
                id: id.trim().parse().map_err(|_| wrong("id"))?,
                theme: theme.trim().to_owned(),
                duplicate_of: match duplicate_of.trim() {
                    "" => None,
                    d => Some(d.parse().map_err(|_| wrong("duplicate_of"))?),
                },
                text: text.to_owned(),
            })
        })
        .collect()
}

/// Reads a labelled set from a file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Labelled>, String> {
    let content = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    read_tsv(&content).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_read_with_its_duplicates() {
        let set = read_tsv("id\ttheme\tduplicate_of\ttext\n1\ta\t\tx y\n2\ta\t1\tx\r\n\n").unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(set[0].text, "x y");
        assert_eq!(set[1].duplicate_of, Some(1));
        assert_eq!(set[1].text, "x");
    }

    #[test]
    fn a_bad_file_names_its_line() {
        assert!(read_tsv("id\ttext\n").is_err());
        let error = read_tsv("id\ttheme\tduplicate_of\ttext\n1\ta\t\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        let error = read_tsv("id\ttheme\tduplicate_of\ttext\n1\ta\t\tx\nz\ta\t\tx\n").unwrap_err();
        assert!(error.contains("line 3"), "{error}");
    }
}
