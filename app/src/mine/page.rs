//! "My contributions": what a participant sent in. Opens with the cookie on
//! the device that contributed, or with the receipt code on any other.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;

use crate::components::form_feedback::{DoneNotice, Field, FormErrors};
use crate::components::idea_status::{IdeaStatusView, ItemProgressView};
use crate::components::page::set_status;
use crate::errors::AppError;
use crate::format;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use domain::idea_status::IdeaStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnIdeaView {
    pub id: i64,
    pub text: String,
    pub round_slug: String,
    pub round_title: String,
    pub challenge_slug: String,
    pub challenge_title: String,
    pub created_at: DateTime<Utc>,
    /// Still collecting, and not withdrawn: it can be withdrawn.
    pub can_withdraw: bool,
    /// Where it stands in its round.
    pub status: IdeaStatus,
    /// The progress of the plan items it is in, once the plan is final.
    pub progress: Vec<ItemProgressView>,
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
    crate::web::access::require("/api/mine", None)?;
    // The page shows the code, or the code a visitor typed to get back in.
    crate::web::security::no_store();
    let state = crate::web::state();
    let Some(code) = crate::web::request::participant_code() else {
        return Ok(None);
    };
    let hash = code.lookup_hash();
    if store::participant::id_by_code_hash(&state.db, &hash)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let (ideas, followed) = tokio::try_join!(
        store::idea::all_own(&state.db, &hash),
        crate::round::status::follow(&state.db, &hash),
    )?;
    let ideas = ideas
        .into_iter()
        .map(|i| {
            let (status, progress) = followed.of(&i);
            OwnIdeaView {
                id: i.id,
                can_withdraw: i.withdrawn_at.is_none() && i.round_phase.accepts_ideas(),
                text: i.text,
                round_slug: i.round_slug,
                round_title: i.round_title,
                challenge_slug: i.challenge_slug,
                challenge_title: i.challenge_title,
                created_at: i.created_at,
                status,
                progress,
            }
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
            let edit = idea.can_withdraw.then(|| {
                view! { <a class="button" href=format!("/mijn/bewerken/{}", idea.id)>{i18n.t("mine.edit")}</a> }
            });
            // Withdrawing cannot be undone: the first tap only asks.
            let withdraw = idea.can_withdraw.then(|| view! {
                <details class="confirm">
                    <summary class="button">{i18n.t("mine.withdraw")}</summary>
                    <p>{i18n.t("mine.withdraw_question")}</p>
                    <form method="post" action="/mijn/intrekken" class="inline-form">
                        <input type="hidden" name="idea" value=idea.id.to_string()/>
                        <button type="submit" class="button">{i18n.t("mine.withdraw_yes")}</button>
                    </form>
                </details>
            });
            view! {
                <li class="idea">
                    <p class="meta">
                        <a href=format!("/ronde/{}", idea.round_slug)>{idea.round_title}</a>
                        " · " {idea.challenge_title}
                    </p>
                    <p class="idea-text">{idea.text}</p>
                    <p class="meta">{i18n.tf("mine.sent_on", &[("date", &format::date(i18n, idea.created_at))])}</p>
                    <IdeaStatusView status=idea.status round_slug=idea.round_slug.clone()
                        challenge_slug=idea.challenge_slug progress=idea.progress/>
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
