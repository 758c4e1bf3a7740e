//! Stopping mail from the mail itself. Every mail to a resident ends with a
//! link that holds a token made from their address
//! (`domain::email::stop_token`), so no list of tokens is kept. Opening the
//! link changes nothing, since mail scanners open links; the one button on
//! the page deletes the address. The answer is the same whether the address
//! was known or not, so the page tells nobody who is on the list.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MailStopPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map()
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let done = use_query_map().with_untracked(|q| q.get("gedaan").is_some());
    view! {
        <Title text=i18n.t("mail_stop.title")/>
        <h1>{i18n.t("mail_stop.title")}</h1>
        {if done {
            view! {
                <p class="notice done" role="status">{i18n.t("mail_stop.done")}</p>
                <p><a href="/">{i18n.t("mail_stop.home")}</a></p>
            }
            .into_any()
        } else {
            view! {
                <p>{i18n.t("mail_stop.intro")}</p>
                <form method="post" action=format!("/mail-stoppen/{token}") class="narrow-form">
                    <button type="submit" class="button primary">{i18n.t("mail_stop.submit")}</button>
                </form>
            }
            .into_any()
        }}
    }
}
