//! The funnelling workspace of one round (staff and the round's
//! co-moderators): ideas not yet placed, clusters with their ideas and who
//! worked on them, suggested clusters and possible duplicates computed on
//! this server, ideas set aside, coverage of life × policy domains, and the
//! log. Works without JavaScript: checkboxes and one form to move them.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{DoneNotice, FormErrors, feedback_for};
use crate::components::funnel_board::FunnelBoard;
use crate::components::island_scripts::IslandScripts;
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::cluster::{Coverage, Profile, SetAsideReason};
use domain::{LifeDomain, PolicyDomain};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// Ideas not yet placed that get a "Past misschien bij" hint, in order.
pub const MAX_HINTS: usize = 100;
pub const LOG_SIZE: i64 = 30;
pub const MAX_SUGGESTIONS: usize = 5;
pub const MAX_DUPLICATE_PAIRS: usize = 10;
/// The form that every idea's checkbox belongs to.
pub const MOVE_FORM: &str = "verplaats";
/// The browser files with the staff pages' islands (see `scripts/build`).
pub const STAFF_BUNDLE: &str = "trechter_staff";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelIdeaView {
    pub id: i64,
    pub text: String,
    pub group: String,
    pub channel: String,
    pub supports: i64,
    pub life_domain: Option<String>,
    pub policy_domain: Option<String>,
    pub is_dream: bool,
    /// The checkbox value: `id:version`.
    pub seen: String,
    /// Duplicates merged into this idea: (id, text).
    pub duplicates: Vec<(i64, String)>,
    /// The cluster the analysis would put it in: (id, title).
    pub suggested_cluster: Option<(i64, String)>,
    /// Set aside: (reason code, note).
    pub set_aside: Option<(String, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerView {
    pub name: String,
    pub role: String,
    pub changes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterView {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub ideas: Vec<FunnelIdeaView>,
    pub profile: Profile,
    pub workers: Vec<WorkerView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub title: String,
    /// The dismissal key: its ideas' ids.
    pub key: String,
    pub ideas: Vec<FunnelIdeaView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateView {
    pub original: FunnelIdeaView,
    pub duplicate: FunnelIdeaView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelLogView {
    pub who: String,
    pub role: String,
    pub action: String,
    pub cluster: Option<String>,
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnellingView {
    pub slug: String,
    pub title: String,
    /// The round is in its funnelling phase: changes are possible.
    pub open: bool,
    pub total: usize,
    pub unplaced: Vec<FunnelIdeaView>,
    pub unplaced_total: usize,
    pub clusters: Vec<ClusterView>,
    pub set_aside: Vec<FunnelIdeaView>,
    pub suggestions: Vec<SuggestionView>,
    pub duplicates: Vec<DuplicateView>,
    pub coverage: Coverage,
    pub log: Vec<FunnelLogView>,
    /// Said when the suggestions work from the words alone, for some
    /// ideas or all.
    pub meaning: Option<MeaningNotice>,
}

/// Why suggestions work from the words alone, with an embeddings endpoint
/// set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeaningNotice {
    /// The endpoint does not answer.
    Down,
    /// These ideas are not read for their meaning yet.
    Behind(usize),
}

#[server(endpoint = "funnelling")]
pub async fn funnelling_data(slug: String) -> Result<FunnellingView, AppError> {
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug).await?;
    crate::web::access::require("/api/funnelling", round.as_ref().map(|r| r.id))?;
    let round = round.ok_or(AppError::NotFound)?;
    let (workspace, dismissed, log) = tokio::try_join!(
        store::cluster::workspace(&state.db, round.id),
        store::cluster::dismissed(&state.db, round.id),
        store::cluster::log(&state.db, round.id, LOG_SIZE),
    )?;
    let ideas = std::sync::Arc::new(
        workspace
            .ideas
            .iter()
            .map(|i| (i.id, i.text.clone()))
            .collect::<Vec<_>>(),
    );
    let (index, coverage) = crate::web::index_cache::round_index(&state, round.id, ideas).await?;
    let meaning = match state.meaning.status() {
        crate::web::meaning::Status::Off => None,
        crate::web::meaning::Status::Down => Some(MeaningNotice::Down),
        crate::web::meaning::Status::Up(_) => (coverage.with_meaning < coverage.ideas)
            .then(|| MeaningNotice::Behind(coverage.ideas - coverage.with_meaning)),
    };
    // Suggestions take a moment for large rounds: off the async workers.
    tokio::task::spawn_blocking(move || {
        let mut view = crate::funnelling::server::view(round, workspace, dismissed, log, &index);
        view.meaning = meaning;
        view
    })
    .await
    .map_err(|_| AppError::Unavailable)
}

#[component]
pub fn FunnellingPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("funnel.title")/>
        {loaded(funnelling_data(slug), move |data| match data {
            // The island's script only where changes are possible: a page
            // that only shows needs none.
            Ok(funnelling) if funnelling.open => {
                view! {
                    <FunnelBoard><Funnelling funnelling/></FunnelBoard>
                    <IslandScripts bundle=STAFF_BUNDLE/>
                }
                .into_any()
            }
            Ok(funnelling) => view! { <Funnelling funnelling/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

/// "Bewoner · 3× gesteund · Thuis, Werk en inkomen": an idea's facts.
fn idea_meta(i18n: I18n, idea: &FunnelIdeaView) -> String {
    let mut parts = vec![
        format!("#{}", idea.id),
        i18n.t(&format!("group.{}", idea.group)).to_owned(),
    ];
    if idea.channel != "online" {
        parts.push(i18n.t(&format!("channel.{}", idea.channel)).to_owned());
    }
    if idea.is_dream {
        parts.push(i18n.t("funnel.dream").to_owned());
    }
    parts.push(i18n.tn("support.count", idea.supports));
    let labels: Vec<&str> = [
        idea.life_domain
            .as_deref()
            .map(|c| i18n.t(&format!("life_domain.{c}"))),
        idea.policy_domain
            .as_deref()
            .map(|c| i18n.t(&format!("policy_domain.{c}"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !labels.is_empty() {
        parts.push(labels.join(", "));
    }
    parts.join(" · ")
}

/// One idea with its checkbox in the move form; `prefix` keeps ids unique
/// when an idea shows twice (in a suggestion too).
fn idea_item(
    idea: &FunnelIdeaView,
    form: Option<&'static str>,
    prefix: &str,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let box_id = format!("{prefix}-{}", idea.id);
    let duplicates = (!idea.duplicates.is_empty()).then(|| {
        let items = idea
            .duplicates
            .iter()
            .map(|(id, text)| view! { <li>{format!("#{id}: {text}")}</li> })
            .collect_view();
        view! {
            <details class="duplicates">
                <summary>{i18n.tn("funnel.also_said", idea.duplicates.len() as i64)}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let suggested = idea.suggested_cluster.as_ref().map(|(_, title)| {
        view! { <p class="hint">{i18n.tf("funnel.fits", &[("cluster", title)])}</p> }
    });
    let aside = idea.set_aside.as_ref().map(|(reason, note)| {
        let reason = i18n.t(&format!("funnel.aside.{reason}"));
        let text = match note {
            Some(note) => format!("{reason}: {note}"),
            None => reason.to_owned(),
        };
        view! { <p class="status">{text}</p> }
    });
    let checkbox = form.map(|form| {
        view! {
            <input type="checkbox" id=box_id.clone() name="idea" value=idea.seen.clone() form=form/>
        }
    });
    view! {
        <li class="funnel-idea" id=format!("{prefix}-idee-{}", idea.id)>
            <div class="choice">
                {checkbox}
                <label for=box_id>
                    <span class="idea-text">{idea.text.clone()}</span>
                    <span class="meta">{idea_meta(i18n, idea)}</span>
                </label>
            </div>
            {aside}
            {suggested}
            {duplicates}
        </li>
    }
}

fn profile_line(i18n: I18n, profile: &Profile) -> String {
    let mut parts = vec![
        i18n.tn("funnel.ideas", profile.ideas as i64),
        i18n.tn("support.count", profile.supports),
    ];
    parts.extend(
        profile
            .groups
            .iter()
            .map(|(group, n)| format!("{} {n}", i18n.t(&format!("group.{}", group.code())))),
    );
    if profile.offline > 0 {
        parts.push(format!("{} {}", i18n.t("funnel.offline"), profile.offline));
    }
    parts.join(" · ")
}

fn domains_line(i18n: I18n, profile: &Profile) -> Option<String> {
    let names: Vec<String> = profile
        .life
        .iter()
        .map(|(d, n)| format!("{} {n}", i18n.t(&format!("life_domain.{}", d.code()))))
        .chain(
            profile
                .policy
                .iter()
                .map(|(d, n)| format!("{} {n}", i18n.t(&format!("policy_domain.{}", d.code())))),
        )
        .collect();
    (!names.is_empty()).then(|| names.join(" · "))
}

fn workers_line(i18n: I18n, workers: &[WorkerView]) -> Option<String> {
    let names: Vec<String> = workers
        .iter()
        .map(|w| format!("{} ({})", w.name, i18n.t(&format!("role.{}", w.role))))
        .collect();
    (!names.is_empty()).then(|| i18n.tf("funnel.worked_on_by", &[("names", &names.join(", "))]))
}

#[component]
fn ClusterSection(
    cluster: ClusterView,
    others: Vec<(i64, String)>,
    action: String,
    open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for("funnel");
    let mine = feedback
        .as_ref()
        .filter(|f| f.value("cluster") == cluster.id.to_string());
    let typed = |field: &str| mine.map(|f| f.value(field));
    let heading_id = format!("thema-{}-titel", cluster.id);
    let labelled_by = heading_id.clone();
    let (title_id, summary_id, target_id) = (
        format!("funnel-title-{}", cluster.id),
        format!("funnel-summary-{}", cluster.id),
        format!("funnel-target-{}", cluster.id),
    );
    let ideas = cluster
        .ideas
        .iter()
        .map(|idea| idea_item(idea, open.then_some(MOVE_FORM), "kies"))
        .collect_view();
    let version = cluster.version.to_string();
    let id = cluster.id.to_string();
    let targets = others
        .into_iter()
        .map(|(other, title)| view! { <option value=other.to_string()>{title}</option> })
        .collect_view();
    let edit = open.then(|| view! {
        <details class="cluster-edit" open=mine.is_some()>
            <summary>{i18n.t("funnel.edit")}</summary>
            <form method="post" action=action.clone() novalidate=true>
                <input type="hidden" name="action" value="rename"/>
                <input type="hidden" name="cluster" value=id.clone()/>
                <input type="hidden" name="version" value=version.clone()/>
                <label for=title_id.clone()>{i18n.t("funnel.cluster_title")}</label>
                <input type="text" id=title_id name="title" maxlength="120"
                    value=typed("title").unwrap_or(cluster.title.clone())/>
                <label for=summary_id.clone()>{i18n.t("funnel.summary")}</label>
                <p class="hint">{i18n.t("funnel.summary_hint")}</p>
                <textarea id=summary_id name="summary" rows="3">{raw_text::textarea(typed("summary").unwrap_or(cluster.summary.clone()))}</textarea>
                <button type="submit" class="button">{i18n.t("funnel.save")}</button>
            </form>
            <form method="post" action=action.clone() class="inline-form">
                <input type="hidden" name="action" value="merge"/>
                <input type="hidden" name="cluster" value=id.clone()/>
                <input type="hidden" name="version" value=version.clone()/>
                <label for=target_id.clone()>{i18n.t("funnel.merge_into")}</label>
                <select id=target_id name="target">{targets}</select>
                <button type="submit" class="button">{i18n.t("funnel.merge")}</button>
            </form>
            <form method="post" action=action.clone() class="inline-form">
                <input type="hidden" name="action" value="remove"/>
                <input type="hidden" name="cluster" value=id.clone()/>
                <input type="hidden" name="version" value=version.clone()/>
                <p class="hint">{i18n.t("funnel.remove_hint")}</p>
                <button type="submit" class="button secondary">{i18n.t("funnel.remove")}</button>
            </form>
        </details>
    });
    view! {
        <section class="cluster" id=format!("thema-{}", cluster.id) aria-labelledby=labelled_by
            data-drop=open.then(|| format!("cluster-{}", cluster.id))>
            <h3 id=heading_id>{cluster.title.clone()}</h3>
            {(!cluster.summary.is_empty()).then(|| view! { <p>{cluster.summary.clone()}</p> })}
            <p class="meta">{profile_line(i18n, &cluster.profile)}</p>
            {domains_line(i18n, &cluster.profile).map(|line| view! { <p class="meta">{line}</p> })}
            {workers_line(i18n, &cluster.workers).map(|line| view! { <p class="meta">{line}</p> })}
            <ul class="funnel-ideas">{ideas}</ul>
            {edit}
        </section>
    }
}

#[component]
fn Suggestion(suggestion: SuggestionView, number: usize, action: String) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("voorstel-{number}-titel");
    let ideas = suggestion
        .ideas
        .iter()
        .map(|idea| {
            let box_id = format!("voorstel-{number}-{}", idea.id);
            view! {
                <li class="funnel-idea">
                    <div class="choice">
                        <input type="checkbox" id=box_id.clone() name="idea" value=idea.seen.clone() checked=true/>
                        <label for=box_id>
                            <span class="idea-text">{idea.text.clone()}</span>
                            <span class="meta">{idea_meta(i18n, idea)}</span>
                        </label>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="suggestion">
            <form method="post" action=action.clone() novalidate=true>
                <input type="hidden" name="action" value="accept"/>
                <label for=title_id.clone()>{i18n.t("funnel.cluster_title")}</label>
                <input type="text" id=title_id name="title" maxlength="120" value=suggestion.title.clone()/>
                <ul class="funnel-ideas">{ideas}</ul>
                <button type="submit" class="button">{i18n.t("funnel.accept")}</button>
            </form>
            <form method="post" action=action class="inline-form">
                <input type="hidden" name="action" value="dismiss"/>
                <input type="hidden" name="key" value=suggestion.key.clone()/>
                <button type="submit" class="button secondary">{i18n.t("funnel.dismiss")}</button>
            </form>
        </li>
    }
}

/// The form every checkbox belongs to: where the chosen ideas go.
#[component]
fn MoveForm(clusters: Vec<(i64, String)>, action: String) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for("funnel").filter(|f| f.value("cluster").is_empty());
    let typed = |field: &str| {
        feedback
            .as_ref()
            .map(|f| f.value(field))
            .unwrap_or_default()
    };
    let chosen = typed("destination");
    let options = clusters
        .into_iter()
        .map(|(id, title)| {
            let value = format!("cluster-{id}");
            view! { <option value=value.clone() selected=chosen == value>{title}</option> }
        })
        .collect_view();
    let reasons = SetAsideReason::ALL
        .into_iter()
        .map(|r| {
            let value = format!("aside:{}", r.code());
            let label = i18n.t(&format!("funnel.aside.{}", r.code()));
            view! { <option value=value.clone() selected=chosen == value>{label}</option> }
        })
        .collect_view();
    let open_details = !typed("title").is_empty()
        || !typed("note").is_empty()
        || feedback
            .as_ref()
            .is_some_and(|f| matches!(f.field, Some("title" | "note")));
    view! {
        <form method="post" action=action id=MOVE_FORM class="move-bar" novalidate=true
            aria-labelledby="funnel-move-title">
            <h2 id="funnel-move-title" class="visually-hidden">{i18n.t("funnel.move_title")}</h2>
            <input type="hidden" name="action" value="place"/>
            // Heard, not seen: the first choice says it in fewer words.
            <label for="funnel-destination" class="visually-hidden">{i18n.t("funnel.move_label")}</label>
            <select id="funnel-destination" name="destination">
                <option value="">{i18n.t("funnel.move_to")}</option>
                <option value="new" selected=chosen == "new">{i18n.t("funnel.to_new")}</option>
                <optgroup label=i18n.t("funnel.clusters") data-themes="">{options}</optgroup>
                <option value="unplaced" selected=chosen == "unplaced">{i18n.t("funnel.to_unplaced")}</option>
                // The reason is the choice: setting aside takes no second field.
                <optgroup label=i18n.t("funnel.to_aside")>{reasons}</optgroup>
            </select>
            <button type="submit" class="button">{i18n.t("funnel.move")}</button>
            // Open when it holds what was typed, or what the error asks for:
            // without JavaScript a closed one hides the missing field.
            <details open=open_details>
                <summary>{i18n.t("funnel.move_details")}</summary>
                <label for="funnel-title">{i18n.t("funnel.new_title")}</label>
                <input type="text" id="funnel-title" name="title" maxlength="120" value=typed("title")/>
                <label for="funnel-note">{i18n.t("funnel.aside_note")}</label>
                <p class="hint" id="funnel-note-hint">{i18n.t("funnel.aside_note_hint")}</p>
                <input type="text" id="funnel-note" name="note" maxlength="300" value=typed("note")
                    aria-describedby="funnel-note-hint"/>
            </details>
        </form>
    }
}

/// The keyboard shortcuts, shown once the island runs (they need it).
fn shortcuts(i18n: I18n, clusters: &[(i64, String)]) -> impl IntoView + use<> {
    let keys = [
        ("j / k", "funnel.key.step"),
        ("spatie", "funnel.key.toggle"),
        ("1–9", "funnel.key.cluster"),
        ("n", "funnel.key.new"),
        ("u", "funnel.key.unplaced"),
        ("a", "funnel.key.aside"),
    ]
    .into_iter()
    .map(|(key, what)| {
        let key = if key == "spatie" {
            i18n.t("funnel.key.space")
        } else {
            key
        };
        view! { <li><kbd>{key}</kbd> " " {i18n.t(what)}</li> }
    })
    .collect_view();
    let numbered = clusters
        .iter()
        .take(9)
        .enumerate()
        .map(|(n, (_, title))| view! { <li><kbd>{(n + 1).to_string()}</kbd> " " {title.clone()}</li> })
        .collect_view();
    view! {
        <details class="shortcuts" hidden=true data-needs-script="" data-choose-first=i18n.t("funnel.choose_first")>
            <summary>{i18n.t("funnel.shortcuts")}</summary>
            <p class="hint">{i18n.t("funnel.shortcuts_hint")}</p>
            <ul>{keys}</ul>
            {(!clusters.is_empty()).then(|| view! {
                <p>{i18n.t("funnel.key.clusters")}</p>
                <ul>{numbered}</ul>
            })}
            <p class="hint">{i18n.t("funnel.key.drag")}</p>
        </details>
    }
}

fn coverage_table(i18n: I18n, coverage: &Coverage) -> impl IntoView + use<> {
    let column_names: Vec<String> = PolicyDomain::ALL
        .iter()
        .map(|d| i18n.t(&format!("policy_domain.{}", d.code())).to_owned())
        .chain([i18n.t("funnel.no_label").to_owned()])
        .collect();
    let row_names: Vec<String> = LifeDomain::ALL
        .iter()
        .map(|d| i18n.t(&format!("life_domain.{}", d.code())).to_owned())
        .chain([i18n.t("funnel.no_label").to_owned()])
        .collect();
    let cell_text = |cell: &domain::cluster::Cell| {
        if cell.ideas == 0 {
            "—".to_owned()
        } else {
            i18n.tf(
                "funnel.cell",
                &[
                    ("ideas", &cell.ideas.to_string()),
                    ("clusters", &cell.clusters.to_string()),
                ],
            )
        }
    };
    let head = column_names
        .iter()
        .map(|name| view! { <th scope="col">{name.clone()}</th> })
        .collect_view();
    let rows = coverage
        .cells
        .iter()
        .zip(&row_names)
        .zip(&coverage.row_totals)
        .map(|((cells, name), total)| {
            let cells = cells
                .iter()
                .map(|cell| view! { <td class=(cell.ideas == 0).then_some("empty")>{cell_text(cell)}</td> })
                .collect_view();
            view! { <tr><th scope="row">{name.clone()}</th>{cells}<td>{cell_text(total)}</td></tr> }
        })
        .collect_view();
    let totals = coverage
        .column_totals
        .iter()
        .map(|cell| view! { <td>{cell_text(cell)}</td> })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="funnel-coverage-title" tabindex="0">
            <table class="coverage">
                <caption>{i18n.t("funnel.coverage_caption")}</caption>
                <thead><tr><td></td>{head}<th scope="col">{i18n.t("funnel.total")}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{i18n.t("funnel.total")}</th>{totals}<td>{cell_text(&coverage.total)}</td></tr></tfoot>
            </table>
        </div>
    }
}

#[component]
fn Funnelling(funnelling: FunnellingView) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/ronde/{}/trechter", funnelling.slug);
    let open = funnelling.open;
    let cluster_names: Vec<(i64, String)> = funnelling
        .clusters
        .iter()
        .map(|c| (c.id, c.title.clone()))
        .collect();
    let form = open.then_some(MOVE_FORM);
    let unplaced = funnelling
        .unplaced
        .iter()
        .map(|idea| idea_item(idea, form, "kies"))
        .collect_view();
    let clusters = funnelling
        .clusters
        .iter()
        .map(|cluster| {
            let others = cluster_names
                .iter()
                .filter(|(id, _)| *id != cluster.id)
                .cloned()
                .collect();
            view! { <ClusterSection cluster=cluster.clone() others action=action.clone() open/> }
        })
        .collect_view();
    let suggestions = funnelling
        .suggestions
        .iter()
        .enumerate()
        .map(|(n, s)| view! { <Suggestion suggestion=s.clone() number=n + 1 action=action.clone()/> })
        .collect_view();
    let duplicates = funnelling
        .duplicates
        .iter()
        .map(|pair| {
            view! {
                <li class="duplicate-pair">
                    <p class="idea-text">{format!("#{}: {}", pair.original.id, pair.original.text)}</p>
                    <p class="idea-text">{format!("#{}: {}", pair.duplicate.id, pair.duplicate.text)}</p>
                    {open.then(|| view! {
                        <form method="post" action=action.clone() class="inline-form">
                            <input type="hidden" name="action" value="duplicate"/>
                            <input type="hidden" name="idea" value=pair.duplicate.id.to_string()/>
                            <input type="hidden" name="target" value=pair.original.id.to_string()/>
                            <button type="submit" class="button">
                                {i18n.tf("funnel.mark_duplicate", &[("duplicate", &format!("#{}", pair.duplicate.id)), ("original", &format!("#{}", pair.original.id))])}
                            </button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let set_aside = funnelling
        .set_aside
        .iter()
        .map(|idea| idea_item(idea, form, "kies"))
        .collect_view();
    let log = funnelling
        .log
        .iter()
        .map(|l| {
            let what = i18n.tf(
                &format!("funnel.log.{}", l.action),
                &[("cluster", l.cluster.as_deref().unwrap_or("—"))],
            );
            view! {
                <li>
                    {format!(
                        "{} · {} ({}) · {what}{}",
                        format::date_time(i18n, l.at),
                        l.who,
                        i18n.t(&format!("role.{}", l.role)),
                        l.detail.as_deref().map(|d| format!(" — {d}")).unwrap_or_default(),
                    )}
                </li>
            }
        })
        .collect_view();
    let counts = i18n.tf(
        "funnel.counts",
        &[
            ("unplaced", &funnelling.unplaced_total.to_string()),
            ("total", &funnelling.total.to_string()),
            ("clusters", &funnelling.clusters.len().to_string()),
            ("aside", &funnelling.set_aside.len().to_string()),
        ],
    );
    view! {
        <div class="funnel-head">
            <p class="eyebrow"><a href=format!("/ronde/{}", funnelling.slug)>{funnelling.title.clone()}</a>
                " · " <a href=format!("/ronde/{}/plan/werk", funnelling.slug)>{i18n.t("plan_work.title")}</a></p>
            <h1>{i18n.t("funnel.title")}</h1>
        </div>
        <DoneNotice/>
        // Every error of the page's forms shows here, first thing read.
        <FormErrors form="funnel"/>
        {(!open).then(|| view! { <p class="notice">{i18n.t("funnel.closed")}</p> })}
        {funnelling.meaning.map(|notice| view! {
            <p class="notice" role="status">{match notice {
                MeaningNotice::Down => i18n.t("funnel.meaning_down").to_owned(),
                MeaningNotice::Behind(n) => i18n.tn("funnel.meaning_behind", n as i64),
            }}</p>
        })}
        // Short on top, so the ideas start on the first screen.
        <div class="funnel-tools">
            <details class="funnel-help">
                <summary>{i18n.t("funnel.how")}</summary>
                <p>{i18n.t("funnel.intro")}</p>
            </details>
            {open.then(|| shortcuts(i18n, &cluster_names))}
        </div>
        <div class="funnel-bar">
            <p class="funnel-counts" role="status">{counts}</p>
            <nav class="tabs" aria-label=i18n.t("funnel.sections")>
                <a href="#nog-niet-geplaatst">{i18n.t("funnel.unplaced")}</a>
                <a href="#voorstellen">{i18n.t("funnel.suggestions")}</a>
                <a href="#themas">{i18n.t("funnel.clusters")}</a>
                <a href="#dekking">{i18n.t("funnel.coverage")}</a>
            </nav>
        </div>
        // Scrolling columns only when their ideas have checkboxes: a region that
        // scrolls needs something in it to reach by keyboard.
        <div class="funnel-columns" class:scrolling=open>
        <div class="funnel-column">
        <section id="nog-niet-geplaatst" aria-labelledby="funnel-unplaced-title"
            data-drop=open.then_some("unplaced")>
            <h2 id="funnel-unplaced-title">{i18n.t("funnel.unplaced")} {format!(" ({})", funnelling.unplaced_total)}</h2>
            {if funnelling.unplaced.is_empty() {
                view! { <p>{i18n.t("funnel.all_placed")}</p> }.into_any()
            } else {
                view! { <ul class="funnel-ideas">{unplaced}</ul> }.into_any()
            }}
        </section>
        <section id="voorstellen" aria-labelledby="funnel-suggestions-title">
            <h2 id="funnel-suggestions-title">{i18n.t("funnel.suggestions")}</h2>
            <p class="hint">{i18n.t("funnel.suggestions_hint")}</p>
            {if funnelling.suggestions.is_empty() || !open {
                view! { <p>{i18n.t("funnel.no_suggestions")}</p> }.into_any()
            } else {
                view! { <ol class="suggestions">{suggestions}</ol> }.into_any()
            }}
            {(!funnelling.duplicates.is_empty()).then(|| view! {
                <h3>{i18n.t("funnel.possible_duplicates")}</h3>
                <p class="hint">{i18n.t("funnel.duplicates_hint")}</p>
                <ul class="duplicate-pairs">{duplicates}</ul>
            })}
        </section>
        </div>
        <div class="funnel-column">
        <section id="themas" aria-labelledby="funnel-clusters-title">
            <h2 id="funnel-clusters-title">{i18n.t("funnel.clusters")} {format!(" ({})", funnelling.clusters.len())}</h2>
            {if funnelling.clusters.is_empty() {
                view! { <p>{i18n.t("funnel.no_clusters")}</p> }.into_any()
            } else {
                clusters.into_any()
            }}
        </section>
        <section aria-labelledby="funnel-aside-title">
            <h2 id="funnel-aside-title">{i18n.t("funnel.set_aside")} {format!(" ({})", funnelling.set_aside.len())}</h2>
            {if funnelling.set_aside.is_empty() {
                view! { <p>{i18n.t("funnel.none_aside")}</p> }.into_any()
            } else {
                view! { <ul class="funnel-ideas">{set_aside}</ul> }.into_any()
            }}
        </section>
        </div>
        </div>
        <section id="dekking" aria-labelledby="funnel-coverage-title">
            <h2 id="funnel-coverage-title">{i18n.t("funnel.coverage")}</h2>
            <p class="hint">{i18n.t("funnel.coverage_hint")}</p>
            {coverage_table(i18n, &funnelling.coverage)}
        </section>
        <section aria-labelledby="funnel-log-title">
            <h2 id="funnel-log-title">{i18n.t("funnel.log_title")}</h2>
            {if funnelling.log.is_empty() {
                view! { <p>{i18n.t("funnel.log_empty")}</p> }.into_any()
            } else {
                view! { <ul class="log">{log}</ul> }.into_any()
            }}
        </section>
        {open.then(|| view! { <MoveForm clusters=cluster_names.clone() action=action.clone()/> })}
    }
}
