//! The whole HTTP application: pages, form handlers, server functions,
//! health check and static files, wrapped in the security and telemetry
//! layers. Built without a socket, so tests drive it directly.

use crate::assets::Assets;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::{health, security};
use app::accounts::password_hashing::PasswordHashing;
use app::insight::figures_cache::FiguresCache;
use app::web::AppState;
use app::web::limits::{Limiter, RateRules};
use app::{App, SiteInfo, shell};
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use domain::rate::RateRule;
use leptos::prelude::LeptosOptions;
use leptos_axum::LeptosRoutes;
use std::sync::Arc;
use std::time::Duration;
use store::{Db, StoreError, setting};
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Name shown when no municipality is configured (before `trechter demo`
/// or an admin sets one).
const DEFAULT_MUNICIPALITY: &str = "Trechter";

pub async fn build_state(config: &Config, db: Db) -> Result<(AppState, Arc<Assets>), StoreError> {
    let site_root = config.site_root.clone();
    // `serve` refused a theme that cannot be used; tests pass good ones.
    let look = crate::theme::load(config.theme.as_deref()).unwrap_or_else(|error| {
        tracing::error!(%error, "theme refused: Trechter's own look is used");
        crate::theme::Look::default()
    });
    let assets = {
        let site_root = site_root.clone();
        tokio::task::spawn_blocking(move || Assets::load(&site_root, &look))
            .await
            .unwrap_or_default()
    };
    let municipality = setting::get(&db, setting::MUNICIPALITY_NAME)
        .await?
        .unwrap_or_else(|| DEFAULT_MUNICIPALITY.to_owned());
    let leptos_options = LeptosOptions::builder()
        .output_name("trechter")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .build();
    let client_salt = setting::get_or_init(
        &db,
        setting::CLIENT_HASH_SALT,
        domain::SecretToken::random().as_str(),
    )
    .await?;
    let client_ip_header = config
        .client_ip_header
        .as_deref()
        .and_then(|name| HeaderName::from_bytes(name.trim().to_lowercase().as_bytes()).ok());
    let rules = RateRules {
        idea_per_participant: RateRule {
            limit: config.limit_ideas_per_participant,
            window_seconds: 3600,
        },
        idea_per_client: RateRule {
            limit: config.limit_ideas_per_client,
            window_seconds: 3600,
        },
        support_per_participant: RateRule {
            limit: config.limit_supports_per_participant,
            window_seconds: 3600,
        },
        support_per_client: RateRule {
            limit: config.limit_supports_per_client,
            window_seconds: 3600,
        },
    };
    // `serve` refused a provider that is set up halfway.
    let provider = config
        .provider(&municipality)
        .ok()
        .flatten()
        .map(|settings| Arc::new(app::accounts::provider::Provider::new(settings)));
    let state = AppState {
        leptos_options,
        db,
        site: SiteInfo {
            provider_name: provider.as_ref().map(|p| p.settings.name.clone()),
            municipality,
            stylesheet: assets.stylesheet_href(),
            logo: assets.logo_href(),
            contact: config
                .contact
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
        },
        secure_cookies: config.secure_cookies,
        client_ip_header,
        client_salt,
        limits: Arc::new(Limiter::new(rules)),
        password_hashing: Arc::new(PasswordHashing::per_core()),
        known_codes: Arc::default(),
        figures: Arc::new(FiguresCache::new(Duration::from_secs(
            config.figures_max_age,
        ))),
        indexes: Arc::default(),
        meaning: Arc::new(app::web::meaning::Meaning::new(
            config.embeddings_url.is_some(),
        )),
        why_groups: Arc::default(),
        public_url: config.public_url.clone(),
        provider,
        mail_enabled: config.smtp_url.is_some(),
        // `serve` refused a configuration that cannot be published.
        security_txt: config
            .security_txt(chrono::Utc::now())
            .ok()
            .flatten()
            .map(|file| file.text()),
    };
    Ok((state, Arc::new(assets)))
}

pub fn router(parts: (AppState, Arc<Assets>)) -> Router {
    router_with_metrics(parts, Metrics::default())
}

/// The application, counting its requests into `metrics`.
pub fn router_with_metrics((state, assets): (AppState, Arc<Assets>), metrics: Metrics) -> Router {
    let routes = leptos_axum::generate_route_list(App);
    let page_state = state.clone();
    let page_options = state.leptos_options.clone();
    let fallback = {
        let (state, options) = (state.clone(), state.leptos_options.clone());
        leptos_axum::render_app_async_with_context(
            move || state.provide(),
            move || shell(options.clone()),
        )
    };
    let request_id = HeaderName::from_static("x-request-id");

    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || page_state.provide(),
            move || shell(page_options.clone()),
        )
        .merge(app::web::routes())
        .route("/healthz", get(health::healthz))
        .merge(assets.routes())
        .route_layer(from_fn_with_state(
            state.clone(),
            app::web::access::authorize,
        ))
        .route_layer(from_fn_with_state(
            state.clone(),
            app::web::receipt_codes::check_cookie,
        ))
        .fallback(fallback)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                        // The matched route, not the full address: no query
                        // strings, no personal data in logs.
                        let route = request
                            .extensions()
                            .get::<MatchedPath>()
                            .map(MatchedPath::as_str);
                        let id = request
                            .headers()
                            .get("x-request-id")
                            .and_then(|v| v.to_str().ok());
                        tracing::info_span!("request", method = %request.method(), route, id)
                    }),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(from_fn_with_state(metrics, crate::metrics::count))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Duration::from_secs(30),
                ))
                // Pages differ per request (nonce, form key), so they are
                // compressed on the fly: fast levels cost a fraction of the
                // CPU for a few percent more bytes. Static files are sent
                // pre-compressed at the strongest levels (see assets).
                .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
                .layer(axum::middleware::from_fn(security::headers))
                .layer(from_fn_with_state(
                    state.site.clone(),
                    security::cross_origin_protection,
                ))
                .layer(from_fn_with_state(state.site.clone(), security::limit_body)),
        )
        .with_state(state)
}
