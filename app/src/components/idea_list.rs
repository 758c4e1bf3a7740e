//! The list of a round's ideas, newest first, one page at a time.

use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::{Channel, ContributorGroup, LifeDomain, PolicyDomain};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaView {
    pub id: i64,
    pub text: String,
    /// Shown only when the round has more than one question.
    pub question_position: Option<i64>,
    pub life_domain: Option<LifeDomain>,
    pub policy_domain: Option<PolicyDomain>,
    pub neighbourhood: Option<String>,
    pub lived_experience: bool,
    pub group: ContributorGroup,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    /// Hidden by a moderator, with the public reason; the text is empty.
    pub hidden_reason: Option<String>,
    pub dream: Option<DreamView>,
    pub support_count: i64,
    /// The viewer supports it ("ik ook").
    pub supported: bool,
    /// The viewer sent it.
    pub own: bool,
}

/// What a child added to their dream, as everyone may see it: no name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DreamView {
    pub need: Option<String>,
    pub age_group: String,
}

/// Where support buttons post to, while a round collects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportForm {
    pub action: String,
    /// The page to come back to (with `pagina`).
    pub back: String,
    /// The page view's submission key, so that a form sent twice by a
    /// device without a code makes one participant.
    pub key: String,
}

/// What an "Ik ook" button does and says: add a support, or take it back.
pub fn support_choice(i18n: I18n, supported: bool) -> (&'static str, &'static str) {
    if supported {
        ("remove", i18n.t("support.undo"))
    } else {
        ("add", i18n.t("support.add"))
    }
}

#[component]
pub fn IdeaList(
    ideas: Vec<IdeaView>,
    support: Option<SupportForm>,
    /// Where "report" links go (`{flag}/{idea id}`); none where flagging is
    /// not open.
    flag: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = ideas
        .into_iter()
        .map(|idea| {
            if let Some(reason) = &idea.hidden_reason {
                return view! {
                    <li class="idea idea-hidden" id=format!("idee-{}", idea.id)>
                        <p class="idea-text">{i18n.tf("idea.hidden", &[("reason", reason)])}</p>
                    </li>
                }
                .into_any();
            }
            let mut tags: Vec<String> = Vec::new();
            if idea.group != ContributorGroup::Resident {
                tags.push(i18n.t(&format!("group.{}", idea.group.code())).to_owned());
            }
            if idea.channel != Channel::Online {
                tags.push(i18n.t(&format!("channel.{}", idea.channel.code())).to_owned());
            }
            if idea.lived_experience {
                tags.push(i18n.t("idea.lived_experience").to_owned());
            }
            if let Some(domain) = idea.life_domain {
                tags.push(i18n.t(&format!("life_domain.{}", domain.code())).to_owned());
            }
            if let Some(domain) = idea.policy_domain {
                tags.push(i18n.t(&format!("policy_domain.{}", domain.code())).to_owned());
            }
            let meta = [
                Some(format::date(i18n, idea.created_at)),
                idea.question_position.filter(|_| idea.dream.is_none()).map(|n| i18n.tf("round.question_number", &[("n", &n.to_string())])),
                idea.neighbourhood.as_ref().map(|name| i18n.tf("round.neighbourhood", &[("name", name)])),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let body = match &idea.dream {
                Some(dream) => {
                    // Never the child's name: that stays with staff.
                    let who = i18n.tf("dream.by", &[("age", &dream.age_group)]);
                    view! {
                        <p class="idea-text dream-text">
                            <span class="dream-prompt">{i18n.t("dream.wish_label")}</span> " " {idea.text.clone()}
                        </p>
                        {dream.need.clone().map(|need| view! {
                            <p class="idea-text dream-text">
                                <span class="dream-prompt">{i18n.t("dream.need_label")}</span> " " {need}
                            </p>
                        })}
                        <p class="meta">{who}</p>
                    }
                    .into_any()
                }
                None => view! { <p class="idea-text">{idea.text.clone()}</p> }.into_any(),
            };
            view! {
                <li class="idea" id=format!("idee-{}", idea.id)>
                    {body}
                    {(!tags.is_empty()).then(|| view! {
                        <ul class="tags">{tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    })}
                    <p class="meta">{meta}</p>
                    <Support idea=idea.id count=idea.support_count supported=idea.supported own=idea.own form=support.clone()/>
                    {flag.clone().map(|href| view! {
                        <p class="flag-link"><a href=format!("{href}/{}", idea.id) rel="nofollow">{i18n.t("flag.link")}</a></p>
                    })}
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! { <ul class="ideas">{items}</ul> }
}

/// The count of "ik ook" and, while the round collects, the button. The
/// button says what pressing it does, and `aria-pressed` whether it is on.
#[component]
fn Support(
    idea: i64,
    count: i64,
    supported: bool,
    own: bool,
    form: Option<SupportForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counted = (count > 0)
        .then(|| view! { <span class="support-count">{i18n.tn("support.count", count)}</span> });
    let button = form.filter(|_| !own).map(|form| {
        let (action, label) = support_choice(i18n, supported);
        view! {
            <form method="post" action=form.action class="inline-form support-form">
                <input type="hidden" name="idea" value=idea.to_string()/>
                <input type="hidden" name="action" value=action/>
                <input type="hidden" name="back" value=format!("{}#idee-{idea}", form.back)/>
                <input type="hidden" name="key" value=form.key/>
                <button type="submit" class="button support" aria-pressed=if supported { "true" } else { "false" }>{label}</button>
            </form>
        }
    });
    view! { <div class="support-row">{counted}{button}</div> }
}
