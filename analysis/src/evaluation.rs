//! Measuring suggestions against a labelled set: normalised mutual
//! information and the adjusted Rand index of suggested clusters against
//! the themes, and precision and recall of duplicate detection. The
//! labelled sets are TSV files: `id theme duplicate_of text`.

use std::collections::{HashMap, HashSet};

/// One labelled idea.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    pub id: i64,
    pub theme: String,
    pub duplicate_of: Option<i64>,
    pub text: String,
}

/// Reads a labelled set; the error names the line that is wrong.
pub fn read_tsv(content: &str) -> Result<Vec<Labelled>, String> {
    let mut lines = content.lines();
    if lines.next() != Some("id\ttheme\tduplicate_of\ttext") {
        return Err("the header must be: id, theme, duplicate_of, text".into());
    }
    lines
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, theme, duplicate_of, text] = fields[..] else {
                return Err(format!("line {}: four fields expected", n + 2));
            };
            Ok(Labelled {
                id: id.parse().map_err(|_| format!("line {}: id", n + 2))?,
                theme: theme.to_owned(),
                duplicate_of: match duplicate_of {
                    "" => None,
                    d => Some(
                        d.parse()
                            .map_err(|_| format!("line {}: duplicate_of", n + 2))?,
                    ),
                },
                text: text.to_owned(),
            })
        })
        .collect()
}

/// Counts per (true class, found cluster), per true class and per found
/// cluster.
type Contingency = (
    HashMap<(usize, usize), f64>,
    HashMap<usize, f64>,
    HashMap<usize, f64>,
);

/// The contingency table of two groupings: the basis of both scores.
fn contingency(truth: &[usize], found: &[usize]) -> Contingency {
    let mut table: HashMap<(usize, usize), f64> = HashMap::new();
    let mut rows: HashMap<usize, f64> = HashMap::new();
    let mut columns: HashMap<usize, f64> = HashMap::new();
    for (t, f) in truth.iter().zip(found) {
        *table.entry((*t, *f)).or_default() += 1.0;
        *rows.entry(*t).or_default() += 1.0;
        *columns.entry(*f).or_default() += 1.0;
    }
    (table, rows, columns)
}

fn entropy(counts: &HashMap<usize, f64>, n: f64) -> f64 {
    counts.values().map(|c| c / n).map(|p| -p * p.ln()).sum()
}

/// Normalised mutual information, arithmetic mean (scikit-learn's default).
pub fn nmi(truth: &[usize], found: &[usize]) -> f64 {
    let n = truth.len() as f64;
    let (table, rows, columns) = contingency(truth, found);
    let mutual: f64 = table
        .iter()
        .map(|((t, f), c)| (c / n) * ((c * n) / (rows[t] * columns[f])).ln())
        .sum();
    let mean = (entropy(&rows, n) + entropy(&columns, n)) / 2.0;
    if mean == 0.0 {
        1.0
    } else {
        (mutual / mean).max(0.0)
    }
}

fn pairs(c: f64) -> f64 {
    c * (c - 1.0) / 2.0
}

/// Adjusted Rand index: 1 for the same grouping, about 0 for chance.
pub fn ari(truth: &[usize], found: &[usize]) -> f64 {
    let n = truth.len() as f64;
    let (table, rows, columns) = contingency(truth, found);
    let index: f64 = table.values().map(|c| pairs(*c)).sum();
    let row_pairs: f64 = rows.values().map(|c| pairs(*c)).sum();
    let column_pairs: f64 = columns.values().map(|c| pairs(*c)).sum();
    let expected = row_pairs * column_pairs / pairs(n);
    let max = (row_pairs + column_pairs) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

/// Precision and recall of found duplicate pairs against the labels: a
/// true pair is a duplicate with its original, or two duplicates of the
/// same original.
pub fn duplicate_scores(labelled: &[Labelled], found: &[(i64, i64)]) -> (f64, f64) {
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in labelled {
        if let Some(original) = l.duplicate_of {
            groups
                .entry(original)
                .or_insert_with(|| vec![original])
                .push(l.id);
        }
    }
    let mut truth: HashSet<(i64, i64)> = HashSet::new();
    for members in groups.values() {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                truth.insert((*a.min(b), *a.max(b)));
            }
        }
    }
    let found: HashSet<(i64, i64)> = found.iter().map(|(a, b)| (*a.min(b), *a.max(b))).collect();
    let right = found.intersection(&truth).count() as f64;
    let precision = if found.is_empty() {
        1.0
    } else {
        right / found.len() as f64
    };
    let recall = if truth.is_empty() {
        1.0
    } else {
        right / truth.len() as f64
    };
    (precision, recall)
}

/// The scores of the default index on a labelled set.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub ideas: usize,
    pub themes: usize,
    pub clusters: usize,
    /// Share of ideas placed in a suggested cluster.
    pub coverage: f64,
    /// Ideas left out count as clusters of one each.
    pub nmi: f64,
    pub ari: f64,
    pub duplicate_precision: f64,
    pub duplicate_recall: f64,
    pub suggestions: Vec<crate::Suggestion>,
}

pub fn evaluate(labelled: &[Labelled]) -> Report {
    let docs: Vec<crate::Doc> = labelled
        .iter()
        .map(|l| crate::Doc {
            id: l.id,
            text: &l.text,
        })
        .collect();
    let index = crate::Index::build(&docs);
    let ids: Vec<i64> = labelled.iter().map(|l| l.id).collect();
    let suggestions = index.suggest_clusters(&ids);
    let mut cluster_of: HashMap<i64, usize> = HashMap::new();
    for (n, s) in suggestions.iter().enumerate() {
        for id in &s.ids {
            cluster_of.insert(*id, n);
        }
    }
    let themes: Vec<&str> = {
        let mut t: Vec<&str> = labelled.iter().map(|l| l.theme.as_str()).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let truth: Vec<usize> = labelled
        .iter()
        .map(|l| themes.iter().position(|t| *t == l.theme).unwrap_or(0))
        .collect();
    let found: Vec<usize> = labelled
        .iter()
        .enumerate()
        .map(|(i, l)| {
            cluster_of
                .get(&l.id)
                .copied()
                .unwrap_or(suggestions.len() + i)
        })
        .collect();
    let pairs: Vec<(i64, i64)> = index
        .near_duplicates(None)
        .iter()
        .map(|p| (p.a, p.b))
        .collect();
    let (duplicate_precision, duplicate_recall) = duplicate_scores(labelled, &pairs);
    Report {
        ideas: labelled.len(),
        themes: themes.len(),
        clusters: suggestions.len(),
        coverage: cluster_of.len() as f64 / labelled.len().max(1) as f64,
        nmi: nmi(&truth, &found),
        ari: ari(&truth, &found),
        duplicate_precision,
        duplicate_recall,
        suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_groupings_score_one_whatever_their_names() {
        let truth = [0, 0, 1, 1, 2];
        let found = [5, 5, 3, 3, 9];
        assert!((nmi(&truth, &found) - 1.0).abs() < 1e-9);
        assert!((ari(&truth, &found) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn scores_match_hand_computed_values() {
        // scikit-learn: normalized_mutual_info_score([0,0,1,1],[0,0,1,2])
        // = 0.8, adjusted_rand_score(...) = 0.5714285714.
        let truth = [0, 0, 1, 1];
        let found = [0, 0, 1, 2];
        assert!(
            (nmi(&truth, &found) - 0.8).abs() < 1e-9,
            "{}",
            nmi(&truth, &found)
        );
        assert!(
            (ari(&truth, &found) - 0.5714285714).abs() < 1e-9,
            "{}",
            ari(&truth, &found)
        );
    }

    #[test]
    fn duplicate_pairs_include_siblings() {
        let labelled = read_tsv(
            "id\ttheme\tduplicate_of\ttext\n1\ta\t\tx\n2\ta\t1\tx\n3\ta\t1\tx\n4\tb\t\ty\n",
        )
        .unwrap();
        // Truth: (1,2), (1,3), (2,3).
        assert_eq!(
            duplicate_scores(&labelled, &[(2, 1), (1, 4)]),
            (0.5, 1.0 / 3.0)
        );
        assert_eq!(duplicate_scores(&labelled, &[]), (1.0, 0.0));
    }

    #[test]
    fn a_bad_file_names_its_line() {
        assert!(read_tsv("id\ttext\n").is_err());
        let error = read_tsv("id\ttheme\tduplicate_of\ttext\n1\ta\t\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }
}
