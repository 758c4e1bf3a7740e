//! A round's plan: the public page (with the reaction form while
//! feedback runs) and the workspace where staff and co-moderators write
//! it, sign it and send it out. When a plan may go out is
//! `domain::send_out`; how reactions are saved is [`crate::reaction`].

pub mod page;
#[cfg(feature = "ssr")]
pub mod server;
pub mod work;
