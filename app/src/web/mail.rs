//! The mails Trechter sends, written in Dutch with English below it: the
//! receiver's language is not known when the mail is made.

use crate::i18n::I18n;
use crate::web::AppState;
use domain::Lang;
use store::outbox::NewMail;

/// A mail with a one-time link: an invitation or a password reset.
/// `kind` is `invite` or `reset`.
pub fn link_mail(state: &AppState, kind: &str, to: &str, link: &str) -> NewMail {
    let values = [
        ("municipality", state.site.municipality.as_str()),
        ("link", link),
    ];
    let (nl, en) = (I18n::new(Lang::Nl), I18n::new(Lang::En));
    // The translation files hold one line per text; `\n` marks a break.
    let body = |i18n: I18n| {
        i18n.tf(&format!("mail.{kind}.body"), &values)
            .replace("\\n", "\n")
    };
    NewMail {
        to: to.to_owned(),
        subject: format!(
            "{} / {}",
            nl.tf(&format!("mail.{kind}.subject"), &values),
            en.tf(&format!("mail.{kind}.subject"), &values)
        ),
        body: format!("{}\n\n---\n\n{}\n", body(nl), body(en)),
    }
}

/// Mail kinds, for the translation test.
pub const KINDS: [&str; 2] = ["invite", "reset"];
