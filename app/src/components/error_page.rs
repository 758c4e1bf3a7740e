//! A whole page for errors that happen outside the page router: a refused
//! cross-site form, a body that is too large or unreadable, a database that
//! does not answer. Plain and self-contained, in the visitor's language.

use crate::i18n::use_i18n;
use crate::shell::HeadBasics;
use leptos::prelude::*;

#[component]
pub fn ErrorDocument(message_key: &'static str, stylesheet: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <!DOCTYPE html>
        <html lang=i18n.lang.code()>
            <head>
                <HeadBasics stylesheet/>
                <title>{i18n.t("error_page.title")}</title>
            </head>
            <body>
                <main id="main" class="wrap">
                    <h1>{i18n.t("error_page.title")}</h1>
                    <p>{i18n.t(message_key)}</p>
                    <p><a class="button" href="/">{i18n.t("error_page.home")}</a></p>
                </main>
            </body>
        </html>
    }
}
