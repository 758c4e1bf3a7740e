//! Progress of the final plans: a public timeline per challenge (and per
//! spearhead), and the page where staff and responsible partners add
//! dated updates.

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::ErrorContent;
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::plan::page::{ProgressList, ProgressView};
use domain::plan::Progress;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalItemView {
    pub id: i64,
    pub round_slug: String,
    pub round_title: String,
    pub number: i64,
    pub title: String,
    pub outcome: Option<String>,
    pub spearhead: Option<(i64, String)>,
    pub progress: Vec<ProgressView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineView {
    pub challenge_slug: String,
    pub challenge_title: String,
    pub spearheads: Vec<(i64, String)>,
    pub spearhead: Option<i64>,
    pub items: Vec<FinalItemView>,
    /// Counts per status (latest update per item), in `Progress::ALL` order.
    pub counts: Vec<(String, usize)>,
}

#[cfg(feature = "ssr")]
fn final_items(
    items: Vec<store::progress::FinalItem>,
    progress: Vec<store::plan::ProgressRow>,
) -> Vec<FinalItemView> {
    items
        .into_iter()
        .map(|item| FinalItemView {
            progress: crate::plan::data::progress_views(&progress, item.id),
            id: item.id,
            round_slug: item.round_slug,
            round_title: item.round_title,
            number: item.position,
            title: item.title,
            outcome: item.outcome,
            spearhead: item.spearhead_id.zip(item.spearhead_title),
        })
        .collect()
}

#[server(endpoint = "timeline")]
pub async fn timeline_data(slug: String, spearhead: Option<i64>) -> Result<TimelineView, AppError> {
    crate::web::access::require("/api/timeline", None)?;
    let state = crate::web::state();
    let challenge = store::challenge::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (items, progress) = tokio::try_join!(
        store::progress::final_items(&state.db, challenge.id),
        store::progress::challenge_progress(&state.db, challenge.id),
    )?;
    let mut items = final_items(items, progress);
    let mut spearheads: Vec<(i64, String)> =
        items.iter().filter_map(|i| i.spearhead.clone()).collect();
    spearheads.sort();
    spearheads.dedup();
    if let Some(chosen) = spearhead {
        items.retain(|i| i.spearhead.as_ref().map(|(id, _)| *id) == Some(chosen));
    }
    let counts = Progress::ALL
        .iter()
        .map(|p| {
            let n = items
                .iter()
                .filter(|i| {
                    i.outcome.as_deref() != Some("dropped")
                        && i.progress
                            .first()
                            .map_or(Progress::NotStarted.code(), |u| u.status.as_str())
                            == p.code()
                })
                .count();
            (p.code().to_owned(), n)
        })
        .collect();
    Ok(TimelineView {
        challenge_slug: challenge.slug,
        challenge_title: challenge.challenge.title,
        spearheads,
        spearhead,
        items,
        counts,
    })
}

#[component]
pub fn TimelinePage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let spearhead = use_query_map()
        .with_untracked(|q| domain::bounded::optional_id(q.get("speerpunt").as_deref()));
    view! {
        <Title text=i18n.t("progress.title")/>
        {loaded(timeline_data(slug, spearhead), move |data| match data {
            Ok(timeline) => view! { <Timeline timeline/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Timeline(timeline: TimelineView) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/voortgang/{}", timeline.challenge_slug);
    let filters = (!timeline.spearheads.is_empty()).then(|| {
        let all = view! {
            <li><a href=base.clone() aria-current=timeline.spearhead.is_none().then_some("page")>
                {i18n.t("progress.all_spearheads")}</a></li>
        };
        let each = timeline
            .spearheads
            .iter()
            .map(|(id, title)| {
                let current = (timeline.spearhead == Some(*id)).then_some("page");
                view! { <li><a href=format!("{base}?speerpunt={id}") aria-current=current>{title.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <nav aria-label=i18n.t("progress.by_spearhead")><ul class="filters">{all}{each}</ul></nav>
        }
    });
    let counts = timeline
        .counts
        .iter()
        .map(|(status, n)| {
            view! { <li class=format!("status status-{status}")>{i18n.t(&format!("progress.{status}"))} ": " {*n}</li> }
        })
        .collect_view();
    let items = if timeline.items.is_empty() {
        view! { <p>{i18n.t("progress.nothing_yet")}</p> }.into_any()
    } else {
        timeline
            .items
            .into_iter()
            .map(|item| item_block(i18n, item))
            .collect_view()
            .into_any()
    };
    view! {
        <p class="meta">{timeline.challenge_title.clone()}</p>
        <h1>{i18n.t("progress.title")}</h1>
        <p class="lead">{i18n.t("progress.intro")}</p>
        {filters}
        <ul class="status-counts">{counts}</ul>
        {items}
    }
}

fn item_block(i18n: I18n, item: FinalItemView) -> impl IntoView {
    let dropped = item.outcome.as_deref() == Some("dropped");
    let status = if dropped {
        view! { <p><strong>{i18n.t("plan.outcome.dropped")}</strong></p> }.into_any()
    } else if item.progress.is_empty() {
        view! { <p>{i18n.t("progress.now")} ": " {i18n.t("progress.not_started")}</p> }.into_any()
    } else {
        view! { <ProgressList progress=item.progress.clone()/> }.into_any()
    };
    view! {
        <section class="plan-item" id=format!("voortgang-{}", item.id)>
            <h2>
                <a href=format!("/ronde/{}/plan#punt-{}", item.round_slug, item.id)>
                    {i18n.tf("plan.item_number", &[("n", &item.number.to_string())])} " " {item.title.clone()}
                </a>
            </h2>
            <p class="meta">{item.round_title.clone()}
                {item.spearhead.clone().map(|(_, t)| view! { " · " {t} })}</p>
            {status}
        </section>
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub items: Vec<FinalItemView>,
}

#[server(endpoint = "report_progress")]
pub async fn report_data() -> Result<ReportView, AppError> {
    let viewer = crate::web::access::require("/api/report_progress", None)?;
    let state = crate::web::state();
    let account = viewer.account().ok_or(AppError::Forbidden)?;
    // Staff report on every item; a partner on those of their organisation.
    let organisation = match account.role {
        domain::Role::Staff | domain::Role::Admin => None,
        _ => Some(account.organisation_id.ok_or(AppError::Forbidden)?),
    };
    let (items, progress) = tokio::try_join!(
        store::progress::reportable_items(&state.db, organisation),
        store::progress::reportable_progress(&state.db, organisation),
    )?;
    Ok(ReportView {
        items: final_items(items, progress),
    })
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("progress.report_title")/>
        {loaded(report_data(), move |data| match data {
            Ok(report) => view! { <Report report/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Report(report: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let items = if report.items.is_empty() {
        view! { <p>{i18n.t("progress.nothing_to_report")}</p> }.into_any()
    } else {
        report
            .items
            .into_iter()
            .map(|item| {
                let form = report_form(i18n, item.id);
                view! {
                    {item_block(i18n, item)}
                    {form}
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h1>{i18n.t("progress.report_title")}</h1>
        <DoneNotice/>
        <FormErrors form="progress"/>
        <p>{i18n.t("progress.report_intro")}</p>
        {items}
    }
}

fn report_form(i18n: I18n, item_id: i64) -> impl IntoView {
    let typed = feedback_for("progress").filter(|f| f.value("item") == item_id.to_string());
    let value = |name: &str| typed.as_ref().map(|f| f.value(name)).unwrap_or_default();
    let status_now = value("status");
    let options = Progress::ALL
        .iter()
        .map(|p| {
            view! {
                <option value=p.code() selected=status_now == p.code()>{i18n.t(&format!("progress.{}", p.code()))}</option>
            }
        })
        .collect_view();
    view! {
        <form method="post" action="/beheer/voortgang" class="narrow-form" novalidate=true>
            <input type="hidden" name="item" value=item_id.to_string()/>
            <div class="field">
                <label for=format!("voortgang-{item_id}-status")>{i18n.t("progress.status")}</label>
                <select id=format!("voortgang-{item_id}-status") name="status">{options}</select>
            </div>
            <div class="field">
                <label for=format!("voortgang-{item_id}-note")>{i18n.t("progress.note")}</label>
                <textarea id=format!("voortgang-{item_id}-note") name="note" rows="3">{raw_text::textarea(value("note"))}</textarea>
            </div>
            <button type="submit" class="button primary">{i18n.t("progress.add")}</button>
        </form>
    }
}
