//! `scripts/load`: a load benchmark against running `trechter` servers over
//! real TCP, and the small load balancer it puts in front of two of them.
//!
//! `trechter-load run` measures, per resident action (round page, idea,
//! "ik ook", plan reaction, dashboard), first the most each action does
//! with a fixed number of requests in flight, then a town of simulated
//! residents acting at once: each does an action, reads for a while (the
//! think time) and acts again. Latency is from the moment the resident
//! acts until the whole answer is in, so waiting for a free connection
//! counts too. Numbers are printed, never asserted.
//!
//! `trechter-load balance` is a round-robin HTTP reverse proxy with pooled
//! keep-alive connections to its upstreams, as nginx or HAProxy would be.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use bytes::Bytes;
use clap::{Parser, Subcommand};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rand::Rng;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

const ROUND: &str = "ronde-1-wat-is-nodig";
const FEEDBACK: &str = "schulden-voorkomen";
const CHALLENGE: &str = "armoedevrij-2040";

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Measures a running server (or a balancer in front of several).
    Run(RunArgs),
    /// Spreads requests round-robin over upstream servers.
    Balance {
        #[arg(long)]
        listen: SocketAddr,
        /// host:port of an app server; give it once per server.
        #[arg(long, required = true)]
        upstream: Vec<String>,
    },
}

#[derive(Parser)]
struct RunArgs {
    /// The server or balancer, e.g. http://127.0.0.1:3400
    #[arg(long)]
    target: String,
    /// What is measured, for the report's heading.
    #[arg(long, default_value = "")]
    label: String,
    /// Seconds of each closed-loop measurement.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Requests in flight in the closed-loop measurements.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Town sizes: residents acting at once.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    residents: Vec<usize>,
    /// Seconds each town is measured, after one longest think time for
    /// everyone to arrive.
    #[arg(long, default_value_t = 40)]
    town_seconds: u64,
    /// A resident's think time between actions, in seconds: uniform in
    /// [min, max]. Reading a round's ideas or a plan item, or typing an
    /// idea, takes half a minute, give or take.
    #[arg(long, default_value_t = 10.0)]
    think_min: f64,
    #[arg(long, default_value_t = 50.0)]
    think_max: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    RoundPage,
    Idea,
    Support,
    Reaction,
    Dashboard,
}

impl Action {
    const ALL: [Action; 5] = [
        Action::RoundPage,
        Action::Idea,
        Action::Support,
        Action::Reaction,
        Action::Dashboard,
    ];

    fn name(self) -> &'static str {
        match self {
            Action::RoundPage => "round page",
            Action::Idea => "idea submission",
            Action::Support => "support (ik ook)",
            Action::Reaction => "plan reaction",
            Action::Dashboard => "dashboard",
        }
    }

    /// How often a resident of the town does this, out of 100 actions:
    /// mostly reading, now and then sending.
    fn weight(self) -> u32 {
        match self {
            Action::RoundPage => 55,
            Action::Idea => 10,
            Action::Support => 15,
            Action::Reaction => 10,
            Action::Dashboard => 10,
        }
    }

    fn pick(rng: &mut impl Rng) -> Action {
        let mut n = rng.random_range(0..100);
        for action in Action::ALL {
            if n < action.weight() {
                return action;
            }
            n -= action.weight();
        }
        Action::RoundPage
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn http_client() -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(usize::MAX)
        .pool_idle_timeout(Duration::from_secs(90))
        .build(connector)
}

/// What the demo's pages need to be acted on.
struct Demo {
    target: String,
    question: String,
    ideas: Vec<i64>,
    items: Vec<i64>,
}

impl Demo {
    async fn read(client: &HttpClient, target: &str) -> Demo {
        let page = get_text(client, &format!("{target}/ronde/{ROUND}")).await;
        let question = page
            .split("name=\"question\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the round page has the idea form")
            .to_owned();
        let ideas: serde_json::Value = serde_json::from_str(
            &get_text(
                client,
                &format!("{target}/api/v1/rounds/{ROUND}/ideas?per_page=100"),
            )
            .await,
        )
        .expect("JSON");
        let plan: serde_json::Value = serde_json::from_str(
            &get_text(client, &format!("{target}/api/v1/rounds/{FEEDBACK}/plan")).await,
        )
        .expect("JSON");
        let ids = |list: &serde_json::Value| -> Vec<i64> {
            list.as_array()
                .map(|a| a.iter().filter_map(|x| x["id"].as_i64()).collect())
                .unwrap_or_default()
        };
        Demo {
            target: target.trim_end_matches('/').to_owned(),
            question,
            ideas: ids(&ideas["data"]),
            items: ids(&plan["items"]),
        }
    }

    fn request(&self, action: Action, cookie: Option<&str>, n: u64) -> hyper::Request<Full<Bytes>> {
        let mut rng = rand::rng();
        let key = format!("{:032x}", rng.random::<u128>());
        let (path, form) = match action {
            Action::RoundPage => (format!("/ronde/{ROUND}"), None),
            Action::Dashboard => (format!("/inzicht/{CHALLENGE}"), None),
            Action::Idea => (
                format!("/ronde/{ROUND}"),
                Some(format!(
                    "key={key}&question={}&text=Idee+{n}+uit+de+belastingtest%3A+meer+bankjes+en+bomen+in+de+wijk",
                    self.question
                )),
            ),
            Action::Support => (
                format!("/ronde/{ROUND}/steun"),
                Some(format!(
                    "key={key}&action=add&idea={}",
                    self.ideas[rng.random_range(0..self.ideas.len())]
                )),
            ),
            Action::Reaction => (
                format!("/ronde/{FEEDBACK}/plan"),
                Some(format!(
                    "key={key}&item={}&stance=agree&group=resident&why=Reactie+{n}%3A+goed%2C+begin+snel",
                    self.items[rng.random_range(0..self.items.len())]
                )),
            ),
        };
        let uri = format!("{}{path}", self.target);
        let builder = hyper::Request::builder()
            .uri(uri)
            .header("accept-encoding", "br")
            .header("accept-language", "nl");
        let builder = match cookie {
            Some(cookie) => builder.header("cookie", cookie),
            None => builder,
        };
        match form {
            None => builder.body(Full::default()),
            Some(form) => builder
                .method("POST")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Full::new(Bytes::from(form))),
        }
        .expect("request")
    }
}

async fn get_text(client: &HttpClient, url: &str) -> String {
    let request = hyper::Request::get(url)
        .body(Full::default())
        .expect("request");
    let response = client.request(request).await.expect("the server answers");
    assert!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One request, start to last byte. `Err` for a failed or refused one.
/// Gives back the participant cookie a first contribution sets.
async fn act(
    client: &HttpClient,
    request: hyper::Request<Full<Bytes>>,
) -> (Result<Duration, String>, Option<String>) {
    let began = Instant::now();
    let response = match client.request(request).await {
        Ok(response) => response,
        Err(error) => return (Err(error.to_string()), None),
    };
    let status = response.status();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("trechter_code="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let body = response.into_body().collect().await;
    let took = began.elapsed();
    match body {
        Ok(_) if status.is_success() || status.is_redirection() => (Ok(took), cookie),
        Ok(_) => (Err(format!("status {status}")), cookie),
        Err(error) => (Err(error.to_string()), cookie),
    }
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    failed: u64,
    first_error: Option<String>,
}

impl Tally {
    fn record(&mut self, outcome: Result<Duration, String>) {
        match outcome {
            Ok(took) => self.latencies.push(took),
            Err(error) => {
                self.failed += 1;
                self.first_error.get_or_insert(error);
            }
        }
    }

    fn line(&mut self, what: &str, seconds: f64) -> String {
        self.latencies.sort();
        let at = |p: f64| {
            let i = ((self.latencies.len() as f64 * p) as usize)
                .min(self.latencies.len().saturating_sub(1));
            self.latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
        };
        let errors = match &self.first_error {
            Some(error) => format!("  ({} failed, first: {error})", self.failed),
            None => String::new(),
        };
        format!(
            "  {what:<18} {:>8.0}/s {:>9} {:>9.1} {:>9.1} {:>9.1}{errors}",
            self.latencies.len() as f64 / seconds,
            self.latencies.len(),
            at(0.50),
            at(0.95),
            at(0.99),
        )
    }
}

fn heading() -> String {
    format!(
        "  {:<18} {:>10} {:>9} {:>9} {:>9} {:>9}",
        "", "rate", "ok", "p50 ms", "p95 ms", "p99 ms"
    )
}

/// The most an action does with `concurrency` requests always in flight.
async fn closed_loop(
    client: &HttpClient,
    demo: &Arc<Demo>,
    args: &RunArgs,
    action: Action,
) -> String {
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let workers: Vec<_> = (0..args.concurrency)
        .map(|worker| {
            let (client, demo) = (client.clone(), demo.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let mut n = worker as u64;
                while Instant::now() < deadline {
                    let (outcome, _) = act(&client, demo.request(action, None, n)).await;
                    tally.record(outcome);
                    n += 1_000_000;
                }
                tally
            })
        })
        .collect();
    let began = Instant::now();
    let mut total = Tally::default();
    for worker in workers {
        let tally = worker.await.expect("worker");
        total.latencies.extend(tally.latencies);
        total.failed += tally.failed;
        if total.first_error.is_none() {
            total.first_error = tally.first_error;
        }
    }
    total.line(action.name(), began.elapsed().as_secs_f64())
}

/// `residents` people acting at once, each with think time between actions.
async fn town(
    client: &HttpClient,
    demo: &Arc<Demo>,
    args: &RunArgs,
    residents: usize,
) -> Vec<String> {
    let tallies: Arc<Mutex<BTreeMap<Action, Tally>>> = Arc::default();
    let started = Arc::new(AtomicUsize::new(0));
    let (think_min, think_max) = (args.think_min, args.think_max.max(args.think_min));
    // Counted only once every resident has arrived and acted a first time:
    // one longest think time after the start.
    let counted_from = Instant::now() + Duration::from_secs_f64(think_max);
    let deadline = counted_from + Duration::from_secs(args.town_seconds);
    let people: Vec<_> = (0..residents)
        .map(|resident| {
            let (client, demo, tallies, started) = (
                client.clone(),
                demo.clone(),
                tallies.clone(),
                started.clone(),
            );
            tokio::spawn(async move {
                // Arrivals spread over one think time, so the town does not
                // start with everyone pressing at the same instant.
                let first = rand::rng().random_range(0.0..=think_max);
                tokio::time::sleep(Duration::from_secs_f64(first)).await;
                let mut cookie: Option<String> = None;
                let mut n = resident as u64;
                let mut mine: BTreeMap<Action, Tally> = BTreeMap::new();
                while Instant::now() < deadline {
                    let action = Action::pick(&mut rand::rng());
                    let counted = Instant::now() >= counted_from;
                    let request = demo.request(action, cookie.as_deref(), n);
                    let (outcome, set) = act(&client, request).await;
                    if cookie.is_none() {
                        cookie = set;
                    }
                    if counted {
                        started.fetch_add(1, Ordering::Relaxed);
                        mine.entry(action).or_default().record(outcome);
                    }
                    n += 1_000_000;
                    let think = rand::rng().random_range(think_min..=think_max);
                    let next = Instant::now() + Duration::from_secs_f64(think);
                    tokio::time::sleep_until(next.min(deadline).into()).await;
                }
                let mut all = tallies.lock().await;
                for (action, tally) in mine {
                    let total = all.entry(action).or_default();
                    total.latencies.extend(tally.latencies);
                    total.failed += tally.failed;
                    if total.first_error.is_none() {
                        total.first_error = tally.first_error;
                    }
                }
            })
        })
        .collect();
    for person in people {
        person.await.expect("resident");
    }
    let seconds = args.town_seconds as f64;
    let mut tallies = tallies.lock().await;
    let mut lines = vec![format!(
        "{residents} residents, think time {think_min}–{think_max} s, counted for {:.0} s: {} actions ({:.0}/s)",
        seconds,
        started.load(Ordering::Relaxed),
        started.load(Ordering::Relaxed) as f64 / seconds
    )];
    lines.push(heading());
    let mut all = Tally::default();
    for (action, tally) in tallies.iter_mut() {
        all.latencies.extend(tally.latencies.iter().copied());
        all.failed += tally.failed;
        lines.push(tally.line(action.name(), seconds));
    }
    lines.push(all.line("all actions", seconds));
    lines
}

async fn run(args: RunArgs) {
    let client = http_client();
    let demo = Arc::new(Demo::read(&client, &args.target).await);
    println!(
        "\n=== {} ({})\nclosed loop: {} requests in flight, {} s per action",
        args.label, args.target, args.concurrency, args.seconds
    );
    println!("{}", heading());
    for action in Action::ALL {
        println!("{}", closed_loop(&client, &demo, &args, action).await);
    }
    for &residents in &args.residents {
        println!();
        for line in town(&client, &demo, &args, residents).await {
            println!("{line}");
        }
    }
}

struct Balancer {
    client: Client<HttpConnector, Body>,
    upstreams: Vec<String>,
    next: AtomicUsize,
}

async fn forward(State(lb): State<Arc<Balancer>>, request: Request) -> Response {
    let upstream = &lb.upstreams[lb.next.fetch_add(1, Ordering::Relaxed) % lb.upstreams.len()];
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let Ok(uri) = format!("http://{upstream}{path}").parse::<Uri>() else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    parts.uri = uri;
    match lb.client.request(Request::from_parts(parts, body)).await {
        Ok(response) => response.map(Body::new).into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}

async fn balance(listen: SocketAddr, upstreams: Vec<String>) {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let balancer = Arc::new(Balancer {
        client: Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(1024)
            .build(connector),
        upstreams,
        next: AtomicUsize::new(0),
    });
    let router = Router::new().fallback(forward).with_state(balancer);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .expect("bind the balancer")
        .tap_io(|stream| {
            let _ = stream.set_nodelay(true);
        });
    axum::serve(listener, router).await.expect("serve");
}

#[tokio::main]
async fn main() {
    match Cli::parse().command {
        Command::Run(args) => run(args).await,
        Command::Balance { listen, upstream } => balance(listen, upstream).await,
    }
}
