//! Writing the plan (staff with the round's co-moderators): items traced
//! to clusters with domains, spearhead, partners and the children's-rights
//! check; a public reason for every cluster left out; co-moderators sign
//! or object; staff send it out for feedback, write per item what was done
//! with the feedback, and publish the final plan. Plain forms throughout.

use crate::components::form_feedback::{DoneNotice, FormErrors, FormFeedback, feedback_for};
use crate::components::page::ErrorContent;
use crate::components::page::loaded;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::plan::page::{ItemView, PlanItem, PlanView, Signatures};
use domain::plan::{ChildEffect, ChildRight, Outcome};
use domain::send_out::Missing;
use domain::{LifeDomain, PolicyDomain};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanWorkView {
    pub plan: PlanView,
    /// Every cluster of the round: (id, title, ideas).
    pub clusters: Vec<(i64, String, i64)>,
    pub spearheads: Vec<(i64, String)>,
    pub organisations: Vec<(i64, String)>,
    /// The viewer is a co-moderator of this round: they sign.
    pub may_sign: bool,
    /// The viewer is staff: sends out, concludes, publishes.
    pub may_manage: bool,
    pub my_id: i64,
    /// What still stops the plan from going out (`domain::send_out`).
    pub missing: Option<Missing>,
    /// The first ideas nobody would hear back about: (id, text), to link
    /// to in the workspace.
    pub unanswered: Vec<(i64, String)>,
}

/// Unanswered ideas listed by name; the rest are counted.
#[cfg(feature = "ssr")]
const UNANSWERED_SHOWN: usize = 10;

#[server(endpoint = "plan_work")]
pub async fn plan_work_data(slug: String) -> Result<PlanWorkView, AppError> {
    use domain::policy::{self, Permission};
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug).await?;
    let viewer = crate::web::access::require("/api/plan_work", round.as_ref().map(|r| r.id))?;
    let round = round.ok_or(AppError::NotFound)?;
    let round_id = round.id;
    let (plan, spearheads, organisations, unanswered) = tokio::try_join!(
        crate::plan::data::view(&state, round, None, &viewer),
        store::plan::spearheads(&state.db, round_id),
        store::account::organisations(&state.db),
        store::plan::send_out::unanswered(&state.db, round_id),
    )?;
    let missing = domain::send_out::check(&crate::plan::send_out::draft(&plan, &unanswered)).err();
    let unanswered = unanswered.into_iter().take(UNANSWERED_SHOWN).collect();
    let mut clusters: Vec<(i64, String, i64)> = plan
        .items
        .iter()
        .flat_map(|i| i.sources.iter())
        .map(|s| (s.cluster_id, s.title.clone(), s.ideas))
        .chain(
            plan.left_out
                .iter()
                .map(|l| (l.cluster_id, l.title.clone(), l.ideas)),
        )
        .collect();
    clusters.sort();
    clusters.dedup();
    Ok(PlanWorkView {
        missing: (plan.phase == "funnelling").then_some(missing).flatten(),
        unanswered,
        plan,
        clusters,
        spearheads,
        organisations: organisations.into_iter().map(|o| (o.id, o.name)).collect(),
        may_sign: policy::allows(&viewer.actor, Permission::CoSignPlan { round_id }),
        may_manage: policy::allows(&viewer.actor, Permission::ManageRounds),
        my_id: viewer.account().map_or(0, |a| a.account_id),
    })
}

#[component]
pub fn PlanWorkPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("plan_work.title")/>
        {loaded(plan_work_data(slug), move |data| match data {
            Ok(work) => view! { <PlanWork work/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn PlanWork(work: PlanWorkView) -> impl IntoView {
    let i18n = use_i18n();
    let plan = work.plan.clone();
    let action = format!("/ronde/{}/plan/werk", plan.slug);
    let phase = plan.phase.clone();
    let writing = phase == "funnelling";
    let concluding = plan.published_at.is_none() && (phase == "feedback" || phase == "closed");
    let status = status_line(i18n, &work);
    let items = plan
        .items
        .iter()
        .map(|item| {
            let edit = writing.then(|| item_controls(i18n, &action, &work, item));
            let conclude =
                (concluding && work.may_manage).then(|| conclude_form(i18n, &action, item));
            view! {
                <div class="work-item" id=format!("werk-{}", item.id)>
                    <PlanItem item=item.clone() final_plan=false/>
                    {edit}
                    {conclude}
                </div>
            }
        })
        .collect_view();
    let new_item = writing.then(|| {
        view! {
            <h2>{i18n.t("plan_work.new_item")}</h2>
            {item_form(i18n, &action, &work, None)}
        }
    });
    let left_out = writing.then(|| left_out_forms(i18n, &action, &plan));
    let signing = (writing && work.may_sign).then(|| sign_forms(i18n, &action, &work));
    let send = (writing && work.may_manage).then(|| {
        let ready = work.missing.is_none();
        // Asked back after "send" with an empty children's-rights check.
        let asked = feedback_for("plan").is_some_and(|f| {
            f.error
                .as_ref()
                .is_some_and(|(key, _)| key == "error.child_check_empty")
        });
        let anyway = asked.then(|| {
            view! {
                <form method="post" action=action.clone() class="inline-form">
                    <input type="hidden" name="action" value="send"/>
                    <input type="hidden" name="confirm" value="yes"/>
                    <button type="submit" class="button">{i18n.t("plan_work.send_anyway")}</button>
                </form>
            }
        });
        view! {
            <form method="post" action=action.clone() class="inline-form">
                <input type="hidden" name="action" value="send"/>
                <button type="submit" class="button primary" aria-disabled=(!ready).then_some("true")>
                    {i18n.t("plan_work.send")}
                </button>
            </form>
            {anyway}
        }
    });
    let publish = (concluding && work.may_manage && phase == "feedback").then(|| {
        view! {
            <h2>{i18n.t("plan_work.publish_title")}</h2>
            <p>{i18n.t("plan_work.publish_intro")}</p>
            <form method="post" action=action.clone() class="inline-form">
                <input type="hidden" name="action" value="publish"/>
                <button type="submit" class="button primary">{i18n.t("plan_work.publish")}</button>
            </form>
        }
    });
    view! {
        <p class="meta"><a href=format!("/ronde/{}/trechter", plan.slug)>{i18n.t("funnel.title")}</a>
            " · " <a href=format!("/ronde/{}/plan", plan.slug)>{i18n.t("plan_work.public_page")}</a></p>
        <h1>{i18n.tf("plan_work.heading", &[("round", &plan.round_title)])}</h1>
        <DoneNotice/>
        <FormErrors form="plan"/>
        {status}
        <Signatures signatures=plan.signatures.clone()/>
        {writing.then(|| introduction_form(i18n, &action, &plan))}
        <h2>{i18n.t("plan.items")}</h2>
        <div class="plan">{items}</div>
        {new_item}
        {left_out}
        {signing}
        {send}
        {publish}
    }
}

/// Where the plan stands: phase, items, what is missing before it can go out.
fn status_line(i18n: I18n, work: &PlanWorkView) -> impl IntoView + use<> {
    let plan = &work.plan;
    let waiting: Vec<String> = plan.waiting.iter().map(|(_, n)| n.clone()).collect();
    let missing = match (plan.phase.as_str(), &work.missing) {
        ("funnelling", Some(missing)) => Some(i18n.tf(
            &format!("error.{}", missing.code()),
            &[("names", &waiting.join(", "))],
        )),
        ("funnelling", None) => Some(i18n.t("plan_work.ready").to_owned()),
        _ => None,
    };
    view! {
        <p>{i18n.tf("plan_work.phase", &[("phase", i18n.t(&format!("phase.{}", plan.phase)))])}
            " · " {i18n.tn("plan_work.item_count", plan.items.len() as i64)}</p>
        {missing.map(|m| view! { <p class="notice">{m}</p> })}
        {unanswered_list(i18n, work)}
    }
}

/// The ideas that have no answer yet, each linked to its place in the
/// funnelling workspace, so staff can put it in a theme or set it aside.
fn unanswered_list(i18n: I18n, work: &PlanWorkView) -> Option<impl IntoView + use<>> {
    let missing = work.missing.as_ref()?;
    let total = missing.unanswered_ideas.len();
    if total == 0 {
        return None;
    }
    let slug = &work.plan.slug;
    let links = work
        .unanswered
        .iter()
        .map(|(id, text)| {
            let href = format!("/ronde/{slug}/trechter#kies-idee-{id}");
            view! { <li><a href=href>{crate::format::excerpt(text, 90)}</a></li> }
        })
        .collect_view();
    let more = total.saturating_sub(work.unanswered.len());
    Some(view! {
        <section class="notice unanswered" aria-labelledby="zonder-antwoord">
            <h2 id="zonder-antwoord">{i18n.tn("plan_work.unanswered", total as i64)}</h2>
            <p>{i18n.t("plan_work.unanswered_why")}</p>
            <ul>{links}</ul>
            {(more > 0).then(|| view! { <p>{i18n.tn("plan_work.unanswered_more", more as i64)}</p> })}
        </section>
    })
}

/// Typed values come back when this form (by its item id, "" for new)
/// returned with an error.
fn typed_for(item: Option<i64>) -> Option<FormFeedback> {
    let key = item.map(|i| i.to_string()).unwrap_or_default();
    feedback_for("plan").filter(|f| f.value("item") == key)
}

fn item_controls(
    i18n: I18n,
    action: &str,
    work: &PlanWorkView,
    item: &ItemView,
) -> impl IntoView + use<> {
    let small = |name: &'static str, label: String| {
        view! {
            <form method="post" action=action.to_owned() class="inline-form">
                <input type="hidden" name="action" value=name/>
                <input type="hidden" name="item" value=item.id.to_string()/>
                <input type="hidden" name="version" value=item.version.to_string()/>
                <button type="submit" class="button small">{label}</button>
            </form>
        }
    };
    let n = item.number.to_string();
    let open = typed_for(Some(item.id)).is_some();
    view! {
        <div class="item-controls">
            {small("up", i18n.tf("plan_work.up", &[("n", &n)]))}
            {small("down", i18n.tf("plan_work.down", &[("n", &n)]))}
            {small("remove", i18n.tf("plan_work.remove", &[("n", &n)]))}
        </div>
        <details class="edit-item" open=open>
            <summary>{i18n.tf("plan_work.edit", &[("n", &n)])}</summary>
            {item_form(i18n, action, work, Some(item))}
        </details>
    }
}

/// The form for a new item (`None`) or to change one.
fn item_form(
    i18n: I18n,
    action: &str,
    work: &PlanWorkView,
    item: Option<&ItemView>,
) -> impl IntoView + use<> {
    let key = item.map_or("nieuw".to_owned(), |i| i.id.to_string());
    let typed = typed_for(item.map(|i| i.id));
    let text = |name: &str, now: String| match &typed {
        Some(f) => f.value(name),
        None => now,
    };
    let title = text("title", item.map(|i| i.title.clone()).unwrap_or_default());
    let description = text(
        "description",
        item.map(|i| i.description.clone()).unwrap_or_default(),
    );
    let note = text(
        "child_note",
        item.map(|i| i.child_note.clone()).unwrap_or_default(),
    );
    let id = |name: &str| format!("plan-{key}-{name}");
    let chosen_clusters: Vec<i64> = item
        .map(|i| i.sources.iter().map(|s| s.cluster_id).collect())
        .unwrap_or_default();
    let clusters = work
        .clusters
        .iter()
        .map(|(cid, title, ideas)| {
            let input = format!("plan-{key}-cluster-{cid}");
            view! {
                <label class="choice">
                    <input type="checkbox" id=input name="cluster" value=cid.to_string()
                        checked=chosen_clusters.contains(cid)/>
                    {title.clone()} " (" {i18n.tn("plan.ideas", *ideas)} ")"
                </label>
            }
        })
        .collect_view();
    let select = |name: &'static str,
                  label: &'static str,
                  options: Vec<(String, String)>,
                  now: Option<String>| {
        let options = options
            .into_iter()
            .map(|(value, text)| {
                let selected = now.as_deref() == Some(value.as_str());
                view! { <option value=value selected=selected>{text}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=format!("plan-{key}-{name}")>{i18n.t(label)}</label>
                <select id=format!("plan-{key}-{name}") name=name>
                    <option value="">{i18n.t("plan_work.none")}</option>
                    {options}
                </select>
            </div>
        }
    };
    let life = select(
        "life_domain",
        "plan_work.life_domain",
        LifeDomain::ALL
            .iter()
            .map(|d| {
                (
                    d.code().to_owned(),
                    i18n.t(&format!("life_domain.{}", d.code())).to_owned(),
                )
            })
            .collect(),
        item.and_then(|i| i.life_domain.clone()),
    );
    let policy = select(
        "policy_domain",
        "plan_work.policy_domain",
        PolicyDomain::ALL
            .iter()
            .map(|d| {
                (
                    d.code().to_owned(),
                    i18n.t(&format!("policy_domain.{}", d.code())).to_owned(),
                )
            })
            .collect(),
        item.and_then(|i| i.policy_domain.clone()),
    );
    let spearhead = select(
        "spearhead",
        "plan.spearhead",
        work.spearheads
            .iter()
            .map(|(id, t)| (id.to_string(), t.clone()))
            .collect(),
        item.and_then(|i| i.spearhead.as_ref().map(|(id, _)| id.to_string())),
    );
    let effect = select(
        "child_effect",
        "plan.child_effect",
        ChildEffect::ALL
            .iter()
            .map(|e| {
                (
                    e.code().to_owned(),
                    i18n.t(&format!("child_effect.{}", e.code())).to_owned(),
                )
            })
            .collect(),
        item.and_then(|i| i.child_effect.clone()),
    );
    let chosen_partners: Vec<i64> = item
        .map(|i| i.partners.iter().map(|(id, _)| *id).collect())
        .unwrap_or_default();
    let partners = work
        .organisations
        .iter()
        .map(|(oid, name)| {
            let input = format!("plan-{key}-partner-{oid}");
            view! {
                <label class="choice">
                    <input type="checkbox" id=input name="partner" value=oid.to_string()
                        checked=chosen_partners.contains(oid)/>
                    {name.clone()}
                </label>
            }
        })
        .collect_view();
    let chosen_rights: Vec<String> = item.map(|i| i.rights.clone()).unwrap_or_default();
    let rights = ChildRight::ALL
        .iter()
        .map(|r| {
            let input = format!("plan-{key}-right-{}", r.code());
            view! {
                <label class="choice">
                    <input type="checkbox" id=input name="right" value=r.code()
                        checked=chosen_rights.iter().any(|c| c == r.code())/>
                    {i18n.t(&format!("child_right.{}", r.code()))} " "
                    <span class="meta">{i18n.tf("plan.article", &[("n", &r.article().to_string())])}</span>
                </label>
            }
        })
        .collect_view();
    let hidden = item.map(|i| {
        view! {
            <input type="hidden" name="item" value=i.id.to_string()/>
            <input type="hidden" name="version" value=i.version.to_string()/>
        }
    });
    let submit = if item.is_some() {
        i18n.t("plan_work.save")
    } else {
        i18n.t("plan_work.add")
    };
    view! {
        <form method="post" action=action.to_owned() class="plan-item-form" novalidate=true>
            <input type="hidden" name="action" value="item"/>
            {hidden}
            <div class="field">
                <label for=id("title")>{i18n.t("plan_work.item_title")}</label>
                <input type="text" id=id("title") name="title" value=title
                    maxlength=domain::plan::MAX_TITLE_CHARS.to_string()/>
            </div>
            <div class="field">
                <label for=id("description")>{i18n.t("plan_work.description")}</label>
                <textarea id=id("description") name="description" rows="5">{raw_text::textarea(description)}</textarea>
            </div>
            <fieldset class="choices" id=id("clusters")>
                <legend>{i18n.t("plan_work.clusters")}</legend>
                {clusters}
            </fieldset>
            {life}
            {policy}
            {spearhead}
            <fieldset class="choices">
                <legend>{i18n.t("plan.partners")}</legend>
                {partners}
            </fieldset>
            <fieldset class="choices">
                <legend>{i18n.t("plan.child_rights")}</legend>
                <p class="hint">{i18n.t("plan_work.child_rights_hint")}</p>
                {rights}
            </fieldset>
            {effect}
            <div class="field">
                <label for=id("child_note")>{i18n.t("plan_work.child_note")}</label>
                <textarea id=id("child_note") name="child_note" rows="2">{raw_text::textarea(note)}</textarea>
            </div>
            <button type="submit" class="button primary">{submit}</button>
        </form>
    }
}

/// A reason per cluster that is in no item.
fn left_out_forms(i18n: I18n, action: &str, plan: &PlanView) -> impl IntoView + use<> {
    let forms = plan
        .left_out
        .iter()
        .map(|l| {
            let input = format!("reden-{}", l.cluster_id);
            let typed = feedback_for("plan")
                .filter(|f| f.value("cluster") == l.cluster_id.to_string())
                .map(|f| f.value("reason"));
            let now = typed.or(l.reason.clone()).unwrap_or_default();
            view! {
                <form method="post" action=action.to_owned() class="narrow-form">
                    <input type="hidden" name="action" value="left_out"/>
                    <input type="hidden" name="cluster" value=l.cluster_id.to_string()/>
                    <div class="field">
                        <label for=input.clone()>{i18n.tf("plan_work.reason_for", &[("cluster", &l.title)])}
                            " (" {i18n.tn("plan.ideas", l.ideas)} ")"</label>
                        <input type="text" id=input name="reason" value=now
                            maxlength=domain::plan::MAX_SHORT_CHARS.to_string()/>
                    </div>
                    <button type="submit" class="button">{i18n.t("plan_work.save_reason")}</button>
                </form>
            }
        })
        .collect::<Vec<_>>();
    (!forms.is_empty()).then(|| {
        view! {
            <h2>{i18n.t("plan.left_out")}</h2>
            <p>{i18n.t("plan_work.left_out_intro")}</p>
            {forms}
        }
    })
}

/// The co-moderator's signature, or their objection.
fn sign_forms(i18n: I18n, action: &str, work: &PlanWorkView) -> impl IntoView + use<> {
    let mine = work
        .plan
        .signatures
        .iter()
        .find(|s| s.account_id == work.my_id)
        .cloned();
    let now = match &mine {
        Some(s) if s.objection.is_some() => i18n.t("plan_work.you_objected"),
        Some(_) => i18n.t("plan_work.you_signed"),
        None => i18n.t("plan_work.please_sign"),
    };
    let typed = feedback_for("plan")
        .map(|f| f.value("objection"))
        .filter(|t| !t.is_empty())
        .or(mine.and_then(|s| s.objection))
        .unwrap_or_default();
    let version = work.plan.version.to_string();
    view! {
        <section class="sign" aria-labelledby="sign-title">
            <h2 id="sign-title">{i18n.t("plan_work.sign_title")}</h2>
            <p>{now}</p>
            <form method="post" action=action.to_owned() class="inline-form">
                <input type="hidden" name="action" value="sign"/>
                <input type="hidden" name="version" value=version.clone()/>
                <button type="submit" class="button primary">{i18n.t("plan_work.sign")}</button>
            </form>
            <form method="post" action=action.to_owned() class="narrow-form" novalidate=true>
                <input type="hidden" name="action" value="object"/>
                <input type="hidden" name="version" value=version/>
                <div class="field">
                    <label for="plan-objection">{i18n.t("plan_work.objection")}</label>
                    <textarea id="plan-objection" name="objection" rows="3">{raw_text::textarea(typed)}</textarea>
                </div>
                <button type="submit" class="button">{i18n.t("plan_work.object")}</button>
            </form>
        </section>
    }
}

/// What was done with the feedback on one item.
fn conclude_form(i18n: I18n, action: &str, item: &ItemView) -> impl IntoView + use<> {
    let typed = typed_for(Some(item.id));
    let value = |name: &str, now: Option<String>| match &typed {
        Some(f) => f.value(name),
        None => now.unwrap_or_default(),
    };
    let key = item.id;
    let outcome_now = value("outcome", item.outcome.clone());
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| {
            let input = format!("afronden-{key}-{}", o.code());
            view! {
                <label class="choice">
                    <input type="radio" id=input name="outcome" value=o.code()
                        checked=outcome_now == o.code()/>
                    {i18n.t(&format!("plan.outcome.{}", o.code()))}
                </label>
            }
        })
        .collect_view();
    let title = value(
        "final_title",
        Some(
            item.final_title
                .clone()
                .unwrap_or_else(|| item.title.clone()),
        ),
    );
    let description = value(
        "final_description",
        Some(
            item.final_description
                .clone()
                .unwrap_or_else(|| item.description.clone()),
        ),
    );
    let note = value("note", item.outcome_note.clone());
    let n = item.number.to_string();
    // The form's error summary links to `#plan-outcome`: only the item that
    // was sent carries that id, so ids stay unique.
    let outcome_id = if typed.is_some() {
        "plan-outcome".to_owned()
    } else {
        format!("afronden-{key}-outcome")
    };
    view! {
        <details class="conclude" open=item.outcome.is_none() || typed.is_some()>
            <summary>{i18n.tf("plan_work.conclude", &[("n", &n)])}</summary>
            <form method="post" action=action.to_owned() class="plan-item-form" novalidate=true>
                <input type="hidden" name="action" value="conclude"/>
                <input type="hidden" name="item" value=item.id.to_string()/>
                <input type="hidden" name="version" value=item.version.to_string()/>
                <fieldset class="choices" id=outcome_id>
                    <legend>{i18n.t("plan_work.outcome")}</legend>
                    {outcomes}
                </fieldset>
                <div class="field">
                    <label for=format!("afronden-{key}-title")>{i18n.t("plan_work.final_title")}</label>
                    <input type="text" id=format!("afronden-{key}-title") name="final_title" value=title/>
                </div>
                <div class="field">
                    <label for=format!("afronden-{key}-description")>{i18n.t("plan_work.final_description")}</label>
                    <textarea id=format!("afronden-{key}-description") name="final_description" rows="5">{raw_text::textarea(description)}</textarea>
                </div>
                <div class="field">
                    <label for=format!("afronden-{key}-note")>{i18n.t("plan_work.outcome_note")}</label>
                    <textarea id=format!("afronden-{key}-note") name="note" rows="3">{raw_text::textarea(note)}</textarea>
                </div>
                <button type="submit" class="button primary">{i18n.t("plan_work.save")}</button>
            </form>
        </details>
    }
}

/// The plan's introduction, above its items.
fn introduction_form(i18n: I18n, action: &str, plan: &PlanView) -> impl IntoView + use<> {
    let now = feedback_for("plan")
        .map(|f| f.value("introduction"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| plan.introduction.clone());
    view! {
        <form method="post" action=action.to_owned() class="narrow-form" novalidate=true>
            <input type="hidden" name="action" value="introduction"/>
            <div class="field">
                <label for="plan-introduction">{i18n.t("plan_work.introduction")}</label>
                <textarea id="plan-introduction" name="introduction" rows="4">{raw_text::textarea(now)}</textarea>
            </div>
            <button type="submit" class="button">{i18n.t("plan_work.save")}</button>
        </form>
    }
}
