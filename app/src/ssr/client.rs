//! The client a request comes from, for throttling and rate limits. Only a
//! salted hash of its address is ever stored (the raw address is not).

use super::AppState;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// The client's address: from the configured proxy header (the last entry,
/// which the load balancer itself added), else from the connection.
pub fn address(state: &AppState, parts: &Parts) -> String {
    if let Some(header) = &state.client_ip_header
        && let Some(value) = parts.headers.get(header).and_then(|v| v.to_str().ok())
        && let Some(last) = value
            .rsplit(',')
            .next()
            .map(str::trim)
            .filter(|v| !v.is_empty())
    {
        return last.to_owned();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The client's key for stored counters: a salted hash of its address.
pub fn key_hash(state: &AppState, parts: &Parts) -> String {
    domain::token::keyed_hash(
        &state.client_salt,
        &format!("client:{}", address(state, parts)),
    )
}
