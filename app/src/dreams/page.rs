//! "Als ik later groot ben…": a round's page for children. Its own short
//! address for a school poster, very simple words, big touch targets,
//! pictograms, and nothing required but the dream and an age group.

use crate::components::page::ErrorContent;

use crate::components::form_feedback::{ErrorSummary, field_error};
use crate::components::page::loaded;
use crate::components::pictogram;
use crate::components::raw_text;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use domain::dream::{AgeGroup, DreamError, DreamField, DreamInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DreamPageView {
    pub slug: String,
    pub round_title: String,
    /// Dreams can be sent now (the round collects and has dreams open).
    pub open: bool,
    /// A moderator reads each dream before it is shown.
    pub premoderated: bool,
    pub submission_key: String,
    /// After sending: the round page showing only the dreams.
    pub dreams_href: String,
}

/// A dream form coming back because it needs fixing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DreamFormState {
    pub input: DreamInput,
    pub key: Option<String>,
    pub errors: Vec<DreamError>,
}

#[server(endpoint = "dream")]
pub async fn dream_page(slug: String, sent: bool) -> Result<DreamPageView, AppError> {
    crate::web::access::require("/api/dream", None)?;
    let db = &crate::web::state().db;
    let round = store::round::by_slug(db, &slug)
        .await?
        .filter(|r| r.phase.is_public() && r.dreams_open)
        .ok_or(AppError::NotFound)?;
    // Only the thanks page links to the dreams: the form needs no query more.
    let dream_question = match sent {
        true => store::round::dream_question_id(db, round.id).await?,
        false => None,
    };
    let dreams_href = match dream_question {
        Some(id) => format!("/ronde/{}?vraag={id}#ideas-title", round.slug),
        None => format!("/ronde/{}#ideas-title", round.slug),
    };
    Ok(DreamPageView {
        dreams_href,
        open: domain::lifecycle::allows(round.phase, domain::lifecycle::RoundAction::Contribute),
        premoderated: round.dreams_premoderated,
        slug: round.slug,
        round_title: round.title,
        submission_key: domain::SubmissionKey::random().to_form_value(),
    })
}

#[component]
pub fn DreamPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let sent = use_query_map().with_untracked(|q| q.get("gedaan").is_some());
    let state = use_context::<DreamFormState>().unwrap_or_default();
    view! {
        <Title text=i18n.t("dream.title")/>
        <div class="dream-page">
            {loaded(dream_page(slug, sent), move |data| match data {
                Ok(page) if sent => view! { <Thanks page/> }.into_any(),
                Ok(page) if !page.open => view! {
                    <h1>{i18n.t("dream.title")}</h1>
                    <p class="notice">{i18n.t("dream.closed")}</p>
                }.into_any(),
                Ok(page) => view! { <DreamForm page state=state.clone()/> }.into_any(),
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Thanks(page: DreamPageView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="dream-thanks" tabindex="-1" autofocus=true>
            <span class="picto picto-big" inner_html=pictogram::THANKS></span>
            <h1>{i18n.t("dream.thanks_title")}</h1>
            <p>{i18n.t(if page.premoderated { "dream.thanks" } else { "dream.thanks_shown" })}</p>
        </div>
        <p><a class="button primary big" href=format!("/droom/{}", page.slug)>{i18n.t("dream.another")}</a></p>
        <p><a href=page.dreams_href.clone()>{i18n.t("dream.to_round")}</a></p>
    }
}

fn field_id(field: DreamField) -> String {
    match field {
        DreamField::AgeGroup => "dream-age-4-7".into(),
        other => format!("dream-{}", other.name().replace('_', "-")),
    }
}

#[component]
fn DreamForm(page: DreamPageView, state: DreamFormState) -> impl IntoView {
    let i18n = use_i18n();
    let message = move |(field, code): DreamError| {
        i18n.t(&format!("dream.error.{}_{}", field.name(), code))
            .to_owned()
    };
    let error_of = |field: DreamField| {
        state
            .errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|e| message(*e))
    };
    let error_line =
        move |field: DreamField, error: Option<String>| field_error(&field_id(field), error);
    let input = state.input.clone();
    let key = state.key.clone().unwrap_or(page.submission_key.clone());
    let summary = view! {
        <ErrorSummary form="dream" title=i18n.t("dream.error_summary")
            errors=state.errors.iter().map(|e| (field_id(e.0), message(*e))).collect()/>
    };
    let chosen_age = input.age_group.clone().unwrap_or_default();
    let age_error = error_of(DreamField::AgeGroup);
    let ages = AgeGroup::ALL
        .into_iter()
        .map(|age| {
            let id = format!("dream-age-{}", age.code());
            let picto = match age {
                AgeGroup::Young => pictogram::AGE_4_7,
                AgeGroup::Middle => pictogram::AGE_8_12,
                AgeGroup::Teen => pictogram::AGE_13_17,
            };
            view! {
                <div class="age-card">
                    <input type="radio" id=id.clone() name="age_group" value=age.code()
                        checked=chosen_age == age.code()
                        aria-describedby=age_error.is_some().then_some("dream-age-4-7-error")/>
                    <label for=id>
                        <span class="picto" inner_html=picto></span>
                        {i18n.tf("dream.age", &[("age", age.code())])}
                    </label>
                </div>
            }
        })
        .collect_view();
    let wish_error = error_of(DreamField::Wish);
    let need_error = error_of(DreamField::Need);
    let name_error = error_of(DreamField::FirstName);
    let contact_error = error_of(DreamField::Contact);
    view! {
        <h1 class="dream-title">
            <span class="picto picto-big" inner_html=pictogram::DREAM></span>
            {i18n.t("dream.title")}
        </h1>
        <p class="dream-intro">{i18n.t("dream.intro")}</p>
        <form method="post" action=format!("/droom/{}", page.slug) class="dream-form" novalidate=true>
            {summary}
            <input type="hidden" name="key" value=key/>
            <div class="field dream-field" class:field-invalid=wish_error.is_some()>
                <label for="dream-wish">{i18n.t("dream.wish_label")}</label>
                {error_line(DreamField::Wish, wish_error.clone())}
                <textarea id="dream-wish" name="wish" rows="3" maxlength="300" aria-required="true"
                    aria-invalid=wish_error.as_ref().map(|_| "true")
                    aria-describedby=wish_error.as_ref().map(|_| "dream-wish-error")>{raw_text::textarea(input.wish.clone())}</textarea>
            </div>
            <div class="field dream-field" class:field-invalid=need_error.is_some()>
                <label for="dream-need">
                    <span class="picto" inner_html=pictogram::NEED></span>
                    {i18n.t("dream.need_label")} " " <span class="optional">{i18n.t("dream.if_you_like")}</span>
                </label>
                {error_line(DreamField::Need, need_error.clone())}
                <textarea id="dream-need" name="need" rows="3" maxlength="300"
                    aria-invalid=need_error.as_ref().map(|_| "true")
                    aria-describedby=need_error.as_ref().map(|_| "dream-need-error")>{raw_text::textarea(input.need.clone())}</textarea>
            </div>
            <fieldset class="field age-choice" class:field-invalid=age_error.is_some()>
                <legend>{i18n.t("dream.age_legend")}</legend>
                {error_line(DreamField::AgeGroup, age_error.clone())}
                <div class="age-cards">{ages}</div>
            </fieldset>
            <div class="field" class:field-invalid=name_error.is_some()>
                <label for="dream-first-name">
                    {i18n.t("dream.name_label")} " " <span class="optional">{i18n.t("dream.if_you_like")}</span>
                </label>
                <p id="dream-first-name-hint" class="hint">{i18n.t("dream.name_hint")}</p>
                {error_line(DreamField::FirstName, name_error.clone())}
                <input type="text" id="dream-first-name" name="first_name" maxlength="30" autocomplete="off"
                    value=input.first_name.clone()
                    aria-invalid=name_error.as_ref().map(|_| "true")
                    aria-describedby=if name_error.is_some() { "dream-first-name-hint dream-first-name-error" } else { "dream-first-name-hint" }/>
            </div>
            <div class="field talk" class:field-invalid=contact_error.is_some()>
                <div class="choice">
                    <input type="checkbox" id="dream-wants-contact" name="wants_contact" value="yes"
                        checked=input.wants_contact/>
                    <label for="dream-wants-contact">
                        <span class="picto" inner_html=pictogram::TALK></span>
                        {i18n.t("dream.talk_label")}
                    </label>
                </div>
                <div class="talk-contact">
                    <label for="dream-contact">{i18n.t("dream.contact_label")}</label>
                    <p id="dream-contact-hint" class="hint">{i18n.t("dream.contact_hint")}</p>
                    {error_line(DreamField::Contact, contact_error.clone())}
                    <input type="text" id="dream-contact" name="contact" maxlength="120" autocomplete="off"
                        value=input.contact.clone()
                        aria-invalid=contact_error.as_ref().map(|_| "true")
                        aria-describedby=if contact_error.is_some() { "dream-contact-hint dream-contact-error" } else { "dream-contact-hint" }/>
                </div>
            </div>
            <button type="submit" class="button primary big">{i18n.t("dream.submit")}</button>
        </form>
    }
}
