//! Moderating a round: the queue and the actions on one idea.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
