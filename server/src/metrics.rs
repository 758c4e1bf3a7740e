//! Prometheus metrics: requests and their latency per route, submissions
//! that were taken (ideas, supports, reactions), and the database pool.
//! Served on a listener of its own (`--metrics-listen`), never on the
//! public address: operational numbers are for the people who run it.
//! Routes are the matched patterns (`/ronde/{slug}`), never addresses with
//! their values, so nothing personal ends up in a label.

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use store::Db;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default)]
struct Latency {
    /// Counts per bucket (not cumulative; summed when written).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counts {
    /// (method, route, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → latency.
    latency: BTreeMap<String, Latency>,
    /// kind → submissions taken.
    submissions: BTreeMap<&'static str, u64>,
}

/// The numbers one app server has counted since it started.
#[derive(Clone, Default)]
pub struct Metrics {
    counts: Arc<Mutex<Counts>>,
}

/// What a taken submission to this route is, if it is one.
fn submission(method: &Method, route: &str, status: u16) -> Option<&'static str> {
    // A taken form redirects (303); a form shown again has an error status.
    if method != Method::POST || !(200..400).contains(&status) {
        return None;
    }
    match route {
        "/ronde/{slug}" => Some("idea"),
        "/ronde/{slug}/steun" => Some("support"),
        "/ronde/{slug}/plan" => Some("reaction"),
        _ => None,
    }
}

impl Metrics {
    fn record(&self, method: &Method, route: &str, status: u16, seconds: f64) {
        let Ok(mut counts) = self.counts.lock() else {
            return;
        };
        *counts
            .requests
            .entry((method.to_string(), route.to_owned(), status))
            .or_default() += 1;
        let latency = counts.latency.entry(route.to_owned()).or_default();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            latency.buckets[i] += 1;
        }
        latency.count += 1;
        latency.sum += seconds;
        if let Some(kind) = submission(method, route, status) {
            *counts.submissions.entry(kind).or_default() += 1;
        }
    }

    /// The Prometheus text format of everything counted, and the pool now.
    pub fn render(&self, db: &Db) -> String {
        let mut out = String::new();
        let Ok(counts) = self.counts.lock() else {
            return out;
        };
        out.push_str(
            "# HELP trechter_requests_total HTTP requests answered, by route and status.\n",
        );
        out.push_str("# TYPE trechter_requests_total counter\n");
        for ((method, route, status), n) in &counts.requests {
            let _ = writeln!(
                out,
                "trechter_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP trechter_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE trechter_request_duration_seconds histogram\n");
        for (route, l) in &counts.latency {
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(l.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "trechter_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "trechter_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 trechter_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 trechter_request_duration_seconds_count{{route=\"{route}\"}} {}",
                l.count, l.sum, l.count
            );
        }
        out.push_str("# HELP trechter_submissions_total Ideas, supports and reactions taken.\n");
        out.push_str("# TYPE trechter_submissions_total counter\n");
        for kind in ["idea", "support", "reaction"] {
            let n = counts.submissions.get(kind).copied().unwrap_or(0);
            let _ = writeln!(out, "trechter_submissions_total{{kind=\"{kind}\"}} {n}");
        }
        let (open, idle) = db.pool_connections();
        out.push_str("# HELP trechter_db_connections Connections of the database pool.\n");
        out.push_str("# TYPE trechter_db_connections gauge\n");
        let _ = writeln!(
            out,
            "trechter_db_connections{{state=\"idle\"}} {idle}\ntrechter_db_connections{{state=\"in_use\"}} {}",
            open.saturating_sub(idle)
        );
        out
    }
}

/// Middleware: counts every request by its matched route.
pub async fn count(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    metrics.record(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The metrics listener's router: `GET /metrics`.
pub fn router(metrics: Metrics, db: Db) -> Router {
    Router::new().route(
        "/metrics",
        get(move || async move {
            (
                [(
                    header::CONTENT_TYPE,
                    "text/plain; version=0.0.4; charset=utf-8",
                )],
                metrics.render(&db),
            )
                .into_response()
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submissions_are_taken_posts_to_the_submission_routes() {
        assert_eq!(
            submission(&Method::POST, "/ronde/{slug}", 303),
            Some("idea")
        );
        assert_eq!(submission(&Method::POST, "/ronde/{slug}", 422), None);
        assert_eq!(submission(&Method::GET, "/ronde/{slug}", 200), None);
        assert_eq!(
            submission(&Method::POST, "/ronde/{slug}/plan", 303),
            Some("reaction")
        );
        assert_eq!(submission(&Method::POST, "/inloggen", 303), None);
    }
}
