//! Moderating a round: a queue of what needs a decision (ideas waiting for
//! approval, flagged ideas) and every idea, with approve, hide (with a
//! public reason), show again, redact personal data and merge duplicates.
//! Below it, the round's moderation log. Staff and the round's
//! co-moderators.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::{LifeDomain, PolicyDomain};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

pub const MODERATION_PAGE_SIZE: i64 = 50;
pub const LOG_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedIdeaView {
    pub id: i64,
    pub text: String,
    pub group: String,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub awaiting_review: bool,
    pub hidden_reason: Option<String>,
    pub redacted: bool,
    /// For a dream: (need, age group).
    pub dream: Option<(Option<String>, String)>,
    /// Only for staff: the child's first name, if given.
    pub dream_name: Option<String>,
    /// Only for staff: how to reach the child who asked to talk.
    pub dream_contact: Option<String>,
    pub flag_reasons: Vec<String>,
    pub flag_count: i64,
    pub support_count: i64,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntryView {
    pub idea_id: i64,
    pub moderator: String,
    pub action: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Which part of the moderation list a moderator looks at: what the page's
/// address holds, so that after an action they land where they were.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPlace {
    /// Every idea, not only what needs doing.
    pub all: bool,
    pub page: i64,
    /// What was typed in the search box, cut to its longest.
    pub search: String,
}

impl ListPlace {
    /// Read from the address's `lijst`, `pagina` and `zoek`.
    pub fn read(lijst: Option<&str>, pagina: Option<&str>, zoek: Option<&str>) -> ListPlace {
        ListPlace {
            all: lijst == Some("alles"),
            page: domain::bounded::page(pagina),
            search: domain::bounded::search(zoek.unwrap_or_default().trim()).to_owned(),
        }
    }

    /// The list's address at `page` (the same place for another page).
    pub fn href(&self, slug: &str, page: i64) -> String {
        let mut query = Vec::new();
        if self.all {
            query.push("lijst=alles".to_owned());
        }
        if page > 1 {
            query.push(format!("pagina={page}"));
        }
        if !self.search.is_empty() {
            query.push(format!("zoek={}", format::query_escape(&self.search)));
        }
        match query.is_empty() {
            true => format!("/ronde/{slug}/moderatie"),
            false => format!("/ronde/{slug}/moderatie?{}", query.join("&")),
        }
    }

    /// The list's address where it is now, with `more` added to its query
    /// (e.g. `gedaan=hidden`) and `anchor` after it.
    pub fn back(&self, slug: &str, more: &str, anchor: &str) -> String {
        let href = self.href(slug, self.page);
        let join = if href.contains('?') { '&' } else { '?' };
        format!("{href}{join}{more}{anchor}")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationView {
    pub slug: String,
    pub title: String,
    pub place: ListPlace,
    pub to_do: i64,
    pub ideas: Vec<ModeratedIdeaView>,
    pub has_next: bool,
    pub log: Vec<LogEntryView>,
}

#[server(endpoint = "moderation")]
pub async fn moderation_data(slug: String, place: ListPlace) -> Result<ModerationView, AppError> {
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug).await?;
    let viewer = crate::web::access::require("/api/moderation", round.as_ref().map(|r| r.id))?;
    let round = round.ok_or(AppError::NotFound)?;
    // A child's contact details are for the municipality's staff only,
    // not for co-moderating residents.
    let staff = viewer
        .account()
        .is_some_and(|a| a.role == domain::Role::Staff);
    let place = ListPlace {
        page: domain::bounded::clamp_page(place.page),
        search: domain::bounded::search(place.search.trim()).to_owned(),
        ..place
    };
    let queue = if place.all {
        store::moderation::Queue::All
    } else {
        store::moderation::Queue::ToDo
    };
    // "#12" or "12" is that idea; anything else is words.
    let find = match domain::bounded::id(place.search.trim_start_matches('#')) {
        Some(idea) => store::moderation::Find {
            terms: Vec::new(),
            idea: Some(idea),
        },
        None => store::moderation::Find {
            terms: analysis::Query::parse(&place.search).terms,
            idea: None,
        },
    };
    let finds_nothing =
        find.idea.is_none() && analysis::Query::parse(&place.search).finds_nothing();
    let (mut ideas, to_do, log) = tokio::try_join!(
        async {
            if finds_nothing {
                return Ok(Vec::new());
            }
            store::moderation::queue(
                &state.db,
                round.id,
                queue,
                &find,
                MODERATION_PAGE_SIZE + 1,
                domain::bounded::offset(place.page, MODERATION_PAGE_SIZE),
            )
            .await
        },
        store::moderation::to_do_count(&state.db, round.id),
        store::moderation::log(&state.db, round.id, LOG_SIZE),
    )?;
    let has_next = ideas.len() as i64 > MODERATION_PAGE_SIZE;
    ideas.truncate(MODERATION_PAGE_SIZE as usize);
    Ok(ModerationView {
        slug: round.slug,
        title: round.title,
        place,
        to_do,
        ideas: ideas
            .into_iter()
            .map(|i| ModeratedIdeaView {
                id: i.id,
                text: i.text,
                group: i.contributor_group,
                channel: i.channel,
                created_at: i.created_at,
                awaiting_review: i.awaiting_review,
                hidden_reason: i.hidden_reason,
                redacted: i.redacted_at.is_some(),
                dream: i
                    .is_dream
                    .then(|| (i.dream_need, i.dream_age.unwrap_or_default())),
                dream_name: i.dream_name.filter(|_| staff),
                dream_contact: i.dream_contact.filter(|_| staff),
                flag_reasons: i
                    .flag_reasons
                    .map(|r| r.split(',').map(str::to_owned).collect())
                    .unwrap_or_default(),
                flag_count: i.flag_count,
                support_count: i.support_count,
                life_domain: i.life_domain,
                policy_domain: i.policy_domain,
            })
            .collect(),
        has_next,
        log: log
            .into_iter()
            .map(|l| LogEntryView {
                idea_id: l.idea_id,
                moderator: l.moderator,
                action: l.action,
                reason: l.reason,
                at: l.created_at,
            })
            .collect(),
    })
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let place = use_query_map().with_untracked(|q| {
        ListPlace::read(
            q.get("lijst").as_deref(),
            q.get("pagina").as_deref(),
            q.get("zoek").as_deref(),
        )
    });
    view! {
        <Title text=i18n.t("workspace.moderation")/>
        {loaded(moderation_data(slug, place), move |data| match data {
            Ok(moderation) => view! { <Moderation moderation/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

/// One small form with a hidden idea id and action, and a button.
fn action_form(
    action: &str,
    idea: i64,
    what: &'static str,
    label: String,
) -> impl IntoView + use<> {
    view! {
        <form method="post" action=action.to_owned() class="inline-form">
            <input type="hidden" name="idea" value=idea.to_string()/>
            <input type="hidden" name="action" value=what/>
            <button type="submit" class="button">{label}</button>
        </form>
    }
}

/// The translated names of an idea's labels.
fn tag_names(i18n: I18n, life: Option<&str>, policy: Option<&str>) -> Vec<&'static str> {
    let life = life.map(|c| i18n.t(&format!("life_domain.{c}")));
    let policy = policy.map(|c| i18n.t(&format!("policy_domain.{c}")));
    [life, policy].into_iter().flatten().collect()
}

/// A log line's reason; for new labels, their names.
fn log_reason(i18n: I18n, entry: &LogEntryView) -> Option<String> {
    let reason = entry.reason.clone()?;
    if entry.action != "retag" {
        return Some(reason);
    }
    let mut codes = reason.split(' ').map(|c| (c != "-").then_some(c));
    let (life, policy) = (codes.next().flatten(), codes.next().flatten());
    let names = tag_names(i18n, life, policy);
    Some(if names.is_empty() {
        "-".to_owned()
    } else {
        names.join(", ")
    })
}

/// Choosing an idea's life and policy domain again.
fn tag_form(action: &str, idea: &ModeratedIdeaView) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let life_id = format!("moderation-life-{}", idea.id);
    let policy_id = format!("moderation-policy-{}", idea.id);
    let life = idea.life_domain.clone().unwrap_or_default();
    let policy = idea.policy_domain.clone().unwrap_or_default();
    let life_options = LifeDomain::ALL
        .into_iter()
        .map(|d| view! { <option value=d.code() selected=life == d.code()>{i18n.t(&format!("life_domain.{}", d.code()))}</option> })
        .collect_view();
    let policy_options = PolicyDomain::ALL
        .into_iter()
        .map(|d| view! { <option value=d.code() selected=policy == d.code()>{i18n.t(&format!("policy_domain.{}", d.code()))}</option> })
        .collect_view();
    view! {
        <details>
            <summary>{i18n.t("moderation.tags")}</summary>
            <form method="post" action=action.to_owned() class="inline-form">
                <input type="hidden" name="idea" value=idea.id.to_string()/>
                <input type="hidden" name="action" value="retag"/>
                <label for=life_id.clone()>{i18n.t("browse.life_domain")}</label>
                <select id=life_id name="life_domain">
                    <option value="">{i18n.t("form.not_chosen")}</option>{life_options}
                </select>
                <label for=policy_id.clone()>{i18n.t("browse.policy_domain")}</label>
                <select id=policy_id name="policy_domain">
                    <option value="">{i18n.t("form.not_chosen")}</option>{policy_options}
                </select>
                <button type="submit" class="button">{i18n.t("moderation.tags_submit")}</button>
            </form>
        </details>
    }
}

#[component]
fn Moderation(moderation: ModerationView) -> impl IntoView {
    let i18n = use_i18n();
    // Posting from a list answers with that same list, page and search.
    let place = moderation.place.clone();
    let action = place.href(&moderation.slug, place.page);
    let feedback = feedback_for("moderation");
    // An error about an idea this list does not show goes at the top.
    let orphan_error = feedback
        .as_ref()
        .filter(|f| {
            !moderation
                .ideas
                .iter()
                .any(|i| i.id.to_string() == f.value("idea"))
        })
        .map(|_| view! { <FormErrors form="moderation"/> });
    let base = format!("/ronde/{}/moderatie", moderation.slug);
    let no_ideas = moderation.ideas.is_empty();
    let ideas = moderation
        .ideas
        .into_iter()
        .map(|idea| {
            let id = idea.id.to_string();
            let this_one = feedback.as_ref().filter(|f| f.value("idea") == id);
            let errors = this_one.is_some().then(|| view! { <FormErrors form="moderation"/> });
            let typed = |field: &str| this_one.map(|f| f.value(field)).filter(|v| !v.is_empty());
            let reason_id = format!("moderation-reason-{}", idea.id);
            let redact_id = format!("moderation-text-{}", idea.id);
            let target_id = format!("moderation-target-{}", idea.id);
            let mut status: Vec<String> = Vec::new();
            if idea.awaiting_review {
                status.push(i18n.t("moderation.awaiting").to_owned());
            }
            if idea.flag_count > 0 {
                let reasons = idea
                    .flag_reasons
                    .iter()
                    .map(|r| i18n.t(&format!("flag.reason.{r}")).to_owned())
                    .collect::<Vec<_>>()
                    .join(", ");
                status.push(i18n.tf("moderation.flagged", &[("count", &idea.flag_count.to_string()), ("reasons", &reasons)]));
            }
            if idea.redacted {
                status.push(i18n.t("moderation.redacted").to_owned());
            }
            let approve = (idea.awaiting_review || idea.flag_count > 0).then(|| {
                let label = if idea.awaiting_review { i18n.t("moderation.approve") } else { i18n.t("moderation.keep") };
                action_form(&action, idea.id, "approve", label.to_owned())
            });
            let hide_or_restore = match &idea.hidden_reason {
                Some(reason) => view! {
                    <p class="status">{i18n.tf("moderation.hidden_because", &[("reason", reason)])}</p>
                    {action_form(&action, idea.id, "restore", i18n.t("moderation.restore").to_owned())}
                }.into_any(),
                None => view! {
                    <form method="post" action=action.clone() class="inline-form" novalidate=true>
                        <input type="hidden" name="idea" value=id.clone()/>
                        <input type="hidden" name="action" value="hide"/>
                        <label for=reason_id.clone()>{i18n.t("moderation.reason")}</label>
                        <input type="text" id=reason_id.clone() name="reason" value=typed("reason").unwrap_or_default() maxlength="300"/>
                        <button type="submit" class="button">{i18n.t("moderation.hide")}</button>
                    </form>
                }.into_any(),
            };
            let dream_name = idea.dream_name.clone();
            let dream = idea.dream.clone().map(|(need, age)| view! {
                <p class="meta">{match dream_name {
                    Some(name) => i18n.tf("dream.by_named", &[("name", &name), ("age", &age)]),
                    None => i18n.tf("dream.by", &[("age", &age)]),
                }}</p>
                {need.map(|need| view! { <p class="idea-text"><span class="dream-prompt">{i18n.t("dream.need_label")}</span> " " {need}</p> })}
            });
            let contact = idea.dream_contact.clone().map(|contact| view! {
                <p class="notice">{i18n.tf("moderation.dream_contact", &[("contact", &contact)])}</p>
            });
            let labels = tag_names(i18n, idea.life_domain.as_deref(), idea.policy_domain.as_deref());
            let retag = tag_form(&action, &idea);
            let open_redact = typed("text").is_some();
            let open_merge = typed("target").is_some();
            view! {
                <li class="idea" id=format!("idee-{}", idea.id)>
                    <p class="meta"><strong>{format!("#{}", idea.id)}</strong> " · "
                        {i18n.t(&format!("group.{}", idea.group))} " · "
                        {i18n.t(&format!("channel.{}", idea.channel))} " · "
                        {format::date(i18n, idea.created_at)} " · "
                        {i18n.tn("support.count", idea.support_count)}</p>
                    {(!status.is_empty()).then(|| view! { <p class="status">{status.join(" · ")}</p> })}
                    <p class="idea-text">{idea.text.clone()}</p>
                    {(!labels.is_empty()).then(|| view! { <p class="meta">{format!("{}: {}", i18n.t("moderation.tags"), labels.join(", "))}</p> })}
                    {dream}
                    {contact}
                    {errors}
                    <div class="moderation-actions">
                        {approve}
                        {hide_or_restore}
                    </div>
                    <details open=open_redact>
                        <summary>{i18n.t("moderation.redact")}</summary>
                        <form method="post" action=action.clone() novalidate=true>
                            <input type="hidden" name="idea" value=id.clone()/>
                            <input type="hidden" name="action" value="redact"/>
                            <label for=redact_id.clone()>{i18n.t("moderation.redact_label")}</label>
                            <p class="hint">{i18n.t("moderation.redact_hint")}</p>
                            <textarea id=redact_id name="text" rows="4">{raw_text::textarea(typed("text").unwrap_or(idea.text.clone()))}</textarea>
                            <button type="submit" class="button">{i18n.t("moderation.redact_submit")}</button>
                        </form>
                    </details>
                    <details open=open_merge>
                        <summary>{i18n.t("moderation.merge")}</summary>
                        <form method="post" action=action.clone() class="inline-form" novalidate=true>
                            <input type="hidden" name="idea" value=id.clone()/>
                            <input type="hidden" name="action" value="merge"/>
                            <label for=target_id.clone()>{i18n.t("moderation.merge_label")}</label>
                            <input type="text" inputmode="numeric" id=target_id name="target" value=typed("target").unwrap_or_default() size="8"/>
                            <button type="submit" class="button">{i18n.t("moderation.merge_submit")}</button>
                        </form>
                    </details>
                    {retag}
                </li>
            }
        })
        .collect_view();
    let previous = (place.page > 1).then(|| {
        view! { <a href=place.href(&moderation.slug, place.page - 1)>{i18n.t("moderation.previous")}</a> }
    });
    let next = moderation.has_next.then(|| {
        view! { <a href=place.href(&moderation.slug, place.page + 1)>{i18n.t("moderation.more")}</a> }
    });
    let pages = (previous.is_some() || next.is_some())
        .then(|| view! { <p class="pager">{previous} " " {next}</p> });
    let searching = !place.search.is_empty();
    let empty = if searching {
        "moderation.none_found"
    } else if place.all {
        "moderation.none"
    } else {
        "moderation.nothing_to_do"
    };
    let search_id = "moderation-search";
    let search = view! {
        <form method="get" action=base.clone() class="browse-form" role="search">
            {place.all.then(|| view! { <input type="hidden" name="lijst" value="alles"/> })}
            <div class="field search-field">
                <label for=search_id>{i18n.t("moderation.search")}</label>
                <input type="search" id=search_id name="zoek" value=place.search.clone()
                    maxlength=domain::bounded::MAX_SEARCH_CHARS.to_string()/>
            </div>
            <button type="submit" class="button">{i18n.t("moderation.search_submit")}</button>
            {searching.then(|| view! {
                <a href=ListPlace { search: String::new(), ..place.clone() }.href(&moderation.slug, 1)>{i18n.t("moderation.search_clear")}</a>
            })}
        </form>
    };
    let log = moderation
        .log
        .iter()
        .map(|l| {
            view! {
                <li>
                    {format::date_time(i18n, l.at)} " · " {l.moderator.clone()} " · "
                    {i18n.tf(&format!("moderation.log.{}", l.action), &[("idea", &format!("#{}", l.idea_id))])}
                    {log_reason(i18n, l).map(|r| format!(" — {r}"))}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="eyebrow"><a href=format!("/ronde/{}", moderation.slug)>{moderation.title.clone()}</a></p>
        <h1>{i18n.t("workspace.moderation")}</h1>
        <DoneNotice/>
        {orphan_error}
        <p>{i18n.t("moderation.intro")}</p>
        <nav class="tabs" aria-label=i18n.t("moderation.lists")>
            <a href=base.clone() aria-current=(!place.all).then_some("page")>
                {i18n.t("moderation.to_do")} {format!(" ({})", moderation.to_do)}
            </a>
            <a href=format!("{base}?lijst=alles") aria-current=place.all.then_some("page")>{i18n.t("moderation.all")}</a>
            <a href=format!("/ronde/{}/papier", moderation.slug)>{i18n.t("paper.title")}</a>
        </nav>
        {search}
        {if no_ideas {
            view! { <p>{i18n.t(empty)}</p> }.into_any()
        } else {
            view! { <ul class="ideas">{ideas}</ul> }.into_any()
        }}
        {pages}
        <section aria-labelledby="moderation-log-title">
            <h2 id="moderation-log-title">{i18n.t("moderation.log_title")}</h2>
            {if moderation.log.is_empty() {
                view! { <p>{i18n.t("moderation.log_empty")}</p> }.into_any()
            } else {
                view! { <ul class="log">{log}</ul> }.into_any()
            }}
        </section>
    }
}
