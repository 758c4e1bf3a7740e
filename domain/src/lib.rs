//! Trechter's domain rules: what an idea is, what a receipt code looks like,
//! which phase allows what, which language a visitor gets.
//!
//! Everything here is plain Rust with no web framework, no SQL and no I/O, so
//! every rule can be tested on its own. The web and database layers call into
//! this crate; it never calls back.

pub mod bounded;
pub mod challenge_setup;
pub mod channel;
pub mod cluster;
pub mod contact;
pub mod csv;
pub mod dashboard;
pub mod disclosure;
pub mod dream;
pub mod email;
pub mod group;
pub mod idea;
pub mod idea_status;
pub mod language;
pub mod life_domain;
pub mod lifecycle;
pub mod local_path;
pub mod moderation;
pub mod neighbourhoods;
pub mod paper;
pub mod password;
pub mod phase;
pub mod plan;
pub mod plan_action;
pub mod policy;
pub mod policy_domain;
pub mod provider_sign_in;
pub mod qr;
pub mod rate;
pub mod receipt;
pub mod retention;
pub mod role;
pub mod round_setup;
pub mod security_txt;
pub mod send_out;
pub mod slug;
pub mod submission;
pub mod tally;
pub mod theme;
pub mod throttle;
pub mod token;
pub mod totp;

pub use channel::Channel;
pub use dream::{AgeGroup, Dream, DreamInput};
pub use email::EmailAddress;
pub use group::ContributorGroup;
pub use idea::{IdeaDraft, IdeaField, IdeaInput, IdeaText, RoundRules, TextError};
pub use language::Lang;
pub use life_domain::LifeDomain;
pub use phase::{Phase, UnknownCode};
pub use policy::{AccountActor, Actor, Permission};
pub use policy_domain::PolicyDomain;
pub use receipt::ReceiptCode;
pub use role::Role;
pub use submission::SubmissionKey;
pub use token::SecretToken;
