//! How well the suggestions match labelled sets:
//! `cargo run --release -p analysis --bin analysis-eval [file.tsv …]`
//! (default: both sets in `analysis/eval/`). `ideas.tsv` is the set the
//! analysis is tuned on; `check.tsv`, on another topic, only shows whether
//! that tuning carries over.

use analysis::corpus::read_file;
use analysis::eval::{Report, evaluate};
use std::path::PathBuf;

/// Suggestions shown per file.
const EXAMPLES: usize = 8;

fn main() {
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval");
        files = vec![dir.join("ideas.tsv"), dir.join("check.tsv")];
    }
    for file in files {
        let labelled = match read_file(&file) {
            Ok(labelled) => labelled,
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        };
        let started = std::time::Instant::now();
        let report = evaluate(&labelled);
        print(&file, &report, started.elapsed());
    }
}

fn print(file: &std::path::Path, r: &Report, took: std::time::Duration) {
    println!("{}", file.display());
    println!(
        "  {} ideas, {} themes → {} suggested clusters; {:.0} % of ideas placed ({:.0} ms)",
        r.ideas,
        r.themes,
        r.clusters,
        r.coverage * 100.0,
        took.as_secs_f64() * 1000.0
    );
    println!(
        "  placed ideas: NMI {:.3}  ARI {:.3}  with {:.0} % placed",
        r.nmi_placed,
        r.ari_placed,
        r.coverage * 100.0
    );
    println!(
        "  full partition (each unplaced idea joins its most alike cluster): NMI {:.3}  ARI {:.3}",
        r.nmi_full, r.ari_full
    );
    println!(
        "  NMI {:.3}  ARI {:.3}  (unplaced ideas count as clusters of one; \
         all unplaced would score NMI {:.3}: this NMI rewards placing nothing)",
        r.nmi, r.ari, r.nmi_all_apart
    );
    println!(
        "  nearest neighbours: same-theme precision@5 {:.3}",
        r.precision_at_5
    );
    let o = &r.originals;
    println!(
        "  labelled duplicates: original is the nearest neighbour for {} of {} ({:.0} %), in the top 3 for {} ({:.0} %)",
        o.nearest,
        o.labelled,
        100.0 * o.nearest as f64 / o.labelled.max(1) as f64,
        o.top_3,
        100.0 * o.top_3 as f64 / o.labelled.max(1) as f64
    );
    let d = &r.duplicates;
    println!(
        "  duplicate pairs: precision {:.3}  recall {:.3}  F1 {:.3}  ({} pairs found, {} labelled)",
        d.precision, d.recall, d.f1, d.found, d.expected
    );
    println!(
        "  placing with the themes as clusters: {:.0} % right, {:.0} % answered",
        r.placing_right * 100.0,
        r.placing_answered * 100.0
    );
    println!("  hints for unplaced ideas (\"Past misschien bij\"), shown from a floor:");
    for h in &r.hints {
        let mark = if (h.floor - analysis::FITS_CLUSTER).abs() < 1e-6 {
            "  ← the product's floor"
        } else {
            ""
        };
        println!(
            "    from {:.2}: {:.0} % right, shown for {:.0} % of ideas{mark}",
            h.floor,
            h.precision * 100.0,
            h.shown * 100.0
        );
    }
    for s in r.suggestions.iter().take(EXAMPLES) {
        println!(
            "    {:>3} ideas  {}  [{}]",
            s.ids.len(),
            s.title,
            s.terms.join(", ")
        );
    }
}
