//! Ideas like a resident's new one, found on this server by the offline
//! analysis, so the resident can support an existing idea instead of
//! repeating it: on the receipt, and with JavaScript while typing.

use crate::components::receipt::{SimilarIdea, TypingSimilar};
use crate::web::AppState;
use crate::web::cookies;
use crate::web::forms::Posted;
use crate::web::limits::Action;
use crate::web::render::{self, fragment};
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect};
use domain::ReceiptCode;
use domain::lifecycle::{self, RoundAction};
use leptos::prelude::*;
use serde::Deserialize;
use store::StoreError;

/// How many similar ideas a receipt shows.
pub const SHOWN: usize = 3;
/// Fewer letters say too little to look for anything.
pub const MIN_TYPED: usize = 12;
/// Longer than any idea may be: not typing, so not looked up.
pub const MAX_TYPED: usize = 4_000;

/// Ideas of the round like `text`, not the participant's own, with whether
/// the participant supports them already. The participant's `own` idea,
/// once its meaning is known, is compared by meaning too; typed text by
/// its words.
pub async fn like(
    state: &AppState,
    round_id: i64,
    text: String,
    own: Option<i64>,
    code_hash: &str,
) -> Result<Vec<SimilarIdea>, StoreError> {
    let counted = store::idea::counted_texts(&state.db, round_id, code_hash).await?;
    let ideas = std::sync::Arc::new(
        counted
            .iter()
            .map(|(id, text, _)| (*id, text.clone()))
            .collect::<Vec<_>>(),
    );
    let (index, _) = crate::web::index_cache::round_index(state, round_id, ideas).await?;
    let mine = counted.iter().filter(|(_, _, own)| *own).count();
    let wanted = SHOWN + mine;
    let matches = match own.filter(|id| index.knows_meaning_of(*id)) {
        Some(id) => index.similar(id, wanted),
        None => index.similar_to_text(&text, wanted),
    };
    let found: Vec<(i64, String)> = matches
        .into_iter()
        .filter_map(|m| {
            counted
                .iter()
                .find(|(id, _, own)| *id == m.id && !own)
                .map(|(id, text, _)| (*id, text.clone()))
        })
        .take(SHOWN)
        .collect();
    let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
    let supported = store::idea::supported_among(&state.db, code_hash, &ids).await?;
    Ok(found
        .into_iter()
        .map(|(id, text)| SimilarIdea {
            id,
            text,
            supported: supported.contains(&id),
        })
        .collect())
}

#[derive(Debug, Default, Deserialize)]
pub struct TypedFields {
    #[serde(default)]
    text: String,
}

/// "Looks like these ideas" for what a resident is typing: an HTML
/// fragment for the idea form's island. Nothing typed is stored.
pub async fn while_typing(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<TypedFields>,
) -> Answer {
    // Only the island asks; a browser that lands here goes to the form.
    if !parts
        .headers
        .contains_key(crate::components::enhance::FRAGMENT_HEADER)
    {
        return Err(Redirect::to(&format!("/ronde/{slug}#idee")).into_response());
    }
    let round = render::round_or_answer(&state, &parts, lang, &slug, true).await?;
    let text = fields.text.trim().to_owned();
    let typed = text.chars().count();
    // An empty fragment: the island then empties the list.
    let nothing = || {
        let mut empty = render::html(StatusCode::OK, String::new());
        empty.headers_mut().insert(
            crate::components::enhance::FRAGMENT_HEADER,
            HeaderValue::from_static("1"),
        );
        empty
    };
    if !lifecycle::allows(round.phase, RoundAction::Contribute)
        || !(MIN_TYPED..=MAX_TYPED).contains(&typed)
    {
        return Err(nothing());
    }
    let client_key = crate::web::client::key_hash(&state, &parts);
    if state
        .limits
        .check(Action::Lookup, None, &client_key)
        .is_err()
    {
        return Err(nothing());
    }
    // No code yet: nothing of theirs to leave out, nothing supported.
    let code_hash = cookies::participant_code(&parts.headers)
        .as_ref()
        .map(ReceiptCode::lookup_hash)
        .unwrap_or_default();
    Ok(
        match like(&state, round.id, text, None, &code_hash)
            .await
            .or_unavailable(lang, &state.site)?
        {
            ideas if !ideas.is_empty() => fragment(lang, &state.site, StatusCode::OK, move || {
                view! { <TypingSimilar ideas round_slug=slug/> }
            }),
            _ => nothing(),
        },
    )
}
