//! Insight: a challenge's public dashboard and a round's report for the
//! council, with the figures behind them.

pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod figures_cache;
pub mod report;
#[cfg(feature = "ssr")]
pub mod server;
