//! A round's page: its question(s), the idea form while it collects, and the
//! ideas so far.

use super::{ErrorContent, loaded, paragraphs};
use crate::components::enhance::EnhancedForm;
use crate::components::form_feedback::FormErrors;
use crate::components::idea_form::{IdeaForm, IdeaFormState, IdeaFormView, QuestionView};
use crate::components::idea_list::{IdeaList, IdeaView, SupportForm};
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use crate::shell::use_site;
use chrono::{DateTime, Utc};
use domain::Phase;
use leptos::hydration::HydrationScripts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Ideas per page: enough to get a feel, few enough for a phone.
pub const IDEAS_PER_PAGE: i64 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub slug: String,
    pub challenge_title: String,
    pub title: String,
    pub introduction: String,
    pub phase: Phase,
    pub closes_at: Option<DateTime<Utc>>,
    pub questions: Vec<QuestionView>,
    pub idea_count: i64,
    pub ideas: Vec<IdeaView>,
    pub page: i64,
    pub page_count: i64,
    /// Present while the round collects ideas.
    pub form: Option<IdeaFormView>,
    /// The viewer may moderate this round (staff, its co-moderators).
    pub may_moderate: bool,
}

#[server(endpoint = "round")]
pub async fn round_data(slug: String, page: i64) -> Result<RoundView, AppError> {
    crate::ssr::access::require("/api/round", None)?;
    ssr::round_view(&slug, page).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::components::idea_form::NeighbourhoodView;
    use domain::{ContributorGroup, LifeDomain, SubmissionKey};

    pub async fn round_view(slug: &str, page: i64) -> Result<RoundView, AppError> {
        let db = &crate::ssr::state().db;
        let round = store::round::by_slug(db, slug)
            .await?
            .filter(|r| r.phase.is_public())
            .ok_or(AppError::NotFound)?;
        let questions = store::round::questions(db, round.id).await?;
        let idea_count = round.idea_count;
        let page_count = ((idea_count + IDEAS_PER_PAGE - 1) / IDEAS_PER_PAGE).max(1);
        let page = page.clamp(1, page_count);
        let several_questions = questions.len() > 1;
        let viewer = crate::ssr::request::participant_code().map(|c| c.lookup_hash());
        let offset = (page - 1) * IDEAS_PER_PAGE;
        let ideas =
            store::idea::page_in_round(db, round.id, IDEAS_PER_PAGE, offset, viewer.as_deref())
                .await?
                .into_iter()
                .map(|i| IdeaView {
                    id: i.id,
                    text: i.text,
                    question_position: several_questions.then_some(i.question_position),
                    life_domain: i.life_domain.as_deref().and_then(LifeDomain::from_code),
                    neighbourhood: i.neighbourhood,
                    lived_experience: i.lived_experience,
                    group: ContributorGroup::from_code(&i.contributor_group).unwrap_or_default(),
                    created_at: i.created_at,
                    support_count: i.support_count,
                    supported: i.supported,
                    own: i.own,
                })
                .collect();
        let questions: Vec<QuestionView> = questions
            .into_iter()
            .map(|q| QuestionView {
                id: q.id,
                position: q.position,
                text: q.text,
            })
            .collect();
        let form = if round.phase.accepts_ideas() {
            let neighbourhoods = store::neighbourhood::all(db)
                .await?
                .into_iter()
                .map(|n| NeighbourhoodView {
                    id: n.id,
                    name: n.name,
                })
                .collect();
            Some(IdeaFormView {
                action: format!("/ronde/{}", round.slug),
                questions: questions.clone(),
                neighbourhoods,
                submission_key: SubmissionKey::random().to_form_value(),
            })
        } else {
            None
        };
        let may_moderate = domain::policy::allows(
            &crate::ssr::access::current_viewer().actor,
            domain::Permission::Moderate { round_id: round.id },
        );
        Ok(RoundView {
            may_moderate,
            slug: round.slug,
            challenge_title: round.challenge_title,
            title: round.title,
            introduction: round.introduction,
            phase: round.phase,
            closes_at: round.closes_at,
            questions,
            idea_count,
            ideas,
            page,
            page_count,
            form,
        })
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let page = use_query_map()
        .with_untracked(|q| q.get("pagina").and_then(|p| p.parse::<i64>().ok()))
        .unwrap_or(1);
    // Set when this render answers a form that needs fixing.
    let form_state = use_context::<IdeaFormState>().unwrap_or_default();
    view! {
        {loaded(round_data(slug, page), move |data| match data {
                Ok(round) => view! { <RoundContent round form_state=form_state.clone()/> }.into_any(),
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
    }
}

#[component]
fn RoundContent(round: RoundView, form_state: IdeaFormState) -> impl IntoView {
    let i18n = use_i18n();
    let site = use_site();
    let phase_code = round.phase.code();
    let closes = round
        .closes_at
        .filter(|_| round.phase.accepts_ideas())
        .map(|at| i18n.tf("round.closes", &[("date", &format::date(i18n, at))]));
    let questions_heading = if round.questions.len() > 1 {
        i18n.t("round.question_several")
    } else {
        i18n.t("round.question_single")
    };
    let questions = round
        .questions
        .iter()
        .map(|q| view! { <li>{q.text.clone()}</li> })
        .collect_view();
    let form = match round.form.clone() {
        Some(form) => {
            let options = expect_context::<LeptosOptions>();
            view! {
            <section id="idee" class="panel">
                <FormErrors form="idea_limit"/>
                <EnhancedForm>
                    <IdeaForm form state=form_state/>
                </EnhancedForm>
            </section>
            <HydrationScripts options islands=true/>
            }
            .into_any()
        }
        None => view! { <p class="notice">{i18n.t("round.not_collecting")}</p> }.into_any(),
    };
    let support_form = round.phase.accepts_ideas().then(|| SupportForm {
        action: format!("/ronde/{}/steun", round.slug),
        back: format!("/ronde/{}?pagina={}", round.slug, round.page),
    });
    let ideas = if round.ideas.is_empty() {
        view! { <p>{i18n.t("round.no_ideas")}</p> }.into_any()
    } else {
        view! {
            <IdeaList ideas=round.ideas.clone() support=support_form.clone()/>
            <Pagination slug=round.slug.clone() page=round.page page_count=round.page_count/>
        }
        .into_any()
    };
    view! {
        <Title text=i18n.tf("site.title", &[("page", &round.title), ("municipality", &site.municipality)])/>
        <p class="eyebrow"><a href="/">{i18n.t("round.back_home")}</a> " · " {round.challenge_title.clone()}</p>
        <h1>{round.title.clone()}</h1>
        {round.may_moderate.then(|| view! {
            <p class="staff-entry"><a href=format!("/ronde/{}/moderatie", round.slug)>{i18n.t("workspace.moderation")}</a></p>
        })}
        <p class="meta">
            <span class=format!("phase phase-{phase_code}")>{i18n.t(&format!("phase.{phase_code}"))}</span>
            " · " {i18n.tn("round.idea_count", round.idea_count)}
        </p>
        <p>{i18n.t(&format!("phase.{phase_code}.explained"))} {closes.map(|c| format!(" {c}"))}</p>
        <div class="introduction">{paragraphs(&round.introduction)}</div>
        <section class="questions" aria-labelledby="questions-title">
            <h2 id="questions-title">{questions_heading}</h2>
            <ol>{questions}</ol>
        </section>
        {form}
        <section class="idea-list" aria-labelledby="ideas-title">
            <h2 id="ideas-title">{i18n.t("round.ideas_heading")}</h2>
            {ideas}
        </section>
    }
}

#[component]
fn Pagination(slug: String, page: i64, page_count: i64) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |p: i64| format!("/ronde/{slug}?pagina={p}#ideas-title");
    (page_count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=i18n.t("round.pagination")>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{i18n.t("round.newer")}</a> })}
                <span>{i18n.tf("round.page_of", &[("page", &page.to_string()), ("pages", &page_count.to_string())])}</span>
                {(page < page_count).then(|| view! { <a rel="next" href=link(page + 1)>{i18n.t("round.older")}</a> })}
            </nav>
        }
    })
}
