//! A change that was sent after the session had ended. Instead of losing
//! it, the server answers with the sign-in page, which carries the sent
//! fields along as hidden inputs. After signing in (and the code, if the
//! account has one) the page shows what was typed and a "Nu bewaren"
//! button that sends the fields to where they were going. Nothing is kept
//! on the server: the text travels only between the server and the browser
//! that typed it, and is saved only when its author asks.

use crate::i18n::use_i18n;
use domain::local_path::is_local_path;
use leptos::prelude::*;

/// The names of carried fields start with this, so they cannot mix with
/// the sign-in form's own.
pub const PREFIX: &str = "bewaar:";
/// Where the carried fields were going.
pub const TO_FIELD: &str = "bewaar_naar";
/// Fields that hold a secret (a password, a code from the app): never
/// carried, as they would end up in a page.
const SECRET_FIELDS: [&str; 2] = ["current", "code"];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PendingChange {
    /// The address the form was sent to.
    pub to: String,
    /// The fields as sent, in order; repeated names (ticked ideas) stay.
    pub fields: Vec<(String, String)>,
    /// True once the person is signed in again: show "Nu bewaren".
    pub signed_in: bool,
}

impl PendingChange {
    /// From a form sent without a session, without its secrets.
    pub fn sent(to: &str, fields: Vec<(String, String)>) -> PendingChange {
        let fields = fields
            .into_iter()
            .filter(|(name, _)| {
                !name.contains("password") && !SECRET_FIELDS.contains(&name.as_str())
            })
            .collect();
        PendingChange {
            to: to.to_owned(),
            fields,
            signed_in: false,
        }
    }

    /// The change a sign-in form carries, if any; only to a local address.
    pub fn carried(pairs: &[(String, String)]) -> Option<PendingChange> {
        let to = pairs.iter().find(|(n, _)| n == TO_FIELD)?.1.clone();
        if !is_local_path(&to) {
            return None;
        }
        let fields = pairs
            .iter()
            .filter_map(|(name, value)| Some((name.strip_prefix(PREFIX)?, value)))
            .map(|(name, value)| (name.to_owned(), value.clone()));
        Some(PendingChange::sent(&to, fields.collect()))
    }

    pub fn signed_in(self) -> PendingChange {
        PendingChange {
            signed_in: true,
            ..self
        }
    }

    /// What the person wrote, to show before it is sent again: values with
    /// a space in them, or longer than a word. Ids, choices and keys are
    /// left out.
    pub fn texts(&self) -> Vec<&str> {
        self.fields
            .iter()
            .map(|(_, value)| value.trim())
            .filter(|value| value.contains(char::is_whitespace) || value.chars().count() > 40)
            .collect()
    }
}

/// Inside the sign-in and code forms: the carried fields, and a word on why
/// the page is shown.
#[component]
pub fn CarriedFields() -> impl IntoView {
    let i18n = use_i18n();
    let pending = use_context::<PendingChange>().filter(|p| !p.signed_in)?;
    let hidden = pending
        .fields
        .iter()
        .map(|(name, value)| {
            view! { <input type="hidden" name=format!("{PREFIX}{name}") value=value.clone()/> }
        })
        .collect_view();
    Some(view! {
        <p class="notice" role="status">{i18n.t("pending.signed_out")}</p>
        <input type="hidden" name=TO_FIELD value=pending.to.clone()/>
        {hidden}
    })
}

/// After signing in again: what was typed, and the button that saves it.
/// `None` when no change is waiting.
#[component]
pub fn SaveNow(back: String) -> impl IntoView {
    let i18n = use_i18n();
    let pending = use_context::<PendingChange>().filter(|p| p.signed_in)?;
    let texts = pending
        .texts()
        .into_iter()
        .map(|text| view! { <li>{text.to_owned()}</li> })
        .collect_view();
    let hidden = pending
        .fields
        .iter()
        .map(|(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone()/> })
        .collect_view();
    let back = if is_local_path(&back) {
        back
    } else {
        "/beheer".to_owned()
    };
    Some(view! {
        <div class="pending-change">
            <p class="notice" role="status" tabindex="-1" autofocus=true>{i18n.t("pending.not_saved_yet")}</p>
            {(!pending.texts().is_empty()).then(|| view! {
                <h2>{i18n.t("pending.what_you_typed")}</h2>
                <ul class="pending-texts">{texts}</ul>
            })}
            <form method="post" action=pending.to.clone()>
                {hidden}
                <button type="submit" class="button primary">{i18n.t("pending.save_now")}</button>
            </form>
            <p><a href=back>{i18n.t("pending.do_not_save")}</a></p>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_sign_in_form_carries_the_change_with_repeated_names_and_without_passwords() {
        let carried = PendingChange::carried(&pairs(&[
            ("email", "a@b.nl"),
            ("password", "geheim"),
            ("bewaar_naar", "/ronde/x/trechter"),
            ("bewaar:idea", "1"),
            ("bewaar:idea", "2"),
            ("bewaar:title", "Werk en inkomen"),
            ("bewaar:new_password", "nee"),
            ("bewaar:current", "geheim"),
            ("bewaar:code", "123456"),
        ]))
        .unwrap();
        assert_eq!(carried.to, "/ronde/x/trechter");
        assert_eq!(
            carried.fields,
            pairs(&[("idea", "1"), ("idea", "2"), ("title", "Werk en inkomen")])
        );
        assert_eq!(carried.texts(), vec!["Werk en inkomen"]);
        assert!(!carried.signed_in);
    }

    #[test]
    fn a_change_to_another_site_or_none_is_not_carried() {
        assert_eq!(PendingChange::carried(&pairs(&[("email", "a@b.nl")])), None);
        for to in ["//evil.example/x", "https://evil.example", "/\\evil", "x"] {
            let sent = pairs(&[("bewaar_naar", to), ("bewaar:title", "t")]);
            assert_eq!(PendingChange::carried(&sent), None, "{to}");
        }
    }
}
