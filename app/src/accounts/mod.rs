//! Accounts of staff, experience experts and partners: signing in (with
//! a second factor), invitations and password resets, one's own account.

pub mod account;
#[cfg(feature = "ssr")]
pub mod account_forms;
pub mod invite;
#[cfg(feature = "ssr")]
pub mod invite_forms;
#[cfg(feature = "ssr")]
pub mod password_hashing;
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod sign_in_forms;
