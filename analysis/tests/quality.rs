//! The analysis on the labelled evaluation set (`eval/ideas.tsv`) must
//! keep to its targets, so a change that makes the suggestions worse fails
//! here. `cargo run --release -p analysis --bin analysis-eval` prints the
//! numbers.
//!
//! NMI counts each unplaced idea as a cluster of its own, and leaving every
//! idea unplaced already scores about 0.6 on this set; so coverage and the
//! adjusted Rand index are held too, or doing nothing would pass.

use analysis::corpus::read_file;
use analysis::eval::{Report, evaluate};
use std::path::Path;
use std::sync::OnceLock;

fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/ideas.tsv");
        let labelled = read_file(&path).expect("the evaluation set reads");
        evaluate(&labelled)
    })
}

#[test]
fn the_evaluation_set_is_large_enough_to_mean_something() {
    let r = report();
    assert!(r.ideas >= 280, "{} ideas", r.ideas);
    assert!(r.themes >= 8, "{} themes", r.themes);
    assert!(
        r.duplicates.expected >= 20,
        "{} duplicate pairs",
        r.duplicates.expected
    );
}

#[test]
fn suggested_clusters_follow_the_themes() {
    let r = report();
    assert!(r.nmi >= 0.6, "NMI {:.3}", r.nmi);
    assert!(
        r.nmi > r.nmi_all_apart,
        "NMI {:.3} is no better than placing nothing",
        r.nmi
    );
    assert!(r.ari >= 0.35, "ARI {:.3}", r.ari);
    assert!(r.coverage >= 0.8, "{:.0} % placed", r.coverage * 100.0);
}

/// "Past misschien bij" is shown only when it is likely right: on both
/// labelled sets at least 85 % of the hints name the idea's own theme,
/// and showing none at all does not pass.
#[test]
fn hints_are_shown_only_when_likely_right() {
    let check = {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/check.tsv");
        evaluate(&read_file(&path).expect("the check set reads"))
    };
    for (set, r) in [("ideas", report()), ("check", &check)] {
        let h = r.hints_shown();
        assert!(
            h.precision >= 0.85,
            "{set}: {:.0} % of hints right",
            h.precision * 100.0
        );
        assert!(
            h.shown >= 0.25,
            "{set}: hints for only {:.0} %",
            h.shown * 100.0
        );
    }
}

#[test]
fn suggested_duplicates_are_right() {
    let d = report().duplicates;
    assert!(d.precision >= 0.9, "duplicate precision {:.3}", d.precision);
    // Below the target of 0.7 (see the test after this one); this floor
    // catches a regression until then.
    assert!(d.recall >= 0.15, "duplicate recall {:.3}", d.recall);
}

/// The product target for recall. Most labelled duplicates are paraphrases
/// that share one or two words ("wifi gratis voor minima" / "gratis of
/// goedkoop internet voor huishoudens met een laag inkomen"); words alone
/// cannot tell them from ideas on the same topic at this precision. Run
/// with `cargo test -p analysis -- --ignored` to see how far off it is.
#[test]
#[ignore = "not met by word-based similarity: recall is about 0.17 at precision 0.9"]
fn duplicate_recall_meets_the_target() {
    let d = report().duplicates;
    assert!(
        d.precision >= 0.9 && d.recall >= 0.7,
        "precision {:.3}, recall {:.3}",
        d.precision,
        d.recall
    );
}

#[test]
fn every_suggestion_has_a_readable_title() {
    for s in &report().suggestions {
        assert!(s.ids.len() >= 2, "{s:?}");
        assert!(!s.terms.is_empty(), "{s:?}");
        let first = s.title.chars().next();
        assert!(first.is_some_and(char::is_uppercase), "{s:?}");
        // Words as residents wrote them, not stems: every term is a word
        // of some idea.
        assert!(s.terms.iter().all(|t| t.chars().count() >= 3), "{s:?}");
    }
}

/// The honest numbers (issue 23's metric) as floors against regression,
/// below the targets the semantic backend is to reach.
#[test]
fn placed_ideas_and_neighbours_follow_the_themes() {
    let r = report();
    assert!(r.nmi_placed >= 0.6, "placed NMI {:.3}", r.nmi_placed);
    assert!(r.ari_placed >= 0.45, "placed ARI {:.3}", r.ari_placed);
    assert!(r.nmi_full >= 0.55, "full-partition NMI {:.3}", r.nmi_full);
    assert!(r.precision_at_5 >= 0.58, "P@5 {:.3}", r.precision_at_5);
    let o = r.originals;
    assert!(o.labelled >= 30, "{} labelled duplicates", o.labelled);
    assert!(
        o.top_3 * 10 >= o.labelled * 7,
        "original in the top 3 for {} of {}",
        o.top_3,
        o.labelled
    );
}
