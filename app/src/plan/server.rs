//! The plan on the server: putting its pages' data together (results per
//! group, "why" texts grouped by the offline analysis) and carrying out its
//! forms: reactions from residents; writing, co-signing, sending out,
//! concluding and publishing for staff and co-moderators; progress updates
//! from staff and partners. Mails go through the outbox, in the same
//! transaction as the change they announce.

use crate::components::form_feedback::FormFeedback;
use crate::i18n::I18n;
use crate::plan::page::{
    GroupCount, ItemView, LeftOutView, OwnReaction, PlanView, ProgressView, SignatureView,
    SourceView, TallyRow, WhyGroupView, WhyView,
};
use crate::web::AppState;
use crate::web::access::{SignedInAccount, Viewer};
use crate::web::forms::{Pairs, Posted};
use crate::web::render;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Actor;
use domain::lifecycle;
use domain::plan::{self, ChildEffect, ChildRight, Outcome, PlanItemText, ReactionGroup, Stance};
use domain::plan_action::{Landing, PlanAction};
use domain::policy;
use domain::tally::{self, Table};
use domain::{Lang, Phase, Role};
use std::collections::{BTreeMap, HashMap};
use store::plan::send_out::SentOut;
use store::plan::{Changed, Notice, PlanData};
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

/// The send-out rule's input (`domain::send_out`) from what the plan page
/// loaded and the round's unanswered ideas, so the workspace shows what is
/// missing without reading it all again. The store checks the same rule on
/// its own reading when the plan goes out.
pub fn draft(plan: &PlanView, unanswered: &[(i64, String)]) -> domain::send_out::Draft {
    use domain::send_out::{Draft, IdeaPlace};
    let items: Vec<Vec<i64>> = plan
        .items
        .iter()
        .map(|i| i.sources.iter().map(|s| s.cluster_id).collect())
        .collect();
    let mut clusters: Vec<i64> = items.iter().flatten().copied().collect();
    clusters.extend(plan.left_out.iter().map(|l| l.cluster_id));
    clusters.sort_unstable();
    clusters.dedup();
    Draft {
        items,
        clusters,
        left_out: plan
            .left_out
            .iter()
            .filter(|l| l.reason.is_some())
            .map(|l| l.cluster_id)
            .collect(),
        ideas: unanswered
            .iter()
            .map(|(idea_id, _)| IdeaPlace {
                idea_id: *idea_id,
                cluster_id: None,
                set_aside: false,
            })
            .collect(),
        co_moderators: plan.waiting.iter().map(|(id, _)| *id).collect(),
        signed: Default::default(),
    }
}

/// The mail to participants about a plan: Dutch first, then English, since
/// a participant's language is not stored. `link`: the plan's full address,
/// or `None` without a configured public address (`TRECHTER_PUBLIC_URL`);
/// the mail then says where to look instead of holding a link that would
/// come from a request's `Host` header. `stop` likewise (`stop_link`).
pub fn notice(
    kind: &str,
    round_title: &str,
    link: Option<&str>,
    stop: Option<store::plan::StopLink>,
) -> Notice {
    let text = |lang: Lang| {
        let i18n = I18n::new(lang);
        let instead = i18n.t("mail.no_link");
        // `{stop}` is left for the store to fill in per address.
        let unsubscribe = match &stop {
            Some(_) => i18n.t("mail.stop_link"),
            None => i18n.t("mail.stop_instead"),
        };
        let values = [
            ("round", round_title),
            ("link", link.unwrap_or(instead)),
            ("unsubscribe", unsubscribe),
        ];
        (
            i18n.tf(&format!("mail.{kind}.subject"), &values),
            i18n.tf(&format!("mail.{kind}.body"), &values),
        )
    };
    let (nl_subject, nl_body) = text(Lang::Nl);
    let (_, en_body) = text(Lang::En);
    Notice {
        subject: nl_subject,
        body: format!("{nl_body}\n\n---\n\n{en_body}"),
        stop,
    }
}

/// How the mails' stop links are made: only with a configured public
/// address (see `notice`).
pub fn stop_link(state: &AppState) -> Option<store::plan::StopLink> {
    crate::accounts::invite_forms::mail_base(state).map(|base| store::plan::StopLink {
        base,
        salt: state.client_salt.clone(),
    })
}

/// The plan's workspace forms, for staff and the round's co-moderators
/// (the route's rule); signing is for co-moderators only, sending out,
/// concluding and publishing for staff only.
pub async fn work(
    State(state): State<AppState>,
    SignedInAccount(account): SignedInAccount,
    Path(slug): Path<String>,
    Posted {
        parts,
        lang,
        fields,
    }: Posted<Vec<(String, String)>>,
) -> Response {
    let fields = Pairs(fields);
    let round = match render::round_or_answer(&state, &parts, lang, &slug, false).await {
        Ok(round) => round,
        Err(answer) => return answer,
    };
    let me = account.account_id;
    let actor = Actor::Account(account);
    let may = |permission| policy::allows(&actor, permission);
    let action = PlanAction::from_code(fields.get("action"));
    if !may(PlanAction::permission(action, round.id)) {
        return render::forbidden(lang, &state.site);
    }
    let phase_ok = lifecycle::allows(round.phase, PlanAction::round_action(action));
    let fail =
        |key: &str, status: u16| FormFeedback::error("plan", status, &format!("error.{key}"));
    if !phase_ok {
        return render::again(&state, parts, fail("plan_wrong_phase", 409)).await;
    }
    let now = Utc::now();
    let db = &state.db;
    let id = |name: &str| domain::bounded::id(fields.get(name));
    let Some(action) = action else {
        return crate::web::forms::FormError::Unreadable.response(lang, &state.site);
    };
    let result = match action {
        PlanAction::Item => {
            let clusters: Vec<i64> = fields
                .all("cluster")
                .filter_map(domain::bounded::id)
                .collect();
            let typed = |f: FormFeedback| {
                f.typed("item", fields.get("item"))
                    .typed("title", fields.get("title"))
                    .typed("description", fields.get("description"))
                    .typed("child_note", fields.get("child_note"))
                    .with("max", plan::MAX_TITLE_CHARS.to_string())
            };
            let text =
                match plan::plan_item(fields.get("title"), fields.get("description"), &clusters) {
                    Ok(text) => text,
                    Err((field, code)) => {
                        let feedback = typed(fail(code, 422).on(field));
                        return render::again(&state, parts, feedback).await;
                    }
                };
            let child_note = match plan::optional(fields.get("child_note"), "note") {
                Ok(note) => note,
                Err(code) => {
                    let feedback = typed(fail(code, 422).on("child_note"));
                    return render::again(&state, parts, feedback).await;
                }
            };
            let item = id("item").zip(id("version"));
            store::plan::draft::save_item(
                db,
                item_input(&fields, round.id, item, text, child_note, me, now),
            )
            .await
        }
        PlanAction::Introduction => {
            let text = match plan::optional(fields.get("introduction"), "note") {
                Ok(text) => text,
                Err(code) => {
                    let feedback = fail(code, 422)
                        .on("introduction")
                        .with("max", plan::MAX_SHORT_CHARS.to_string())
                        .typed("introduction", fields.get("introduction"));
                    return render::again(&state, parts, feedback).await;
                }
            };
            store::plan::draft::set_introduction(db, round.id, text, me, now).await
        }
        PlanAction::Remove => match id("item").zip(id("version")) {
            Some((item, version)) => {
                store::plan::draft::remove_item(db, round.id, item, version, me, now).await
            }
            None => Ok(Changed::Gone),
        },
        PlanAction::Up | PlanAction::Down => match id("item") {
            Some(item) => {
                let up = action == PlanAction::Up;
                store::plan::draft::move_item(db, round.id, item, up, me, now).await
            }
            None => Ok(Changed::Gone),
        },
        PlanAction::LeftOut => {
            let reason = match plan::reason(fields.get("reason")) {
                Ok(reason) => reason,
                Err(code) => {
                    let feedback = fail(code, 422)
                        .on("reason")
                        .with("max", plan::MAX_SHORT_CHARS.to_string())
                        .typed("cluster", fields.get("cluster"))
                        .typed("reason", fields.get("reason"));
                    return render::again(&state, parts, feedback).await;
                }
            };
            match id("cluster") {
                Some(cluster) => {
                    store::plan::draft::leave_out(db, round.id, cluster, reason, me, now).await
                }
                None => Ok(Changed::Gone),
            }
        }
        PlanAction::Sign | PlanAction::Object => {
            let objection = if action == PlanAction::Object {
                match plan::reason(fields.get("objection")) {
                    Ok(text) => Some(text),
                    Err(code) => {
                        let feedback = fail(code, 422)
                            .on("objection")
                            .with("max", plan::MAX_SHORT_CHARS.to_string())
                            .typed("objection", fields.get("objection"));
                        return render::again(&state, parts, feedback).await;
                    }
                }
            } else {
                None
            };
            let version = id("version").unwrap_or(-1);
            store::plan::send_out::sign(db, round.id, version, me, objection, now).await
        }
        PlanAction::Send => {
            let done = format!("/ronde/{slug}/plan?gedaan=plan_sent");
            let confirmed = fields.get("confirm") == "yes";
            return send_out(&state, parts, round, me, "plan", done, confirmed).await;
        }
        PlanAction::Conclude => {
            let Some(outcome) = Outcome::from_code(fields.get("outcome")) else {
                let feedback = fail("outcome_missing", 422)
                    .on("outcome")
                    .typed("item", fields.get("item"));
                return render::again(&state, parts, feedback).await;
            };
            let typed = |f: FormFeedback| {
                f.typed("item", fields.get("item"))
                    .typed("outcome", fields.get("outcome"))
                    .typed("final_title", fields.get("final_title"))
                    .typed("final_description", fields.get("final_description"))
                    .typed("note", fields.get("note"))
                    .with("max", plan::MAX_TITLE_CHARS.to_string())
            };
            let text = match plan::plan_item(
                fields.get("final_title"),
                fields.get("final_description"),
                &[0],
            ) {
                Ok(text) => text,
                Err((field, code)) => {
                    let field = if field == "title" {
                        "final_title"
                    } else {
                        "final_description"
                    };
                    let feedback = typed(fail(code, 422).on(field));
                    return render::again(&state, parts, feedback).await;
                }
            };
            // What was done with the feedback must be said, except when
            // the item stays as it was.
            let note = match (outcome, plan::reason(fields.get("note"))) {
                (_, Ok(note)) => note,
                (Outcome::Kept, Err("reason_missing")) => String::new(),
                (_, Err(code)) => {
                    let feedback = typed(fail(code, 422).on("note"));
                    return render::again(&state, parts, feedback).await;
                }
            };
            match id("item").zip(id("version")) {
                Some((item_id, version)) => {
                    store::plan::final_plan::conclude(
                        db,
                        store::plan::final_plan::Conclusion {
                            round_id: round.id,
                            item_id,
                            version,
                            outcome,
                            final_title: text.title,
                            final_description: text.description,
                            note,
                            at: now,
                        },
                    )
                    .await
                }
                None => Ok(Changed::Gone),
            }
        }
        PlanAction::Publish => {
            if round.phase != Phase::Feedback {
                return render::again(&state, parts, fail("plan_wrong_phase", 409)).await;
            }
            let link = crate::accounts::invite_forms::mail_base(&state)
                .map(|b| format!("{b}/ronde/{slug}/plan"));
            let notice = notice(
                "final_plan",
                &round.title,
                link.as_deref(),
                stop_link(&state),
            );
            match store::plan::final_plan::publish(db, round.id, me, notice, now).await {
                Ok(Changed::Conflict) => {
                    return render::again(&state, parts, fail("not_concluded", 409)).await;
                }
                other => other,
            }
        }
    };
    match result {
        Ok(Changed::Done(_)) => {
            let (landing, done) = action.done();
            let page = match landing {
                Landing::Plan => format!("/ronde/{slug}/plan"),
                Landing::Workspace => format!("/ronde/{slug}/plan/werk"),
            };
            let anchor = match id("item") {
                Some(item) if action.returns_to_item() => format!("#werk-{item}"),
                _ => String::new(),
            };
            Redirect::to(&format!("{page}?gedaan={done}{anchor}")).into_response()
        }
        Ok(Changed::Conflict) => render::again(&state, parts, fail("plan_conflict", 409)).await,
        Ok(Changed::Gone) => render::again(&state, parts, fail("plan_gone", 409)).await,
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}

fn item_input(
    fields: &Pairs,
    round_id: i64,
    item: Option<(i64, i64)>,
    text: PlanItemText,
    child_note: String,
    by: i64,
    at: chrono::DateTime<Utc>,
) -> store::plan::draft::ItemInput {
    let known = |value: &str, valid: bool| (valid && !value.is_empty()).then(|| value.to_owned());
    let life = fields.get("life_domain");
    let policy = fields.get("policy_domain");
    store::plan::draft::ItemInput {
        round_id,
        item,
        text,
        life_domain: known(life, domain::LifeDomain::from_code(life).is_some()),
        policy_domain: known(policy, domain::PolicyDomain::from_code(policy).is_some()),
        spearhead_id: domain::bounded::id(fields.get("spearhead")),
        partners: fields
            .all("partner")
            .filter_map(domain::bounded::id)
            .collect(),
        rights: fields
            .all("right")
            .filter_map(ChildRight::from_code)
            .collect(),
        child_effect: ChildEffect::from_code(fields.get("child_effect")),
        child_note,
        by,
        at,
    }
}

/// Each idea's fate from the rows of [`store::plan::idea_places`].
pub fn fates(places: Vec<store::plan::IdeaPlace>) -> HashMap<i64, plan::Fate> {
    let mut by_idea: BTreeMap<i64, Vec<store::plan::IdeaPlace>> = BTreeMap::new();
    for place in places {
        by_idea.entry(place.idea_id).or_default().push(place);
    }
    by_idea
        .into_iter()
        .map(|(idea, rows)| {
            let first = &rows[0];
            let items: Vec<(u32, String, Vec<i64>)> = rows
                .iter()
                .filter_map(|r| {
                    Some((
                        u32::try_from(r.item_position?).ok()?,
                        r.item_title.clone()?,
                        r.cluster_id.into_iter().collect(),
                    ))
                })
                .collect();
            let left_out: BTreeMap<i64, String> = first
                .cluster_id
                .zip(first.left_out_reason.clone())
                .into_iter()
                .collect();
            let fate = plan::fate(
                first.cluster_id,
                first
                    .set_aside
                    .as_deref()
                    .map(|reason| (reason, first.set_aside_note.as_deref())),
                &items,
                &left_out,
            );
            (idea, fate)
        })
        .collect()
}

/// Sends the round's plan out for feedback, if it is ready. An item with
/// an empty children's-rights check does not stop it, but unless staff
/// `confirmed`, they are asked first (a plain second form, no JavaScript).
pub async fn send_out(
    state: &AppState,
    parts: axum::http::request::Parts,
    round: store::round::Round,
    by: i64,
    form: &'static str,
    done: String,
    confirmed: bool,
) -> Response {
    let lang = crate::web::request::lang(&parts.headers);
    let viewer = Viewer::of(&parts);
    let plan = match view(state, round.clone(), None, &viewer).await {
        Ok(plan) => plan,
        Err(error) => return render::unavailable(lang, &state.site, &error),
    };
    let not_ready = |missing: &domain::send_out::Missing| {
        let names: Vec<String> = plan.waiting.iter().map(|(_, n)| n.clone()).collect();
        FormFeedback::error(form, 409, &format!("error.{}", missing.code()))
            .with("names", names.join(", "))
            .with("n", missing.unanswered_ideas.len().to_string())
    };
    if !confirmed {
        // Not ready is said first: asking about the check would be in vain.
        let unanswered = match store::plan::send_out::unanswered(&state.db, round.id).await {
            Ok(unanswered) => unanswered,
            Err(error) => return render::unavailable(lang, &state.site, &error),
        };
        if let Err(missing) = domain::send_out::check(&draft(&plan, &unanswered)) {
            return render::again(state, parts, not_ready(&missing)).await;
        }
        let unchecked: Vec<String> = plan
            .items
            .iter()
            .filter(|i| {
                !plan::child_check_filled(i.rights.len(), i.child_effect.is_some(), &i.child_note)
            })
            .map(|i| i.number.to_string())
            .collect();
        if !unchecked.is_empty() {
            let feedback = FormFeedback::error(form, 409, "error.child_check_empty")
                .with("items", unchecked.join(", "));
            return render::again(state, parts, feedback).await;
        }
    }
    let link = crate::accounts::invite_forms::mail_base(state)
        .map(|b| format!("{b}/ronde/{}/plan", round.slug));
    let notice = notice("plan_out", &round.title, link.as_deref(), stop_link(state));
    // The store checks the send-out rule in its transaction: what the
    // workspace showed may have changed since.
    match store::plan::send_out::send_out(&state.db, round.id, plan.version, by, notice, Utc::now())
        .await
    {
        Ok(SentOut::Sent) => Redirect::to(&done).into_response(),
        Ok(SentOut::NotReady(missing)) => {
            let feedback = not_ready(&missing);
            render::again(state, parts, feedback).await
        }
        Ok(SentOut::Conflict | SentOut::Gone) => {
            let feedback = FormFeedback::error(form, 409, "error.plan_conflict");
            render::again(state, parts, feedback).await
        }
        Err(error) => render::unavailable(lang, &state.site, &error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::plan::IdeaPlace;
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

    fn place(idea: i64, cluster: Option<i64>, item: Option<(i64, &str)>) -> IdeaPlace {
        IdeaPlace {
            idea_id: idea,
            cluster_id: cluster,
            set_aside: None,
            set_aside_note: None,
            item_id: item.map(|(p, _)| 100 + p),
            item_position: item.map(|(p, _)| p),
            item_title: item.map(|(_, t)| t.to_owned()),
            left_out_reason: None,
        }
    }

    #[test]
    fn an_idea_traces_to_every_item_its_cluster_is_in() {
        let mut left_out = place(3, Some(9), None);
        left_out.left_out_reason = Some("Landelijk beleid.".into());
        let mut aside = place(4, None, None);
        aside.set_aside = Some("other".into());
        aside.set_aside_note = Some("Dit regelt de school al.".into());
        let fates = fates(vec![
            place(1, Some(5), Some((2, "Sportpas"))),
            place(1, Some(5), Some((1, "Zwemles"))),
            place(2, None, None),
            left_out,
            aside,
        ]);
        assert_eq!(
            fates[&1],
            plan::Fate::InPlan(vec![(1, "Zwemles".into()), (2, "Sportpas".into())])
        );
        assert_eq!(fates[&2], plan::Fate::Open);
        assert_eq!(
            fates[&3],
            plan::Fate::NotTakenUp("Landelijk beleid.".into())
        );
        assert_eq!(
            fates[&4],
            plan::Fate::SetAside {
                reason: "other".into(),
                note: Some("Dit regelt de school al.".into())
            }
        );
    }
}
