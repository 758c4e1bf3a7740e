//! Progress of final plans over the years: the public timeline and the
//! form staff and partners report on.

#[cfg(feature = "ssr")]
pub mod forms;
pub mod page;
