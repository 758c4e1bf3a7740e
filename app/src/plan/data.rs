//! The plan page's data: items with their sources, results per group
//! under the small-group rule (`domain::tally`), "why" texts grouped by
//! the offline analysis, signatures and progress.

use crate::plan::page::{
    GroupCount, ItemView, LeftOutView, OwnReaction, PlanView, ProgressView, SignatureView,
    SourceView, TallyRow, WhyGroupView, WhyView,
};
use crate::web::AppState;
use crate::web::access::Viewer;
use domain::plan::{ReactionGroup, Stance};
use domain::tally::{self, Table};
use domain::{Phase, Role};
use std::collections::{BTreeMap, HashMap};
use store::plan::PlanData;
use store::round::Round;

/// Below this many "why" texts an item's are shown as one list.
const GROUP_WHYS_FROM: usize = 6;

/// The plan page's data for `round`, with the participant's own reactions
/// (by their code's hash) and whether the viewer counts as an experience
/// expert.
pub async fn view(
    state: &AppState,
    round: Round,
    code_hash: Option<String>,
    viewer: &Viewer,
) -> Result<PlanView, store::StoreError> {
    let db = &state.db;
    let own = async {
        match &code_hash {
            Some(hash) => store::reaction::own_reactions(db, round.id, hash).await,
            None => Ok(Vec::new()),
        }
    };
    let (data, reactions, own, co_moderators) = tokio::try_join!(
        store::plan::load(db, round.id),
        store::reaction::reactions(db, round.id),
        own,
        store::co_moderator::of_round(db, round.id),
    )?;
    let expert = viewer
        .account()
        .is_some_and(|a| a.role == Role::ExperienceExpert);
    Ok(build(
        round,
        data,
        reactions,
        own,
        co_moderators,
        expert,
        &state.why_groups,
    ))
}

fn build(
    round: Round,
    data: PlanData,
    reactions: Vec<store::reaction::ReactionRow>,
    own: Vec<store::reaction::ReactionRow>,
    co_moderators: Vec<store::co_moderator::CoModerator>,
    expert: bool,
    why_groups: &WhyGroupCache,
) -> PlanView {
    let PlanData {
        plan,
        items,
        clusters,
        item_clusters,
        rights,
        partners,
        left_out,
        signatures,
        progress,
    } = data;
    // Clusters: title, ideas in all, and per group those the small-group
    // rule lets show (it counts people, not ideas).
    let mut cluster_titles: BTreeMap<i64, String> = BTreeMap::new();
    let mut ideas: BTreeMap<i64, i64> = BTreeMap::new();
    let mut per_group: BTreeMap<i64, Vec<(GroupCount, u64)>> = BTreeMap::new();
    for c in &clusters {
        cluster_titles.insert(c.cluster_id, c.title.clone());
        *ideas.entry(c.cluster_id).or_default() += c.ideas;
        let counts = per_group.entry(c.cluster_id).or_default();
        if let Some(group) = &c.contributor_group {
            let count = GroupCount {
                group: group.clone(),
                count: c.ideas,
            };
            counts.push((count, c.people.max(0) as u64));
        }
    }
    let per_group: BTreeMap<i64, Vec<GroupCount>> = per_group
        .into_iter()
        .map(|(cluster, counts)| {
            let split = domain::disclosure::split(&counts);
            (cluster, split.shown.into_iter().map(|(c, _)| c).collect())
        })
        .collect();
    let source = |cluster_id: i64| SourceView {
        cluster_id,
        title: cluster_titles.get(&cluster_id).cloned().unwrap_or_default(),
        ideas: ideas.get(&cluster_id).copied().unwrap_or(0),
        per_group: per_group.get(&cluster_id).cloned().unwrap_or_default(),
    };
    let counted: Vec<(i64, ReactionGroup, Stance)> = reactions
        .iter()
        .filter_map(|r| {
            Some((
                r.item_id,
                ReactionGroup::from_code(&r.reaction_group)?,
                Stance::from_code(&r.stance)?,
            ))
        })
        .collect();
    let tables: HashMap<i64, Table> = tally::tally(&counted)
        .iter()
        .map(|(item, result)| (*item, Table::of(result)))
        .collect();
    // A "why" text shows only as the item's table allows: not at all under
    // five reactions, and without its group when that group is not shown.
    let mut whys: HashMap<i64, Vec<store::reaction::ReactionRow>> = HashMap::new();
    for r in reactions.iter().filter(|r| !r.why.is_empty()) {
        let Some(table) = tables.get(&r.item_id).filter(|t| t.texts()) else {
            continue;
        };
        let mut r = r.clone();
        if !ReactionGroup::from_code(&r.reaction_group).is_some_and(|g| table.names(g)) {
            r.reaction_group.clear();
        }
        whys.entry(r.item_id).or_default().push(r);
    }
    let own: HashMap<i64, OwnReaction> = own
        .into_iter()
        .map(|r| {
            (
                r.item_id,
                OwnReaction {
                    group: r.reaction_group,
                    stance: r.stance,
                    why: r.why,
                },
            )
        })
        .collect();
    let used: Vec<i64> = item_clusters.iter().map(|l| l.other_id).collect();
    let items = items
        .into_iter()
        .map(|item| {
            let links = |list: &[store::plan::Link]| -> Vec<(i64, String)> {
                list.iter()
                    .filter(|l| l.item_id == item.id)
                    .map(|l| (l.other_id, l.name.clone()))
                    .collect()
            };
            let table = tables.get(&item.id).cloned().unwrap_or_default();
            ItemView {
                id: item.id,
                number: usize::try_from(item.position).unwrap_or_default(),
                version: item.version,
                sources: links(&item_clusters)
                    .into_iter()
                    .map(|(id, _)| source(id))
                    .collect(),
                partners: links(&partners),
                rights: links(&rights).into_iter().map(|(_, code)| code).collect(),
                results: tally_rows(&table),
                few_reactions: table.fewer,
                whys: why_groups
                    .grouped(whys.remove(&item.id).unwrap_or_default().iter().collect()),
                progress: progress_views(&progress, item.id),
                own: own.get(&item.id).cloned(),
                spearhead: item.spearhead_id.zip(item.spearhead_title),
                title: item.title,
                description: item.description,
                final_title: item.final_title,
                final_description: item.final_description,
                outcome: item.outcome,
                outcome_note: item.outcome_note,
                life_domain: item.life_domain,
                policy_domain: item.policy_domain,
                child_effect: item.child_effect,
                child_note: item.child_note,
            }
        })
        .collect();
    let reasons: BTreeMap<i64, String> = left_out
        .into_iter()
        .map(|l| (l.cluster_id, l.reason))
        .collect();
    let left_out = cluster_titles
        .keys()
        .filter(|id| !used.contains(id))
        .map(|&id| {
            let s = source(id);
            LeftOutView {
                cluster_id: id,
                title: s.title,
                ideas: s.ideas,
                reason: reasons.get(&id).cloned(),
            }
        })
        .collect();
    let signed: Vec<i64> = signatures.iter().map(|s| s.account_id).collect();
    let plan = plan.as_ref();
    PlanView {
        slug: round.slug,
        round_title: round.title,
        challenge_slug: round.challenge_slug,
        challenge_title: round.challenge_title,
        phase: round.phase.code().to_owned(),
        closes_at: round.closes_at,
        introduction: plan.map(|p| p.introduction.clone()).unwrap_or_default(),
        version: plan.map_or(0, |p| p.version),
        sent: plan.is_some_and(|p| p.sent_at.is_some()),
        published_at: plan.and_then(|p| p.published_at),
        items,
        left_out,
        signatures: signatures
            .into_iter()
            .map(|s| SignatureView {
                account_id: s.account_id,
                name: s.display_name,
                objection: s.objection,
                at: s.signed_at,
            })
            .collect(),
        waiting: co_moderators
            .into_iter()
            .filter(|c| !signed.contains(&c.account_id))
            .map(|c| (c.account_id, c.display_name))
            .collect(),
        submission_key: if round.phase == Phase::Feedback {
            domain::SubmissionKey::random().to_form_value()
        } else {
            String::new()
        },
        reacting: round.phase == Phase::Feedback,
        expert,
    }
}

/// An item's progress updates, newest first, with who wrote them.
pub fn progress_views(rows: &[store::plan::ProgressRow], item_id: i64) -> Vec<ProgressView> {
    rows.iter()
        .filter(|p| p.item_id == item_id)
        .map(|p| ProgressView {
            status: p.status.clone(),
            note: p.note.clone(),
            who: match &p.organisation_name {
                Some(org) => format!("{} ({org})", p.display_name),
                None => p.display_name.clone(),
            },
            at: p.written_at,
        })
        .collect()
}

/// The rows of an item's [`Table`] as the page shows them: everyone first.
fn tally_rows(table: &Table) -> Vec<TallyRow> {
    let mut rows: Vec<TallyRow> = table
        .rows
        .iter()
        .map(|(who, t)| TallyRow {
            group: who.code().to_owned(),
            counts: Stance::ALL.map(|s| t.count(s)),
            n: t.n(),
            percentages: t.percentages(),
        })
        .collect();
    // The domain puts everyone last; the plan page reads it first.
    if let Some(all) = rows.pop() {
        rows.insert(0, all);
    }
    rows
}

/// Groupings kept per app server; a plan page shows one per item.
const GROUPINGS_KEPT: usize = 512;

/// [`group_whys`], kept by a fingerprint of the reactions it groups: the
/// analysis takes most of a plan page's time, and the same reactions are
/// shown far more often than they change. Any new or changed reaction
/// makes a new fingerprint, so an answer never comes from other texts.
/// Each app server keeps its own (in `AppState`).
#[derive(Default)]
pub struct WhyGroupCache(std::sync::Mutex<HashMap<u64, Vec<WhyGroupView>>>);

impl std::fmt::Debug for WhyGroupCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WhyGroupCache").finish_non_exhaustive()
    }
}

impl WhyGroupCache {
    fn grouped(&self, rows: Vec<&store::reaction::ReactionRow>) -> Vec<WhyGroupView> {
        use std::hash::{DefaultHasher, Hash, Hasher};
        if rows.len() < GROUP_WHYS_FROM {
            return group_whys(rows);
        }
        let mut hasher = DefaultHasher::new();
        for r in &rows {
            (&r.reaction_group, &r.stance, &r.why).hash(&mut hasher);
        }
        let key = hasher.finish();
        if let Some(found) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let grouped = group_whys(rows);
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= GROUPINGS_KEPT {
            cache.clear();
        }
        cache.insert(key, grouped.clone());
        grouped
    }
}

/// "Why" texts grouped by what they say, with the offline analysis that
/// suggests clusters while funnelling; what fits no group comes last.
fn group_whys(rows: Vec<&store::reaction::ReactionRow>) -> Vec<WhyGroupView> {
    let why = |r: &store::reaction::ReactionRow| WhyView {
        group: r.reaction_group.clone(),
        stance: r.stance.clone(),
        text: r.why.clone(),
    };
    if rows.len() < GROUP_WHYS_FROM {
        return if rows.is_empty() {
            Vec::new()
        } else {
            vec![WhyGroupView {
                title: None,
                texts: rows.into_iter().map(why).collect(),
            }]
        };
    }
    let docs: Vec<analysis::Doc> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| analysis::Doc {
            id: i as i64,
            text: &r.why,
        })
        .collect();
    let index = analysis::Index::build(&docs);
    let all: Vec<i64> = (0..rows.len() as i64).collect();
    let mut placed = vec![false; rows.len()];
    let mut groups: Vec<WhyGroupView> = index
        .suggest_clusters(&all)
        .into_iter()
        .filter(|s| s.ids.len() >= 2)
        .map(|s| {
            let texts = s
                .ids
                .iter()
                .filter_map(|&id| {
                    let i = usize::try_from(id).ok()?;
                    if std::mem::replace(placed.get_mut(i)?, true) {
                        return None;
                    }
                    Some(why(rows[i]))
                })
                .collect();
            WhyGroupView {
                title: Some(s.title),
                texts,
            }
        })
        .filter(|g| !g.texts.is_empty())
        .collect();
    let rest: Vec<WhyView> = rows
        .iter()
        .zip(&placed)
        .filter(|(_, placed)| !**placed)
        .map(|(r, _)| why(r))
        .collect();
    if !rest.is_empty() {
        // Untitled: the page calls it "other reactions" when there are groups.
        groups.push(WhyGroupView {
            title: None,
            texts: rest,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::reaction::ReactionRow;

    fn why(text: &str) -> ReactionRow {
        ReactionRow {
            item_id: 1,
            reaction_group: "resident".into(),
            stance: "partly".into(),
            why: text.into(),
        }
    }

    #[test]
    fn few_why_texts_stay_one_list_and_many_are_grouped_by_what_they_say() {
        let few = [why("Goed plan."), why("Te duur.")];
        let grouped = group_whys(few.iter().collect());
        assert_eq!(grouped.len(), 1);
        assert_eq!(grouped[0].title, None);
        assert_eq!(grouped[0].texts.len(), 2);

        let many = [
            why("Ik wil niet dat de corporatie mijn gegevens deelt."),
            why("Mijn gegevens delen zonder toestemming vind ik eng."),
            why("Gegevens delen mag alleen met toestemming."),
            why("Bellen is goed, maar kom ook langs bij mensen thuis."),
            why("Niet iedereen neemt de telefoon op, kom langs."),
            why("Langs komen werkt beter dan bellen."),
            why("Prima."),
        ];
        let grouped = group_whys(many.iter().collect());
        // Every text shows exactly once, whatever the grouping.
        let shown: usize = grouped.iter().map(|g| g.texts.len()).sum();
        assert_eq!(shown, many.len());
        let privacy = grouped
            .iter()
            .find(|g| g.texts.iter().any(|w| w.text.starts_with("Mijn gegevens")))
            .unwrap();
        assert!(privacy.title.is_some(), "similar texts get a title");
        assert!(
            privacy
                .texts
                .iter()
                .any(|w| w.text.starts_with("Gegevens delen")),
            "{grouped:?}"
        );
        // What fits no group comes last, untitled.
        assert_eq!(grouped.last().unwrap().title, None);
    }

    #[test]
    fn kept_groupings_change_with_the_reactions() {
        let texts = [
            "Mijn gegevens delen zonder toestemming vind ik eng.",
            "Gegevens delen mag alleen met toestemming.",
            "Bellen is goed, maar kom ook langs.",
            "Langs komen werkt beter dan bellen.",
            "Prima.",
            "Goed plan.",
        ];
        let rows: Vec<ReactionRow> = texts.iter().map(|t| why(t)).collect();
        let cache = WhyGroupCache::default();
        let first = cache.grouped(rows.iter().collect());
        assert_eq!(cache.grouped(rows.iter().collect()), first);
        let mut changed = rows.clone();
        changed[5].why = "Te duur voor de gemeente.".into();
        let again = cache.grouped(changed.iter().collect());
        assert!(
            again
                .iter()
                .flat_map(|g| &g.texts)
                .any(|w| w.text == "Te duur voor de gemeente."),
            "a changed reaction is never answered from the cache"
        );
    }

    #[test]
    fn tally_rows_show_everyone_first() {
        let mut result = tally::ItemResult::default();
        result.add(ReactionGroup::Resident, Stance::Agree, 10);
        result.add(ReactionGroup::YoungPerson, Stance::Agree, 1);
        let rows = tally_rows(&Table::of(&result));
        assert_eq!(
            rows.iter()
                .map(|r| (r.group.as_str(), r.n))
                .collect::<Vec<_>>(),
            [("all", 11)]
        );
        assert_eq!(rows[0].percentages, Some([100, 0, 0]));
        assert!(tally_rows(&Table::default()).is_empty());
    }
}
