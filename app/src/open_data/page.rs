//! A round's downloads, and what every column in them means. The columns
//! listed are the ones the files have: both come from the same records.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportsView {
    pub slug: String,
    pub title: String,
    pub challenge_slug: String,
    /// File name and its columns.
    pub files: Vec<(String, Vec<String>)>,
}

#[server(endpoint = "exports")]
pub async fn exports_data(slug: String) -> Result<ExportsView, AppError> {
    crate::web::access::require("/api/exports", None)?;
    let state = crate::web::state();
    let round = store::open_data::round(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ExportsView {
        slug: round.slug,
        title: round.title,
        challenge_slug: round.challenge_slug,
        files: crate::open_data::export::FILES
            .iter()
            .map(|(name, columns)| {
                (
                    (*name).to_owned(),
                    columns.iter().map(|c| (*c).to_owned()).collect(),
                )
            })
            .collect(),
    })
}

#[component]
pub fn ExportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    view! {
        <Title text=i18n.t("export.title")/>
        {loaded(exports_data(slug), move |data| match data {
            Ok(exports) => view! { <Exports exports/> }.into_any(),
            Err(error) => view! { <ErrorContent error/> }.into_any(),
        })}
    }
}

#[component]
fn Exports(exports: ExportsView) -> impl IntoView {
    let i18n = use_i18n();
    let slug = exports.slug.clone();
    let files = exports
        .files
        .into_iter()
        .map(|(name, columns)| {
            let rows = columns
                .iter()
                .map(|c| {
                    view! { <dt><code>{c.clone()}</code></dt><dd>{i18n.t(&format!("export.{name}.{c}"))}</dd> }
                })
                .collect_view();
            view! {
                <section class="export-file">
                    <h2>{i18n.t(&format!("export.{name}"))}</h2>
                    <p>
                        <a href=format!("/ronde/{slug}/export/{name}.csv") download="">{format!("{name}.csv")}</a>
                        " · "
                        <a href=format!("/ronde/{slug}/export/{name}.json") download="">{format!("{name}.json")}</a>
                    </p>
                    <details>
                        <summary>{i18n.t("export.columns")}</summary>
                        <dl class="facts">{rows}</dl>
                    </details>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="meta">{exports.title.clone()}</p>
        <h1>{i18n.t("export.title")}</h1>
        <p class="lead">{i18n.t("export.intro")}</p>
        <p>{i18n.t("export.privacy")}</p>
        {files}
        <h2>{i18n.t("export.api")}</h2>
        <p>{i18n.t("export.api_intro")} " "
            <a href="/api/v1/openapi.json">"/api/v1/openapi.json"</a></p>
        <p><a href=format!("/inzicht/{}", exports.challenge_slug)>{i18n.t("report.to_dashboard")}</a></p>
    }
}
