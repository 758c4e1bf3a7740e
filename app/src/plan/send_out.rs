//! Sending the plan out from the workspace: the send-out rule
//! (`domain::send_out`) read from the page's own data to show what is
//! missing, a question first when a children's-rights check is empty,
//! and the store's transaction, which checks the rule again.

use crate::components::form_feedback::FormFeedback;
use crate::plan::data::view;
use crate::plan::notice::{notice, stop_link};
use crate::plan::page::PlanView;
use crate::web::AppState;
use crate::web::access::Viewer;
use crate::web::render;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::plan;
use store::plan::send_out::SentOut;

/// The send-out rule's input (`domain::send_out`) from what the plan page
/// loaded and the round's unanswered ideas, so the workspace shows what is
/// missing without reading it all again. The store checks the same rule on
/// its own reading when the plan goes out.
pub fn draft(plan: &PlanView, unanswered: &[(i64, String)]) -> domain::send_out::Draft {
    use domain::send_out::{Draft, IdeaPlace};
    let items: Vec<Vec<i64>> = plan
        .items
        .iter()
        .map(|i| i.sources.iter().map(|s| s.cluster_id).collect())
        .collect();
    let mut clusters: Vec<i64> = items.iter().flatten().copied().collect();
    clusters.extend(plan.left_out.iter().map(|l| l.cluster_id));
    clusters.sort_unstable();
    clusters.dedup();
    Draft {
        items,
        clusters,
        left_out: plan
            .left_out
            .iter()
            .filter(|l| l.reason.is_some())
            .map(|l| l.cluster_id)
            .collect(),
        ideas: unanswered
            .iter()
            .map(|(idea_id, _)| IdeaPlace {
                idea_id: *idea_id,
                cluster_id: None,
                set_aside: false,
            })
            .collect(),
        co_moderators: plan.waiting.iter().map(|(id, _)| *id).collect(),
        signed: Default::default(),
    }
}

/// Sends the round's plan out for feedback, if it is ready. An item with
/// an empty children's-rights check does not stop it, but unless staff
/// `confirmed`, they are asked first (a plain second form, no JavaScript).
pub async fn send_out(
    state: &AppState,
    parts: axum::http::request::Parts,
    round: store::round::Round,
    by: i64,
    form: &'static str,
    done: String,
    confirmed: bool,
) -> Response {
    let lang = crate::web::request::lang(&parts.headers);
    let viewer = Viewer::of(&parts);
    let plan = match view(state, round.clone(), None, &viewer).await {
        Ok(plan) => plan,
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    let not_ready = |missing: &domain::send_out::Missing| {
        let names: Vec<String> = plan.waiting.iter().map(|(_, n)| n.clone()).collect();
        FormFeedback::error(form, 409, &format!("error.{}", missing.code()))
            .with("names", names.join(", "))
            .with("n", missing.unanswered_ideas.len().to_string())
    };
    if !confirmed {
        // Not ready is said first: asking about the check would be in vain.
        let unanswered = match store::plan::send_out::unanswered(&state.db, round.id).await {
            Ok(unanswered) => unanswered,
            Err(error) => return render::unavailable(lang, &state.site, &error),
        };
        if let Err(missing) = domain::send_out::check(&draft(&plan, &unanswered)) {
            return render::again(state, parts, not_ready(&missing)).await;
        }
        let unchecked: Vec<String> = plan
            .items
            .iter()
            .filter(|i| {
                !plan::child_check_filled(i.rights.len(), i.child_effect.is_some(), &i.child_note)
            })
            .map(|i| i.number.to_string())
            .collect();
        if !unchecked.is_empty() {
            let feedback = FormFeedback::error(form, 409, "error.child_check_empty")
                .with("items", unchecked.join(", "));
            return render::again(state, parts, feedback).await;
        }
    }
    let link = crate::accounts::invite_forms::mail_base(state)
        .map(|b| format!("{b}/ronde/{}/plan", round.slug));
    let notice = notice("plan_out", &round.title, link.as_deref(), stop_link(state));
    // The store checks the send-out rule in its transaction: what the
    // workspace showed may have changed since.
    match store::plan::send_out::send_out(&state.db, round.id, plan.version, by, notice, Utc::now())
        .await
    {
        Ok(SentOut::Sent) => Redirect::to(&done).into_response(),
        Ok(SentOut::NotReady(missing)) => {
            let feedback = not_ready(&missing);
            render::again(state, parts, feedback).await
        }
        Ok(SentOut::Conflict | SentOut::Gone) => {
            let feedback = FormFeedback::error(form, 409, "error.plan_conflict");
            render::again(state, parts, feedback).await
        }
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}
