//! The dashboard on the server: turning the store's raw counts into what
//! the page shows, through the rules of `domain::dashboard` (so every
//! number can be checked by hand against fixtures), and taking monitoring
//! moments.

use crate::components::form_feedback::FormFeedback;
use crate::insight::dashboard::{
    Comparison, DashboardView, ItemFeedback, MomentView, MovedView, RoundInsight,
    SpearheadProgress, TotalsView,
};
use crate::web::AppState;
use crate::web::access::SignedInAccount;
use crate::web::forms::{Pairs, Posted};
use crate::web::render;
use crate::web::render::{Answer, OrUnavailable};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use domain::dashboard::{self, Breakdown, States};
use domain::disclosure;
use domain::life_domain::LifeDomain;
use domain::plan::{Progress, ReactionGroup, Stance};
use domain::policy_domain::PolicyDomain;
use domain::tally::{ItemResult, Table};
use std::collections::BTreeMap;
use store::insight::{Count, Dashboard, Moment, MomentState, Taken};

/// Longest label of a monitoring moment.
pub const MAX_MOMENT_LABEL: usize = 80;

fn breakdown(counts: &[Count], round_id: i64) -> Breakdown {
    let map: BTreeMap<String, u64> = counts
        .iter()
        .filter(|c| c.round_id == round_id)
        .map(|c| (c.label.clone(), c.count.max(0) as u64))
        .collect();
    dashboard::breakdown(&map)
}

/// The dashboard of a challenge from its counts and monitoring moments,
/// comparing moments `from` and `to` (default: the two newest).
pub fn dashboard(
    data: &Dashboard,
    moments: &[Moment],
    states: &[MomentState],
    from: Option<i64>,
    to: Option<i64>,
) -> DashboardView {
    let rounds = data
        .rounds
        .iter()
        .rev()
        .map(|round| round_insight(data, round))
        .collect();
    let coverage = dashboard::coverage(
        &data
            .items
            .iter()
            .filter(|i| i.outcome.as_deref() != Some("dropped"))
            .map(|i| {
                (
                    i.life_domain.as_deref().and_then(LifeDomain::from_code),
                    i.policy_domain.as_deref().and_then(PolicyDomain::from_code),
                )
            })
            .collect::<Vec<_>>(),
    );
    let current: BTreeMap<i64, Progress> = data
        .items
        .iter()
        .filter(|i| i.published && i.outcome.as_deref() != Some("dropped"))
        .map(|i| {
            let status = i.latest_status.as_deref().and_then(Progress::from_code);
            (i.id, status.unwrap_or(Progress::NotStarted))
        })
        .collect();
    DashboardView {
        challenge_slug: String::new(),
        challenge_title: String::new(),
        rounds,
        coverage,
        spearheads: per_spearhead(data, &current)
            .into_iter()
            .map(|(spearhead, counts)| SpearheadProgress { spearhead, counts })
            .collect(),
        moments: moments.iter().map(moment_view).collect(),
        comparison: comparison(data, moments, states, from, to),
        can_take_moment: false,
    }
}

fn round_insight(data: &Dashboard, round: &store::insight::RoundRow) -> RoundInsight {
    let totals = data
        .totals
        .iter()
        .find(|t| t.round_id == round.id)
        .cloned()
        .unwrap_or_default();
    let ideas: Vec<Option<i64>> = data
        .idea_clusters
        .iter()
        .filter(|i| i.round_id == round.id)
        .map(|i| i.cluster_id)
        .collect();
    let clusters: Vec<i64> = data
        .clusters
        .iter()
        .filter(|c| c.round_id == round.id)
        .map(|c| c.id)
        .collect();
    let items: Vec<&store::insight::ItemRow> = data
        .items
        .iter()
        .filter(|i| i.round_id == round.id)
        .collect();
    let item_clusters: Vec<Vec<i64>> = items
        .iter()
        .map(|item| {
            data.item_clusters
                .iter()
                .filter(|l| l.id == item.id)
                .filter_map(|l| l.other)
                .collect()
        })
        .collect();
    let feedback = items
        .iter()
        .filter_map(|item| {
            let table = Table::of(&result(
                data.stances.iter().filter(|s| s.item_id == item.id),
            ));
            (table.fewer || !table.rows.is_empty()).then(|| ItemFeedback {
                number: item.position,
                title: item.title.clone(),
                rows: table.rows,
                fewer: table.fewer,
            })
        })
        .collect();
    let count = |n: i64| n.max(0) as u64;
    RoundInsight {
        slug: round.slug.clone(),
        number: round.number,
        title: round.title.clone(),
        phase: round.phase.clone(),
        plan_sent: round.plan_sent,
        // Counts of people go through the small-group rule; ideas, dreams,
        // supports and reactions are public contributions, not people.
        totals: TotalsView {
            contributors: disclosure::total(count(totals.contributors)),
            ideas: count(totals.ideas),
            dreams: count(totals.dreams),
            supports: count(totals.supports),
            reactions: count(totals.reactions),
            reactors: disclosure::total(count(totals.reactors)),
        },
        by_group: breakdown(&data.by_group, round.id),
        by_channel: breakdown(&data.by_channel, round.id),
        by_neighbourhood: breakdown(&data.by_neighbourhood, round.id),
        reactors: breakdown(&data.reactors_by_group, round.id),
        funnel: dashboard::funnel(&ideas, &clusters, &item_clusters),
        feedback,
    }
}

/// One item's reactions from the store's rows counted per group and
/// stance, for [`Table::of`].
pub fn result<'a>(rows: impl Iterator<Item = &'a store::insight::StanceRow>) -> ItemResult {
    let mut result = ItemResult::default();
    for row in rows {
        if let (Some(group), Some(stance)) = (
            ReactionGroup::from_code(&row.reaction_group),
            Stance::from_code(&row.stance),
        ) {
            result.add(group, stance, u32::try_from(row.count).unwrap_or(0));
        }
    }
    result
}

/// Counts per status for each spearhead (in the order the items name
/// them, items without a spearhead last), over the items in `states`.
fn per_spearhead(data: &Dashboard, states: &States) -> Vec<(Option<String>, [u64; 4])> {
    let mut order: Vec<Option<String>> = Vec::new();
    let mut spearheads = data.items.clone();
    spearheads.sort_by_key(|i| (i.spearhead_id.is_none(), i.spearhead_id));
    for item in &spearheads {
        if states.contains_key(&item.id) && !order.contains(&item.spearhead_title) {
            order.push(item.spearhead_title.clone());
        }
    }
    order
        .into_iter()
        .map(|spearhead| {
            let of_this = data
                .items
                .iter()
                .filter(|i| i.spearhead_title == spearhead)
                .filter_map(|i| states.get(&i.id));
            let counts = dashboard::status_counts(of_this);
            (spearhead, counts)
        })
        .collect()
}

fn moment_view(m: &Moment) -> MomentView {
    MomentView {
        id: m.id,
        label: m.label.clone(),
        taken_at: m.taken_at,
    }
}

fn states_of(states: &[MomentState], moment_id: i64) -> States {
    states
        .iter()
        .filter(|s| s.moment_id == moment_id)
        .filter_map(|s| Some((s.item_id, Progress::from_code(&s.status)?)))
        .collect()
}

/// Moments `from` and `to` compared (the two newest by default; `from`
/// is always the earlier of the two).
fn comparison(
    data: &Dashboard,
    moments: &[Moment],
    states: &[MomentState],
    from: Option<i64>,
    to: Option<i64>,
) -> Option<Comparison> {
    let find = |id: Option<i64>, default: usize| match id {
        Some(id) => moments.iter().find(|m| m.id == id),
        None => moments.get(default),
    };
    let (mut a, mut b) = (find(from, 1)?, find(to, 0)?);
    if a.id == b.id {
        return None;
    }
    if a.taken_at > b.taken_at {
        std::mem::swap(&mut a, &mut b);
    }
    let (before, after) = (states_of(states, a.id), states_of(states, b.id));
    let movement = dashboard::movement(&before, &after);
    let before_counts = per_spearhead(data, &before);
    let per_spearhead = per_spearhead(data, &after)
        .into_iter()
        .map(|(spearhead, counts)| {
            let then = before_counts
                .iter()
                .find(|(s, _)| *s == spearhead)
                .map(|(_, c)| *c)
                .unwrap_or_default();
            (spearhead, then, counts)
        })
        .collect();
    let name = |item_id: i64| {
        let item = data.items.iter().find(|i| i.id == item_id);
        let round = item.and_then(|i| data.rounds.iter().find(|r| r.id == i.round_id));
        match (item, round) {
            (Some(item), Some(round)) => {
                format!("{} – {}. {}", round.title, item.position, item.title)
            }
            _ => item_id.to_string(),
        }
    };
    let mut moved: Vec<MovedView> = movement
        .moved
        .iter()
        .map(|(id, from, to)| MovedView {
            item: name(*id),
            from: Some(from.code().to_owned()),
            to: to.code().to_owned(),
        })
        .collect();
    moved.extend(movement.new.iter().map(|(id, to)| MovedView {
        item: name(*id),
        from: None,
        to: to.code().to_owned(),
    }));
    Some(Comparison {
        from: moment_view(a),
        to: moment_view(b),
        per_spearhead,
        moved,
        unchanged: movement.unchanged,
    })
}

/// Staff take a monitoring moment of the challenge, labelled as they say.
pub async fn take_moment(
    State(state): State<AppState>,
    SignedInAccount(account): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Answer {
    let fields = Pairs(fields);
    let challenge = match store::challenge::id_by_slug(&state.db, &slug)
        .await
        .or_unavailable(lang, &state.site)?
    {
        Some(id) => id,
        None => return Err(render::page(&state, parts, StatusCode::NOT_FOUND, || ()).await),
    };
    let label = fields.get("label").trim().to_owned();
    let typed = |f: FormFeedback| {
        f.typed("label", &label)
            .with("max", MAX_MOMENT_LABEL.to_string())
    };
    let problem = if label.is_empty() {
        Some("error.moment_label_missing")
    } else if label.chars().count() > MAX_MOMENT_LABEL {
        Some("error.moment_label_too_long")
    } else {
        None
    };
    Ok({
        if let Some(code) = problem {
            let feedback = typed(FormFeedback::error("moment", 422, code).on("label"));
            return Err(render::again(&state, parts, feedback).await);
        }
        match store::insight::take_moment(
            &state.db,
            challenge,
            label.clone(),
            Utc::now(),
            account.account_id,
        )
        .await
        {
            Ok(Taken::Done { .. }) => {
                Redirect::to(&format!("/inzicht/{slug}?gedaan=moment_taken#voortgang"))
                    .into_response()
            }
            Ok(Taken::LabelTaken) => {
                let feedback = typed(
                    FormFeedback::error("moment", 409, "error.moment_label_taken").on("label"),
                );
                render::again(&state, parts, feedback).await
            }
            Err(error) => render::unavailable(lang, &state.site, &error),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::dashboard::Row;
    use domain::tally::Who;
    use store::insight::{IdeaCluster, ItemRow, Pair, RoundRow, StanceRow, Totals};

    fn count(round_id: i64, label: &str, count: i64) -> Count {
        Count {
            round_id,
            label: label.into(),
            count,
        }
    }

    fn item(id: i64, round_id: i64, position: i64, spearhead: Option<(i64, &str)>) -> ItemRow {
        ItemRow {
            id,
            round_id,
            position,
            title: format!("Punt {position}"),
            life_domain: Some("home".into()),
            policy_domain: Some("housing".into()),
            spearhead_id: spearhead.map(|s| s.0),
            spearhead_title: spearhead.map(|s| s.1.to_owned()),
            outcome: Some("kept".into()),
            published: true,
            latest_status: None,
        }
    }

    /// Two rounds: round 1 (closed, final plan of 3 items) and round 2
    /// (collecting). Numbers below are worked out by hand.
    fn fixture() -> Dashboard {
        let round = |id, number, phase: &str, published| RoundRow {
            id,
            number,
            slug: format!("ronde-{id}"),
            title: format!("Ronde {id}"),
            phase: phase.into(),
            plan_sent: published,
            plan_published: published,
        };
        let mut items = vec![
            item(11, 1, 1, Some((1, "Schulden"))),
            item(12, 1, 2, Some((1, "Schulden"))),
            item(13, 1, 3, None),
            item(14, 1, 4, Some((2, "Wonen"))),
        ];
        items[1].latest_status = Some("in_progress".into());
        items[1].policy_domain = Some("care".into());
        items[2].latest_status = Some("done".into());
        items[2].life_domain = None;
        items[3].outcome = Some("dropped".into());
        Dashboard {
            rounds: vec![
                round(1, 1, "closed", true),
                round(2, 2, "collecting", false),
            ],
            // Round 1: 12 residents, 4 experience experts, 3 young people.
            by_group: vec![
                count(1, "resident", 12),
                count(1, "experience_expert", 4),
                count(1, "young_person", 3),
                count(2, "resident", 2),
            ],
            by_channel: vec![count(1, "online", 15), count(1, "paper", 4)],
            by_neighbourhood: vec![count(1, "Noord", 6), count(1, "", 13)],
            reactors_by_group: vec![count(1, "resident", 9), count(1, "professional", 1)],
            totals: vec![Totals {
                round_id: 1,
                contributors: 19,
                ideas: 20,
                dreams: 2,
                supports: 30,
                reactions: 14,
                reactors: 10,
            }],
            // 6 ideas: clusters 100, 100, 101, 102, none, none.
            idea_clusters: [Some(100), Some(100), Some(101), Some(102), None, None]
                .into_iter()
                .map(|cluster_id| IdeaCluster {
                    round_id: 1,
                    cluster_id,
                })
                .chain([IdeaCluster {
                    round_id: 2,
                    cluster_id: None,
                }])
                .collect(),
            clusters: [100, 101, 102]
                .into_iter()
                .map(|id| Pair {
                    round_id: 1,
                    id,
                    other: None,
                })
                .collect(),
            // Items 11 and 12 from cluster 100, item 13 from 102.
            item_clusters: [(11, 100), (12, 100), (13, 102)]
                .into_iter()
                .map(|(id, c)| Pair {
                    round_id: 1,
                    id,
                    other: Some(c),
                })
                .collect(),
            items,
            stances: vec![
                StanceRow {
                    item_id: 11,
                    reaction_group: "resident".into(),
                    stance: "agree".into(),
                    count: 6,
                },
                StanceRow {
                    item_id: 11,
                    reaction_group: "resident".into(),
                    stance: "disagree".into(),
                    count: 2,
                },
                StanceRow {
                    item_id: 11,
                    reaction_group: "professional".into(),
                    stance: "partly".into(),
                    count: 1,
                },
            ],
        }
    }

    #[test]
    fn every_number_of_a_round_by_hand() {
        let view = dashboard(&fixture(), &[], &[], None, None);
        // Newest round first.
        assert_eq!(view.rounds[0].slug, "ronde-2");
        let r = &view.rounds[1];
        assert_eq!(r.totals.contributors, Some(19));
        assert_eq!(r.totals.dreams, 2);
        // 4 + 3 people are two small groups: together 7, shown as such.
        assert_eq!(
            r.by_group.rows,
            vec![
                Row::Shown {
                    label: "resident".into(),
                    count: 12
                },
                Row::Together { count: 7 }
            ]
        );
        assert_eq!(r.by_group.n, Some(19));
        // 4 on paper alone: online 15 would give it away, so only n.
        assert!(r.by_channel.rows.is_empty());
        assert!(r.by_channel.suppressed);
        assert_eq!(r.by_channel.n, Some(19));
        // One professional reacted: never shown apart, nor by 10 − 9.
        assert!(r.reactors.rows.is_empty());
        assert_eq!(r.reactors.n, Some(10));
        // Funnel: 6 ideas, 4 clustered, 3 clusters, 2 in the plan (100,
        // 102), 4 items, ideas in plan: 100, 100, 102 = 3 → 50 %.
        let f = &r.funnel;
        assert_eq!(
            (
                f.ideas,
                f.clustered,
                f.clusters,
                f.clusters_in_plan,
                f.plan_items,
                f.ideas_in_plan
            ),
            (6, 4, 3, 2, 4, 3)
        );
        assert_eq!(f.in_plan_percent(), Some(50));
        // Round 2 has one unplaced idea and no plan.
        assert_eq!(view.rounds[0].funnel.ideas, 1);
        assert_eq!(view.rounds[0].by_group.rows.len(), 0);
        assert_eq!(view.rounds[0].by_group.n, None, "2 people: fewer than 5");
    }

    #[test]
    fn feedback_per_item_hides_the_lone_professional() {
        let view = dashboard(&fixture(), &[], &[], None, None);
        let feedback = &view.rounds[1].feedback;
        assert_eq!(feedback.len(), 1, "only item 11 has reactions");
        assert_eq!(feedback[0].number, 1);
        // Residents 8 and one professional: 9 − 8 would show the
        // professional, so only everyone is shown.
        let groups: Vec<Who> = feedback[0].rows.iter().map(|(g, _)| *g).collect();
        assert_eq!(groups, vec![Who::All]);
        assert_eq!(feedback[0].rows[0].1.n(), 9);
        assert_eq!(feedback[0].rows[0].1.partly, 1);
    }

    #[test]
    fn coverage_and_progress_leave_dropped_items_out() {
        let view = dashboard(&fixture(), &[], &[], None, None);
        // Items 11 (home × housing), 12 (home × care), 13 (no life domain).
        assert_eq!(view.coverage.n, 3);
        assert_eq!(view.coverage.unclassified, 1);
        assert_eq!(view.coverage.cells[0][1], 1, "home × housing");
        assert_eq!(view.coverage.cells[0][2], 1, "home × care");
        // Schulden: 11 not started, 12 in progress; none: 13 done.
        assert_eq!(
            view.spearheads,
            vec![
                SpearheadProgress {
                    spearhead: Some("Schulden".into()),
                    counts: [1, 1, 0, 0]
                },
                SpearheadProgress {
                    spearhead: None,
                    counts: [0, 0, 1, 0]
                },
            ]
        );
    }

    #[test]
    fn moments_compare_the_two_newest_and_name_what_moved() {
        let at = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, d, 1)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
        };
        let moments = vec![
            Moment {
                id: 3,
                label: "Juni".into(),
                taken_at: at(6),
            },
            Moment {
                id: 2,
                label: "Maart".into(),
                taken_at: at(3),
            },
            Moment {
                id: 1,
                label: "Januari".into(),
                taken_at: at(1),
            },
        ];
        let state = |moment_id, item_id, status: &str| MomentState {
            moment_id,
            item_id,
            status: status.into(),
        };
        let states = vec![
            state(1, 11, "not_started"),
            state(2, 11, "not_started"),
            state(2, 12, "not_started"),
            state(3, 11, "in_progress"),
            state(3, 12, "not_started"),
            state(3, 13, "done"),
        ];
        let view = dashboard(&fixture(), &moments, &states, None, None);
        let c = view.comparison.expect("two moments to compare");
        assert_eq!(
            (c.from.label.as_str(), c.to.label.as_str()),
            ("Maart", "Juni")
        );
        assert_eq!(c.unchanged, 1);
        assert_eq!(
            c.moved,
            vec![
                MovedView {
                    item: "Ronde 1 – 1. Punt 1".into(),
                    from: Some("not_started".into()),
                    to: "in_progress".into()
                },
                MovedView {
                    item: "Ronde 1 – 3. Punt 3".into(),
                    from: None,
                    to: "done".into()
                },
            ]
        );
        assert_eq!(
            c.per_spearhead[0],
            (Some("Schulden".into()), [2, 0, 0, 0], [1, 1, 0, 0])
        );
        // Chosen the other way round: still earlier → later.
        let view = dashboard(&fixture(), &moments, &states, Some(3), Some(1));
        let c = view.comparison.unwrap();
        assert_eq!((c.from.id, c.to.id), (1, 3));
        // The same moment twice, or one moment only: nothing to compare.
        assert!(
            dashboard(&fixture(), &moments, &states, Some(2), Some(2))
                .comparison
                .is_none()
        );
        assert!(
            dashboard(&fixture(), &moments[..1], &states, None, None)
                .comparison
                .is_none()
        );
    }
}
