//! Reporting progress on an item of a final plan: staff on any item, a
//! partner on the items of their organisation.

use crate::components::form_feedback::FormFeedback;
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms::{Pairs, Posted};
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::Actor;
use domain::plan::{self, Progress};
use domain::policy::{self, Permission};
use store::plan::Changed;

/// A progress update on an item of a final plan, by staff or by a partner
/// responsible for the item.
pub async fn report_progress(
    State(state): State<AppState>,
    SignedInAccount(account): SignedInAccount,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = Pairs(fields);
    let me = account.account_id;
    let actor = Actor::Account(account);
    let Some(item_id) = domain::bounded::id(fields.get("item")) else {
        return Err(crate::web::forms::FormError::Unreadable.response(lang, &state.site));
    };
    let partners = store::progress::partners_of(&state.db, item_id)
        .await
        .or_unavailable(lang, &state.site)?;
    let allowed = partners.iter().any(|&organisation_id| {
        policy::allows(&actor, Permission::ReportProgress { organisation_id })
    }) || policy::allows(&actor, Permission::ManageRounds);
    if !allowed {
        return Err(render::forbidden(lang, &state.site));
    }
    let typed = |f: FormFeedback| {
        f.typed("item", fields.get("item"))
            .typed("status", fields.get("status"))
            .typed("note", fields.get("note"))
            .with("max", plan::MAX_SHORT_CHARS.to_string())
    };
    let Some(status) = Progress::from_code(fields.get("status")) else {
        let feedback =
            typed(FormFeedback::error("progress", 422, "error.status_missing").on("status"));
        return Err(render::again(&state, parts, feedback).await);
    };
    let note = match plan::reason(fields.get("note")) {
        Ok(note) => note,
        Err(code) => {
            let feedback =
                typed(FormFeedback::error("progress", 422, &format!("error.{code}")).on("note"));
            return Err(render::again(&state, parts, feedback).await);
        }
    };
    Ok(
        match store::progress::add_progress(&state.db, item_id, status, note, me, Utc::now())
            .await
            .or_unavailable(lang, &state.site)?
        {
            Changed::Done(_) => Redirect::to(&format!(
                "/beheer/voortgang?gedaan=progress_saved#voortgang-{item_id}"
            ))
            .into_response(),
            _ => {
                let feedback = FormFeedback::error("progress", 409, "error.plan_gone");
                render::again(&state, parts, feedback).await
            }
        },
    )
}
