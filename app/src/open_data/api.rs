//! The read-only open-data API under `/api/v1`: JSON, paginated, with
//! ETags so a client (or a cache in between) asks again for almost nothing.
//! Its OpenAPI 3.1 description is generated from these handlers and the
//! records they return, and served at `/api/v1/openapi.json`.

use super::records::{
    Challenge, Cluster, Idea, Plan, PlanItem, ProgressUpdate, ReactionCount, Round,
};
use crate::web::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 100;

/// Every API route: path and handler. The access table lists the paths.
pub const PATHS: &[&str] = &[
    "/api/v1/openapi.json",
    "/api/v1/challenges",
    "/api/v1/challenges/{challenge}",
    "/api/v1/challenges/{challenge}/rounds",
    "/api/v1/challenges/{challenge}/progress",
    "/api/v1/rounds/{round}",
    "/api/v1/rounds/{round}/ideas",
    "/api/v1/rounds/{round}/clusters",
    "/api/v1/rounds/{round}/plan",
    "/api/v1/rounds/{round}/reactions",
    "/api/v1/rounds/{round}/progress",
];

pub fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route(PATHS[0], get(openapi))
        .route(PATHS[1], get(challenges))
        .route(PATHS[2], get(challenge))
        .route(PATHS[3], get(challenge_rounds))
        .route(PATHS[4], get(challenge_progress))
        .route(PATHS[5], get(round))
        .route(PATHS[6], get(round_ideas))
        .route(PATHS[7], get(round_clusters))
        .route(PATHS[8], get(round_plan))
        .route(PATHS[9], get(round_reactions))
        .route(PATHS[10], get(round_progress))
}

/// Which page of a list to return.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Records per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// A page of records.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub data: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    /// Records in all pages together.
    pub total: i64,
    /// The address of the next page, if any.
    pub next: Option<String>,
}

/// What went wrong, in English and Dutch.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// not_found, bad_request or unavailable.
    pub error: String,
    pub message: String,
    pub message_nl: String,
}

fn error(status: StatusCode) -> Response {
    let (code, en, nl) = match status {
        StatusCode::NOT_FOUND => ("not_found", "Not found.", "Niet gevonden."),
        StatusCode::BAD_REQUEST => (
            "bad_request",
            "page must be 1 or more, per_page 1 to 100.",
            "page moet 1 of meer zijn, per_page 1 tot en met 100.",
        ),
        _ => (
            "unavailable",
            "The database did not answer. Try again later.",
            "De database gaf geen antwoord. Probeer het later nog eens.",
        ),
    };
    let body = ApiError {
        error: code.to_owned(),
        message: en.to_owned(),
        message_nl: nl.to_owned(),
    };
    (status, axum::Json(body)).into_response()
}

fn unavailable(e: store::StoreError) -> Response {
    tracing::error!(error = %e, "storage failed while answering the API");
    error(StatusCode::SERVICE_UNAVAILABLE)
}

/// JSON with an ETag of its bytes; 304 when the client has it already.
pub fn cached_json<T: Serialize>(headers: &HeaderMap, value: &T) -> Response {
    let body = match serde_json::to_vec(value) {
        Ok(body) => body,
        Err(_) => return error(StatusCode::SERVICE_UNAVAILABLE),
    };
    let digest = Sha256::digest(&body);
    let tag: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let matches = crate::web::request::none_match(headers, &etag);
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60, must-revalidate"),
    );
    response
}

/// The page asked for, or `None` for a malformed or out-of-range query.
fn page_of(query: &Option<String>) -> Option<(u32, u32)> {
    let q: PageQuery = serde_urlencoded::from_str(query.as_deref().unwrap_or("")).ok()?;
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(DEFAULT_PER_PAGE);
    ((1..=domain::bounded::MAX_PAGE).contains(&i64::from(page))
        && (1..=MAX_PER_PAGE).contains(&per_page))
    .then_some((page, per_page))
}

/// One page of an already complete list.
fn paged<T: ToSchema + Clone>(all: Vec<T>, (page, per_page): (u32, u32), path: &str) -> Page<T> {
    let total = all.len() as i64;
    let start = ((page - 1) as usize).saturating_mul(per_page as usize);
    let data: Vec<T> = all
        .into_iter()
        .skip(start)
        .take(per_page as usize)
        .collect();
    page_with(data, total, (page, per_page), path)
}

fn page_with<T: ToSchema>(
    data: Vec<T>,
    total: i64,
    (page, per_page): (u32, u32),
    path: &str,
) -> Page<T> {
    let more = (page as i64) * (per_page as i64) < total;
    Page {
        data,
        page,
        per_page,
        total,
        next: more.then(|| format!("{path}?page={}&per_page={per_page}", page + 1)),
    }
}

/// Answers a list in pages, or 400.
macro_rules! list {
    ($headers:expr, $query:expr, $path:expr, $load:expr) => {{
        let Some(page) = page_of(&$query) else {
            return error(StatusCode::BAD_REQUEST);
        };
        match $load {
            Ok(all) => cached_json(&$headers, &paged(all, page, &$path)),
            Err(e) => unavailable(e),
        }
    }};
}

/// The public round by slug, or the answer to give instead.
async fn public_round(
    state: &AppState,
    slug: &str,
) -> Result<store::open_data::RoundRow, Response> {
    match store::open_data::round(&state.db, slug).await {
        Ok(Some(round)) => Ok(round),
        Ok(None) => Err(error(StatusCode::NOT_FOUND)),
        Err(e) => Err(unavailable(e)),
    }
}

/// A list of a public round's records, in pages, or 404 or 400.
async fn round_list<T, Load, Loading>(
    state: AppState,
    headers: HeaderMap,
    slug: String,
    query: Option<String>,
    what: &str,
    load: Load,
) -> Response
where
    T: ToSchema + Serialize + Clone,
    Load: FnOnce(AppState, i64) -> Loading,
    Loading: std::future::Future<Output = Result<Vec<T>, store::StoreError>>,
{
    let round = match public_round(&state, &slug).await {
        Ok(round) => round,
        Err(response) => return response,
    };
    let path = format!("/api/v1/rounds/{slug}/{what}");
    list!(headers, query, path, load(state, round.id).await)
}

/// A list of a public challenge's records, in pages, or 404 or 400.
async fn challenge_list<T, Load, Loading>(
    state: AppState,
    headers: HeaderMap,
    slug: String,
    query: Option<String>,
    what: &str,
    load: Load,
) -> Response
where
    T: ToSchema + Serialize + Clone,
    Load: FnOnce(AppState, String) -> Loading,
    Loading: std::future::Future<Output = Result<Vec<T>, store::StoreError>>,
{
    if let Err(response) = public_challenge(&state, &slug).await {
        return response;
    }
    let path = format!("/api/v1/challenges/{slug}/{what}");
    list!(headers, query, path, load(state, slug).await)
}

async fn public_challenge(state: &AppState, slug: &str) -> Result<Challenge, Response> {
    match store::open_data::challenges(&state.db).await {
        Ok(all) => all
            .into_iter()
            .find(|c| c.slug == slug)
            .map(super::records::challenge)
            .ok_or_else(|| error(StatusCode::NOT_FOUND)),
        Err(e) => Err(unavailable(e)),
    }
}

#[utoipa::path(get, path = "/api/v1/challenges", tag = "challenges", params(PageQuery),
    responses((status = 200, description = "Challenges with a public round", body = Page<Challenge>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn challenges(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    list!(
        headers,
        query,
        PATHS[1],
        store::open_data::challenges(&state.db).await.map(|all| all
            .into_iter()
            .map(super::records::challenge)
            .collect::<Vec<_>>())
    )
}

#[utoipa::path(get, path = "/api/v1/challenges/{challenge}", tag = "challenges",
    params(("challenge" = String, Path, description = "The challenge's slug")),
    responses((status = 200, description = "The challenge", body = Challenge),
              (status = 404, description = "No such public challenge", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn challenge(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    match public_challenge(&state, &slug).await {
        Ok(c) => cached_json(&headers, &c),
        Err(response) => response,
    }
}

#[utoipa::path(get, path = "/api/v1/challenges/{challenge}/rounds", tag = "challenges",
    params(("challenge" = String, Path, description = "The challenge's slug"), PageQuery),
    responses((status = 200, description = "The challenge's public rounds, oldest first", body = Page<Round>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public challenge", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn challenge_rounds(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    challenge_list(
        state,
        headers,
        slug,
        query,
        "rounds",
        |state, slug| async move {
            store::open_data::rounds(&state.db, Some(&slug))
                .await
                .map(|all| {
                    all.into_iter()
                        .map(super::records::round)
                        .collect::<Vec<_>>()
                })
        },
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/challenges/{challenge}/progress", tag = "challenges",
    params(("challenge" = String, Path, description = "The challenge's slug"), PageQuery),
    responses((status = 200, description = "Progress updates on the challenge's plans, oldest first", body = Page<ProgressUpdate>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public challenge", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn challenge_progress(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    challenge_list(
        state,
        headers,
        slug,
        query,
        "progress",
        |state, slug| async move { super::records::progress(&state, None, Some(&slug)).await },
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug")),
    responses((status = 200, description = "The round", body = Round),
              (status = 404, description = "No such public round", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    match public_round(&state, &slug).await {
        Ok(r) => cached_json(&headers, &super::records::round(r)),
        Err(response) => response,
    }
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}/ideas", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug"), PageQuery),
    responses((status = 200, description = "The round's ideas and dreams, oldest first; hidden ones never", body = Page<Idea>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public round", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round_ideas(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let round = match public_round(&state, &slug).await {
        Ok(round) => round,
        Err(response) => return response,
    };
    let Some((page, per_page)) = page_of(&query) else {
        return error(StatusCode::BAD_REQUEST);
    };
    // Paged in the database: a round can have thousands of ideas.
    let offset = domain::bounded::offset(i64::from(page), i64::from(per_page));
    match super::records::ideas(&state, round.id, offset, Some(per_page as i64)).await {
        Ok((data, total)) => {
            let path = format!("/api/v1/rounds/{slug}/ideas");
            cached_json(&headers, &page_with(data, total, (page, per_page), &path))
        }
        Err(e) => unavailable(e),
    }
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}/clusters", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug"), PageQuery),
    responses((status = 200, description = "The round's clusters (themes)", body = Page<Cluster>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public round", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round_clusters(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    round_list(
        state,
        headers,
        slug,
        query,
        "clusters",
        |state, id| async move { super::records::clusters(&state, id).await },
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}/plan", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug")),
    responses((status = 200, description = "The round's plan, once it went out", body = Plan),
              (status = 404, description = "No such public round, or no plan out yet", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round_plan(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let round = match public_round(&state, &slug).await {
        Ok(round) => round,
        Err(response) => return response,
    };
    if round.plan_sent_at.is_none() {
        return error(StatusCode::NOT_FOUND);
    }
    match super::records::plan_items(&state, round.id).await {
        Ok(items) => cached_json(
            &headers,
            &Plan {
                round: round.slug,
                sent_at: round.plan_sent_at,
                published_at: round.plan_published_at,
                items,
            },
        ),
        Err(e) => unavailable(e),
    }
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}/reactions", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug"), PageQuery),
    responses((status = 200, description = "Reactions to the plan, counted per item and group; groups under 5 are never shown apart", body = Page<ReactionCount>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public round", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round_reactions(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    round_list(
        state,
        headers,
        slug,
        query,
        "reactions",
        |state, id| async move { super::records::reaction_counts(&state, id).await },
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/rounds/{round}/progress", tag = "rounds",
    params(("round" = String, Path, description = "The round's slug"), PageQuery),
    responses((status = 200, description = "Progress updates on the round's plan items, oldest first", body = Page<ProgressUpdate>),
              (status = 400, description = "Bad page", body = ApiError),
              (status = 404, description = "No such public round", body = ApiError),
              (status = 503, description = "Database unavailable", body = ApiError)))]
async fn round_progress(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    round_list(
        state,
        headers,
        slug,
        query,
        "progress",
        |state, id| async move { super::records::progress(&state, Some(id), None).await },
    )
    .await
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trechter open data",
        version = "1",
        description = "Read-only open data of the municipality's consultation rounds: challenges, rounds, ideas, clusters, plans, reactions (counted per group) and progress. No personal data: contributors are pseudonyms, hidden ideas never appear, and groups under five people are never shown apart. Lists are paginated; every answer has an ETag.",
        license(name = "EUPL-1.2")
    ),
    paths(challenges, challenge, challenge_rounds, challenge_progress, round, round_ideas,
          round_clusters, round_plan, round_reactions, round_progress),
    components(schemas(Challenge, Round, Idea, Cluster, Plan, PlanItem, ReactionCount, ProgressUpdate, ApiError)),
    tags((name = "challenges", description = "Challenges and what spans their rounds"),
         (name = "rounds", description = "One round: its ideas, clusters, plan, reactions and progress"))
)]
pub struct ApiDoc;

/// The OpenAPI description, as JSON.
pub fn description() -> serde_json::Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap_or_default()
}

async fn openapi(headers: HeaderMap) -> Response {
    cached_json(&headers, &description())
}
