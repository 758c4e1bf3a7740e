//! Staff set up challenges and rounds: creating and changing them, and a
//! round's co-moderators.

pub mod challenges;
#[cfg(feature = "ssr")]
pub mod forms;
pub mod round_admin;
pub mod round_setup;
