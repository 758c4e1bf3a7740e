//! A round's co-moderators: staff appoint experience experts.

use super::{ErrorContent, loaded};
use crate::components::form_feedback::{DoneNotice, FormErrors};
use crate::errors::AppError;
use crate::i18n::use_i18n;
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
}

#[server(endpoint = "round_admin")]
pub async fn round_admin_data(slug: String) -> Result<RoundAdminView, AppError> {
    crate::ssr::access::require("/api/round_admin", None)?;
    let state = crate::ssr::state();
    let round = store::round::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (current, experts) = tokio::try_join!(
        store::co_moderator::of_round(&state.db, round.id),
        store::account::experience_experts(&state.db)
    )?;
    let candidates = experts
        .into_iter()
        .filter(|e| !current.iter().any(|c| c.account_id == e.id))
        .map(|e| (e.id, e.display_name))
        .collect();
    Ok(RoundAdminView {
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
        <Title text=i18n.t("workspace.co_moderators")/>
        {loaded(round_admin_data(slug), move |data| match data {
            Ok(round) => view! { <CoModerators round/> }.into_any(),
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
        <h1>{i18n.t("workspace.co_moderators")} ": " {round.title}</h1>
        <DoneNotice/>
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
        <p><a href=format!("/ronde/{}/moderatie", round.slug)>{i18n.t("workspace.moderation")}</a></p>
    }
}
