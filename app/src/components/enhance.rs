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

use leptos::prelude::*;

/// Sent by the island to ask for a fragment; answered with the same header.
pub const FRAGMENT_HEADER: &str = "x-trechter-fragment";

#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    view! {
        <div class="enhanced-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            browser::submit(ev);
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
