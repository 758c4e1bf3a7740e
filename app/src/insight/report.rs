//! A round's report for the council, printable: the question, who took
//! part, the funnel from ideas to plan, the plan with what was done with
//! the feedback, and progress. Staff print it (or save it as PDF) from the
//! browser; the print stylesheet leaves out navigation and forms.

use crate::components::page::ErrorContent;
use crate::components::page::loaded;
use crate::components::page::paragraphs;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use crate::insight::dashboard::{RoundFigures, RoundInsight};
use crate::plan::page::{PlanItem, PlanView, Signatures};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundReport {
    pub slug: String,
    pub title: String,
    pub challenge_slug: String,
    pub challenge_title: String,
    pub phase: String,
    pub introduction: String,
    pub questions: Vec<String>,
    pub figures: RoundInsight,
    /// Once the plan went out.
    pub plan: Option<PlanView>,
    pub made_at: DateTime<Utc>,
}

#[server(endpoint = "round_report")]
pub async fn report_data(slug: String) -> Result<RoundReport, AppError> {
    let viewer = crate::web::access::require("/api/round_report", None)?;
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug)
        .await?
        .filter(|r| r.phase.is_public())
        .ok_or(AppError::NotFound)?;
    let challenge_id = store::challenge::id_by_slug(&state.db, &round.challenge_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (data, questions) = tokio::try_join!(
        state.figures.dashboard(&state.db, challenge_id),
        store::round::questions(&state.db, round.id),
    )?;
    let dashboard = crate::insight::server::dashboard(&data, &[], &[], None, None);
    let figures = dashboard
        .rounds
        .into_iter()
        .find(|r| r.slug == round.slug)
        .ok_or(AppError::NotFound)?;
    let plan = crate::plan::data::view(&state, round.clone(), None, &viewer).await?;
    Ok(RoundReport {
        slug: round.slug,
        title: round.title,
        challenge_slug: round.challenge_slug,
        challenge_title: round.challenge_title,
        phase: round.phase.code().to_owned(),
        introduction: round.introduction,
        questions: questions.into_iter().map(|q| q.text).collect(),
        figures,
        plan: Some(plan).filter(|p| p.sent),
        made_at: Utc::now(),
    })
}

#[component]
pub fn RoundReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("report.title")/>
        {loaded(report_data(slug), move |data| match data {
            Ok(report) => view! { <Report report/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Report(report: RoundReport) -> impl IntoView {
    let i18n = use_i18n();
    let heading = i18n.tf("report.heading", &[("round", &report.title)]);
    let questions = report
        .questions
        .iter()
        .map(|q| view! { <li>{q.clone()}</li> })
        .collect_view();
    let plan = match report.plan {
        Some(plan) => {
            let final_plan = plan.published_at.is_some();
            let items = plan
                .items
                .into_iter()
                .map(|item| view! { <PlanItem item final_plan/> })
                .collect_view();
            let left_out = plan
                .left_out
                .iter()
                .map(|l| {
                    view! {
                        <li><strong>{l.title.clone()}</strong> " (" {i18n.tn("plan.ideas", l.ideas)} "): "
                            {l.reason.clone().unwrap_or_default()}</li>
                    }
                })
                .collect_view();
            view! {
                <h2>{if final_plan { i18n.t("report.final_plan") } else { i18n.t("report.plan") }}</h2>
                {plan.published_at.map(|at| view! {
                    <p class="meta">{i18n.tf("plan.published_on", &[("date", &format::date(i18n, at))])}</p>
                })}
                {paragraphs(&plan.introduction)}
                <Signatures signatures=plan.signatures.clone()/>
                {items}
                {(!plan.left_out.is_empty()).then(|| view! {
                    <h2>{i18n.t("plan.left_out")}</h2>
                    <ul>{left_out}</ul>
                })}
            }
            .into_any()
        }
        None => {
            view! { <h2>{i18n.t("report.plan")}</h2><p>{i18n.t("plan.not_yet")}</p> }.into_any()
        }
    };
    view! {
        <article class="plan report">
            <p class="meta">{report.challenge_title.clone()}</p>
            <h1>{heading}</h1>
            <p class="meta">
                {i18n.t(&format!("phase.{}", report.phase))} " · "
                {i18n.tf("report.made_on", &[("date", &format::date(i18n, report.made_at))])}
            </p>
            <p class="no-print">{i18n.t("report.print_hint")}</p>
            <h2>{i18n.t("report.question")}</h2>
            {paragraphs(&report.introduction)}
            <ul>{questions}</ul>
            <h2>{i18n.t("report.participation")}</h2>
            <RoundFigures round=report.figures/>
            {plan}
            <p class="no-print">
                <a href=format!("/inzicht/{}", report.challenge_slug)>{i18n.t("report.to_dashboard")}</a>
                " · "
                <a href=format!("/ronde/{}/export", report.slug)>{i18n.t("dashboard.export_all")}</a>
            </p>
        </article>
    }
}
