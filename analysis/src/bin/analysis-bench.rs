//! Time and peak memory of the suggestions for 1k, 10k and 50k ideas:
//! `cargo run --release -p analysis --bin analysis-bench`. The ideas are
//! made by recombining the halves of the evaluation set's sentences with a
//! fixed seed, so every run measures the same texts. Each size runs in a
//! child process, so its peak memory is its own.

use analysis::{Doc, Index};
use std::time::Instant;

const SIZES: [usize; 3] = [1_000, 10_000, 50_000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(size) = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
    {
        measure(size.parse().expect("a number of ideas"));
        return;
    }
    println!("ideas   build   suggest  duplicates  similar mean/p95   peak memory");
    for size in SIZES {
        let status = std::process::Command::new(&args[0])
            .args(["--size", &size.to_string()])
            .status()
            .expect("run a measurement");
        assert!(status.success(), "measuring {size} ideas failed");
    }
}

/// Halves of real-looking sentences, recombined: "first half of one idea"
/// + "second half of another".
fn ideas(n: usize) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/eval");
    let mut texts: Vec<String> = Vec::new();
    for file in ["ideas.tsv", "check.tsv"] {
        let content = std::fs::read_to_string(format!("{dir}/{file}")).expect("evaluation set");
        let labelled = analysis::evaluation::read_tsv(&content).expect("valid set");
        texts.extend(labelled.into_iter().map(|l| l.text));
    }
    let halves: Vec<(String, String)> = texts
        .iter()
        .map(|t| {
            let words: Vec<&str> = t.split_whitespace().collect();
            let middle = words.len() / 2;
            (words[..middle].join(" "), words[middle..].join(" "))
        })
        .collect();
    let mut seed: u64 = 0x5eed_7265_6368_7465;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    (0..n)
        .map(|_| {
            let a = &halves[next() % halves.len()].0;
            let b = &halves[next() % halves.len()].1;
            format!("{a} {b}")
        })
        .collect()
}

fn peak_memory_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn measure(size: usize) {
    let texts = ideas(size);
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Doc { id: i as i64, text })
        .collect();
    let started = Instant::now();
    let index = Index::build(&docs);
    let build = started.elapsed();
    let ids: Vec<i64> = (0..size as i64).collect();
    let started = Instant::now();
    let suggestions = index.suggest_clusters(&ids);
    let suggest = started.elapsed();
    let started = Instant::now();
    let duplicates = index.near_duplicates(None);
    let near = started.elapsed();
    let mut lookups: Vec<f64> = (0..200)
        .map(|i| {
            let started = Instant::now();
            let found = index.similar((i * 37 % size) as i64, 10);
            std::hint::black_box(found);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    lookups.sort_by(f64::total_cmp);
    let mean = lookups.iter().sum::<f64>() / lookups.len() as f64;
    let p95 = lookups[lookups.len() * 95 / 100];
    println!(
        "{size:>6}  {:>6.0} ms  {:>6.0} ms  {:>6.0} ms   {mean:>6.2} / {p95:.2} ms   {:>6.0} MiB   ({} suggestions, {} pairs)",
        build.as_secs_f64() * 1000.0,
        suggest.as_secs_f64() * 1000.0,
        near.as_secs_f64() * 1000.0,
        peak_memory_mib(),
        suggestions.len(),
        duplicates.len(),
    );
}
