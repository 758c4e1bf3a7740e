//! Moderating a round: every idea, with a way to hide it from the public
//! pages (with a reason) and to show it again. Staff and the round's
//! co-moderators.

use super::{ErrorContent, loaded};
use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

pub const MODERATION_PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedIdeaView {
    pub id: i64,
    pub text: String,
    pub group: String,
    pub created_at: DateTime<Utc>,
    pub hidden: Option<(String, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationView {
    pub slug: String,
    pub title: String,
    pub ideas: Vec<ModeratedIdeaView>,
    pub page: i64,
    pub has_next: bool,
}

#[server(endpoint = "moderation")]
pub async fn moderation_data(slug: String, page: i64) -> Result<ModerationView, AppError> {
    let state = crate::ssr::state();
    let round = store::round::by_slug(&state.db, &slug).await?;
    crate::ssr::access::require("/api/moderation", round.as_ref().map(|r| r.id))?;
    let round = round.ok_or(AppError::NotFound)?;
    let page = page.max(1);
    let mut ideas = store::idea::for_moderation(
        &state.db,
        round.id,
        MODERATION_PAGE_SIZE + 1,
        (page - 1) * MODERATION_PAGE_SIZE,
    )
    .await?;
    let has_next = ideas.len() as i64 > MODERATION_PAGE_SIZE;
    ideas.truncate(MODERATION_PAGE_SIZE as usize);
    Ok(ModerationView {
        slug: round.slug,
        title: round.title,
        ideas: ideas
            .into_iter()
            .map(|i| ModeratedIdeaView {
                id: i.id,
                text: i.text,
                group: i.contributor_group,
                created_at: i.created_at,
                hidden: i.hidden_reason.map(|reason| (reason, i.hidden_by_name)),
            })
            .collect(),
        page,
        has_next,
    })
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let page = use_query_map()
        .with_untracked(|q| q.get("pagina"))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    view! {
        <Title text=i18n.t("workspace.moderation")/>
        {loaded(moderation_data(slug, page), move |data| match data {
            Ok(moderation) => view! { <Moderation moderation/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Moderation(moderation: ModerationView) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/ronde/{}/moderatie", moderation.slug);
    let feedback = feedback_for("moderation");
    let ideas = moderation
        .ideas
        .into_iter()
        .map(|idea| {
            let id = idea.id.to_string();
            let reason_id = format!("moderation-reason-{}", idea.id);
            let this_one = feedback.as_ref().filter(|f| f.value("idea") == id);
            let typed = this_one.map(|f| f.value("reason")).unwrap_or_default();
            let form = match idea.hidden {
                Some((reason, by)) => view! {
                    <p class="status">{i18n.tf("moderation.hidden_because", &[("reason", &reason)])}
                        {by.map(|by| format!(" ({by})"))}</p>
                    <form method="post" action=action.clone() class="inline-form">
                        <input type="hidden" name="idea" value=id.clone()/>
                        <input type="hidden" name="action" value="restore"/>
                        <button type="submit" class="button">{i18n.t("moderation.restore")}</button>
                    </form>
                }.into_any(),
                None => view! {
                    <form method="post" action=action.clone() class="inline-form" novalidate=true>
                        {this_one.is_some().then(|| view! { <FormErrors form="moderation"/> })}
                        <input type="hidden" name="idea" value=id.clone()/>
                        <input type="hidden" name="action" value="hide"/>
                        <label for=reason_id.clone()>{i18n.t("moderation.reason")}</label>
                        <input type="text" id=reason_id.clone() name="reason" value=typed maxlength="300"/>
                        <button type="submit" class="button">{i18n.t("moderation.hide")}</button>
                    </form>
                }.into_any(),
            };
            view! {
                <li class="idea" id=format!("idee-{}", idea.id)>
                    <p class="idea-text">{idea.text}</p>
                    <p class="meta">{i18n.t(&format!("group.{}", idea.group))} " · " {format::date(i18n, idea.created_at)}</p>
                    {form}
                </li>
            }
        })
        .collect_view();
    let next = moderation.has_next.then(|| {
        view! { <p><a href=format!("{}?pagina={}", action, moderation.page + 1)>{i18n.t("moderation.more")}</a></p> }
    });
    view! {
        <h1>{i18n.t("workspace.moderation")} ": " {moderation.title}</h1>
        <DoneNotice/>
        <p>{i18n.t("moderation.intro")}</p>
        <ul class="ideas">{ideas}</ul>
        {next}
    }
}
