//! The workspace's front page: what this account can do, by role.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::DoneNotice;
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceRound {
    pub slug: String,
    pub title: String,
    pub challenge_title: String,
    pub phase: domain::Phase,
    pub may_moderate: bool,
    /// Ideas waiting for approval or flagged.
    pub to_do: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceView {
    pub display_name: String,
    pub role: Role,
    pub rounds: Vec<WorkspaceRound>,
}

#[server(endpoint = "workspace")]
pub async fn workspace_data() -> Result<WorkspaceView, AppError> {
    use domain::policy::{Permission, allows};
    let viewer = crate::web::access::require("/api/workspace", None)?;
    let session = viewer.session.clone().ok_or(AppError::Forbidden)?;
    let state = crate::web::state();
    let (rounds, to_do) = tokio::try_join!(
        store::round::all(&state.db),
        store::moderation::to_do_counts(&state.db),
    )?;
    let to_do: std::collections::HashMap<i64, i64> = to_do.into_iter().collect();
    let rounds = rounds
        .into_iter()
        .map(|r| WorkspaceRound {
            may_moderate: allows(&viewer.actor, Permission::Moderate { round_id: r.id }),
            to_do: to_do.get(&r.id).copied().unwrap_or(0),
            slug: r.slug,
            title: r.title,
            challenge_title: r.challenge_title,
            phase: r.phase,
        })
        .filter(|r| r.may_moderate)
        .collect();
    Ok(WorkspaceView {
        display_name: session.display_name,
        role: session.role,
        rounds,
    })
}

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("workspace.title")/>
        <h1>{i18n.t("workspace.title")}</h1>
        <DoneNotice/>
        {loaded(workspace_data(), move |data| match data {
            Ok(workspace) => view! { <Workspace workspace/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Workspace(workspace: WorkspaceView) -> impl IntoView {
    let i18n = use_i18n();
    let role = workspace.role;
    let links: Vec<(&str, &str)> = match role {
        Role::Admin => vec![
            ("/beheer/accounts", "workspace.accounts"),
            ("/beheer/uitnodigen", "workspace.invite"),
            ("/beheer/instellingen", "workspace.settings"),
            ("/beheer/logboek", "workspace.audit_log"),
        ],
        Role::Staff => vec![
            ("/beheer/opgaven", "workspace.setup"),
            ("/beheer/uitnodigen", "workspace.invite"),
            ("/beheer/voortgang", "progress.report_title"),
        ],
        Role::Partner => vec![("/beheer/voortgang", "progress.report_title")],
        Role::ExperienceExpert => vec![],
    };
    let links = links
        .into_iter()
        .map(|(href, key)| view! { <li><a href=href>{i18n.t(key)}</a></li> })
        .collect_view();
    let has_rounds = !workspace.rounds.is_empty();
    let rounds = workspace
        .rounds
        .into_iter()
        .map(|r| {
            let manage = (role == Role::Staff).then(|| view! {
                " · " <a href=format!("/beheer/ronde/{}", r.slug)>{i18n.t("round_admin.title")}</a>
            });
            view! {
                <li class="round-card">
                    <p class="meta">{r.challenge_title} " · " {i18n.t(&format!("phase.{}", r.phase.code()))}</p>
                    <h3>{r.title}</h3>
                    <p>
                        <a href=format!("/ronde/{}/moderatie", r.slug)>{i18n.t("workspace.moderation")}</a>
                        {(r.to_do > 0).then(|| view! { " " <strong class="count">{format!("({})", i18n.tn("moderation.to_do_count", r.to_do))}</strong> })}
                        " · " <a href=format!("/ronde/{}/trechter", r.slug)>{i18n.t("funnel.title")}</a>
                        " · " <a href=format!("/ronde/{}/plan/werk", r.slug)>{i18n.t("plan_work.title")}</a>
                        {manage}
                    </p>
                </li>
            }
        })
        .collect_view();
    let empty = match role {
        Role::ExperienceExpert if !has_rounds => Some(i18n.t("workspace.no_rounds_yet")),
        Role::Partner => Some(i18n.t("workspace.partner")),
        _ => None,
    };
    view! {
        <p>{i18n.tf("workspace.hello", &[("name", &workspace.display_name), ("role", i18n.t(&format!("role.{}", role.code())))])}</p>
        <ul class="link-list">{links}</ul>
        {matches!(role, Role::Staff | Role::ExperienceExpert).then(|| view! { <h2>{i18n.t("workspace.rounds")}</h2> })}
        <ul class="rounds">{rounds}</ul>
        {empty.map(|text| view! { <p>{text}</p> })}
        <p><a href="/account">{i18n.t("account.title")}</a></p>
    }
}
