//! The receipt: proof that an idea was saved, with the participant's code.

use crate::components::form_feedback::{Field, FormErrors};
use crate::components::idea_list::support_choice;
use crate::components::idea_status::{IdeaStatusView, ItemProgressView};
use crate::i18n::use_i18n;
use domain::idea_status::IdeaStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub idea_text: String,
    pub round_slug: String,
    pub round_title: String,
    /// The code as shown to a person ("ABCDE-FGHJK").
    pub code: String,
    /// The same idea had been sent before; nothing new was stored.
    pub duplicate: bool,
    /// Where supporting a similar idea returns to.
    pub back: String,
    /// Ideas of the round that look like this one, which the resident can
    /// support instead of repeating (empty when the round no longer
    /// collects).
    pub similar: Vec<SimilarIdea>,
    pub challenge_slug: String,
    /// Where the idea stands now: a receipt opened later follows it.
    pub status: IdeaStatus,
    pub progress: Vec<ItemProgressView>,
    /// The round is not over: there is still news to mail.
    pub round_open: bool,
    /// The participant left an address to hear back at.
    pub has_email: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarIdea {
    pub id: i64,
    pub text: String,
    pub supported: bool,
}

/// "Looks like these ideas", each with its "ik ook" button.
fn similar_ideas(receipt: &ReceiptView) -> Option<impl IntoView + use<>> {
    let i18n = use_i18n();
    if receipt.similar.is_empty() {
        return None;
    }
    let action = format!("/ronde/{}/steun", receipt.round_slug);
    let items = receipt
        .similar
        .iter()
        .map(|idea| {
            let (what, label) = support_choice(i18n, idea.supported);
            view! {
                <li class="idea">
                    <p class="idea-text">{idea.text.clone()}</p>
                    <form method="post" action=action.clone() class="inline-form support-form">
                        <input type="hidden" name="idea" value=idea.id.to_string()/>
                        <input type="hidden" name="action" value=what/>
                        <input type="hidden" name="back" value=format!("{}#lijkt-op", receipt.back)/>
                        <button type="submit" class="button support" aria-pressed=if idea.supported { "true" } else { "false" }>{label}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section id="lijkt-op" aria-labelledby="similar-title">
            <h3 id="similar-title">{i18n.t("receipt.similar_title")}</h3>
            <p>{i18n.t("receipt.similar_text")}</p>
            <ul class="ideas">{items}</ul>
        </section>
    })
}

/// "Looks like these ideas" while a resident types, put under the idea
/// form's text field by its island. Only the island shows it, so its "Ik
/// ook" buttons are plain buttons the island sends; they sit inside the
/// idea form, where a form of their own cannot be.
#[component]
pub fn TypingSimilar(ideas: Vec<SimilarIdea>, round_slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let said = i18n.tn("typing.similar_found", ideas.len() as i64);
    let items = ideas
        .into_iter()
        .map(|idea| {
            let (what, label) = support_choice(i18n, idea.supported);
            view! {
                <li class="idea">
                    <p class="idea-text">{idea.text}</p>
                    <button type="button" class="button support" data-support=idea.id.to_string()
                        data-support-action=what aria-pressed=if idea.supported { "true" } else { "false" }>
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="typing-similar" aria-labelledby="typing-similar-title"
            data-said=said data-support-to=format!("/ronde/{round_slug}/steun")>
            <h3 id="typing-similar-title">{i18n.t("receipt.similar_title")}</h3>
            <p>{i18n.t("typing.similar_text")}</p>
            <ul class="ideas">{items}</ul>
        </section>
    }
}

/// "Mail me when the plan is ready": an address form, or that the address
/// is there with a form to give another (a typo happens). Either way it
/// says when the address goes.
fn mail_me(receipt: &ReceiptView) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (label, submit) = match receipt.has_email {
        true => ("receipt.mail_other", "receipt.mail_save"),
        false => ("receipt.mail_label", "receipt.mail_submit"),
    };
    view! {
        <section class="mail-me" aria-labelledby="mail-me-title">
            <h3 id="mail-me-title">{i18n.t("receipt.mail_title")}</h3>
            {receipt.has_email.then(|| view! { <p>{i18n.t("receipt.mail_saved")}</p> })}
            <FormErrors form="mail_me"/>
            <form method="post" action=receipt.back.clone() class="narrow-form" novalidate=true>
                <Field form="mail_me" name="email" kind="email" autocomplete="email"
                    label=i18n.t(label).to_owned() hint=i18n.t("receipt.mail_hint").to_owned()/>
                <button type="submit" class="button">{i18n.t(submit)}</button>
            </form>
        </section>
    }
}

/// The receipt's content. `heading_level` is 1 on the receipt page and 2
/// where the receipt replaces the form on the round page.
#[component]
pub fn Receipt(receipt: ReceiptView, heading_level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t("receipt.title");
    let collecting = receipt.status == IdeaStatus::Received;
    // Focus goes to the heading, so a screen reader reads out the result.
    let heading = if heading_level == 1 {
        view! { <h1 id="receipt-title" tabindex="-1" autofocus=true data-focus="">{title}</h1> }
            .into_any()
    } else {
        view! { <h2 id="receipt-title" tabindex="-1" data-focus="">{title}</h2> }.into_any()
    };
    view! {
        <section class="receipt" aria-labelledby="receipt-title">
            {heading}
            {receipt.duplicate.then(|| view! { <p class="notice">{i18n.t("receipt.duplicate")}</p> })}
            <h3>{i18n.t("receipt.your_idea")}</h3>
            <blockquote class="idea-text">{receipt.idea_text.clone()}</blockquote>
            <div class="code-box">
                <p class="code-label" id="receipt-code-label">{i18n.t("receipt.code_label")}</p>
                <p class="code" aria-labelledby="receipt-code-label">{receipt.code.clone()}</p>
                <p>{i18n.t("receipt.code_explained")}</p>
            </div>
            {similar_ideas(&receipt)}
            <h3>{i18n.t("receipt.what_next")}</h3>
            {if collecting {
                view! { <p>{i18n.t("receipt.what_next_text")}</p> }.into_any()
            } else {
                view! {
                    <IdeaStatusView status=receipt.status.clone() round_slug=receipt.round_slug.clone()
                        challenge_slug=receipt.challenge_slug.clone() progress=receipt.progress.clone()/>
                }
                .into_any()
            }}
            {receipt.round_open.then(|| mail_me(&receipt))}
            <p class="actions">
                <a class="button primary" href="/mijn">{i18n.t("receipt.my_contributions")}</a>
                {collecting.then(|| view! {
                    <a class="button" href=format!("/ronde/{}?nog-een-idee=1#idee", receipt.round_slug)>{i18n.t("receipt.another")}</a>
                })}
            </p>
        </section>
    }
}
