//! What became of an idea, as its sender reads it on the receipt and on
//! "Mijn inbreng" (`domain::idea_status`): one view, so both pages tell
//! the same story, and the progress of the plan items it is in.

use crate::format;
use crate::i18n::{I18n, use_i18n};
use chrono::{DateTime, Utc};
use domain::idea_status::IdeaStatus;
use domain::plan::Fate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The newest progress of a plan item the idea is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgressView {
    pub item_id: i64,
    /// The item's number in the plan.
    pub number: u32,
    /// `domain::plan::Progress` code.
    pub status: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Where the idea stands, with links to the plan and its progress.
#[component]
pub fn IdeaStatusView(
    status: IdeaStatus,
    round_slug: String,
    challenge_slug: String,
    progress: Vec<ItemProgressView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let line = |key: &str| view! { <p class="fate">{i18n.t(key).to_owned()}</p> }.into_any();
    match status {
        IdeaStatus::Withdrawn => line("mine.status_withdrawn"),
        IdeaStatus::Hidden => line("mine.status_hidden"),
        IdeaStatus::Received => line("status.received"),
        IdeaStatus::Sorting => line("status.sorting"),
        IdeaStatus::InTheme(title) => {
            view! { <p class="fate">{i18n.tf("status.in_theme", &[("theme", &title)])}</p> }
                .into_any()
        }
        IdeaStatus::NoAnswer => line("status.no_answer"),
        IdeaStatus::Answered(fate) => {
            let plan = format!("/ronde/{round_slug}/plan");
            let timeline = format!("/voortgang/{challenge_slug}");
            view! {
                {fate_line(i18n, &plan, fate)}
                {progress_list(i18n, &timeline, progress)}
            }
            .into_any()
        }
    }
}

/// "Je idee zit in het plan: punt 3 …", "Niet in het plan, omdat …" or
/// "Apart gezet, omdat …".
fn fate_line(i18n: I18n, plan: &str, fate: Fate) -> AnyView {
    match fate {
        Fate::InPlan(items) => {
            let items = items
                .into_iter()
                .map(|(n, title)| {
                    view! {
                        <li><a href=plan.to_owned()>{i18n.tf("mine.fate_item", &[("n", &n.to_string()), ("title", &title)])}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="fate fate-in-plan">
                    <p>{i18n.t("mine.fate_in_plan")}</p>
                    <ul>{items}</ul>
                </div>
            }
            .into_any()
        }
        Fate::NotTakenUp(reason) => view! {
            <p class="fate">{i18n.t("mine.fate_not_taken_up")} " " {reason}
                " " <a href=format!("{plan}#plan-left-out")>{i18n.t("mine.fate_see_plan")}</a></p>
        }
        .into_any(),
        Fate::SetAside { reason, note } => {
            let reason = i18n.t(&format!("funnel.aside.{reason}"));
            let mut text = i18n.tf("mine.fate_set_aside", &[("reason", reason)]);
            if let Some(note) = note {
                text = format!(
                    "{text} {}",
                    i18n.tf("mine.fate_set_aside_note", &[("note", &note)])
                );
            }
            view! { <p class="fate">{text}</p> }.into_any()
        }
        Fate::Open => view! { <p class="fate">{i18n.t("status.no_answer")}</p> }.into_any(),
    }
}

/// "Punt 2 – stand nu: Bezig (3 december 2026). Drie scholen …"
fn progress_list(
    i18n: I18n,
    timeline: &str,
    progress: Vec<ItemProgressView>,
) -> Option<impl IntoView + use<>> {
    if progress.is_empty() {
        return None;
    }
    let items = progress
        .into_iter()
        .map(|p| {
            let now = i18n.tf(
                "status.progress",
                &[
                    ("n", &p.number.to_string()),
                    ("status", i18n.t(&format!("progress.{}", p.status))),
                    ("date", &format::date(i18n, p.at)),
                ],
            );
            view! {
                <li><a href=format!("{timeline}#voortgang-{}", p.item_id)>{now}</a> " " {p.note}</li>
            }
        })
        .collect_view();
    Some(view! {
        <div class="fate-progress">
            <p>{i18n.t("status.progress_title")}</p>
            <ul>{items}</ul>
        </div>
    })
}
