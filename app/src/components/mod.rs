//! Pieces of pages that more than one page, or a form handler, renders.

pub mod enhance;
pub mod error_page;
pub mod form_feedback;
pub mod funnel_board;
pub mod idea_form;
pub mod idea_list;
pub mod idea_status;
pub mod island_scripts;
pub mod not_found;
pub mod page;
pub mod pending_change;
pub mod pictogram;
pub mod raw_text;
pub mod receipt;
pub mod session_warning;
