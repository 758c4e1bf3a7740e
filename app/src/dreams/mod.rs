//! Children's dreams: a round's page for children, its poster with a QR
//! code, and receiving a dream.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
pub mod poster;
