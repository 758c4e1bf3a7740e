//! The one island on resident pages: it makes the idea form send without a
//! full page load. The server still renders everything — the form with its
//! errors, or the receipt — and answers with that HTML fragment, which the
//! island puts in place of the form before moving focus to its heading or
//! error summary. Translations and markup therefore exist once, on the
//! server, and the browser code stays small.
//!
//! If anything goes wrong (no network, an unexpected answer), the island lets
//! the browser post the form the normal way; the form's submission key makes
//! sure the idea is still saved only once.
//!
//! While the resident types, the island asks the server for ideas like
//! theirs (a fragment again) and shows them under the text field, each with
//! "Ik ook", so they can support an idea instead of repeating it.

use leptos::prelude::*;

/// Sent by the island to ask for a fragment; answered with the same header.
pub const FRAGMENT_HEADER: &str = "x-trechter-fragment";

#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    view! {
        <div class="enhanced-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                #[cfg(feature = "hydrate")]
                browser::submit(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:input=move |ev: leptos::ev::Event| {
                #[cfg(feature = "hydrate")]
                similar::typed(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:click=move |ev: leptos::ev::MouseEvent| {
                #[cfg(feature = "hydrate")]
                similar::clicked(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::FRAGMENT_HEADER;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        FormData, Headers, HtmlElement, HtmlFormElement, Request, RequestInit, Response,
        SubmitEvent, UrlSearchParams,
    };

    pub fn submit(ev: SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(panel) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        if !form.has_attribute("data-enhance") {
            return;
        }
        ev.prevent_default();
        // A second tap while the first is under way does nothing.
        if panel.has_attribute("aria-busy") {
            return;
        }
        set_busy(&panel, &form);
        wasm_bindgen_futures::spawn_local(async move {
            match send(&form).await {
                Some(html) => {
                    panel.set_inner_html(&html);
                    let _ = panel.remove_attribute("aria-busy");
                    if let Some(target) = panel
                        .query_selector("[data-focus]")
                        .ok()
                        .flatten()
                        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                    {
                        let _ = target.focus();
                    }
                }
                None => {
                    let _ = form.submit();
                }
            }
        });
    }

    fn set_busy(panel: &HtmlElement, form: &HtmlFormElement) {
        let _ = panel.set_attribute("aria-busy", "true");
        if let Ok(Some(button)) = form.query_selector("button[type=submit]") {
            let _ = button.set_attribute("disabled", "");
        }
        if let Ok(Some(status)) = form.query_selector("[data-sending]") {
            status.set_text_content(status.get_attribute("data-sending").as_deref());
        }
    }

    async fn send(form: &HtmlFormElement) -> Option<String> {
        let data = FormData::new_with_form(form).ok()?;
        let body = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let headers = Headers::new().ok()?;
        headers.set(FRAGMENT_HEADER, "1").ok()?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from(body));
        let request = Request::new_with_str_and_init(&form.action(), &init).ok()?;
        let response: Response = JsFuture::from(web_sys::window()?.fetch_with_request(&request))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        response.headers().get(FRAGMENT_HEADER).ok()??;
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}

#[cfg(feature = "hydrate")]
mod similar {
    use super::FRAGMENT_HEADER;
    use std::cell::Cell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Element, Event, Headers, HtmlTextAreaElement, MouseEvent, RequestInit, RequestRedirect,
        Response, UrlSearchParams,
    };

    /// Asked after this pause in typing, not at every key.
    const PAUSE_MS: i32 = 400;

    thread_local! {
        static PENDING: Cell<Option<i32>> = const { Cell::new(None) };
    }

    pub fn typed(ev: Event) {
        let Some(field) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        if !field.has_attribute("data-similar") {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(pending) = PENDING.take() {
            window.clear_timeout_with_handle(pending);
        }
        let later = Closure::once_into_js(move || {
            PENDING.set(None);
            wasm_bindgen_futures::spawn_local(refresh(field));
        });
        if let Ok(handle) = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), PAUSE_MS)
        {
            PENDING.set(Some(handle));
        }
    }

    /// Asks for ideas like the field's text and shows them below it.
    async fn refresh(field: HtmlTextAreaElement) {
        let Some(url) = field.get_attribute("data-similar") else {
            return;
        };
        let Some(form) = field.closest("form").ok().flatten() else {
            return;
        };
        let (Ok(Some(list)), Ok(Some(status))) = (
            form.query_selector("[data-similar-list]"),
            form.query_selector("[data-similar-status]"),
        ) else {
            return;
        };
        let asked = field.value();
        let Some(html) = post(&url, &[("text", &asked)], true).await else {
            return;
        };
        // The resident typed on while we asked: a newer answer follows.
        if field.value() != asked {
            return;
        }
        let before = list.inner_html();
        list.set_inner_html(&html);
        if before != html {
            let said = list
                .query_selector("[data-said]")
                .ok()
                .flatten()
                .and_then(|s| s.get_attribute("data-said"))
                .unwrap_or_default();
            status.set_text_content(Some(&said));
        }
    }

    /// "Ik ook" under the text field: sent without leaving the page, so what
    /// the resident typed stays; then the list shows the new state.
    pub fn clicked(ev: MouseEvent) {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button[data-support]").ok().flatten())
        else {
            return;
        };
        let Some(section) = button.closest("[data-support-to]").ok().flatten() else {
            return;
        };
        let Some(form) = button.closest("form").ok().flatten() else {
            return;
        };
        ev.prevent_default();
        let (Some(to), Some(idea), Some(action)) = (
            section.get_attribute("data-support-to"),
            button.get_attribute("data-support"),
            button.get_attribute("data-support-action"),
        ) else {
            return;
        };
        let _ = button.set_attribute("disabled", "");
        wasm_bindgen_futures::spawn_local(async move {
            post(&to, &[("idea", &idea), ("action", &action)], false).await;
            if let Some(field) = form
                .query_selector("textarea[data-similar]")
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<HtmlTextAreaElement>().ok())
            {
                refresh(field).await;
            }
        });
    }

    /// Posts the pairs; the fragment when `fragment`, else whether the
    /// server accepted it (it answers with a redirect, not followed).
    async fn post(url: &str, pairs: &[(&str, &str)], fragment: bool) -> Option<String> {
        let body = UrlSearchParams::new().ok()?;
        for (name, value) in pairs {
            body.append(name, value);
        }
        let headers = Headers::new().ok()?;
        headers.set(FRAGMENT_HEADER, "1").ok()?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from(body));
        if !fragment {
            init.set_redirect(RequestRedirect::Manual);
        }
        let window = web_sys::window()?;
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !fragment {
            return Some(String::new());
        }
        if !response.ok() {
            return None;
        }
        response.headers().get(FRAGMENT_HEADER).ok()??;
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}
