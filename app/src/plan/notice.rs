//! The mails to participants when the plan goes out and when the final
//! plan is published.

use crate::i18n::I18n;
use crate::web::AppState;
use domain::Lang;
use store::plan::Notice;

/// The mail to participants about a plan: Dutch first, then English, since
/// a participant's language is not stored. `link`: the plan's full address,
/// or `None` without a configured public address (`TRECHTER_PUBLIC_URL`);
/// the mail then says where to look instead of holding a link that would
/// come from a request's `Host` header. `stop` likewise (`stop_link`).
pub fn notice(
    kind: &str,
    round_title: &str,
    link: Option<&str>,
    stop: Option<store::plan::StopLink>,
) -> Notice {
    let text = |lang: Lang| {
        let i18n = I18n::new(lang);
        let instead = i18n.t("mail.no_link");
        // `{stop}` is left for the store to fill in per address.
        let unsubscribe = match &stop {
            Some(_) => i18n.t("mail.stop_link"),
            None => i18n.t("mail.stop_instead"),
        };
        let values = [
            ("round", round_title),
            ("link", link.unwrap_or(instead)),
            ("unsubscribe", unsubscribe),
        ];
        (
            i18n.tf(&format!("mail.{kind}.subject"), &values),
            i18n.tf(&format!("mail.{kind}.body"), &values),
        )
    };
    let (nl_subject, nl_body) = text(Lang::Nl);
    let (_, en_body) = text(Lang::En);
    Notice {
        subject: nl_subject,
        body: format!("{nl_body}\n\n---\n\n{en_body}"),
        stop,
    }
}

/// How the mails' stop links are made: only with a configured public
/// address (see `notice`).
pub fn stop_link(state: &AppState) -> Option<store::plan::StopLink> {
    crate::accounts::invite_forms::mail_base(state).map(|base| store::plan::StopLink {
        base,
        salt: state.client_salt.clone(),
    })
}
