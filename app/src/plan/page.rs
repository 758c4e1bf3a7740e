//! A round's plan for everyone: while feedback runs, each plan item with a
//! form to react (agree, partly, disagree, and why); the results per group
//! as a table and a chart; where each item comes from; the children's-rights
//! check; clusters left out and why; who co-signed. Once final, each item's
//! draft and final text side by side, what was done with the feedback, and
//! progress. Printable: the final plan is the council's accountability
//! document.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::paragraphs;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::plan::{ChildRight, ReactionGroup, Stance};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCount {
    pub group: String,
    pub count: i64,
}

/// A cluster an item comes from, with its ideas counted per group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub cluster_id: i64,
    pub title: String,
    pub ideas: i64,
    pub per_group: Vec<GroupCount>,
}

/// One row of an item's reactions as `domain::tally::Table` allows it:
/// a group shown on its own, `together` (the rest) or `all` (everyone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRow {
    pub group: String,
    pub counts: [u32; 3],
    pub n: u32,
    /// Only from n = 10 on.
    pub percentages: Option<[u32; 3]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyView {
    /// Empty when the group is too small to be named.
    pub group: String,
    pub stance: String,
    pub text: String,
}

/// "Why" texts that say alike things, under a suggested title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhyGroupView {
    pub title: Option<String>,
    pub texts: Vec<WhyView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView {
    pub status: String,
    pub note: String,
    pub who: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnReaction {
    pub group: String,
    pub stance: String,
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub id: i64,
    pub number: usize,
    pub version: i64,
    pub title: String,
    pub description: String,
    pub final_title: Option<String>,
    pub final_description: Option<String>,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub spearhead: Option<(i64, String)>,
    pub partners: Vec<(i64, String)>,
    pub rights: Vec<String>,
    pub child_effect: Option<String>,
    pub child_note: String,
    pub sources: Vec<SourceView>,
    pub results: Vec<TallyRow>,
    /// One to four people reacted: the page says "fewer than 5" only.
    pub few_reactions: bool,
    pub whys: Vec<WhyGroupView>,
    pub progress: Vec<ProgressView>,
    pub own: Option<OwnReaction>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOutView {
    pub cluster_id: i64,
    pub title: String,
    pub ideas: i64,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureView {
    pub account_id: i64,
    pub name: String,
    pub objection: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub slug: String,
    pub round_title: String,
    pub challenge_slug: String,
    pub challenge_title: String,
    pub phase: String,
    pub closes_at: Option<DateTime<Utc>>,
    pub introduction: String,
    pub version: i64,
    pub sent: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub items: Vec<ItemView>,
    pub left_out: Vec<LeftOutView>,
    pub signatures: Vec<SignatureView>,
    /// Co-moderators who have not signed yet.
    pub waiting: Vec<(i64, String)>,
    /// Feedback runs: reacting is possible.
    pub reacting: bool,
    /// The submission key every reaction form of this page view carries,
    /// so that a reaction sent twice by a device without a code counts once.
    pub submission_key: String,
    /// The viewer counts as an experience expert (signed in as one).
    pub expert: bool,
}

/// The plan as residents see it; `None` while there is no plan out yet.
#[server(endpoint = "plan")]
pub async fn plan_data(slug: String) -> Result<Option<PlanView>, AppError> {
    let state = crate::web::state();
    let viewer = crate::web::access::require("/api/plan", None)?;
    let round = store::round::by_slug(&state.db, &slug).await?;
    let round = round
        .filter(|r| r.phase.is_public())
        .ok_or(AppError::NotFound)?;
    let code = crate::web::request::participant_code().map(|c| c.lookup_hash());
    let plan = crate::plan::data::view(&state, round, code, &viewer).await?;
    Ok(Some(plan).filter(|p| p.sent))
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let back = format!("/ronde/{slug}");
    view! {
        <Title text=i18n.t("plan.title")/>
        {loaded(plan_data(slug), move |data| match data {
            Ok(Some(plan)) => view! { <Plan plan/> }.into_any(),
            Ok(None) => view! {
                <h1>{i18n.t("plan.title")}</h1>
                <p>{i18n.t("plan.not_yet")}</p>
                <p><a href=back>{i18n.t("plan.back_to_round")}</a></p>
            }
            .into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Plan(plan: PlanView) -> impl IntoView {
    let i18n = use_i18n();
    let final_plan = plan.published_at.is_some();
    let heading = if final_plan {
        i18n.tf("plan.final_heading", &[("round", &plan.round_title)])
    } else {
        i18n.tf("plan.heading", &[("round", &plan.round_title)])
    };
    let lead = match (final_plan, plan.reacting, plan.closes_at) {
        (true, _, _) => i18n.t("plan.lead_final").to_owned(),
        (false, true, Some(until)) => i18n.tf(
            "plan.lead_feedback_until",
            &[("date", &format::date(i18n, until))],
        ),
        (false, true, None) => i18n.t("plan.lead_feedback").to_owned(),
        (false, false, _) => i18n.t("plan.lead_closed").to_owned(),
    };
    let published = plan.published_at.map(|at| {
        view! { <p class="meta">{i18n.tf("plan.published_on", &[("date", &format::date(i18n, at))])}</p> }
    });
    let reacting = plan.reacting;
    let expert = plan.expert;
    let slug = plan.slug.clone();
    let key = plan.submission_key.clone();
    let items = plan
        .items
        .into_iter()
        .map(|item| {
            let form = reacting.then(|| reaction_form(i18n, &slug, &key, &item, expert));
            view! {
                <PlanItem item=item.clone() final_plan/>
                {form}
            }
        })
        .collect_view();
    let contents = view! {
        <nav class="plan-contents" aria-label=i18n.t("plan.contents")>
            <a href="#plan-items">{i18n.t("plan.items")}</a>
            " · " <a href="#plan-left-out">{i18n.t("plan.left_out")}</a>
            " · " <a href=format!("/voortgang/{}", plan.challenge_slug)>{i18n.t("progress.title")}</a>
        </nav>
    };
    let site = crate::shell::use_site();
    let page_title = i18n.tf(
        "site.title",
        &[("page", &heading), ("municipality", &site.municipality)],
    );
    view! {
        <Title text=page_title/>
        <article class="plan" class:final-plan=final_plan>
            <p class="meta">{plan.challenge_title.clone()}</p>
            <h1>{heading.clone()}</h1>
            {published}
            <DoneNotice/>
            <FormErrors form="reaction"/>
            <p class="lead">{lead}</p>
            {paragraphs(&plan.introduction)}
            <Signatures signatures=plan.signatures.clone()/>
            {contents}
            <h2 id="plan-items">{i18n.t("plan.items")}</h2>
            {items}
            <LeftOut left_out=plan.left_out.clone()/>
            <p class="no-print"><a href=format!("/ronde/{}", plan.slug)>{i18n.t("plan.back_to_round")}</a></p>
        </article>
    }
}

/// "Gemaakt met ervaringsdeskundigen": who signed, and objections in their
/// own words.
#[component]
pub fn Signatures(signatures: Vec<SignatureView>) -> impl IntoView {
    let i18n = use_i18n();
    if signatures.is_empty() {
        return None;
    }
    let signed: Vec<String> = signatures
        .iter()
        .filter(|s| s.objection.is_none())
        .map(|s| s.name.clone())
        .collect();
    let objections = signatures
        .into_iter()
        .filter_map(|s| {
            let objection = s.objection?;
            Some(view! {
                <li><strong>{s.name}</strong> ": " <q>{objection}</q></li>
            })
        })
        .collect::<Vec<_>>();
    let signed = (!signed.is_empty()).then(|| {
        view! { <p>{i18n.tf("plan.made_with", &[("names", &signed.join(", "))])}</p> }
    });
    let objections = (!objections.is_empty()).then(|| {
        view! {
            <p>{i18n.t("plan.objections")}</p>
            <ul>{objections}</ul>
        }
    });
    Some(view! {
        <section class="signatures" aria-label=i18n.t("plan.signatures")>
            {signed}
            {objections}
        </section>
    })
}

fn outcome_label(i18n: I18n, outcome: &str) -> &'static str {
    i18n.t(&format!("plan.outcome.{outcome}"))
}

/// One plan item: its text (draft and final side by side once final),
/// where it comes from, domains, partners, the children's-rights check,
/// the results of the feedback and progress.
#[component]
pub fn PlanItem(item: ItemView, final_plan: bool) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = format!("punt-{}", item.id);
    let title = if final_plan {
        item.final_title
            .clone()
            .unwrap_or_else(|| item.title.clone())
    } else {
        item.title.clone()
    };
    let text = if final_plan {
        let outcome = item.outcome.clone().map(|o| {
            let note = item.outcome_note.clone().filter(|n| !n.is_empty());
            view! {
                <p class=format!("outcome outcome-{o}")>
                    <strong>{outcome_label(i18n, &o)}</strong>
                    {note.map(|n| view! { ": " {n} })}
                </p>
            }
        });
        let final_text = item
            .final_description
            .clone()
            .unwrap_or_else(|| item.description.clone());
        view! {
            {outcome}
            <div class="draft-final">
                <section>
                    <h4>{i18n.t("plan.draft")}</h4>
                    <p class="draft-title">{item.title.clone()}</p>
                    {paragraphs(&item.description)}
                </section>
                <section>
                    <h4>{i18n.t("plan.final")}</h4>
                    <p class="draft-title">{title.clone()}</p>
                    {paragraphs(&final_text)}
                </section>
            </div>
        }
        .into_any()
    } else {
        paragraphs(&item.description).into_any()
    };
    let facts = item_facts(i18n, &item);
    let sources = item
        .sources
        .iter()
        .map(|s| {
            let groups = s
                .per_group
                .iter()
                .map(|g| format!("{}: {}", i18n.t(&format!("group.{}", g.group)), g.count))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li>
                    {s.title.clone()} " · " {i18n.tn("plan.ideas", s.ideas)}
                    {(!groups.is_empty()).then(|| format!(" ({groups})"))}
                </li>
            }
        })
        .collect_view();
    let total: i64 = item.sources.iter().map(|s| s.ideas).sum();
    view! {
        <section class="plan-item" id=anchor aria-labelledby=format!("punt-{}-titel", item.id)>
            <h3 id=format!("punt-{}-titel", item.id)>
                <span class="item-number">{i18n.tf("plan.item_number", &[("n", &item.number.to_string())])}</span>
                " " {title}
            </h3>
            {text}
            {facts}
            <details class="sources" open=final_plan>
                <summary>{i18n.tn("plan.comes_from", total)}</summary>
                <ul>{sources}</ul>
            </details>
            <ChildRights item=item.clone()/>
            <Results results=item.results.clone() few=item.few_reactions whys=item.whys.clone()/>
            <ProgressList progress=item.progress.clone()/>
        </section>
    }
}

/// Domains, spearhead and partners in one line each.
fn item_facts(i18n: I18n, item: &ItemView) -> impl IntoView + use<> {
    let domains: Vec<&str> = [
        item.life_domain
            .as_deref()
            .map(|c| i18n.t(&format!("life_domain.{c}"))),
        item.policy_domain
            .as_deref()
            .map(|c| i18n.t(&format!("policy_domain.{c}"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let domains = (!domains.is_empty()).then(|| {
        view! { <dt>{i18n.t("plan.domains")}</dt><dd>{domains.join(", ")}</dd> }
    });
    let spearhead = item.spearhead.clone().map(|(_, title)| {
        view! { <dt>{i18n.t("plan.spearhead")}</dt><dd>{title}</dd> }
    });
    let partners = (!item.partners.is_empty()).then(|| {
        let names: Vec<String> = item.partners.iter().map(|(_, n)| n.clone()).collect();
        view! { <dt>{i18n.t("plan.partners")}</dt><dd>{names.join(", ")}</dd> }
    });
    view! { <dl class="facts">{domains}{spearhead}{partners}</dl> }
}

/// The children's-rights check (kinderrechtentoets) of an item.
#[component]
fn ChildRights(item: ItemView) -> impl IntoView {
    let i18n = use_i18n();
    let filled = domain::plan::child_check_filled(
        item.rights.len(),
        item.child_effect.is_some(),
        &item.child_note,
    );
    if !filled {
        return view! { <p class="child-rights meta">{i18n.t("plan.child_rights_none")}</p> }
            .into_any();
    }
    let rights = item
        .rights
        .iter()
        .filter_map(|code| ChildRight::from_code(code))
        .map(|right| {
            view! {
                <li>{i18n.t(&format!("child_right.{}", right.code()))}
                    " " <span class="meta">{i18n.tf("plan.article", &[("n", &right.article().to_string())])}</span>
                </li>
            }
        })
        .collect_view();
    let effect = item.child_effect.clone().map(|e| {
        view! { <p>{i18n.t("plan.child_effect")} ": " <strong>{i18n.t(&format!("child_effect.{e}"))}</strong></p> }
    });
    let note = (!item.child_note.is_empty()).then(|| view! { <p>{item.child_note.clone()}</p> });
    view! {
        <div class="child-rights">
            <h4>{i18n.t("plan.child_rights")}</h4>
            <ul>{rights}</ul>
            {effect}
            {note}
        </div>
    }
    .into_any()
}

/// The reactions per group: a table with counts (and percentages from
/// n = 10), a bar per group drawn in SVG that repeats the table, and the
/// "why" texts grouped by what they say. Under five reactions (`few`) only
/// that: the small-group rule shows nothing more.
#[component]
pub fn Results(results: Vec<TallyRow>, few: bool, whys: Vec<WhyGroupView>) -> impl IntoView {
    let i18n = use_i18n();
    let min = domain::disclosure::MIN_GROUP.to_string();
    if few {
        return Some(
            view! {
                <div class="results">
                    <h4>{i18n.tf("plan.reactions_few", &[("n", &min)])}</h4>
                    <p class="meta">{i18n.tf("disclosure.few_explained", &[("n", &min)])}</p>
                </div>
            }
            .into_any(),
        );
    }
    let all = results
        .iter()
        .find(|r| r.group == "all")
        .map(|r| r.n)
        .unwrap_or(0);
    if all == 0 {
        return None;
    }
    let group_name = |g: &str| {
        if g == "all" {
            i18n.t("plan.everyone")
        } else {
            i18n.t(&format!("reaction_group.{g}"))
        }
    };
    let cell = |row: &TallyRow, i: usize| {
        let percentage = row
            .percentages
            .map(|p| view! { " " <span class="pct">{format!("({}%)", p[i])}</span> });
        view! { {row.counts[i]} {percentage} }
    };
    let rows = results
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{group_name(&row.group)}</th>
                    <td>{cell(row, 0)}</td>
                    <td>{cell(row, 1)}</td>
                    <td>{cell(row, 2)}</td>
                    <td>{row.n}</td>
                </tr>
            }
        })
        .collect_view();
    let bars = results
        .iter()
        .filter(|r| r.percentages.is_some())
        .map(|row| bar(group_name(&row.group), row))
        .collect_view();
    let small = results.iter().any(|r| r.percentages.is_none());
    // Groups under five were left out of the rows (or added up).
    let in_rows: u32 = results
        .iter()
        .filter(|r| r.group != "all")
        .map(|r| r.n)
        .sum();
    let hidden = in_rows < all;
    let whys = (!whys.is_empty()).then(|| {
        let count: usize = whys.iter().map(|g| g.texts.len()).sum();
        let unnamed = whys.iter().flat_map(|g| &g.texts).any(|w| w.group.is_empty());
        let several = whys.len() > 1;
        let groups = whys
            .into_iter()
            .map(|g| {
                let texts = g
                    .texts
                    .into_iter()
                    .map(|w| {
                        // No name for a group too small to be shown.
                        let group = (!w.group.is_empty())
                            .then(|| format!("{} · ", group_name(&w.group)));
                        view! {
                            <li><q>{w.text}</q> " "
                                <span class="meta">{group} {i18n.t(&format!("stance.{}", w.stance))}</span>
                            </li>
                        }
                    })
                    .collect_view();
                let title = match g.title {
                    Some(title) => Some(title),
                    None if several => Some(i18n.t("plan.other_whys").to_owned()),
                    None => None,
                };
                view! {
                    {title.map(|t| view! { <h5>{t}</h5> })}
                    <ul class="whys">{texts}</ul>
                }
            })
            .collect_view();
        view! {
            <details class="why-texts">
                <summary>{i18n.tn("plan.why_count", count as i64)}</summary>
                {unnamed.then(|| view! { <p class="meta">{i18n.t("disclosure.why_unnamed")}</p> })}
                {groups}
            </details>
        }
    });
    Some(view! {
        <div class="results">
            <h4>{i18n.tn("plan.reactions", all as i64)}</h4>
            <div class="chart" aria-hidden="true">{bars}</div>
            // Focusable, so a keyboard can scroll it on a narrow screen.
            <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t("plan.result_caption")>
            <table class="result-table">
                <caption class="visually-hidden">{i18n.t("plan.result_caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("plan.group")}</th>
                        <th scope="col">{i18n.t("stance.agree")}</th>
                        <th scope="col">{i18n.t("stance.partly")}</th>
                        <th scope="col">{i18n.t("stance.disagree")}</th>
                        <th scope="col">{i18n.t("funnel.total")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
            {small.then(|| view! { <p class="meta">{i18n.tf("plan.small_n", &[("n", &domain::tally::PERCENT_FROM.to_string())])}</p> })}
            {hidden.then(|| view! { <p class="meta">{i18n.tf("dashboard.small_groups", &[("n", &min)])}</p> })}
            {whys}
        </div>
    }.into_any())
}

/// One group's stacked bar: agree, partly, disagree, as wide as their
/// percentages. The table above says the same in text.
fn bar(label: &'static str, row: &TallyRow) -> impl IntoView + use<> {
    let shares = row.percentages.unwrap_or_default();
    let parts = Stance::ALL
        .iter()
        .zip(shares)
        .map(|(stance, share)| (format!("bar-{}", stance.code()), f64::from(share)))
        .collect();
    stacked_bar(label.to_owned(), parts)
}

/// A labelled bar of parts (class, share of 100) side by side. Decoration
/// only: a table beside it always holds the numbers.
pub fn stacked_bar(label: String, parts: Vec<(String, f64)>) -> impl IntoView {
    let mut x = 0.0;
    let rects = parts
        .into_iter()
        .map(|(class, share)| {
            let rect = view! {
                <rect x=format!("{x:.2}") y="0" width=format!("{share:.2}") height="10" class=class/>
            };
            x += share;
            rect
        })
        .collect_view();
    view! {
        <div class="bar-row">
            <span>{label}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">{rects}</svg>
        </div>
    }
}

#[component]
pub fn ProgressList(progress: Vec<ProgressView>) -> impl IntoView {
    let i18n = use_i18n();
    if progress.is_empty() {
        return None;
    }
    let latest = progress[0].status.clone();
    let entries = progress
        .into_iter()
        .map(|p| {
            view! {
                <li>
                    <time datetime=p.at.to_rfc3339()>{format::date(i18n, p.at)}</time> " · "
                    <strong>{i18n.t(&format!("progress.{}", p.status))}</strong> " · " {p.who}
                    <br/>{p.note}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <div class="progress">
            // A status line, not a heading: the list sits under an item's
            // h3 on the plan page and under an h2 on the timeline.
            <p class="progress-now"><strong>{i18n.t("progress.now")} ": "</strong>
                <span class=format!("status status-{latest}")>{i18n.t(&format!("progress.{latest}"))}</span>
            </p>
            <ol class="timeline">{entries}</ol>
        </div>
    })
}

#[component]
fn LeftOut(left_out: Vec<LeftOutView>) -> impl IntoView {
    let i18n = use_i18n();
    let entries = left_out
        .into_iter()
        .map(|l| {
            let reason = l.reason.unwrap_or_default();
            view! {
                <li><strong>{l.title}</strong> " · " {i18n.tn("plan.ideas", l.ideas)}
                    <br/>{i18n.t("plan.because")} " " {reason}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let body = if entries.is_empty() {
        view! { <p>{i18n.t("plan.all_used")}</p> }.into_any()
    } else {
        view! { <ul class="left-out">{entries}</ul> }.into_any()
    };
    view! {
        <h2 id="plan-left-out">{i18n.t("plan.left_out")}</h2>
        <p>{i18n.t("plan.left_out_intro")}</p>
        {body}
    }
}

/// The form to react to one item. Works without JavaScript; the answer
/// returns to the item.
fn reaction_form(
    i18n: I18n,
    slug: &str,
    key: &str,
    item: &ItemView,
    expert: bool,
) -> impl IntoView + use<> {
    let own = item.own.clone().unwrap_or_default();
    let typed = feedback_for("reaction").filter(|f| f.value("item") == item.id.to_string());
    let (stance_now, why_now, group_now, lived_now) = match &typed {
        Some(f) => (
            f.value("stance"),
            f.value("why"),
            f.value("group"),
            f.value("lived_experience") == "yes",
        ),
        None => (
            own.stance.clone(),
            own.why.clone(),
            own.group.clone(),
            own.group == ReactionGroup::ExperienceExpert.code(),
        ),
    };
    let id = item.id;
    let stances = Stance::ALL
        .iter()
        .map(|s| {
            let input_id = format!("reactie-{id}-{}", s.code());
            view! {
                <label class="choice">
                    <input type="radio" id=input_id name="stance" value=s.code()
                        checked=stance_now == s.code() required=true/>
                    {i18n.t(&format!("stance.{}", s.code()))}
                </label>
            }
        })
        .collect_view();
    let group = if expert {
        view! { <p class="meta">{i18n.t("plan.counts_as_expert")}</p> }.into_any()
    } else {
        let options = ReactionGroup::CHOSEN
            .iter()
            .map(|g| {
                view! {
                    <option value=g.code() selected=group_now == g.code()>
                        {i18n.t(&format!("reaction_group.{}", g.code()))}
                    </option>
                }
            })
            .collect_view();
        let lived_id = format!("reactie-{id}-lived-experience");
        let hint_id = format!("{lived_id}-hint");
        view! {
            <div class="field">
                <label for=format!("reactie-{id}-group")>{i18n.t("plan.which_group")}</label>
                <select id=format!("reactie-{id}-group") name="group">{options}</select>
            </div>
            <div class="field choice">
                <input type="checkbox" id=lived_id.clone() name="lived_experience" value="yes"
                    checked=lived_now aria-describedby=hint_id.clone()/>
                <label for=lived_id>{i18n.t("plan.lived_experience_label")}</label>
                <p id=hint_id class="hint">{i18n.t("plan.lived_experience_hint")}</p>
            </div>
        }
        .into_any()
    };
    let saved = item.own.as_ref().map(|o| {
        view! {
            <p class="meta">{i18n.tf("plan.your_reaction", &[("stance", i18n.t(&format!("stance.{}", o.stance)))])}</p>
        }
    });
    let legend = i18n.tf("plan.what_do_you_think", &[("n", &item.number.to_string())]);
    view! {
        <form method="post" action=format!("/ronde/{slug}/plan") class="reaction-form no-print"
            id=format!("reactie-{id}")>
            <input type="hidden" name="item" value=id.to_string()/>
            <input type="hidden" name="key" value=key.to_owned()/>
            {saved}
            <fieldset class="choices">
                <legend>{legend}</legend>
                {stances}
            </fieldset>
            <div class="field">
                <label for=format!("reactie-{id}-why")>{i18n.t("plan.why")}</label>
                <textarea id=format!("reactie-{id}-why") name="why" rows="3"
                    maxlength=domain::plan::MAX_SHORT_CHARS.to_string()>{raw_text::textarea(why_now)}</textarea>
            </div>
            {group}
            <button type="submit" class="button primary">{i18n.t("plan.send_reaction")}</button>
        </form>
    }
}
