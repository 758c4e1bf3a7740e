//! The client a request comes from, for throttling and rate limits. Only a
//! salted hash of its address is ever stored (the raw address is not).

use crate::web::AppState;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

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
        &format!("client:{}", counted_as(&address(state, parts))),
    )
}

/// What limits count as one client: an IPv4 address, or a whole IPv6 /64,
/// the least a home or phone is given (RFC 6177); counting single IPv6
/// addresses would let one client take a fresh address for every try.
fn counted_as(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        _ => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::counted_as;

    #[test]
    fn one_ipv6_network_is_one_client() {
        assert_eq!(
            counted_as("2001:db8:1:2:aaaa::1"),
            counted_as("2001:db8:1:2:bbbb::7")
        );
        assert_ne!(counted_as("2001:db8:1:2::1"), counted_as("2001:db8:1:3::1"));
        assert_eq!(counted_as("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(counted_as("192.0.2.1"), "192.0.2.1");
        assert_eq!(counted_as("unknown"), "unknown");
    }
}
