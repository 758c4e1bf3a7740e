//! Ideas gathered on paper or at a meeting, entered in bulk by staff.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
