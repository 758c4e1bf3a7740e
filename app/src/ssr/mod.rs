//! Server-only code: the state pages and handlers share, and the handlers of
//! the plain HTML forms (idea, code, language). Each form handler answers a
//! browser without JavaScript with a redirect or a whole page, and the idea
//! form's island with an HTML fragment.

pub mod cookies;
pub mod forms;
pub mod idea_submission;
pub mod language;
pub mod mine_forms;
pub mod render;
pub mod request;
pub mod security;
mod state;

pub use state::{AppState, state};

use axum::Router;
use axum::routing::post;

/// The app's form handlers. Their paths are those of the pages the forms are
/// on, so an answer that shows the page again keeps the page's address.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ronde/{slug}", post(idea_submission::submit))
        .route("/mijn", post(mine_forms::open_with_code))
        .route("/mijn/vergeten", post(mine_forms::forget))
        .route("/taal", post(language::switch))
}
