//! `scripts/bench`: measures what a resident's phone downloads for the round
//! page, and how fast the round page renders and ideas are durably stored on
//! SQLite. Drives the full router (all middleware, compression included)
//! in-process on a fresh demo database; numbers vary by machine and load,
//! so they are printed, never asserted.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use clap::Parser;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use store::Db;
use tower::ServiceExt;

const ROUND: &str = "/ronde/ronde-1-wat-is-nodig";
/// A plan out for feedback: items, results per group, grouped "why" texts.
const PLAN: &str = "/ronde/schulden-voorkomen/plan";
const DASHBOARD: &str = "/inzicht/armoedevrij-2040";
const API_IDEAS: &str = "/api/v1/rounds/ronde-2-kinderen-en-jongeren/ideas?per_page=100";

#[derive(Parser)]
struct Args {
    /// Seconds each throughput measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// `Accept-Encoding` of the render requests (`identity` measures
    /// rendering without compression).
    #[arg(long, default_value = "gzip, br")]
    encoding: String,
    /// Where the built browser files are (scripts/build writes site/pkg).
    #[arg(long, default_value = "site")]
    site_root: String,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let dir = tempfile::tempdir().expect("temporary directory");
    let db_path = dir.path().join("bench.db");
    let cli = server::Cli::parse_from([
        "trechter",
        "--site-root",
        &args.site_root,
        "--database-url",
        db_path.to_str().expect("utf-8 path"),
        // The load comes from one client: measure the server, not the limits.
        "--limit-ideas-per-participant",
        "4000000000",
        "--limit-ideas-per-client",
        "4000000000",
    ]);
    let db = Db::open(&cli.config.database_url)
        .await
        .expect("open SQLite");
    server::demo::load(&db).await.expect("load the demo");
    let round_id = store::round::by_slug(&db, ROUND.trim_start_matches("/ronde/"))
        .await
        .expect("read the round")
        .expect("the demo's collecting round")
        .id;
    let demo_ideas = store::idea::count_in_round(&db, round_id)
        .await
        .expect("count");
    let router = server::router(
        server::build_state(&cli.config, db.clone())
            .await
            .expect("state"),
    );

    println!(
        "Trechter benchmark — SQLite (WAL, synchronous=FULL), {} cores, {} requests in flight, {} s per run\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        args.concurrency,
        args.seconds
    );
    page_weight(&router).await;
    password_hash_cost();
    let encoding = args.encoding.clone();
    let renders = throughput(&router, &args, move |_| get(ROUND, &encoding)).await;
    report(
        &format!("round page renders (Accept-Encoding: {})", args.encoding),
        &renders,
    );
    let encoding = args.encoding.clone();
    let plans = throughput(&router, &args, move |_| get(PLAN, &encoding)).await;
    report(
        &format!("plan page renders ({PLAN}, 4 items with reactions)"),
        &plans,
    );
    let encoding = args.encoding.clone();
    let dashboards = throughput(&router, &args, move |_| get(DASHBOARD, &encoding)).await;
    report(
        &format!("dashboard renders ({DASHBOARD}, 5 rounds)"),
        &dashboards,
    );
    let encoding = args.encoding.clone();
    let api = throughput(&router, &args, move |_| get(API_IDEAS, &encoding)).await;
    report(&format!("open-data API answers ({API_IDEAS})"), &api);
    let question = store::round::questions(&db, round_id)
        .await
        .expect("questions")[0]
        .id;
    let submissions = throughput(&router, &args, move |i| submit(question, i)).await;
    report("durable idea submissions", &submissions);
    let stored = store::idea::count_in_round(&db, round_id)
        .await
        .expect("count")
        - demo_ideas;
    println!(
        "  check: {} submissions acknowledged, {stored} new ideas in the database",
        submissions.ok
    );
    assert!(
        submissions.ok > 0,
        "the benchmark sent ideas that were taken"
    );
    assert_eq!(
        stored as u64, submissions.ok,
        "every acknowledged submission is stored"
    );
}

fn get(path: &str, encoding: &str) -> Request<Body> {
    Request::get(path)
        .header("accept-encoding", encoding)
        .body(Body::empty())
        .expect("request")
}

fn submit(question: i64, i: u64) -> Request<Body> {
    let key = format!("{:032x}", rand::random::<u128>());
    let body = format!(
        "key={key}&question={question}&text=Benchmark-idee+nummer+{i}%3A+meer+bankjes+in+het+park"
    );
    Request::post(ROUND)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .expect("request")
}

async fn fetch(router: &Router, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, bytes.to_vec())
}

async fn page_weight(router: &Router) {
    let (_, html) = fetch(router, get(ROUND, "identity")).await;
    let html = String::from_utf8_lossy(&html);
    let css = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_owned();
    println!("Page weight of {ROUND}, in bytes as sent:");
    println!("  {:<10} {:>9} {:>9} {:>9}", "", "raw", "gzip", "brotli");
    let mut totals = [[0usize; 3]; 2];
    for (label, path, group) in [
        ("HTML", ROUND.to_owned(), 0),
        ("CSS", css, 0),
        ("JS", "/pkg/trechter.js".to_owned(), 1),
        ("WASM", "/pkg/trechter_bg.wasm".to_owned(), 1),
    ] {
        let mut sizes = [0usize; 3];
        for (i, encoding) in ["identity", "gzip", "br"].into_iter().enumerate() {
            let (status, body) = fetch(router, get(&path, encoding)).await;
            sizes[i] = if status == StatusCode::OK {
                body.len()
            } else {
                0
            };
            totals[group][i] += sizes[i];
        }
        println!(
            "  {label:<10} {:>9} {:>9} {:>9}",
            sizes[0], sizes[1], sizes[2]
        );
    }
    let [page, code] = totals;
    println!(
        "  {:<10} {:>9} {:>9} {:>9}   target ≤ 40 KB brotli",
        "HTML+CSS", page[0], page[1], page[2]
    );
    println!(
        "  {:<10} {:>9} {:>9} {:>9}   target ≤ 50 KB brotli (the form also works with none)",
        "JS+WASM", code[0], code[1], code[2]
    );
    if code[0] == 0 {
        println!("  (no JS/WASM under the site root: run scripts/build first)");
    }
    println!();
}

struct Run {
    ok: u64,
    failed: u64,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

/// Keeps `concurrency` requests in flight for the configured time.
async fn throughput(
    router: &Router,
    args: &Args,
    make: impl Fn(u64) -> Request<Body> + Send + Sync + 'static,
) -> Run {
    let make = Arc::new(make);
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let workers: Vec<_> = (0..args.concurrency)
        .map(|worker| {
            let (router, make, stop) = (router.clone(), make.clone(), stop.clone());
            tokio::spawn(async move {
                let (mut ok, mut failed, mut latencies) = (0u64, 0u64, Vec::new());
                let mut i = worker as u64;
                while !stop.load(Ordering::Relaxed) {
                    let began = Instant::now();
                    let (status, _) = fetch(&router, make(i)).await;
                    latencies.push(began.elapsed());
                    if status.is_success() || status.is_redirection() {
                        ok += 1;
                    } else {
                        failed += 1;
                    }
                    i += 1_000_000;
                }
                (ok, failed, latencies)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(args.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut run = Run {
        ok: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for worker in workers {
        let (ok, failed, latencies) = worker.await.expect("worker");
        run.ok += ok;
        run.failed += failed;
        run.latencies.extend(latencies);
    }
    run.elapsed = start.elapsed();
    run
}

fn report(what: &str, run: &Run) {
    let mut latencies = run.latencies.clone();
    latencies.sort();
    let at = |p: f64| {
        let index = ((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1));
        latencies
            .get(index)
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3
    };
    println!(
        "{what}: {:.0}/s ({} ok, {} failed in {:.1} s); latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        run.ok as f64 / run.elapsed.as_secs_f64(),
        run.ok,
        run.failed,
        run.elapsed.as_secs_f64(),
        at(0.50),
        at(0.95),
        at(0.99),
    );
}

/// The cost of one argon2id password hash at the product's parameters,
/// which every sign-in pays once.
fn password_hash_cost() {
    let mut times: Vec<f64> = (0..10)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(domain::password::hash("paard batterij nietje"));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "argon2id (m={} KiB, t={}, p={}): median {:.1} ms per hash, min {:.1} ms, max {:.1} ms (10 hashes)\n",
        domain::password::MEMORY_KIB,
        domain::password::PASSES,
        domain::password::LANES,
        times[5],
        times[0],
        times[9]
    );
}
