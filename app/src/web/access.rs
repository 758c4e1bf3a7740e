//! Access to every route and server function, in one place. Each route of
//! the app is registered here with its [`Rule`]; the [`authorize`]
//! middleware finds out who is asking (the [`Viewer`]) and asks the domain
//! policy before any handler or page runs. A route with no rule is refused
//! to everyone, and the role matrix test fails until it gets one.

use crate::web::AppState;
use crate::web::cookies;
use crate::web::render::error_page;
use crate::web::request;
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::policy::{self, Permission};
use domain::{AccountActor, Actor, Role, SecretToken, retention};
use store::session::{self, Stage};

/// What a route asks of the person calling it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Anyone: residents need no account.
    Public,
    /// Halfway through signing in: the password was right, the code from
    /// the authenticator app is still to come.
    SecondFactorStep,
    /// One's own account (also before a required second factor is set up).
    OwnAccount,
    Workspace,
    ManageAccounts,
    ManageSettings,
    ReadAuditLog,
    Invite,
    ManageRounds,
    /// Moderating the round named by the route's `{slug}`.
    ModerateRound,
    /// Entering paper and meeting input for the round named by `{slug}`.
    EnterPaperInput,
    /// Clustering the ideas of the round named by `{slug}`, and writing
    /// its plan.
    ClusterRound,
    /// Adding progress updates to final plans: staff, and partners for
    /// their organisation's items (checked per item by the handler).
    ReportProgress,
}

impl Rule {
    /// Rules decided per round, named by the route's `{slug}`.
    fn is_per_round(self) -> bool {
        matches!(
            self,
            Rule::ModerateRound | Rule::EnterPaperInput | Rule::ClusterRound
        )
    }
}

/// Every page route (Leptos) with its rule. Form handlers have theirs in
/// [`crate::web::routes`].
pub const PAGES: &[(&str, Rule)] = &[
    ("/", Rule::Public),
    ("/ronde/{slug}", Rule::Public),
    ("/ontvangen/{id}", Rule::Public),
    ("/mijn", Rule::Public),
    ("/mijn/bewerken/{id}", Rule::Public),
    ("/privacy", Rule::Public),
    ("/toegankelijkheid", Rule::Public),
    ("/mail-stoppen/{token}", Rule::Public),
    ("/inloggen", Rule::Public),
    ("/inloggen/code", Rule::SecondFactorStep),
    ("/uitnodiging/{token}", Rule::Public),
    ("/account", Rule::OwnAccount),
    ("/account/tweestaps", Rule::OwnAccount),
    ("/beheer", Rule::Workspace),
    ("/beheer/accounts", Rule::ManageAccounts),
    ("/beheer/uitnodigen", Rule::Invite),
    ("/beheer/instellingen", Rule::ManageSettings),
    ("/beheer/logboek", Rule::ReadAuditLog),
    ("/beheer/ronde/{slug}", Rule::ManageRounds),
    ("/beheer/ronde/{slug}/bewerken", Rule::ManageRounds),
    ("/beheer/ronde/{slug}/poster", Rule::ManageRounds),
    ("/beheer/opgaven", Rule::ManageRounds),
    ("/beheer/opgaven/nieuw", Rule::ManageRounds),
    ("/beheer/opgave/{slug}", Rule::ManageRounds),
    ("/beheer/opgave/{slug}/ronde", Rule::ManageRounds),
    ("/ronde/{slug}/moderatie", Rule::ModerateRound),
    ("/ronde/{slug}/papier", Rule::EnterPaperInput),
    ("/ronde/{slug}/trechter", Rule::ClusterRound),
    ("/ronde/{slug}/melden/{id}", Rule::Public),
    ("/droom/{slug}", Rule::Public),
    ("/ronde/{slug}/plan", Rule::Public),
    ("/ronde/{slug}/plan/werk", Rule::ClusterRound),
    ("/voortgang/{slug}", Rule::Public),
    ("/beheer/voortgang", Rule::ReportProgress),
    ("/inzicht/{slug}", Rule::Public),
    ("/ronde/{slug}/verslag", Rule::Public),
    ("/ronde/{slug}/export", Rule::Public),
];

/// Data routes that are not pages: the read-only open-data API and the
/// round exports. Open to everyone, as they hold only what the public
/// pages show. Other methods than GET reach the route, which answers 405.
pub const DATA_ROUTES: &[(&str, Rule)] = &[
    ("/api/v1/openapi.json", Rule::Public),
    ("/api/v1/challenges", Rule::Public),
    ("/api/v1/challenges/{challenge}", Rule::Public),
    ("/api/v1/challenges/{challenge}/rounds", Rule::Public),
    ("/api/v1/challenges/{challenge}/progress", Rule::Public),
    ("/api/v1/rounds/{round}", Rule::Public),
    ("/api/v1/rounds/{round}/ideas", Rule::Public),
    ("/api/v1/rounds/{round}/clusters", Rule::Public),
    ("/api/v1/rounds/{round}/plan", Rule::Public),
    ("/api/v1/rounds/{round}/reactions", Rule::Public),
    ("/api/v1/rounds/{round}/progress", Rule::Public),
    ("/ronde/{slug}/export/{file}", Rule::Public),
];

/// Signing in at the municipality's OpenID provider, and out there: open
/// to everyone, as the password form is (GET: the browser is sent on).
pub const PROVIDER_ROUTES: &[(&str, Rule)] = &[
    ("/inloggen/organisatie", Rule::Public),
    ("/inloggen/organisatie/terug", Rule::Public),
    ("/uitloggen/organisatie", Rule::Public),
];

/// Every server function (by its path) with its rule. Server functions load
/// a page's data; each asks [`require`] with its own path.
pub const SERVER_FNS: &[(&str, Rule)] = &[
    ("/api/home", Rule::Public),
    ("/api/round", Rule::Public),
    ("/api/receipt", Rule::Public),
    ("/api/mine", Rule::Public),
    ("/api/own_idea", Rule::Public),
    ("/api/invite", Rule::Public),
    ("/api/account", Rule::OwnAccount),
    ("/api/second_factor", Rule::OwnAccount),
    ("/api/workspace", Rule::Workspace),
    ("/api/accounts", Rule::ManageAccounts),
    ("/api/invites", Rule::Invite),
    ("/api/settings", Rule::ManageSettings),
    ("/api/audit_log", Rule::ReadAuditLog),
    ("/api/round_admin", Rule::ManageRounds),
    ("/api/dream_poster", Rule::ManageRounds),
    ("/api/challenges", Rule::ManageRounds),
    ("/api/challenge_form", Rule::ManageRounds),
    ("/api/round_setup", Rule::ManageRounds),
    ("/api/moderation", Rule::ModerateRound),
    ("/api/paper", Rule::EnterPaperInput),
    ("/api/funnelling", Rule::ClusterRound),
    ("/api/flag", Rule::Public),
    ("/api/dream", Rule::Public),
    ("/api/plan", Rule::Public),
    ("/api/plan_work", Rule::ClusterRound),
    ("/api/timeline", Rule::Public),
    ("/api/report_progress", Rule::ReportProgress),
    ("/api/dashboard", Rule::Public),
    ("/api/round_report", Rule::Public),
    ("/api/exports", Rule::Public),
];

/// The session cookie of a signed-in account.
pub const SESSION_COOKIE: &str = "trechter_sessie";

/// A signed-in (or half signed-in) account as the request carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedIn {
    pub id_hash: String,
    pub account_id: i64,
    pub display_name: String,
    pub role: Role,
    pub stage: Stage,
    /// An admin requires a second factor for this role and it is not on.
    pub must_set_up_second_factor: bool,
    /// Signed in at the municipality's OpenID provider.
    pub via_provider: bool,
}

/// Who is asking: put in the request's extensions by [`authorize`].
#[derive(Clone, Debug, PartialEq)]
pub struct Viewer {
    pub actor: Actor,
    pub session: Option<SignedIn>,
}

impl Viewer {
    /// Who sent the request, as [`authorize`] found out; a visitor on a
    /// route it does not guard.
    pub fn of(parts: &Parts) -> Viewer {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or_else(Viewer::visitor)
    }

    pub fn visitor() -> Viewer {
        Viewer {
            actor: Actor::Visitor,
            session: None,
        }
    }

    pub fn account(&self) -> Option<&AccountActor> {
        match &self.actor {
            Actor::Account(account) => Some(account),
            Actor::Visitor => None,
        }
    }
}

/// The signed-in account a form handler acts for: the one way a handler
/// learns who that is. The route's [`Rule`] has let only permitted
/// accounts through; taking this refuses anyone else with the forbidden
/// page as well, before the form is read.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedInAccount(pub AccountActor);

impl FromRequestParts<AppState> for SignedInAccount {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Viewer::of(parts).actor {
            Actor::Account(account) => Ok(SignedInAccount(account)),
            Actor::Visitor => Err(super::render::forbidden(
                request::lang(&parts.headers),
                &state.site,
            )),
        }
    }
}

/// How often a session's "last seen" is written: often enough for the idle
/// expiry, rarely enough not to write on every click.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Finds the session the request carries, if any and still valid.
pub async fn viewer(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Viewer, store::StoreError> {
    let Some(token) = cookies::get(headers, SESSION_COOKIE).and_then(SecretToken::parse) else {
        return Ok(Viewer::visitor());
    };
    let now = Utc::now();
    let id_hash = token.storage_hash();
    let Some(found) =
        session::find(&state.db, &id_hash, now, now - retention::SESSION_IDLE).await?
    else {
        return Ok(Viewer::visitor());
    };
    if (now - found.last_seen_at).num_seconds() >= TOUCH_EVERY_SECONDS {
        session::touch(&state.db, id_hash.clone(), now).await?;
    }
    let actor = match found.stage {
        Stage::SignedIn => Actor::Account(AccountActor {
            account_id: found.account_id,
            role: found.role,
            co_moderated_rounds: found.co_moderated_rounds.clone(),
            organisation_id: found.organisation_id,
        }),
        Stage::SecondFactor => Actor::Visitor,
    };
    Ok(Viewer {
        actor,
        session: Some(SignedIn {
            id_hash,
            account_id: found.account_id,
            display_name: found.display_name,
            role: found.role,
            stage: found.stage,
            must_set_up_second_factor: found.second_factor_required && !found.second_factor,
            via_provider: found.via_provider,
        }),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    SignInFirst,
    Forbidden,
    SetUpSecondFactor,
}

/// The policy's answer for a rule; `round_id` is the round a round-scoped
/// rule is about (`None`: no such round).
pub fn decide(rule: Rule, viewer: &Viewer, round_id: Option<i64>) -> Decision {
    let signed_in = viewer.account().is_some();
    let permission = match rule {
        Rule::Public => return Decision::Allow,
        Rule::SecondFactorStep => {
            let pending = viewer
                .session
                .as_ref()
                .is_some_and(|s| s.stage == Stage::SecondFactor);
            return if pending {
                Decision::Allow
            } else {
                Decision::SignInFirst
            };
        }
        Rule::OwnAccount => Permission::ManageOwnAccount,
        Rule::Workspace => Permission::EnterWorkspace,
        Rule::ManageAccounts => Permission::ManageAccounts,
        Rule::ManageSettings => Permission::ManageSettings,
        Rule::ReadAuditLog => Permission::ReadAuditLog,
        Rule::Invite => Permission::Invite,
        Rule::ManageRounds => Permission::ManageRounds,
        // An unknown round: only staff get through, to see "not found".
        Rule::ModerateRound => match round_id {
            Some(round_id) => Permission::Moderate { round_id },
            None => Permission::ManageRounds,
        },
        Rule::EnterPaperInput => match round_id {
            Some(round_id) => Permission::EnterPaperInput { round_id },
            None => Permission::ManageRounds,
        },
        Rule::ClusterRound => match round_id {
            Some(round_id) => Permission::Cluster { round_id },
            None => Permission::ManageRounds,
        },
        // Staff may report on any item; a partner needs an organisation.
        Rule::ReportProgress => Permission::ReportProgress {
            organisation_id: viewer
                .account()
                .and_then(|a| a.organisation_id)
                .unwrap_or(0),
        },
    };
    if !signed_in {
        return Decision::SignInFirst;
    }
    let must_set_up = viewer
        .session
        .as_ref()
        .is_some_and(|s| s.must_set_up_second_factor);
    if must_set_up && rule != Rule::OwnAccount {
        return Decision::SetUpSecondFactor;
    }
    if policy::allows(&viewer.actor, permission) {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// The rule of a matched route, from the page table or the form table.
pub fn rule_for(method: &Method, path: &str) -> Option<Rule> {
    if let Some((_, rule)) = DATA_ROUTES.iter().find(|(p, _)| *p == path) {
        return Some(*rule);
    }
    if (method == Method::GET || method == Method::HEAD)
        && let Some((_, rule)) = PAGES
            .iter()
            .chain(PROVIDER_ROUTES)
            .find(|(p, _)| *p == path)
    {
        return Some(*rule);
    }
    crate::web::forms()
        .find(|form| form.path == path && method == Method::POST)
        .map(|form| form.rule)
}

/// Middleware on every matched route: who is asking, and may they?
pub async fn authorize(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = request::lang(request.headers());
    let (mut parts, body) = request.into_parts();
    let params = RawPathParams::from_request_parts(&mut parts, &state)
        .await
        .ok();
    let mut request = Request::from_parts(parts, body);
    let Some(matched) = request.extensions().get::<MatchedPath>().cloned() else {
        return next.run(request).await;
    };
    let Some(rule) = rule_for(request.method(), matched.as_str()) else {
        // Static files and the health check are not in the tables.
        if !crate::web::OPEN_PATHS
            .iter()
            .any(|p| matched.as_str().starts_with(p))
        {
            tracing::error!(
                route = matched.as_str(),
                "route without an access rule refused"
            );
            return crate::web::render::forbidden(lang, &state.site);
        }
        return next.run(request).await;
    };
    let viewer = match viewer(&state, request.headers()).await {
        Ok(viewer) => viewer,
        Err(error) => return crate::web::render::unavailable(lang, &state.site, &error),
    };
    let round_id = if rule.is_per_round() {
        let slug = params.as_ref().and_then(|p| {
            p.iter()
                .find(|(name, _)| *name == "slug")
                .map(|(_, v)| v.to_owned())
        });
        match slug {
            Some(slug) => match store::round::by_slug(&state.db, &slug).await {
                Ok(round) => round.map(|r| r.id),
                Err(error) => return crate::web::render::unavailable(lang, &state.site, &error),
            },
            None => None,
        }
    } else {
        None
    };
    match decide(rule, &viewer, round_id) {
        Decision::Allow => {
            request.extensions_mut().insert(viewer);
            next.run(request).await
        }
        Decision::SignInFirst if request.method() == Method::GET => {
            let back = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let target = format!("/inloggen?terug={}", crate::web::forms::encode(back));
            Redirect::to(&target).into_response()
        }
        // A form sent after the session ended: sign in, then save it.
        Decision::SignInFirst if !matched.as_str().starts_with("/api/") => {
            let (parts, body) = request.into_parts();
            crate::accounts::sign_in_forms::signed_out_change(&state, parts, body).await
        }
        Decision::SignInFirst => error_page(
            lang,
            &state.site,
            StatusCode::FORBIDDEN,
            "error_page.sign_in_first",
        ),
        Decision::SetUpSecondFactor => Redirect::to("/account/tweestaps").into_response(),
        Decision::Forbidden => crate::web::render::forbidden(lang, &state.site),
    }
}

/// The viewer of the request being rendered (set by [`authorize`]).
pub fn current_viewer() -> Viewer {
    leptos::prelude::use_context::<Parts>()
        .map(|parts| Viewer::of(&parts))
        .unwrap_or_else(Viewer::visitor)
}

/// For a server function: may the current viewer call it? Looks up the
/// function's rule by its path; a function without one is refused.
pub fn require(
    server_fn_path: &str,
    round_id: Option<i64>,
) -> Result<Viewer, crate::errors::AppError> {
    let viewer = current_viewer();
    let Some((_, rule)) = SERVER_FNS.iter().find(|(p, _)| *p == server_fn_path) else {
        tracing::error!(
            server_fn_path,
            "server function without an access rule refused"
        );
        return Err(crate::errors::AppError::Forbidden);
    };
    match decide(*rule, &viewer, round_id) {
        Decision::Allow => Ok(viewer),
        _ => Err(crate::errors::AppError::Forbidden),
    }
}
