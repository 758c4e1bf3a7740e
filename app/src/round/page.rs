//! A round's page: its question(s), the idea form while it collects, and the
//! ideas so far.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;

use crate::components::enhance::EnhancedForm;
use crate::components::form_feedback::FormErrors;
use crate::components::idea_form::{
    IdeaForm, IdeaFormState, IdeaFormView, NeighbourhoodView, QuestionView,
};
use crate::components::idea_list::{IdeaList, IdeaView, SupportForm};
use crate::components::island_scripts::IslandScripts;
use crate::components::page::paragraphs;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use crate::shell::use_site;
use chrono::{DateTime, Utc};
use domain::{Channel, ContributorGroup, LifeDomain, Phase, PolicyDomain};
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
    /// Ideas matching the filters and search, hidden ones included.
    pub match_count: i64,
    pub page: i64,
    pub page_count: i64,
    /// The filters and search as asked, to show them and keep them.
    pub browse: BrowseQuery,
    pub neighbourhoods: Vec<NeighbourhoodView>,
    /// Children can send a dream on their own page.
    pub dreams_open: bool,
    /// New ideas wait for a moderator before they show.
    pub premoderated: bool,
    /// Ideas waiting for a moderator, for those who may moderate.
    pub to_do: i64,
    /// Present while the round collects ideas.
    pub form: Option<IdeaFormView>,
    /// The submission key every "ik ook" form of this page view carries.
    pub support_key: String,
    /// The viewer may moderate this round (staff, its co-moderators).
    pub may_moderate: bool,
    /// The viewer may set up rounds (staff): also sees a draft.
    pub may_manage: bool,
    /// The round before this one in the challenge: (slug, title).
    pub previous: Option<(String, String)>,
    /// The round's plan went out for feedback, and whether it is final.
    pub plan: (bool, bool),
    /// The final plan of an earlier round of the challenge, as context.
    pub earlier_plan: Option<EarlierPlan>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierPlan {
    pub slug: String,
    pub title: String,
    /// (number, title, latest progress status)
    pub items: Vec<(i64, String, Option<String>)>,
}

/// The round page's query string: filters, search, order and page, with
/// Dutch names because residents see them in the address bar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseQuery {
    pub vraag: Option<String>,
    pub leefgebied: Option<String>,
    pub beleid: Option<String>,
    pub wijk: Option<String>,
    pub groep: Option<String>,
    pub kanaal: Option<String>,
    pub zoek: Option<String>,
    pub sorteer: Option<String>,
    pub pagina: Option<i64>,
}

impl BrowseQuery {
    fn from_query(query: &leptos_router::params::ParamsMap) -> BrowseQuery {
        let get = |name: &str| query.get(name).filter(|v| !v.trim().is_empty());
        BrowseQuery {
            vraag: get("vraag"),
            leefgebied: get("leefgebied"),
            beleid: get("beleid"),
            wijk: get("wijk"),
            groep: get("groep"),
            kanaal: get("kanaal"),
            zoek: get("zoek"),
            sorteer: get("sorteer"),
            pagina: get("pagina").map(|p| domain::bounded::page(Some(&p))),
        }
    }

    /// True when anything narrows the list (not the order or the page).
    pub fn narrows(&self) -> bool {
        [
            &self.vraag,
            &self.leefgebied,
            &self.beleid,
            &self.wijk,
            &self.groep,
            &self.kanaal,
            &self.zoek,
        ]
        .iter()
        .any(|v| v.is_some())
    }

    /// The query string for `page`, keeping every filter.
    pub fn href(&self, slug: &str, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = [
            ("vraag", &self.vraag),
            ("leefgebied", &self.leefgebied),
            ("beleid", &self.beleid),
            ("wijk", &self.wijk),
            ("groep", &self.groep),
            ("kanaal", &self.kanaal),
            ("zoek", &self.zoek),
            ("sorteer", &self.sorteer),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
        .collect();
        if page > 1 {
            pairs.push(("pagina", page.to_string()));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", crate::format::query_escape(&v)))
            .collect();
        if query.is_empty() {
            format!("/ronde/{slug}")
        } else {
            format!("/ronde/{slug}?{}", query.join("&"))
        }
    }
}

#[server(endpoint = "round")]
pub async fn round_data(slug: String, browse: BrowseQuery) -> Result<RoundView, AppError> {
    crate::web::access::require("/api/round", None)?;
    ssr::round_view(&slug, browse).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::components::idea_list::DreamView;
    use domain::SubmissionKey;

    pub async fn round_view(slug: &str, browse: BrowseQuery) -> Result<RoundView, AppError> {
        let db = &crate::web::state().db;
        let actor = crate::web::access::current_viewer().actor;
        let may_manage = domain::policy::allows(&actor, domain::Permission::ManageRounds);
        // Staff look at a draft before residents do.
        let round = store::round::by_slug(db, slug)
            .await?
            .filter(|r| r.phase.is_public() || may_manage)
            .ok_or(AppError::NotFound)?;
        let (questions, neighbourhoods, previous, plan, earlier) = tokio::try_join!(
            store::round::questions(db, round.id),
            store::neighbourhood::all(db),
            store::round::previous(db, round.id),
            store::plan::plan_state(db, round.id),
            store::progress::earlier_plan_items(db, round.id),
        )?;
        let earlier_plan = earlier.first().map(|first| EarlierPlan {
            slug: first.round_slug.clone(),
            title: first.round_title.clone(),
            items: earlier
                .iter()
                .filter(|i| i.outcome.as_deref() != Some("dropped"))
                .map(|i| (i.position, i.title.clone(), i.latest_status.clone()))
                .collect(),
        });
        let neighbourhoods: Vec<NeighbourhoodView> = neighbourhoods
            .into_iter()
            .map(|n| NeighbourhoodView {
                id: n.id,
                name: n.name,
            })
            .collect();
        let idea_count = round.idea_count;
        let several_questions = questions.len() > 1;
        let viewer = crate::web::request::participant_code().map(|c| c.lookup_hash());
        let search = analysis::Query::parse(domain::bounded::search(
            browse.zoek.as_deref().unwrap_or_default(),
        ));
        let nothing_to_find = search.finds_nothing();
        let filter = store::idea::Browse {
            question_id: domain::bounded::optional_id(browse.vraag.as_deref()),
            life_domain: browse.leefgebied.clone(),
            policy_domain: browse.beleid.clone(),
            neighbourhood_id: domain::bounded::optional_id(browse.wijk.as_deref()),
            group: browse.groep.clone(),
            channel: browse.kanaal.clone(),
            terms: search.terms,
            sort: match browse.sorteer.as_deref() {
                Some("steun") => store::idea::Sort::MostSupported,
                _ => store::idea::Sort::Newest,
            },
        };
        let fetch = |page: i64| {
            let (filter, viewer) = (&filter, viewer.as_deref());
            async move {
                if nothing_to_find {
                    return Ok((Vec::new(), 0));
                }
                let offset = domain::bounded::offset(page, IDEAS_PER_PAGE);
                store::idea::browse(db, round.id, filter, IDEAS_PER_PAGE, offset, viewer).await
            }
        };
        let asked_page = domain::bounded::clamp_page(browse.pagina.unwrap_or(1));
        let (mut found, mut match_count) = fetch(asked_page).await?;
        let page_count = domain::bounded::page_count(match_count, IDEAS_PER_PAGE);
        let page = asked_page.min(page_count);
        if page != asked_page {
            (found, match_count) = fetch(page).await?;
        }
        let ideas = found
            .into_iter()
            .map(|i| IdeaView {
                id: i.id,
                text: i.text,
                question_position: several_questions.then_some(i.question_position),
                life_domain: i.life_domain.as_deref().and_then(LifeDomain::from_code),
                policy_domain: i.policy_domain.as_deref().and_then(PolicyDomain::from_code),
                neighbourhood: i.neighbourhood,
                lived_experience: i.lived_experience,
                group: ContributorGroup::from_code(&i.contributor_group).unwrap_or_default(),
                channel: Channel::from_code(&i.channel).unwrap_or_default(),
                created_at: i.created_at,
                hidden_reason: i.hidden_reason,
                dream: i.is_dream.then(|| DreamView {
                    need: i.dream_need,
                    age_group: i.dream_age.unwrap_or_default(),
                }),
                support_count: i.support_count,
                supported: i.supported,
                own: i.own,
            })
            .collect();
        let questions: Vec<QuestionView> = questions.into_iter().map(QuestionView::from).collect();
        let form = if round.phase.accepts_ideas() {
            Some(IdeaFormView {
                action: format!("/ronde/{}", round.slug),
                questions: questions.clone(),
                neighbourhoods: neighbourhoods.clone(),
                submission_key: SubmissionKey::random().to_form_value(),
            })
        } else {
            None
        };
        let may_moderate =
            domain::policy::allows(&actor, domain::Permission::Moderate { round_id: round.id });
        let to_do = if may_moderate {
            store::moderation::to_do_count(db, round.id).await?
        } else {
            0
        };
        Ok(RoundView {
            support_key: SubmissionKey::random().to_form_value(),
            may_moderate,
            may_manage,
            previous: previous.map(|(slug, title, _)| (slug, title)),
            plan,
            earlier_plan,
            to_do,
            match_count,
            browse,
            neighbourhoods,
            dreams_open: round.dreams_open && round.phase.accepts_ideas(),
            premoderated: round.premoderated,
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
    let browse = use_query_map().with_untracked(BrowseQuery::from_query);
    // Set when this render answers a form that needs fixing.
    let form_state = use_context::<IdeaFormState>().unwrap_or_default();
    view! {
        {loaded(round_data(slug, browse), move |data| match data {
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
        Some(form) => view! {
        <section id="idee" class="panel">
            <FormErrors form="idea_limit"/>
            <EnhancedForm>
                <IdeaForm form state=form_state/>
            </EnhancedForm>
        </section>
        <IslandScripts/>
        }
        .into_any(),
        None => view! { <p class="notice">{i18n.t("round.not_collecting")}</p> }.into_any(),
    };
    let support_form = round.phase.accepts_ideas().then(|| SupportForm {
        action: format!("/ronde/{}/steun", round.slug),
        back: round.browse.href(&round.slug, round.page),
        key: round.support_key.clone(),
    });
    let flag = Some(format!("/ronde/{}/melden", round.slug));
    let ideas = if round.ideas.is_empty() {
        let empty = if round.browse.narrows() {
            i18n.t("browse.nothing_found")
        } else {
            i18n.t("round.no_ideas")
        };
        view! { <p>{empty}</p> }.into_any()
    } else {
        view! {
            <IdeaList ideas=round.ideas.clone() support=support_form.clone() flag=flag.clone()/>
            <Pagination slug=round.slug.clone() browse=round.browse.clone() page=round.page page_count=round.page_count/>
        }
        .into_any()
    };
    let found = round.browse.narrows().then(|| {
        view! {
            <p class="browse-result" role="status">
                {i18n.tn("browse.found", round.match_count)} " "
                <a href=format!("/ronde/{}#ideas-title", round.slug)>{i18n.t("browse.clear")}</a>
            </p>
        }
    });
    let dreams = round.dreams_open.then(|| {
        view! {
            <p class="dream-entry">
                <a class="button" href=format!("/droom/{}", round.slug)>{i18n.t("dream.entry_link")}</a>
            </p>
        }
    });
    let premoderated = (round.premoderated && round.phase.accepts_ideas())
        .then(|| view! { <p class="hint">{i18n.t("round.premoderated")}</p> });
    view! {
        <Title text=i18n.tf("site.title", &[("page", &round.title), ("municipality", &site.municipality)])/>
        <p class="eyebrow"><a href="/">{i18n.t("round.back_home")}</a> " · " {round.challenge_title.clone()}</p>
        <h1>{round.title.clone()}</h1>
        {(round.phase == Phase::Draft).then(|| view! { <p class="notice">{i18n.t("round.draft_preview")}</p> })}
        {(round.may_moderate || round.may_manage).then(|| view! {
            <p class="staff-entry">
                {round.may_moderate.then(|| view! {
                    <a href=format!("/ronde/{}/moderatie", round.slug)>{i18n.t("workspace.moderation")}</a>
                    {(round.to_do > 0).then(|| format!(" ({})", i18n.tn("moderation.to_do_count", round.to_do)))}
                    // Staff and co-moderators both moderate and cluster.
                    " · " <a href=format!("/ronde/{}/trechter", round.slug)>{i18n.t("funnel.title")}</a>
                })}
                {(round.may_moderate && round.may_manage).then_some(" · ")}
                {round.may_manage.then(|| view! {
                    <a href=format!("/beheer/ronde/{}", round.slug)>{i18n.t("round_admin.title")}</a>
                })}
            </p>
        })}
        <p class="meta">
            <span class=format!("phase phase-{phase_code}")>{i18n.t(&format!("phase.{phase_code}"))}</span>
            " · " {i18n.tn("round.idea_count", round.idea_count)}
        </p>
        <p>{i18n.t(&format!("phase.{phase_code}.explained"))} {closes.map(|c| format!(" {c}"))}</p>
        // On a phone the form is screens away: start from the first one.
        {round.form.is_some().then(|| view! {
            <p class="start">
                <a class="button primary" href="#idee">{i18n.t("round.give_idea")}</a>
                <a class="button" href="#ideas-title">{i18n.t("round.read_ideas")}</a>
            </p>
        })}
        <div class="introduction">{paragraphs(&round.introduction)}</div>
        {match round.plan {
            (true, final_plan) => Some(view! {
                <p class="notice plan-banner">
                    {i18n.t(if final_plan { "round.plan_final" } else { "round.plan_open" })} " "
                    <a class="button primary" href=format!("/ronde/{}/plan", round.slug)>{i18n.t("round.plan_link")}</a>
                </p>
            }),
            _ => None,
        }}
        {match round.earlier_plan.clone() {
            Some(EarlierPlan { slug, title, items }) => {
                let items = items
                    .into_iter()
                    .map(|(n, title, status)| {
                        let status = status.unwrap_or_else(|| "not_started".to_owned());
                        view! {
                            <li>{i18n.tf("plan.item_number", &[("n", &n.to_string())])} " " {title} " · "
                                <span class=format!("status status-{status}")>{i18n.t(&format!("progress.{status}"))}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="builds-on panel">
                        <p>{i18n.tf("round.earlier_plan", &[("round", &title)])}</p>
                        <ul>{items}</ul>
                        <p><a href=format!("/ronde/{slug}/plan")>{i18n.t("round.earlier_plan_link")}</a></p>
                    </section>
                }
                .into_any()
            }
            None => round
                .previous
                .clone()
                .map(|(slug, title)| view! {
                    <p class="builds-on">{i18n.t("round.builds_on")} " " <a href=format!("/ronde/{slug}")>{title}</a></p>
                })
                .into_any(),
        }}
        <section class="questions" aria-labelledby="questions-title">
            <h2 id="questions-title">{questions_heading}</h2>
            <ol>{questions}</ol>
        </section>
        {premoderated}
        {form}
        {dreams}
        <section class="idea-list" aria-labelledby="ideas-title">
            <h2 id="ideas-title">{i18n.t("round.ideas_heading")}</h2>
            <BrowseForm round=round.clone()/>
            {found}
            {ideas}
        </section>
    }
}

/// Filters, search and order: a plain GET form, so it works without
/// JavaScript and every result has its own address.
#[component]
fn BrowseForm(round: RoundView) -> impl IntoView {
    let i18n = use_i18n();
    let b = round.browse.clone();
    let option = move |value: String, label: String, chosen: &Option<String>| {
        let selected = chosen.as_deref() == Some(value.as_str());
        view! { <option value=value selected=selected>{label}</option> }
    };
    let questions = (round.questions.len() > 1).then(|| {
        let options = round
            .questions
            .iter()
            .map(|q| {
                option(
                    q.id.to_string(),
                    i18n.tf("round.question_number", &[("n", &q.position.to_string())]),
                    &b.vraag,
                )
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="browse-question">{i18n.t("browse.question")}</label>
                <select id="browse-question" name="vraag">
                    <option value="">{i18n.t("browse.all")}</option>{options}
                </select>
            </div>
        }
    });
    let life = LifeDomain::ALL
        .into_iter()
        .map(|d| {
            option(
                d.code().into(),
                i18n.t(&format!("life_domain.{}", d.code())).into(),
                &b.leefgebied,
            )
        })
        .collect_view();
    let policy = PolicyDomain::ALL
        .into_iter()
        .map(|d| {
            option(
                d.code().into(),
                i18n.t(&format!("policy_domain.{}", d.code())).into(),
                &b.beleid,
            )
        })
        .collect_view();
    let neighbourhoods = round
        .neighbourhoods
        .iter()
        .map(|n| option(n.id.to_string(), n.name.clone(), &b.wijk))
        .collect_view();
    let groups = ContributorGroup::ALL
        .into_iter()
        .map(|g| {
            option(
                g.code().into(),
                i18n.t(&format!("group.{}", g.code())).into(),
                &b.groep,
            )
        })
        .collect_view();
    let channels = Channel::ALL
        .into_iter()
        .map(|c| {
            option(
                c.code().into(),
                i18n.t(&format!("channel.{}", c.code())).into(),
                &b.kanaal,
            )
        })
        .collect_view();
    let by_support = b.sorteer.as_deref() == Some("steun");
    // Open when something is chosen, so the visitor sees what narrows the list.
    let open = [
        &b.vraag,
        &b.leefgebied,
        &b.beleid,
        &b.wijk,
        &b.groep,
        &b.kanaal,
    ]
    .iter()
    .any(|v| v.is_some());
    view! {
        <form method="get" action=format!("/ronde/{}#ideas-title", round.slug) class="browse-form" role="search"
            aria-label=i18n.t("browse.label")>
            <div class="field search-field">
                <label for="browse-search">{i18n.t("browse.search")}</label>
                <input type="search" id="browse-search" name="zoek" value=b.zoek.clone().unwrap_or_default()
                    maxlength=domain::bounded::MAX_SEARCH_CHARS.to_string()/>
            </div>
            <details class="filters" open=open>
                <summary>{i18n.t("browse.filters")}</summary>
                {questions}
                <div class="field">
                    <label for="browse-life">{i18n.t("browse.life_domain")}</label>
                    <select id="browse-life" name="leefgebied">
                        <option value="">{i18n.t("browse.all")}</option>{life}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-policy">{i18n.t("browse.policy_domain")}</label>
                    <select id="browse-policy" name="beleid">
                        <option value="">{i18n.t("browse.all")}</option>{policy}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-neighbourhood">{i18n.t("browse.neighbourhood")}</label>
                    <select id="browse-neighbourhood" name="wijk">
                        <option value="">{i18n.t("browse.all")}</option>{neighbourhoods}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-group">{i18n.t("browse.group")}</label>
                    <select id="browse-group" name="groep">
                        <option value="">{i18n.t("browse.all")}</option>{groups}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-channel">{i18n.t("browse.channel")}</label>
                    <select id="browse-channel" name="kanaal">
                        <option value="">{i18n.t("browse.all")}</option>{channels}
                    </select>
                </div>
            </details>
            <div class="field">
                <label for="browse-sort">{i18n.t("browse.sort")}</label>
                <select id="browse-sort" name="sorteer">
                    <option value="nieuw" selected=!by_support>{i18n.t("browse.sort_newest")}</option>
                    <option value="steun" selected=by_support>{i18n.t("browse.sort_support")}</option>
                </select>
            </div>
            <button type="submit" class="button">{i18n.t("browse.submit")}</button>
        </form>
    }
}

#[component]
fn Pagination(slug: String, browse: BrowseQuery, page: i64, page_count: i64) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |p: i64| format!("{}#ideas-title", browse.href(&slug, p));
    (page_count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=i18n.t("round.pagination")>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{i18n.t("round.previous_page")}</a> })}
                <span>{i18n.tf("round.page_of", &[("page", &page.to_string()), ("pages", &page_count.to_string())])}</span>
                {(page < page_count).then(|| view! { <a rel="next" href=link(page + 1)>{i18n.t("round.next_page")}</a> })}
            </nav>
        }
    })
}
