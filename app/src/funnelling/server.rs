//! The funnelling workspace on the server: putting its page together with
//! suggestions from the offline analysis, and carrying out its forms
//! (placing ideas, renaming, merging and removing clusters, accepting and
//! dismissing suggestions, marking duplicates).

use crate::components::form_feedback::FormFeedback;
use crate::funnelling::page::{
    ClusterView, DuplicateView, FunnelIdeaView, FunnelLogView, FunnellingView, MAX_DUPLICATE_PAIRS,
    MAX_HINTS, MAX_SUGGESTIONS, SuggestionView, WorkerView,
};
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms::{FormError, Posted};
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::AccountActor;
use domain::cluster::{self, Destination, Member, Placed, SelectionError};
use domain::lifecycle::{self, RoundAction};
use domain::{Channel, ContributorGroup, LifeDomain, PolicyDomain};
use std::collections::HashMap;
use store::cluster::{Changed, FunnelIdea, Workspace};

fn idea_view(idea: &FunnelIdea) -> FunnelIdeaView {
    FunnelIdeaView {
        id: idea.id,
        text: idea.text.clone(),
        group: idea.contributor_group.clone(),
        channel: idea.channel.clone(),
        supports: idea.support_count,
        life_domain: idea.life_domain.clone(),
        policy_domain: idea.policy_domain.clone(),
        is_dream: idea.is_dream,
        seen: cluster::Seen {
            idea_id: idea.id,
            version: idea.funnel_version,
        }
        .value(),
        duplicates: Vec::new(),
        suggested_cluster: None,
        set_aside: idea
            .set_aside
            .clone()
            .map(|reason| (reason, idea.set_aside_note.clone())),
    }
}

fn member(idea: &FunnelIdea) -> Member {
    Member {
        group: ContributorGroup::from_code(&idea.contributor_group).unwrap_or_default(),
        channel: Channel::from_code(&idea.channel).unwrap_or_default(),
        supports: idea.support_count,
        life: idea.life_domain.as_deref().and_then(LifeDomain::from_code),
        policy: idea
            .policy_domain
            .as_deref()
            .and_then(PolicyDomain::from_code),
    }
}

/// The workspace page's data: the store's rows, with what the analysis
/// suggests. Runs off the async workers: it is CPU work.
pub fn view(
    round: store::round::Round,
    workspace: Workspace,
    dismissed: Vec<String>,
    log: Vec<store::cluster::LogEntry>,
    index: &analysis::Index,
) -> FunnellingView {
    let Workspace {
        clusters,
        workers,
        ideas,
        duplicates,
    } = workspace;
    let mut merged: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for d in duplicates {
        merged
            .entry(d.merged_into)
            .or_default()
            .push((d.id, d.text));
    }
    let with_duplicates = |idea: &FunnelIdea| {
        let mut view = idea_view(idea);
        view.duplicates = merged.get(&idea.id).cloned().unwrap_or_default();
        view
    };
    let members: Vec<(i64, Vec<i64>)> = clusters
        .iter()
        .map(|c| {
            let ids = ideas
                .iter()
                .filter(|i| i.cluster_id == Some(c.id))
                .map(|i| i.id)
                .collect();
            (c.id, ids)
        })
        .collect();
    let titles: HashMap<i64, &str> = clusters.iter().map(|c| (c.id, c.title.as_str())).collect();
    let unplaced_ideas: Vec<&FunnelIdea> = ideas
        .iter()
        .filter(|i| i.cluster_id.is_none() && i.set_aside.is_none())
        .collect();
    let unplaced_total = unplaced_ideas.len();
    // All on one page, so ideas can be ticked across the whole list; a
    // hint costs a pass over the round, so only the first ideas get one.
    let unplaced = unplaced_ideas
        .iter()
        .enumerate()
        .map(|(n, idea)| {
            let mut view = with_duplicates(idea);
            view.suggested_cluster = (n < MAX_HINTS)
                .then(|| index.suggest_cluster_for(idea.id, &members))
                .flatten()
                .and_then(|m| Some((m.cluster_id, (*titles.get(&m.cluster_id)?).to_owned())));
            view
        })
        .collect();
    let by_id: HashMap<i64, &FunnelIdea> = ideas.iter().map(|i| (i.id, i)).collect();
    let unplaced_ids: Vec<i64> = unplaced_ideas.iter().map(|i| i.id).collect();
    let suggestions = index
        .suggest_clusters(&unplaced_ids)
        .into_iter()
        .filter(|s| s.ids.len() >= 2)
        .map(|s| SuggestionView {
            key: cluster::suggestion_key(&s.ids),
            title: s.title,
            ideas: s
                .ids
                .iter()
                .filter_map(|id| by_id.get(id).map(|i| idea_view(i)))
                .collect(),
        })
        .filter(|s| !dismissed.contains(&s.key))
        .take(MAX_SUGGESTIONS)
        .collect();
    let pairs = index
        .near_duplicates(None)
        .into_iter()
        .filter_map(|pair| {
            let (a, b) = (by_id.get(&pair.a)?, by_id.get(&pair.b)?);
            // The better supported idea stays; on a tie, the earlier one.
            let (original, duplicate) = if b.support_count > a.support_count {
                (b, a)
            } else {
                (a, b)
            };
            Some(DuplicateView {
                original: idea_view(original),
                duplicate: idea_view(duplicate),
            })
        })
        .take(MAX_DUPLICATE_PAIRS)
        .collect();
    let coverage = cluster::coverage(
        &ideas
            .iter()
            .filter(|i| i.set_aside.is_none())
            .map(|i| {
                let m = member(i);
                Placed {
                    life: m.life,
                    policy: m.policy,
                    cluster: i.cluster_id,
                }
            })
            .collect::<Vec<_>>(),
    );
    let cluster_views = clusters
        .iter()
        .map(|c| {
            let in_cluster: Vec<&FunnelIdea> = ideas
                .iter()
                .filter(|i| i.cluster_id == Some(c.id))
                .collect();
            ClusterView {
                id: c.id,
                title: c.title.clone(),
                summary: c.summary.clone(),
                version: c.version,
                updated_at: c.updated_at,
                profile: cluster::profile(
                    &in_cluster.iter().map(|i| member(i)).collect::<Vec<_>>(),
                ),
                ideas: in_cluster.iter().map(|i| with_duplicates(i)).collect(),
                workers: workers
                    .iter()
                    .filter(|w| w.cluster_id == c.id)
                    .map(|w| WorkerView {
                        name: w.display_name.clone(),
                        role: w.role.clone(),
                        changes: w.changes,
                    })
                    .collect(),
            }
        })
        .collect();
    FunnellingView {
        slug: round.slug,
        title: round.title,
        open: lifecycle::allows(round.phase, RoundAction::Funnel),
        total: ideas.len(),
        unplaced,
        unplaced_total,
        clusters: cluster_views,
        set_aside: ideas
            .iter()
            .filter(|i| i.set_aside.is_some())
            .map(with_duplicates)
            .collect(),
        suggestions,
        duplicates: pairs,
        coverage,
        log: log
            .into_iter()
            .map(|l| FunnelLogView {
                who: l.who,
                role: l.role,
                action: l.action,
                cluster: l.cluster,
                detail: l.detail,
                at: l.created_at,
            })
            .collect(),
        meaning: None,
    }
}

/// A posted workspace form. Checkboxes repeat `idea`, so the body is read
/// as pairs.
#[derive(Debug, Default)]
struct FunnelFields {
    action: String,
    ideas: Vec<String>,
    destination: String,
    title: String,
    summary: String,
    note: String,
    cluster: String,
    version: String,
    target: String,
    key: String,
}

impl FunnelFields {
    fn from_pairs(pairs: Vec<(String, String)>) -> FunnelFields {
        let mut fields = FunnelFields::default();
        for (name, value) in pairs {
            let slot = match name.as_str() {
                "idea" => {
                    fields.ideas.push(value);
                    continue;
                }
                "action" => &mut fields.action,
                "destination" => &mut fields.destination,
                "title" => &mut fields.title,
                "summary" => &mut fields.summary,
                "note" => &mut fields.note,
                "cluster" => &mut fields.cluster,
                "version" => &mut fields.version,
                "target" => &mut fields.target,
                "key" => &mut fields.key,
                _ => continue,
            };
            *slot = value;
        }
        fields
    }
}

/// What went wrong with a form, to show on the page again.
fn refusal(
    fields: &FunnelFields,
    status: u16,
    code: &str,
    field: Option<&'static str>,
) -> FormFeedback {
    let mut feedback = FormFeedback::error("funnel", status, &format!("funnel.{code}"))
        .with("max", cluster::MAX_SELECTION.to_string())
        .typed("cluster", &fields.cluster)
        .typed("destination", &fields.destination)
        .typed("title", &fields.title)
        .typed("summary", &fields.summary)
        .typed("note", &fields.note);
    if let Some(field) = field {
        feedback = feedback.on(field);
    }
    feedback
}

pub async fn act(
    State(state): State<AppState>,
    SignedInAccount(AccountActor { account_id: me, .. }): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = FunnelFields::from_pairs(fields);
    let round = render::round_or_answer(&state, &parts, lang, &slug, false).await?;
    if !lifecycle::allows(round.phase, RoundAction::Funnel) {
        return Err(render::again(&state, parts, refusal(&fields, 409, "not_open", None)).await);
    }
    let forged = || FormError::Unreadable.response(lang, &state.site);
    let number = domain::bounded::natural;
    let at = Utc::now();
    let done = match fields.action.as_str() {
        "place" | "accept" => {
            let seen = match cluster::selection(&fields.ideas) {
                Ok(seen) => seen,
                Err(SelectionError::Unreadable) => return Err(forged()),
                Err(SelectionError::Empty) => {
                    return Err(render::again(
                        &state,
                        parts,
                        refusal(&fields, 422, "nothing_chosen", None),
                    )
                    .await);
                }
                Err(SelectionError::TooMany) => {
                    return Err(render::again(
                        &state,
                        parts,
                        refusal(&fields, 422, "too_many_chosen", None),
                    )
                    .await);
                }
            };
            let choice = if fields.action == "accept" {
                "new"
            } else {
                fields.destination.as_str()
            };
            let destination = match cluster::destination(choice, &fields.title, &fields.note) {
                Ok(destination) => destination,
                Err((None, _)) => return Err(forged()),
                Err((field, code)) => {
                    return Err(
                        render::again(&state, parts, refusal(&fields, 422, code, field)).await,
                    );
                }
            };
            let done = match &destination {
                Destination::NewCluster(_) => "cluster_created",
                Destination::Cluster(_) => "ideas_moved",
                Destination::Unplaced => "ideas_unplaced",
                Destination::SetAside(_) => "ideas_set_aside",
            };
            store::cluster::place(&state.db, round.id, seen, destination, me, at)
                .await
                .map(|changed| (changed, done))
        }
        "rename" => {
            let (Some(cluster_id), Some(version)) =
                (number(&fields.cluster), number(&fields.version))
            else {
                return Err(forged());
            };
            let text = match cluster::cluster_text(&fields.title, &fields.summary) {
                Ok(text) => text,
                Err((field, code)) => {
                    return Err(render::again(
                        &state,
                        parts,
                        refusal(&fields, 422, code, Some(field)),
                    )
                    .await);
                }
            };
            store::cluster::rename(&state.db, round.id, cluster_id, version, text, me, at)
                .await
                .map(|changed| (changed, "cluster_saved"))
        }
        "merge" => {
            let (Some(cluster_id), Some(version), Some(target)) = (
                number(&fields.cluster),
                number(&fields.version),
                number(&fields.target),
            ) else {
                return Err(forged());
            };
            if cluster_id == target {
                return Err(render::again(
                    &state,
                    parts,
                    refusal(&fields, 422, "same_cluster", None),
                )
                .await);
            }
            store::cluster::merge(&state.db, round.id, cluster_id, version, target, me, at)
                .await
                .map(|changed| (changed, "clusters_merged"))
        }
        "remove" => {
            let (Some(cluster_id), Some(version)) =
                (number(&fields.cluster), number(&fields.version))
            else {
                return Err(forged());
            };
            store::cluster::remove(&state.db, round.id, cluster_id, version, me, at)
                .await
                .map(|changed| (changed, "cluster_removed"))
        }
        "dismiss" => {
            // Only a key the page could have made: ids and commas.
            if fields.key.is_empty()
                || fields.key.len() > 10_000
                || !fields.key.chars().all(|c| c.is_ascii_digit() || c == ',')
            {
                return Err(forged());
            }
            store::cluster::dismiss(&state.db, round.id, fields.key.clone(), me, at)
                .await
                .map(|()| (Changed::Done { cluster_id: None }, "suggestion_dismissed"))
        }
        "duplicate" => {
            let (Some(idea), Some(target)) = (
                fields.ideas.first().and_then(|i| number(i)),
                number(&fields.target),
            ) else {
                return Err(forged());
            };
            let merge = store::moderation::Action::MergeInto { target };
            store::moderation::act(&state.db, round.id, idea, merge, me, at)
                .await
                .map(|acted| match acted {
                    store::moderation::Acted::Done => {
                        (Changed::Done { cluster_id: None }, "merged")
                    }
                    _ => (Changed::Conflict, "merged"),
                })
        }
        _ => return Err(forged()),
    };
    Ok(match done.or_unavailable(lang, &state.site)? {
        (Changed::Done { cluster_id }, done) => {
            let anchor = cluster_id
                .map(|id| format!("#thema-{id}"))
                .unwrap_or_default();
            Redirect::to(&format!("/ronde/{slug}/trechter?gedaan={done}{anchor}")).into_response()
        }
        (Changed::Conflict, _) => {
            render::again(&state, parts, refusal(&fields, 409, "conflict", None)).await
        }
        (Changed::Gone, _) => {
            render::again(&state, parts, refusal(&fields, 409, "gone", None)).await
        }
    })
}
