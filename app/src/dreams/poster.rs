//! A printable poster for a round's dreams: a QR code and the address, for
//! staff to hang up at schools, community centres and the library, where a
//! child has no link to tap. The QR code is drawn on the server, so the
//! poster needs nothing from the internet.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosterView {
    pub slug: String,
    pub round_title: String,
    /// The dream form's full address, as printed under the code.
    pub address: String,
    /// Inline SVG of `address`.
    pub qr: String,
    /// Children can send dreams now; else the poster says it is not time.
    pub open: bool,
}

#[server(endpoint = "dream_poster")]
pub async fn dream_poster(slug: String) -> Result<PosterView, AppError> {
    use domain::lifecycle::{RoundAction, allows};
    crate::web::access::require("/api/dream_poster", None)?;
    let state = crate::web::state();
    let round = store::round::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts = use_context::<axum::http::request::Parts>().ok_or(AppError::NotFound)?;
    let address = format!(
        "{}/droom/{}",
        crate::accounts::invite_forms::shown_base(&state, &parts),
        round.slug
    );
    Ok(PosterView {
        qr: domain::qr::qr_svg(&address),
        open: round.dreams_open && allows(round.phase, RoundAction::Contribute),
        address,
        slug: round.slug,
        round_title: round.title,
    })
}

#[component]
pub fn PosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("poster.title")/>
        {loaded(dream_poster(slug), move |data| match data {
            Ok(poster) => view! { <Poster poster/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Poster(poster: PosterView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="no-print">
            <p class="eyebrow"><a href=format!("/beheer/ronde/{}", poster.slug)>{poster.round_title.clone()}</a></p>
            <p>{i18n.t("poster.intro")}</p>
            {(!poster.open).then(|| view! { <p class="notice">{i18n.t("poster.not_open")}</p> })}
        </div>
        <section class="poster" aria-labelledby="poster-title">
            <h1 id="poster-title">{i18n.t("dream.title")}</h1>
            <p class="poster-lead">{i18n.t("poster.lead")}</p>
            <div class="poster-qr" role="img" aria-label=i18n.t("poster.qr_label") inner_html=poster.qr></div>
            <p class="poster-steps">{i18n.t("poster.steps")}</p>
            <p class="poster-address"><a href=poster.address.clone()>{poster.address.clone()}</a></p>
            <p class="meta">{i18n.t("poster.privacy")}</p>
        </section>
    }
}
