//! The home page: the municipality's challenges and their public rounds.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;

use crate::components::page::paragraphs;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use crate::shell::use_site;
use chrono::{DateTime, Utc};
use domain::Phase;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeView {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub horizon_year: Option<i64>,
    pub spearheads: Vec<String>,
    pub rounds: Vec<RoundSummaryView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummaryView {
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub closes_at: Option<DateTime<Utc>>,
    pub idea_count: i64,
}

#[server(endpoint = "home")]
pub async fn home_data() -> Result<Vec<ChallengeView>, AppError> {
    crate::web::access::require("/api/home", None)?;
    let state = crate::web::state();
    let overview = store::challenge::overview(&state.db).await?;
    Ok(overview
        .into_iter()
        .map(|c| ChallengeView {
            slug: c.slug,
            title: c.title,
            description: c.description,
            horizon_year: c.horizon_year,
            spearheads: c.spearheads,
            rounds: c
                .rounds
                .into_iter()
                .map(|r| RoundSummaryView {
                    slug: r.slug,
                    title: r.title,
                    phase: r.phase,
                    closes_at: r.closes_at,
                    idea_count: r.idea_count,
                })
                .collect(),
        })
        .collect())
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.tf("home.title", &[("municipality", &use_site().municipality)]);
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="lead">{i18n.t("home.intro")}</p>
        {loaded(home_data(), move |data| match data {
                Ok(challenges) if challenges.is_empty() => {
                    view! { <p class="notice">{i18n.t("home.no_rounds")}</p> }.into_any()
                }
                Ok(challenges) => {
                    // The first screen on a phone lets a resident start: the
                    // round that collects ideas now, if there is one.
                    let open = challenges
                        .iter()
                        .flat_map(|c| &c.rounds)
                        .find(|r| r.phase == Phase::Collecting)
                        .map(|r| view! {
                            <p class="start">
                                <a class="button primary" href=format!("/ronde/{}#idee", r.slug)>{i18n.t("home.give_idea")}</a>
                            </p>
                        });
                    view! {
                        {open}
                        {challenges
                            .into_iter()
                            .map(|challenge| view! { <ChallengeCard challenge/> })
                            .collect_view()}
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
    }
}

#[component]
fn ChallengeCard(challenge: ChallengeView) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("opgave-{}", challenge.slug);
    let spearheads = (!challenge.spearheads.is_empty()).then(|| {
        view! {
            <h3>{i18n.t("home.spearheads")}</h3>
            <ul class="spearheads">
                {challenge.spearheads.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let rounds = challenge
        .rounds
        .into_iter()
        .map(|round| {
            let title_id = format!("ronde-{}", round.slug);
            let collecting = round.phase == Phase::Collecting;
            let closes = round
                .closes_at
                .filter(|_| collecting)
                .map(|at| i18n.tf("home.open_until", &[("date", &format::date(i18n, at))]));
            // While feedback runs, the plan is where residents are wanted.
            let feedback = round.phase == Phase::Feedback;
            let (action, href) = match (collecting, feedback) {
                (true, _) => (i18n.t("home.take_part"), format!("/ronde/{}", round.slug)),
                (_, true) => (
                    i18n.t("home.react_to_plan"),
                    format!("/ronde/{}/plan", round.slug),
                ),
                _ => (i18n.t("home.view_round"), format!("/ronde/{}", round.slug)),
            };
            let primary = collecting || feedback;
            view! {
                <li class="round-card">
                    <h4 id=title_id.clone()>{round.title.clone()}</h4>
                    <p class="meta">
                        <span class=format!("phase phase-{}", round.phase.code())>
                            {i18n.t(&format!("phase.{}", round.phase.code()))}
                        </span>
                        " · " {i18n.tn("round.idea_count", round.idea_count)}
                    </p>
                    {closes.map(|c| view! { <p class="meta">{c}</p> })}
                    <a class=if primary { "button primary" } else { "button" }
                        href=href aria-describedby=title_id>
                        {action}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="challenge" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{challenge.title.clone()}</h2>
            {challenge.horizon_year.map(|year| view! {
                <p class="horizon">{i18n.tf("home.horizon", &[("year", &year.to_string())])}</p>
            })}
            {paragraphs(&challenge.description)}
            {spearheads}
            <h3>{i18n.t("home.rounds")}</h3>
            <ul class="rounds">{rounds}</ul>
            <p><a href=format!("/voortgang/{}", challenge.slug)>{i18n.t("home.progress")}</a></p>
            <p><a href=format!("/inzicht/{}", challenge.slug)>{i18n.t("home.insight")}</a></p>
        </section>
    }
}
