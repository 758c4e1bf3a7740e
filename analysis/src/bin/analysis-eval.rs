//! Prints how well the suggestions match labelled sets:
//! `cargo run --release -p analysis --bin analysis-eval [file.tsv …]`
//! (default: both sets in `analysis/eval/`).

use analysis::evaluation::{evaluate, read_tsv};

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/eval");
        files = vec![format!("{dir}/ideas.tsv"), format!("{dir}/check.tsv")];
    }
    for file in files {
        let labelled = match std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|content| read_tsv(&content))
        {
            Ok(labelled) => labelled,
            Err(error) => {
                eprintln!("{file}: {error}");
                std::process::exit(1);
            }
        };
        let started = std::time::Instant::now();
        let report = evaluate(&labelled);
        println!("{file}");
        println!(
            "  {} ideas, {} themes → {} suggested clusters, {:.0} % of ideas placed ({:.1} ms)",
            report.ideas,
            report.themes,
            report.clusters,
            report.coverage * 100.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
        println!(
            "  NMI {:.3}   ARI {:.3}   (ideas left unplaced count as clusters of one)",
            report.nmi, report.ari
        );
        println!(
            "  duplicates: precision {:.3}   recall {:.3}",
            report.duplicate_precision, report.duplicate_recall
        );
        for s in report.suggestions.iter().take(8) {
            println!("    {:>3} ideas  {}", s.ids.len(), s.title);
        }
    }
}
