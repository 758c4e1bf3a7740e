//! A challenge's public dashboard ("Inzicht"): who took part in each round
//! and how, the funnel from ideas to plan, feedback per plan item, which
//! life and policy domains the plans cover, and progress per spearhead
//! between monitoring moments. Charts are SVG drawn on the server, each
//! with a text alternative and its data as a table; every number shows n.
//! Groups under five people are never shown on their own, nor can they be
//! worked out from a total (`domain::disclosure`).

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::page::loaded;
use crate::errors::AppError;
use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::dashboard::{Breakdown, Coverage, Funnel, Row};
use domain::disclosure::MIN_GROUP;
use domain::life_domain::LifeDomain;
use domain::plan::Progress;
use domain::policy_domain::PolicyDomain;
use domain::tally::{Tally, Who};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsView {
    /// People: `None` for 1 to 4 ("fewer than 5").
    pub contributors: Option<u64>,
    pub ideas: u64,
    pub dreams: u64,
    pub supports: u64,
    pub reactions: u64,
    pub reactors: Option<u64>,
}

/// Feedback on one plan item, per group under the small-group rule
/// (`domain::tally::Table`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFeedback {
    pub number: i64,
    pub title: String,
    pub rows: Vec<(Who, Tally)>,
    /// One to four people reacted: no rows, "fewer than 5".
    pub fewer: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInsight {
    pub slug: String,
    pub number: i64,
    pub title: String,
    pub phase: String,
    pub plan_sent: bool,
    pub totals: TotalsView,
    /// Contributors of ideas by group, channel and neighbourhood.
    pub by_group: Breakdown,
    pub by_channel: Breakdown,
    pub by_neighbourhood: Breakdown,
    /// People who reacted to the plan, by the group they reacted as.
    pub reactors: Breakdown,
    pub funnel: Funnel,
    pub feedback: Vec<ItemFeedback>,
}

/// Items of final plans per status, for one spearhead (`None`: items
/// without one), in `Progress::ALL` order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpearheadProgress {
    pub spearhead: Option<String>,
    pub counts: [u64; 4],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MomentView {
    pub id: i64,
    pub label: String,
    pub taken_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedView {
    /// "Rondkomen – punt 3: …"
    pub item: String,
    pub from: Option<String>,
    pub to: String,
}

/// Two monitoring moments side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub from: MomentView,
    pub to: MomentView,
    /// Per spearhead: counts at `from`, counts at `to`.
    pub per_spearhead: Vec<(Option<String>, [u64; 4], [u64; 4])>,
    /// Items whose status changed, and items new since `from` (`from`
    /// `None`).
    pub moved: Vec<MovedView>,
    pub unchanged: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub challenge_slug: String,
    pub challenge_title: String,
    /// Newest first.
    pub rounds: Vec<RoundInsight>,
    pub coverage: Coverage,
    pub spearheads: Vec<SpearheadProgress>,
    /// Newest first.
    pub moments: Vec<MomentView>,
    pub comparison: Option<Comparison>,
    /// The viewer may take a monitoring moment (staff).
    pub can_take_moment: bool,
}

#[server(endpoint = "dashboard")]
pub async fn dashboard_data(
    slug: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<DashboardView, AppError> {
    use domain::policy::{self, Permission};
    let viewer = crate::web::access::require("/api/dashboard", None)?;
    let state = crate::web::state();
    let challenge = store::challenge::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (data, (moments, states)) = tokio::try_join!(
        state.figures.dashboard(&state.db, challenge.id),
        store::insight::moments(&state.db, challenge.id),
    )?;
    if data.rounds.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut view = crate::insight::server::dashboard(&data, &moments, &states, from, to);
    view.challenge_slug = challenge.slug;
    view.challenge_title = challenge.challenge.title;
    view.can_take_moment = policy::allows(&viewer.actor, Permission::ManageRounds);
    Ok(view)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let (from, to) = use_query_map().with_untracked(|q| {
        (
            domain::bounded::optional_id(q.get("van").as_deref()),
            domain::bounded::optional_id(q.get("tot").as_deref()),
        )
    });
    view! {
        <Title text=i18n.t("dashboard.title")/>
        {loaded(dashboard_data(slug, from, to), move |data| match data {
            Ok(dashboard) => view! { <Dashboard dashboard/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Dashboard(dashboard: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let slug = dashboard.challenge_slug.clone();
    let contents = dashboard
        .rounds
        .iter()
        .map(|r| view! { <li><a href=format!("#ronde-{}", r.slug)>{r.title.clone()}</a></li> })
        .collect_view();
    let rounds = dashboard
        .rounds
        .into_iter()
        .map(|round| view! { <RoundSection round/> })
        .collect_view();
    view! {
        <p class="meta">{dashboard.challenge_title.clone()}</p>
        <h1>{i18n.t("dashboard.title")}</h1>
        <p class="lead">{i18n.t("dashboard.intro")}</p>
        <p class="meta">{i18n.tf("dashboard.small_groups", &[("n", &MIN_GROUP.to_string())])}</p>
        <nav aria-label=i18n.t("dashboard.contents") class="no-print">
            <ul class="link-list">
                {contents}
                <li><a href="#dekking">{i18n.t("dashboard.coverage")}</a></li>
                <li><a href="#voortgang">{i18n.t("dashboard.progress")}</a></li>
                <li><a href=format!("/voortgang/{slug}")>{i18n.t("dashboard.timeline")}</a></li>
                <li><a href="/api/v1/openapi.json">{i18n.t("dashboard.api")}</a></li>
            </ul>
        </nav>
        {rounds}
        <CoverageSection coverage=dashboard.coverage/>
        <section id="voortgang">
            <h2>{i18n.t("dashboard.progress")}</h2>
            <SpearheadTable rows=dashboard.spearheads caption=i18n.t("dashboard.progress_now").to_owned()/>
            <Moments slug=slug.clone() moments=dashboard.moments comparison=dashboard.comparison
                can_take=dashboard.can_take_moment/>
        </section>
    }
}

/// A breakdown's rows with translated labels: `prefix` names the locale
/// keys (`None`: the labels are names, '' is "not given").
fn labelled(i18n: I18n, b: &Breakdown, prefix: Option<&str>) -> Vec<(String, u64)> {
    b.rows
        .iter()
        .map(|row| match row {
            Row::Shown { label, count } => {
                let label = match prefix {
                    Some(prefix) => i18n.t(&format!("{prefix}.{label}")).to_owned(),
                    None if label.is_empty() => i18n.t("dashboard.not_given").to_owned(),
                    None => label.clone(),
                };
                (label, *count)
            }
            Row::Together { count } => (i18n.t("dashboard.together").to_owned(), *count),
        })
        .collect()
}

#[component]
fn RoundSection(round: RoundInsight) -> impl IntoView {
    let i18n = use_i18n();
    let slug = round.slug.clone();
    view! {
        <section class="insight-round" id=format!("ronde-{slug}")>
            <h2>{round.title.clone()}</h2>
            <p class="meta">{i18n.t(&format!("phase.{}", round.phase))}</p>
            <RoundFigures round/>
            <p class="no-print">
                <a href=format!("/ronde/{slug}/verslag")>{i18n.t("dashboard.report")}</a>
                " · "
                <a href=format!("/ronde/{slug}/export")>{i18n.t("dashboard.export_all")}</a>
            </p>
        </section>
    }
}

/// A round's numbers: who took part and how, the funnel, and feedback per
/// plan item. On the dashboard and in the round's report.
#[component]
pub fn RoundFigures(round: RoundInsight) -> impl IntoView {
    let i18n = use_i18n();
    let t = &round.totals;
    let totals = [
        ("dashboard.contributors", t.contributors),
        ("dashboard.ideas", Some(t.ideas)),
        ("dashboard.dreams", Some(t.dreams)),
        ("dashboard.supports", Some(t.supports)),
        ("dashboard.reactions", Some(t.reactions)),
    ]
    .into_iter()
    .map(|(key, n)| view! { <dt>{i18n.t(key)}</dt><dd>{shown(i18n, n)}</dd> })
    .collect_view();
    let charts = [
        ("dashboard.by_group", &round.by_group, Some("group")),
        (
            "dashboard.by_channel",
            &round.by_channel,
            Some("dashboard.channel"),
        ),
        ("dashboard.by_neighbourhood", &round.by_neighbourhood, None),
    ]
    .into_iter()
    .filter(|(_, b, _)| !b.is_empty())
    .map(|(key, b, prefix)| people_chart(i18n, key, b, prefix))
    .collect_view();
    let reactors = (!round.reactors.is_empty()).then(|| {
        people_chart(
            i18n,
            "dashboard.reactors",
            &round.reactors,
            Some("reaction_group"),
        )
    });
    let f = &round.funnel;
    let funnel_rows = vec![
        (i18n.t("dashboard.funnel_ideas").to_owned(), f.ideas),
        (i18n.t("dashboard.funnel_clustered").to_owned(), f.clustered),
        (
            i18n.t("dashboard.funnel_in_plan").to_owned(),
            f.ideas_in_plan,
        ),
    ];
    let summary = match f.in_plan_percent() {
        Some(p) if round.plan_sent => i18n.tf(
            "dashboard.funnel_summary",
            &[
                ("percent", &p.to_string()),
                ("clusters", &f.clusters.to_string()),
                ("used", &f.clusters_in_plan.to_string()),
                ("items", &f.plan_items.to_string()),
            ],
        ),
        _ => i18n.tf(
            "dashboard.funnel_no_plan",
            &[("clusters", &f.clusters.to_string())],
        ),
    };
    let feedback = (!round.feedback.is_empty())
        .then(|| view! { <FeedbackTable items=round.feedback.clone()/> });
    view! {
        <h3>{i18n.t("dashboard.who")}</h3>
        <dl class="facts">{totals}</dl>
        {charts}
        {reactors}
        <h3>{i18n.t("dashboard.funnel")}</h3>
        {(f.ideas > 0 && f.clusters > 0).then(|| view! {
            <BarChart caption=i18n.t("dashboard.funnel_caption").to_owned() rows=funnel_rows n=Some(f.ideas)
                suppressed=false head=i18n.t("dashboard.step").to_owned()/>
        })}
        <p>{summary}</p>
        {feedback}
    }
}

/// A breakdown of people as a bar chart; when every group is too small to
/// show, a sentence instead, since a chart without bars says nothing.
fn people_chart(i18n: I18n, key: &str, b: &Breakdown, prefix: Option<&str>) -> AnyView {
    if b.rows.is_empty() {
        return view! {
            <p class="meta">{i18n.t(key)} ": " {i18n.t("dashboard.all_too_small")} " " {in_all(i18n, b.n)}</p>
        }
        .into_any();
    }
    view! { <BarChart caption=i18n.t(key).to_owned() rows=labelled(i18n, b, prefix) n=b.n suppressed=b.suppressed/> }
        .into_any()
}

/// A count of people as it may be shown: the number, or "fewer than 5".
pub fn shown(i18n: I18n, n: Option<u64>) -> String {
    match n {
        Some(n) => n.to_string(),
        None => i18n.tf("disclosure.fewer", &[("n", &MIN_GROUP.to_string())]),
    }
}

/// "(62 in totaal)": the count a breakdown adds up to, in words, not "n".
pub fn in_all(i18n: I18n, n: Option<u64>) -> String {
    format!(
        "({})",
        i18n.tf("dashboard.in_all", &[("n", &shown(i18n, n))])
    )
}

/// Horizontal bars, a label above each, the count after it. The SVG has
/// its numbers as a text alternative; the table below holds the same data.
/// `n` is `None` for 1 to 4 people: then it reads "fewer than 5".
#[component]
pub fn BarChart(
    caption: String,
    rows: Vec<(String, u64)>,
    n: Option<u64>,
    suppressed: bool,
    // The heading of the table's first column (default: "Groep").
    #[prop(optional)] head: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = in_all(i18n, n);
    let n = shown(i18n, n);
    let max = rows.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let height = rows.len() * 34 + 4;
    let alt = format!(
        "{caption}: {} {total}",
        rows.iter()
            .map(|(label, count)| format!("{label} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let y = i * 34;
            // A zero is no bar at all, a small count still a visible one.
            let width = if *count == 0 {
                0.0
            } else {
                (*count as f64 / max as f64 * 250.0).round().max(2.0)
            };
            view! {
                <text x="0" y=(y + 12).to_string() class="chart-label">{label.clone()}</text>
                <rect x="0" y=(y + 16).to_string() width=width.to_string() height="14" class="chart-bar"/>
                <text x=(width + 6.0).to_string() y=(y + 28).to_string() class="chart-count">{*count}</text>
            }
        })
        .collect_view();
    let table_rows = rows
        .iter()
        .map(|(label, count)| view! { <tr><th scope="row">{label.clone()}</th><td>{*count}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{caption.clone()} " " <span class="meta">{total.clone()}</span></figcaption>
            <svg viewBox=format!("0 0 320 {height}") role="img" aria-label=alt focusable="false"
                preserveAspectRatio="xMinYMin meet">{bars}</svg>
            {suppressed.then(|| view! { <p class="meta">{i18n.t("dashboard.suppressed")}</p> })}
            <details class="chart-data">
                <summary>{i18n.t("dashboard.as_table")}</summary>
                <table>
                    <caption class="visually-hidden">{caption}</caption>
                    <thead><tr><th scope="col">{head.unwrap_or_else(|| i18n.t("dashboard.label").to_owned())}</th><th scope="col">{i18n.t("dashboard.count")}</th></tr></thead>
                    <tbody>{table_rows}</tbody>
                    <tfoot><tr><th scope="row">{i18n.t("funnel.total")}</th><td>{n}</td></tr></tfoot>
                </table>
            </details>
        </figure>
    }
}

#[component]
fn FeedbackTable(items: Vec<ItemFeedback>) -> impl IntoView {
    let i18n = use_i18n();
    let group = move |g: &Who| match g {
        Who::One(group) => i18n
            .t(&format!("reaction_group.{}", group.code()))
            .to_owned(),
        Who::Together => i18n.t("dashboard.together").to_owned(),
        Who::All => i18n.t("plan.everyone").to_owned(),
    };
    let bodies = items
        .into_iter()
        .map(|item| {
            let rows = item
                .rows
                .iter()
                .map(|(g, c)| {
                    view! {
                        <tr class=matches!(g, Who::All).then_some("total")>
                            <th scope="row">{group(g)}</th>
                            <td>{c.agree}</td><td>{c.partly}</td><td>{c.disagree}</td><td>{c.n()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let fewer = item.fewer.then(|| {
                view! {
                    <tr class="total">
                        <th scope="row">{i18n.t("plan.everyone")}</th>
                        <td colspan="4">{shown(i18n, None)}</td>
                    </tr>
                }
            });
            view! {
                <tbody>
                    <tr><th scope="rowgroup" colspan="5" class="item-head">
                        {i18n.tf("plan.item_number", &[("n", &item.number.to_string())])} " " {item.title}
                    </th></tr>
                    {rows}
                    {fewer}
                </tbody>
            }
        })
        .collect_view();
    view! {
        <h3>{i18n.t("dashboard.feedback")}</h3>
        <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t("dashboard.feedback")>
            <table class="result-table">
                <caption class="visually-hidden">{i18n.t("dashboard.feedback")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("plan.group")}</th>
                    <th scope="col">{i18n.t("stance.agree")}</th>
                    <th scope="col">{i18n.t("stance.partly")}</th>
                    <th scope="col">{i18n.t("stance.disagree")}</th>
                    <th scope="col">{i18n.t("funnel.total")}</th>
                </tr></thead>
                {bodies}
            </table>
        </div>
    }
}

#[component]
fn CoverageSection(coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let head = PolicyDomain::ALL
        .iter()
        .map(|p| view! { <th scope="col">{i18n.t(&format!("policy_domain.{}", p.code()))}</th> })
        .collect_view();
    let rows = LifeDomain::ALL
        .iter()
        .enumerate()
        .map(|(l, life)| {
            let cells = coverage.cells[l]
                .iter()
                .map(|c| {
                    if *c == 0 {
                        view! { <td class="blind">"0"</td> }.into_any()
                    } else {
                        view! { <td>{*c}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{i18n.t(&format!("life_domain.{}", life.code()))}</th>{cells}</tr> }
        })
        .collect_view();
    let pairs = LifeDomain::ALL.len() * PolicyDomain::ALL.len();
    let empty = coverage.empty_life_domains();
    let empty = (!empty.is_empty()).then(|| {
        let names = empty
            .iter()
            .map(|d| i18n.t(&format!("life_domain.{}", d.code())))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p>{i18n.tf("dashboard.empty_life_domains", &[("domains", &names)])}</p> }
    });
    view! {
        <section id="dekking">
            <h2>{i18n.t("dashboard.coverage")}</h2>
            <p>{i18n.tf("dashboard.coverage_summary", &[
                ("blind", &coverage.blind_spots().len().to_string()), ("pairs", &pairs.to_string()),
                ("n", &coverage.n.to_string())])}</p>
            {empty}
            {(coverage.unclassified > 0).then(|| view! {
                <p class="meta">{i18n.tn("dashboard.unclassified", coverage.unclassified as i64)}</p>
            })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t("dashboard.coverage")>
                <table class="coverage-table">
                    <caption class="visually-hidden">{i18n.t("dashboard.coverage_caption")}</caption>
                    <thead><tr><th scope="col">{i18n.t("dashboard.life_domain")}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn spearhead_name(i18n: I18n, spearhead: &Option<String>) -> String {
    spearhead
        .clone()
        .unwrap_or_else(|| i18n.t("dashboard.no_spearhead").to_owned())
}

/// Items per status and spearhead: stacked bars, and the table they show.
#[component]
fn SpearheadTable(rows: Vec<SpearheadProgress>, caption: String) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{i18n.t("progress.nothing_yet")}</p> }.into_any();
    }
    let head = Progress::ALL
        .iter()
        .map(|p| view! { <th scope="col">{i18n.t(&format!("progress.{}", p.code()))}</th> })
        .collect_view();
    let bars = rows
        .iter()
        .map(|row| stacked(spearhead_name(i18n, &row.spearhead), row.counts))
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = row
                .counts
                .iter()
                .map(|c| view! { <td>{*c}</td> })
                .collect_view();
            view! {
                <tr><th scope="row">{spearhead_name(i18n, &row.spearhead)}</th>{cells}
                    <td>{row.counts.iter().sum::<u64>()}</td></tr>
            }
        })
        .collect_view();
    let legend = Progress::ALL
        .iter()
        .map(|p| {
            view! {
                <li><span class=format!("swatch status-swatch-{}", p.code())></span>
                    {i18n.t(&format!("progress.{}", p.code()))}</li>
            }
        })
        .collect_view();
    let (heading, region) = (caption.clone(), caption.clone());
    view! {
        <h3>{heading}</h3>
        <div class="chart" aria-hidden="true">
            <ul class="legend">{legend}</ul>
            {bars}
        </div>
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="result-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr><th scope="col">{i18n.t("dashboard.spearhead")}</th>{head}<th scope="col">{i18n.t("dashboard.count_column")}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One stacked bar of status counts, as wide as their shares.
fn stacked(label: String, counts: [u64; 4]) -> impl IntoView {
    let n = counts.iter().sum::<u64>().max(1) as f64;
    let parts = Progress::ALL
        .iter()
        .zip(counts)
        .map(|(status, c)| {
            (
                format!("status-bar-{}", status.code()),
                c as f64 * 100.0 / n,
            )
        })
        .collect();
    crate::plan::page::stacked_bar(label, parts)
}

#[component]
fn Moments(
    slug: String,
    moments: Vec<MomentView>,
    comparison: Option<Comparison>,
    can_take: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let take = can_take.then(|| {
        let typed = feedback_for("moment");
        let label = typed.as_ref().map(|f| f.value("label")).unwrap_or_default();
        view! {
            <FormErrors form="moment"/>
            <DoneNotice/>
            <form method="post" action=format!("/inzicht/{slug}") class="narrow-form no-print" novalidate=true>
                <div class="field">
                    <label for="moment-label">{i18n.t("dashboard.moment_label")}</label>
                    <p class="hint" id="moment-label-hint">{i18n.t("dashboard.moment_hint")}</p>
                    <input type="text" id="moment-label" name="label" value=label maxlength="80"
                        aria-describedby="moment-label-hint"/>
                </div>
                <button type="submit" class="button primary">{i18n.t("dashboard.moment_take")}</button>
            </form>
        }
    });
    if moments.is_empty() {
        return view! {
            <h3>{i18n.t("dashboard.moments")}</h3>
            <p>{i18n.t("dashboard.no_moments")}</p>
            {take}
        }
        .into_any();
    }
    let options = |chosen: Option<i64>| {
        moments
            .iter()
            .map(|m| {
                view! {
                    <option value=m.id.to_string() selected=chosen == Some(m.id)>
                        {m.label.clone()} " (" {format::date(i18n, m.taken_at)} ")"
                    </option>
                }
            })
            .collect_view()
    };
    let chooser = (moments.len() >= 2).then(|| {
        let (from, to) = comparison
            .as_ref()
            .map(|c| (Some(c.from.id), Some(c.to.id)))
            .unwrap_or_default();
        view! {
            <form method="get" action=format!("/inzicht/{slug}#voortgang") class="inline-form no-print">
                <label for="moment-from">{i18n.t("dashboard.compare_from")}</label>
                <select id="moment-from" name="van">{options(from)}</select>
                <label for="moment-to">{i18n.t("dashboard.compare_to")}</label>
                <select id="moment-to" name="tot">{options(to)}</select>
                <button type="submit" class="button">{i18n.t("dashboard.compare")}</button>
            </form>
        }
    });
    let list = moments
        .iter()
        .map(|m| {
            view! {
                <li>{m.label.clone()} " · "
                    <time datetime=m.taken_at.to_rfc3339()>{format::date(i18n, m.taken_at)}</time></li>
            }
        })
        .collect_view();
    let compared = comparison.map(|c| {
        let head = Progress::ALL
            .iter()
            .map(|p| view! { <th scope="col">{i18n.t(&format!("progress.{}", p.code()))}</th> })
            .collect_view();
        let rows = c
            .per_spearhead
            .iter()
            .map(|(spearhead, before, after)| {
                let cells = before
                    .iter()
                    .zip(after)
                    .map(|(b, a)| {
                        let change = if a == b { String::new() } else { format!(" ({:+})", *a as i64 - *b as i64) };
                        view! { <td>{*b} " → " {*a} {change}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{spearhead_name(i18n, spearhead)}</th>{cells}</tr> }
            })
            .collect_view();
        let moved = if c.moved.is_empty() {
            view! { <p>{i18n.t("dashboard.nothing_moved")}</p> }.into_any()
        } else {
            let items = c
                .moved
                .iter()
                .map(|m| {
                    let from = m
                        .from
                        .as_ref()
                        .map(|f| i18n.t(&format!("progress.{f}")))
                        .unwrap_or_else(|| i18n.t("dashboard.new_item"));
                    view! { <li>{m.item.clone()} ": " {from} " → " <strong>{i18n.t(&format!("progress.{}", m.to))}</strong></li> }
                })
                .collect_view();
            view! { <ul class="link-list">{items}</ul> }.into_any()
        };
        let caption = i18n.tf("dashboard.compared", &[("from", &c.from.label), ("to", &c.to.label)]);
        let (heading, region) = (caption.clone(), caption.clone());
        view! {
            <h3>{heading}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="result-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead><tr><th scope="col">{i18n.t("dashboard.spearhead")}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h4>{i18n.t("dashboard.what_moved")}</h4>
            {moved}
            <p class="meta">{i18n.tn("dashboard.unchanged", c.unchanged as i64)}</p>
        }
    });
    view! {
        <h3>{i18n.t("dashboard.moments")}</h3>
        <p>{i18n.t("dashboard.moments_intro")}</p>
        <ul class="link-list">{list}</ul>
        {chooser}
        {compared}
        {take}
    }
    .into_any()
}
