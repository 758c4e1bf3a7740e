//! "Mijn inbreng": what a participant sent in, opened with their receipt
//! code; changing or withdrawing an idea, an address for news, and
//! stopping mail from the mail itself.

pub mod edit;
#[cfg(feature = "ssr")]
pub mod forms;
pub mod mail_stop;
pub mod page;
