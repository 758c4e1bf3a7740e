//! Funnelling a round's ideas into clusters (themes): the workspace and
//! its actions.

pub mod page;
#[cfg(feature = "ssr")]
pub mod server;
