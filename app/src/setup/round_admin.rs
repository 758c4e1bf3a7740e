//! A round's co-moderators: staff appoint experience experts.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use domain::Phase;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAdminView {
    pub slug: String,
    pub title: String,
    /// (account id, name)
    pub co_moderators: Vec<(i64, String)>,
    pub candidates: Vec<(i64, String)>,
    pub phase: Phase,
    pub history: Vec<PhaseChangeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChangeView {
    pub from: Phase,
    pub to: Phase,
    pub reason: String,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

#[server(endpoint = "round_admin")]
pub async fn round_admin_data(slug: String) -> Result<RoundAdminView, AppError> {
    crate::web::access::require("/api/round_admin", None)?;
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (current, experts, history) = tokio::try_join!(
        store::co_moderator::of_round(&state.db, round.id),
        store::account::experience_experts(&state.db),
        store::round::phase_history(&state.db, round.id)
    )?;
    let candidates = experts
        .into_iter()
        .filter(|e| !current.iter().any(|c| c.account_id == e.id))
        .map(|e| (e.id, e.display_name))
        .collect();
    Ok(RoundAdminView {
        phase: round.phase,
        history: history
            .into_iter()
            .map(|c| PhaseChangeView {
                from: c.from_phase,
                to: c.to_phase,
                reason: c.reason,
                by: c.changed_by,
                at: c.changed_at,
            })
            .collect(),
        slug: round.slug,
        title: round.title,
        co_moderators: current
            .into_iter()
            .map(|c| (c.account_id, c.display_name))
            .collect(),
        candidates,
    })
}

#[component]
pub fn RoundAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("round_admin.title")/>
        {loaded(round_admin_data(slug), move |data| match data {
            Ok(round) => view! { <Phases round=round.clone()/> <CoModerators round/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn CoModerators(round: RoundAdminView) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/beheer/ronde/{}", round.slug);
    let current = round
        .co_moderators
        .into_iter()
        .map(|(id, name)| {
            let label = i18n.tf("round_admin.remove", &[("name", &name)]);
            view! {
                <li>
                    {name}
                    <form method="post" action=action.clone() class="inline-form">
                        <input type="hidden" name="action" value="remove"/>
                        <input type="hidden" name="account" value=id.to_string()/>
                        <button type="submit" class="button" aria-label=label>{i18n.t("round_admin.remove_short")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let has_candidates = !round.candidates.is_empty();
    let options = round
        .candidates
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    view! {
        <h2>{i18n.t("workspace.co_moderators")}</h2>
        <FormErrors form="co_moderators"/>
        <p>{i18n.t("round_admin.intro")}</p>
        <ul>{current}</ul>
        {if has_candidates {
            view! {
                <form method="post" action=action.clone() class="narrow-form">
                    <input type="hidden" name="action" value="add"/>
                    <div class="field">
                        <label for="co-moderator-account">{i18n.t("round_admin.choose")}</label>
                        <select id="co-moderator-account" name="account">{options}</select>
                    </div>
                    <button type="submit" class="button primary">{i18n.t("round_admin.add")}</button>
                </form>
            }.into_any()
        } else {
            view! { <p>{i18n.t("round_admin.no_candidates")}</p> }.into_any()
        }}
        <p>
            <a href=format!("/ronde/{}/moderatie", round.slug)>{i18n.t("workspace.moderation")}</a>
            " · " <a href=format!("/ronde/{}/trechter", round.slug)>{i18n.t("funnel.title")}</a>
            " · " <a href=format!("/ronde/{}/plan/werk", round.slug)>{i18n.t("plan_work.title")}</a>
            " · " <a href=format!("/beheer/ronde/{}/poster", round.slug)>{i18n.t("poster.link")}</a>
        </p>
    }
}

/// The round's phase: move on, or reopen the previous phase with a reason.
#[component]
fn Phases(round: RoundAdminView) -> impl IntoView {
    let i18n = use_i18n();
    let phase_name = |p: Phase| i18n.t(&format!("phase.{}", p.code()));
    let action = format!("/beheer/ronde/{}/fase", round.slug);
    // Residents see a new phase at once, and going back needs a reason:
    // the first press says what will happen and asks.
    let next = round.phase.next().map(|next| {
        view! {
            <details class="confirm">
                <summary class="button primary">{i18n.tf("round_admin.to_next", &[("phase", phase_name(next))])}</summary>
                <p>{i18n.t(&format!("round_admin.effect.{}", next.code()))}</p>
                <form method="post" action=action.clone() class="inline-form">
                    <input type="hidden" name="to" value=next.code()/>
                    <button type="submit" class="button primary">{i18n.tf("round_admin.confirm_next", &[("phase", phase_name(next))])}</button>
                </form>
            </details>
        }
    });
    let typed = feedback_for("phase")
        .map(|f| f.value("reason"))
        .unwrap_or_default();
    let previous = round.phase.previous().map(|previous| {
        view! {
            <form method="post" action=action.clone() class="narrow-form" novalidate=true>
                <input type="hidden" name="to" value=previous.code()/>
                <div class="field">
                    <label for="phase-reason">{i18n.tf("round_admin.reopen_reason", &[("phase", phase_name(previous))])}</label>
                    <input type="text" id="phase-reason" name="reason" value=typed maxlength="500"/>
                </div>
                <button type="submit" class="button">{i18n.tf("round_admin.reopen", &[("phase", phase_name(previous))])}</button>
            </form>
        }
    });
    let history = round
        .history
        .into_iter()
        .map(|c| {
            let by = c.by.map(|by| format!(" · {by}"));
            let reason = (!c.reason.is_empty()).then(|| view! { <br/><span class="meta">{c.reason}</span> });
            view! {
                <li>
                    {format::date_time(i18n, c.at)} ": " {phase_name(c.from)} " → " {phase_name(c.to)} {by}
                    {reason}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{round.title}</h1>
        <DoneNotice/>
        <FormErrors form="phase"/>
        <p>{i18n.tf("round_admin.phase_now", &[("phase", phase_name(round.phase))])}</p>
        <p>
            <a href=format!("/beheer/ronde/{}/bewerken", round.slug)>{i18n.t("round_admin.edit")}</a> " · "
            <a href=format!("/ronde/{}", round.slug)>{i18n.t("setup.view_round")}</a>
        </p>
        {next}
        {previous}
        <h2>{i18n.t("round_admin.history")}</h2>
        <ul>{history}</ul>
    }
}
