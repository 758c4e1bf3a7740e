//! Feedback on the small forms of the sign-in and workspace pages: an error
//! summary that takes focus, fields that keep what was typed, a notice
//! after a change, and things shown only once (a link, recovery codes).
//! Form handlers put a [`FormFeedback`] in the context when they render the
//! page again; after a change they redirect with `?gedaan=…`.

use crate::components::page::set_status;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormFeedback {
    /// Which form of the page this is about.
    pub form: &'static str,
    /// Translation key of what went wrong, with values to fill in.
    pub error: Option<(String, Vec<(String, String)>)>,
    /// The field the error is about, to link to from the summary.
    pub field: Option<&'static str>,
    /// What was typed, by field name (never passwords).
    pub typed: Vec<(&'static str, String)>,
    /// Secrets to show once: an invitation link, recovery codes.
    pub shown_once: Vec<String>,
    /// A translation key and its values, for what was done instead of
    /// showing a secret (a link that was mailed).
    pub notice: Option<(String, Vec<(String, String)>)>,
    pub status: u16,
}

impl FormFeedback {
    pub fn error(form: &'static str, status: u16, key: &str) -> FormFeedback {
        FormFeedback {
            form,
            error: Some((key.to_owned(), Vec::new())),
            status,
            ..FormFeedback::default()
        }
    }

    pub fn on(mut self, field: &'static str) -> FormFeedback {
        self.field = Some(field);
        self
    }

    pub fn with(mut self, name: &str, value: String) -> FormFeedback {
        if let Some((_, args)) = &mut self.error {
            args.push((name.to_owned(), value));
        }
        self
    }

    pub fn typed(mut self, field: &'static str, value: &str) -> FormFeedback {
        self.typed.push((field, value.to_owned()));
        self
    }

    pub fn value(&self, field: &str) -> String {
        self.typed
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

/// The feedback for `form`, if the page is being rendered again for it.
pub fn feedback_for(form: &str) -> Option<FormFeedback> {
    use_context::<FormFeedback>().filter(|f| f.form == form)
}

/// The error summary of a form, if it has an error; sets the status.
#[component]
pub fn FormErrors(form: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = feedback_for(form)?;
    let (key, args) = feedback.error.clone()?;
    set_status(feedback.status);
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let message = i18n.tf(&key, &args);
    let title_id = format!("{form}-errors-title");
    let labelled_by = title_id.clone();
    let item = match feedback.field {
        Some(field) => view! { <a href=format!("#{form}-{field}")>{message}</a> }.into_any(),
        None => message.into_any(),
    };
    Some(view! {
        <div class="error-summary" tabindex="-1" autofocus=true data-focus="" role="alert"
            aria-labelledby=labelled_by>
            <h2 id=title_id>{i18n.t("form.not_done")}</h2>
            <ul><li>{item}</li></ul>
        </div>
    })
}

/// Notices a page can show after a change: `?gedaan=<code>`.
pub const DONE_CODES: &[&str] = &[
    "signed_out",
    "signed_out_provider",
    "welcome",
    "password_set",
    "role_changed",
    "blocked",
    "unblocked",
    "settings_saved",
    "co_moderator_added",
    "co_moderator_removed",
    "second_factor_off",
    "hidden",
    "restored",
    "profile_saved",
    "email_deleted",
    "mail_me",
    "withdrawn",
    "signed_out_everywhere",
    "phase_changed",
    "edited",
    "flagged",
    "already_flagged",
    "approved",
    "redacted",
    "merged",
    "paper_entered",
    "challenge_created",
    "challenge_saved",
    "round_created",
    "round_saved",
    "retagged",
    "neighbourhoods_saved",
    "cluster_created",
    "ideas_moved",
    "ideas_unplaced",
    "ideas_set_aside",
    "cluster_saved",
    "clusters_merged",
    "cluster_removed",
    "suggestion_dismissed",
    "reaction_saved",
    "plan_saved",
    "plan_signed",
    "plan_objected",
    "plan_sent",
    "plan_published",
    "reason_saved",
    "item_concluded",
    "progress_saved",
    "moment_taken",
];

#[component]
pub fn DoneNotice() -> impl IntoView {
    let i18n = use_i18n();
    let code = use_query_map().with_untracked(|q| q.get("gedaan"))?;
    let code = DONE_CODES.iter().find(|c| **c == code)?;
    Some(view! {
        <p class="notice done" role="status" tabindex="-1" autofocus=true>{i18n.t(&format!("done.{code}"))}</p>
    })
}

/// A labelled input that keeps what was typed and shows its error.
#[component]
pub fn Field(
    form: &'static str,
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] value: Option<String>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let feedback = feedback_for(form);
    let invalid = feedback
        .as_ref()
        .is_some_and(|f| f.field == Some(name) && f.error.is_some());
    let typed = match (kind, &feedback) {
        ("password", _) => String::new(),
        (_, Some(feedback)) => feedback.value(name),
        _ => value.unwrap_or_default(),
    };
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p id=hint_id class="hint">{hint}</p> })}
            <input type=kind id=id name=name value=typed autocomplete=autocomplete required=required
                aria-invalid=invalid.then_some("true") aria-describedby=described/>
        </div>
    }
}

/// The summary above a form that came back with mistakes: each mistake
/// links to its field (`errors`: field id, message). It takes the focus,
/// so a screen reader reads it first.
#[component]
pub fn ErrorSummary(
    form: &'static str,
    title: &'static str,
    errors: Vec<(String, String)>,
) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let title_id = format!("{form}-errors-title");
        let labelled_by = title_id.clone();
        let items = errors
            .into_iter()
            .map(|(field, message)| view! { <li><a href=format!("#{field}")>{message}</a></li> })
            .collect_view();
        view! {
            <div class="error-summary" tabindex="-1" autofocus=true aria-labelledby=labelled_by>
                <h2 id=title_id>{title}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// A field's own error message, named `{field id}-error` for its
/// `aria-describedby`.
pub fn field_error(field_id: &str, message: Option<String>) -> Option<impl IntoView + use<>> {
    message.map(|m| view! { <p id=format!("{field_id}-error") class="field-error">{m}</p> })
}
