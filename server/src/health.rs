//! `GET /healthz`: 200 when the database answers, 503 otherwise, so a load
//! balancer stops sending residents to a server that cannot save their ideas.

use axum::extract::State;
use axum::http::StatusCode;
use std::time::Duration;
use store::Db;

pub async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    match db.ping(Duration::from_secs(2)).await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(error) => {
            tracing::warn!(%error, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}
