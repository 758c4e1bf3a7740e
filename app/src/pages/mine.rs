//! "My contributions": what a participant sent in. Opens with the cookie on
//! the device that contributed, or with the receipt code on any other.

use super::{ErrorContent, loaded, set_status};
use crate::components::form_feedback::{DoneNotice, Field, FormErrors};
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnIdeaView {
    pub id: i64,
    pub text: String,
    pub round_slug: String,
    pub round_title: String,
    pub challenge_title: String,
    pub created_at: DateTime<Utc>,
    pub withdrawn: bool,
    pub hidden: bool,
    /// Still collecting, and not withdrawn: it can be withdrawn.
    pub can_withdraw: bool,
    /// What became of it, once the round's plan is out.
    pub fate: Option<domain::plan::Fate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MineView {
    /// The participant's code as shown to a person.
    pub code: String,
    pub ideas: Vec<OwnIdeaView>,
    pub nickname: Option<String>,
    pub has_contact_email: bool,
}

/// A code form coming back with an error: what was typed and what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeFormState {
    pub typed: String,
    pub error_code: Option<String>,
}

/// The participant's contributions, or `None` when this device does not
/// know a participant.
#[server(endpoint = "mine")]
pub async fn mine_data() -> Result<Option<MineView>, AppError> {
    crate::ssr::access::require("/api/mine", None)?;
    // The page shows the code, or the code a visitor typed to get back in.
    crate::ssr::security::no_store();
    let state = crate::ssr::state();
    let Some(code) = crate::ssr::request::participant_code() else {
        return Ok(None);
    };
    let hash = code.lookup_hash();
    if store::participant::id_by_code_hash(&state.db, &hash)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let (ideas, places) = tokio::try_join!(
        store::idea::all_own(&state.db, &hash),
        store::plan::idea_places(&state.db, &hash),
    )?;
    let fates = crate::ssr::plan::fates(places);
    let ideas = ideas
        .into_iter()
        .map(|i| OwnIdeaView {
            id: i.id,
            text: i.text,
            round_slug: i.round_slug,
            round_title: i.round_title,
            challenge_title: i.challenge_title,
            created_at: i.created_at,
            withdrawn: i.withdrawn_at.is_some(),
            hidden: i.hidden_at.is_some(),
            can_withdraw: i.withdrawn_at.is_none() && i.round_phase.accepts_ideas(),
            fate: fates.get(&i.id).cloned(),
        })
        .collect();
    let profile = store::participant::profile(&state.db, &hash)
        .await?
        .unwrap_or_default();
    Ok(Some(MineView {
        code: code.display(),
        ideas,
        nickname: profile.nickname,
        has_contact_email: profile.has_contact_email,
    }))
}

#[component]
pub fn MinePage() -> impl IntoView {
    let i18n = use_i18n();
    let form_state = use_context::<CodeFormState>();
    view! {
        <Title text=i18n.t("mine.title")/>
        <h1>{i18n.t("mine.title")}</h1>
        <DoneNotice/>
        {loaded(mine_data(), move |data| match data {
                Ok(Some(mine)) => view! { <Contributions mine/> }.into_any(),
                Ok(None) => view! { <CodeForm state=form_state.clone().unwrap_or_default()/> }.into_any(),
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
    }
}

#[component]
fn Contributions(mine: MineView) -> impl IntoView {
    let i18n = use_i18n();
    let count = i18n.tn("mine.count", mine.ideas.len() as i64);
    let ideas = mine
        .ideas
        .into_iter()
        .map(|idea| {
            let status = if idea.withdrawn {
                "mine.status_withdrawn"
            } else if idea.hidden {
                "mine.status_hidden"
            } else {
                "mine.status_received"
            };
            let fate = idea.fate.clone().and_then(|fate| fate_line(i18n, &idea.round_slug, fate));
            let edit = idea.can_withdraw.then(|| {
                view! { <a class="button" href=format!("/mijn/bewerken/{}", idea.id)>{i18n.t("mine.edit")}</a> }
            });
            let withdraw = idea.can_withdraw.then(|| view! {
                <form method="post" action="/mijn/intrekken" class="inline-form">
                    <input type="hidden" name="idea" value=idea.id.to_string()/>
                    <button type="submit" class="button">{i18n.t("mine.withdraw")}</button>
                </form>
            });
            view! {
                <li class="idea">
                    <p class="meta">
                        <a href=format!("/ronde/{}", idea.round_slug)>{idea.round_title}</a>
                        " · " {idea.challenge_title}
                    </p>
                    <p class="idea-text">{idea.text}</p>
                    <p class="meta">
                        <span class="status">{i18n.t(status)}</span>
                        " · " {i18n.tf("mine.sent_on", &[("date", &format::date(i18n, idea.created_at))])}
                    </p>
                    {fate}
                    {edit}
                    {withdraw}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="code-box">
            <p class="code-label" id="mine-code-label">{i18n.t("receipt.code_label")}</p>
            <p class="code" aria-labelledby="mine-code-label">{mine.code}</p>
            <p>{i18n.t("receipt.code_explained")}</p>
        </div>
        <p>{count}</p>
        <FormErrors form="withdraw"/>
        <ul class="ideas">{ideas}</ul>
        <Profile nickname=mine.nickname has_contact_email=mine.has_contact_email/>
        <section class="panel" aria-labelledby="forget-title">
            <h2 id="forget-title">{i18n.t("mine.forget_heading")}</h2>
            <p>{i18n.t("mine.forget_hint")}</p>
            <form method="post" action="/mijn/vergeten">
                <button type="submit" class="button">{i18n.t("mine.forget")}</button>
            </form>
        </section>
    }
}

/// "Je idee zit in planpunt 3: …" or "Niet overgenomen, omdat …".
fn fate_line(i18n: crate::i18n::I18n, slug: &str, fate: domain::plan::Fate) -> Option<AnyView> {
    use domain::plan::Fate;
    let plan = format!("/ronde/{slug}/plan");
    Some(match fate {
        Fate::InPlan(items) => {
            let items = items
                .into_iter()
                .map(|(n, title)| {
                    view! {
                        <li><a href=plan.clone()>{i18n.tf("mine.fate_item", &[("n", &n.to_string()), ("title", &title)])}</a></li>
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
        Fate::Open => return None,
    })
}

/// The optional nickname and address to hear back at.
#[component]
fn Profile(nickname: Option<String>, has_contact_email: bool) -> impl IntoView {
    let i18n = use_i18n();
    let saved_email = has_contact_email.then(|| {
        view! {
            <p>{i18n.t("mine.email_saved")}</p>
            <form method="post" action="/mijn/profiel">
                <input type="hidden" name="action" value="delete_email"/>
                <button type="submit" class="button">{i18n.t("mine.email_delete")}</button>
            </form>
        }
    });
    view! {
        <section class="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{i18n.t("mine.profile_heading")}</h2>
            {saved_email}
            <form method="post" action="/mijn/profiel" class="narrow-form" novalidate=true>
                <FormErrors form="profile"/>
                <input type="hidden" name="action" value="save"/>
                <Field form="profile" name="nickname" autocomplete="nickname" value=nickname.unwrap_or_default()
                    label=i18n.t("mine.nickname").to_owned() hint=i18n.t("mine.nickname_hint").to_owned()/>
                <Field form="profile" name="email" kind="email" autocomplete="email"
                    label=i18n.t("mine.email").to_owned() hint=i18n.t("mine.email_hint").to_owned()/>
                <button type="submit" class="button">{i18n.t("mine.save")}</button>
            </form>
        </section>
    }
}

#[component]
fn CodeForm(state: CodeFormState) -> impl IntoView {
    let i18n = use_i18n();
    let error = state
        .error_code
        .as_ref()
        .map(|code| i18n.t(&format!("error.{code}")));
    if error.is_some() {
        set_status(422);
    }
    view! {
        <p>{i18n.t("mine.intro_code")}</p>
        <form method="post" action="/mijn" class="code-form" novalidate=true>
            {error.map(|message| view! {
                <div class="error-summary" tabindex="-1" autofocus=true aria-labelledby="code-errors-title">
                    <h2 id="code-errors-title">{i18n.t("mine.error_summary")}</h2>
                    <ul><li><a href="#code">{message}</a></li></ul>
                </div>
            })}
            <div class="field" class:field-invalid=error.is_some()>
                <label for="code">{i18n.t("mine.code_label")}</label>
                <p id="code-hint" class="hint">{i18n.t("mine.code_hint")}</p>
                {error.map(|message| view! { <p id="code-error" class="field-error">{message}</p> })}
                <input type="text" id="code" name="code" value=state.typed.clone() autocomplete="off"
                    autocapitalize="characters" spellcheck="false" inputmode="text"
                    aria-invalid=error.map(|_| "true")
                    aria-describedby=if error.is_some() { "code-hint code-error" } else { "code-hint" }/>
            </div>
            <button type="submit" class="button primary">{i18n.t("mine.open")}</button>
        </form>
    }
}
