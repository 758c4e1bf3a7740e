//! The workspace: its front page by role, and the admin's pages and
//! forms (accounts, settings, the audit log, a round's co-moderators and
//! phase).

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
pub mod workspace;
