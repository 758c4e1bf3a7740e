//! The idea form: what a resident fills in to contribute. Rendered on the
//! server, both on the round page and as the answer to a form that needs
//! fixing, so the errors and the typed input come back exactly as sent.

use crate::components::raw_text;
use crate::errors::field_error_message;
use crate::i18n::use_i18n;
use domain::idea::FieldError;
use domain::{IdeaField, IdeaInput, LifeDomain, PolicyDomain};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i64,
    pub position: i64,
    pub text: String,
}

#[cfg(feature = "ssr")]
impl From<store::round::Question> for QuestionView {
    fn from(q: store::round::Question) -> QuestionView {
        QuestionView {
            id: q.id,
            position: q.position,
            text: q.text,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeighbourhoodView {
    pub id: i64,
    pub name: String,
}

/// What the form needs to know about its round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaFormView {
    pub action: String,
    pub questions: Vec<QuestionView>,
    pub neighbourhoods: Vec<NeighbourhoodView>,
    /// A fresh submission key for this showing of the form.
    pub submission_key: String,
}

/// A form coming back because it needs fixing: what was typed, the key it
/// carried (so fixing and sending still saves one idea), and what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaFormState {
    pub input: IdeaInput,
    pub key: Option<String>,
    pub errors: Vec<(IdeaField, FieldError)>,
}

/// The element id of a field, for labels and for links in the error summary.
fn field_id(field: IdeaField, form: &IdeaFormView) -> String {
    match field {
        IdeaField::Text => "idea-text".into(),
        IdeaField::Question => format!(
            "idea-question-{}",
            form.questions.first().map_or(0, |q| q.id)
        ),
        IdeaField::LifeDomain => "idea-life-domain".into(),
        IdeaField::PolicyDomain => "idea-policy-domain".into(),
        IdeaField::Neighbourhood => "idea-neighbourhood".into(),
    }
}

#[component]
pub fn IdeaForm(form: IdeaFormView, state: IdeaFormState) -> impl IntoView {
    let i18n = use_i18n();
    let error_of = |field: IdeaField| {
        state
            .errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| field_error_message(i18n, *e))
    };
    let described_by = |hint: Option<&str>, error: &Option<String>, id: &str| {
        let mut ids: Vec<String> = hint.map(str::to_owned).into_iter().collect();
        if error.is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let text_error = error_of(IdeaField::Text);
    let question_error = error_of(IdeaField::Question);
    let life_domain_error = error_of(IdeaField::LifeDomain);
    let policy_domain_error = error_of(IdeaField::PolicyDomain);
    let neighbourhood_error = error_of(IdeaField::Neighbourhood);
    let key = state
        .key
        .clone()
        .unwrap_or_else(|| form.submission_key.clone());
    let input = state.input.clone();

    let summary = (!state.errors.is_empty()).then(|| {
        let items = state
            .errors
            .iter()
            .map(|(field, error)| {
                let href = format!("#{}", field_id(*field, &form));
                view! { <li><a href=href>{field_error_message(i18n, *error)}</a></li> }
            })
            .collect_view();
        view! {
            <div class="error-summary" tabindex="-1" autofocus=true data-focus=""
                aria-labelledby="idea-errors-title">
                <h3 id="idea-errors-title">{i18n.t("form.error_summary")}</h3>
                <ul>{items}</ul>
            </div>
        }
    });

    let questions = (form.questions.len() > 1).then(|| {
        let chosen = input.question.clone().unwrap_or_default();
        let invalid = question_error.is_some();
        let radios = form
            .questions
            .iter()
            .map(|q| {
                let id = format!("idea-question-{}", q.id);
                let checked = chosen == q.id.to_string();
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="question" value=q.id.to_string() checked=checked
                            aria-invalid=invalid.then_some("true")
                            aria-describedby=invalid.then_some("idea-question-error")/>
                        <label for=id>{q.text.clone()}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="field" class:field-invalid=question_error.is_some()>
                <legend>{i18n.t("form.question_legend")}</legend>
                {question_error.clone().map(|m| view! { <p id="idea-question-error" class="field-error">{m}</p> })}
                {radios}
            </fieldset>
        }
    });

    let chosen_domain = input.life_domain.clone().unwrap_or_default();
    let domain_options = LifeDomain::ALL
        .into_iter()
        .map(|d| {
            let selected = chosen_domain == d.code();
            view! { <option value=d.code() selected=selected>{i18n.t(&format!("life_domain.{}", d.code()))}</option> }
        })
        .collect_view();
    let chosen_policy = input.policy_domain.clone().unwrap_or_default();
    let policy_options = PolicyDomain::ALL
        .into_iter()
        .map(|d| {
            let selected = chosen_policy == d.code();
            view! { <option value=d.code() selected=selected>{i18n.t(&format!("policy_domain.{}", d.code()))}</option> }
        })
        .collect_view();
    let chosen_neighbourhood = input.neighbourhood.clone().unwrap_or_default();
    let neighbourhood_options = form
        .neighbourhoods
        .iter()
        .map(|n| {
            let selected = chosen_neighbourhood == n.id.to_string();
            view! { <option value=n.id.to_string() selected=selected>{n.name.clone()}</option> }
        })
        .collect_view();
    let has_neighbourhoods = !form.neighbourhoods.is_empty();

    view! {
        <form method="post" action=form.action.clone() class="idea-form" data-enhance="" novalidate=true
            aria-labelledby="idea-form-title">
            <h2 id="idea-form-title">{i18n.t("form.heading")}</h2>
            {summary}
            <input type="hidden" name="key" value=key/>
            {questions}
            <div class="field" class:field-invalid=text_error.is_some()>
                <label for="idea-text">{i18n.t("form.text_label")}</label>
                <p id="idea-text-hint" class="hint">{i18n.t("form.text_hint")}</p>
                {text_error.clone().map(|m| view! { <p id="idea-text-error" class="field-error">{m}</p> })}
                <textarea id="idea-text" name="text" rows="6" aria-required="true"
                    data-similar=format!("{}/lijkt-op", form.action)
                    aria-invalid=text_error.as_ref().map(|_| "true")
                    aria-describedby=described_by(Some("idea-text-hint"), &text_error, "idea-text")>
                    {raw_text::textarea(input.text.clone())}
                </textarea>
                // Filled by the island while the resident types: ideas like
                // theirs, which they could support instead.
                <div data-similar-list=""></div>
                <p class="visually-hidden" role="status" data-similar-status=""></p>
            </div>
            <div class="field" class:field-invalid=life_domain_error.is_some()>
                <label for="idea-life-domain">
                    {i18n.t("form.life_domain_label")} " "
                    <span class="optional">{i18n.t("form.optional")}</span>
                </label>
                {life_domain_error.clone().map(|m| view! { <p id="idea-life-domain-error" class="field-error">{m}</p> })}
                <select id="idea-life-domain" name="life_domain"
                    aria-invalid=life_domain_error.as_ref().map(|_| "true")
                    aria-describedby=described_by(None, &life_domain_error, "idea-life-domain")>
                    <option value="">{i18n.t("form.not_chosen")}</option>
                    {domain_options}
                </select>
            </div>
            <div class="field" class:field-invalid=policy_domain_error.is_some()>
                <label for="idea-policy-domain">
                    {i18n.t("form.policy_domain_label")} " "
                    <span class="optional">{i18n.t("form.optional")}</span>
                </label>
                {policy_domain_error.clone().map(|m| view! { <p id="idea-policy-domain-error" class="field-error">{m}</p> })}
                <select id="idea-policy-domain" name="policy_domain"
                    aria-invalid=policy_domain_error.as_ref().map(|_| "true")
                    aria-describedby=described_by(None, &policy_domain_error, "idea-policy-domain")>
                    <option value="">{i18n.t("form.not_chosen")}</option>
                    {policy_options}
                </select>
            </div>
            {has_neighbourhoods.then(|| view! {
                <div class="field" class:field-invalid=neighbourhood_error.is_some()>
                    <label for="idea-neighbourhood">
                        {i18n.t("form.neighbourhood_label")} " "
                        <span class="optional">{i18n.t("form.optional")}</span>
                    </label>
                    {neighbourhood_error.clone().map(|m| view! { <p id="idea-neighbourhood-error" class="field-error">{m}</p> })}
                    <select id="idea-neighbourhood" name="neighbourhood"
                        aria-invalid=neighbourhood_error.as_ref().map(|_| "true")
                        aria-describedby=described_by(None, &neighbourhood_error, "idea-neighbourhood")>
                        <option value="">{i18n.t("form.not_chosen")}</option>
                        {neighbourhood_options}
                    </select>
                </div>
            })}
            <div class="field choice">
                <input type="checkbox" id="idea-lived-experience" name="lived_experience" value="yes"
                    checked=input.lived_experience aria-describedby="idea-lived-experience-hint"/>
                <label for="idea-lived-experience">{i18n.t("form.lived_experience_label")}</label>
                <p id="idea-lived-experience-hint" class="hint">{i18n.t("form.lived_experience_hint")}</p>
            </div>
            <p class="privacy-note">{i18n.t("form.privacy")}</p>
            <button type="submit" class="button primary">{i18n.t("form.submit")}</button>
            // Empty until the island fills it: a live region must exist before its
            // text changes for screen readers to announce it.
            <p class="sending" role="status" data-sending=i18n.t("form.sending")></p>
        </form>
    }
}
