//! What every page needs: its HTTP status, what it shows when its data
//! could not be loaded, and rendering once the data is there.

use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// What a page shows when its data could not be loaded.
#[component]
pub fn ErrorContent(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::NotFound => view! { <crate::components::not_found::NotFound/> }.into_any(),
        AppError::Forbidden => {
            set_status(403);
            view! {
                <h1>{i18n.t("error_page.title")}</h1>
                <p>{i18n.t("error_page.forbidden")}</p>
            }
            .into_any()
        }
        AppError::Gone => {
            set_status(410);
            view! {
                <h1>{i18n.t("invite.gone_title")}</h1>
                <p>{i18n.t("invite.gone")}</p>
            }
            .into_any()
        }
        AppError::Unavailable | AppError::ServerFn(_) => {
            set_status(503);
            view! {
                <h1>{i18n.t("error_page.title")}</h1>
                <p>{i18n.t("error_page.unavailable")}</p>
            }
            .into_any()
        }
    }
}

/// Renders `render(data)` once `load` has resolved, on the server. Unlike a
/// resource (or `Await`), this does not also send the data to the browser in
/// a script: resident pages are plain HTML and the islands need none of it,
/// so that would only double the page's weight.
pub fn loaded<T, V>(
    load: impl Future<Output = T> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    view! { <Suspense fallback=|| ()>{Suspend::new(async move { render(load.await) })}</Suspense> }
}

/// Text with blank lines between paragraphs, as paragraphs.
pub fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view()
}
