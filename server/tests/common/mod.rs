//! A `TestApp`: the whole router, without a socket, on a fresh database with
//! a small municipality: a collecting round with two questions, a round that
//! is past collecting, and a draft round.

#![allow(dead_code)]

pub mod smtp;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::Utc;
use clap::Parser;
use domain::Phase;
use domain::{Role, SecretToken, retention};
use store::session::{self, Stage};
use store::{Db, account, challenge, neighbourhood, round, setting};
use tower::ServiceExt;

pub const ROUND: &str = "ronde-1";
pub const CLOSED_ROUND: &str = "ronde-oud";
pub const DRAFT_ROUND: &str = "ronde-concept";

pub struct TestApp {
    pub db: Db,
    /// What the app counted, as `/metrics` would show it.
    pub metrics: server::metrics::Metrics,
    /// How many password hashes ran, and the most at once.
    pub password_hashing: std::sync::Arc<app::accounts::password_hashing::PasswordHashing>,
    /// The embeddings endpoint as this app knows it, for an embedder to
    /// keep up to date.
    pub meaning: std::sync::Arc<app::web::meaning::Meaning>,
    router: Router,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// `name=value` of a `Set-Cookie` for `name`, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap().to_owned())
    }

    /// The value of the idea form's hidden submission key.
    pub fn form_key(&self) -> String {
        let start = self
            .body
            .find("name=\"key\" value=\"")
            .expect("a form with a key")
            + 18;
        self.body[start..start + 32].to_owned()
    }
}

/// How a test's app starts: on the test world (one challenge with a
/// collecting, a funnelling and a draft round) unless the database is
/// already [`filled`](Builder::filled), with the command-line settings the
/// test needs ([`args`](Builder::args)).
pub struct Builder {
    db: Db,
    args: Vec<String>,
    world: bool,
}

impl Builder {
    /// Extra command-line settings, such as lower limits.
    pub fn args(mut self, args: &[&str]) -> Builder {
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    /// The database is already filled (the demo): no test world.
    pub fn filled(mut self) -> Builder {
        self.world = false;
        self
    }

    pub async fn start(self) -> TestApp {
        if self.world {
            test_world(&self.db).await;
        }
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        TestApp::router_for(self.db, &args).await
    }
}

async fn test_world(db: &Db) {
    setting::set(db, setting::MUNICIPALITY_NAME, "Teststad")
        .await
        .unwrap();
    neighbourhood::create_all(db, vec!["Centrum".into(), "Noord".into()])
        .await
        .unwrap();
    let challenge_id = challenge::create(
        db,
        challenge::NewChallenge {
            slug: "armoedevrij".into(),
            title: "Armoedevrij Teststad 2040".into(),
            description: "Niemand leeft in armoede.".into(),
            horizon_year: Some(2040),
            spearheads: vec![("Elk kind doet mee".into(), String::new())],
        },
    )
    .await
    .unwrap()
    .0;
    for (slug, phase, questions) in [
        (
            ROUND,
            Phase::Collecting,
            vec!["Wat is er nu nodig?", "Wat moet er anders?"],
        ),
        (CLOSED_ROUND, Phase::Funnelling, vec!["Wat vond je?"]),
        (DRAFT_ROUND, Phase::Draft, vec!["Nog geheim?"]),
    ] {
        round::create(
            db,
            round::NewRound {
                challenge_id,
                slug: slug.into(),
                title: format!("Titel van {slug}"),
                introduction: "Doe mee.".into(),
                phase,
                opens_at: None,
                closes_at: None,
                questions: questions.into_iter().map(String::from).collect(),
                dreams_open: true,
                premoderated: false,
                dreams_premoderated: true,
            },
        )
        .await
        .unwrap();
    }
}

impl TestApp {
    /// The app on the test world, with default settings.
    pub async fn new(db: Db) -> TestApp {
        TestApp::on(db).start().await
    }

    /// The app on `db`, as the [`Builder`] is told.
    pub fn on(db: Db) -> Builder {
        Builder {
            db,
            args: Vec::new(),
            world: true,
        }
    }

    async fn router_for(db: Db, args: &[&str]) -> TestApp {
        let mut argv = vec!["trechter", "--site-root", "/nonexistent-site-root"];
        argv.extend_from_slice(args);
        let cli = server::Cli::parse_from(argv);
        let metrics = server::metrics::Metrics::default();
        let state = server::build_state(&cli.config, db.clone()).await.unwrap();
        let password_hashing = state.0.password_hashing.clone();
        let meaning = state.0.meaning.clone();
        let router = server::router::router_with_metrics(state, metrics.clone());
        TestApp {
            db,
            metrics,
            password_hashing,
            meaning,
            router,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Posts a form as a same-origin browser does.
    pub async fn post(
        &self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn round_id(&self, slug: &str) -> i64 {
        round::by_slug(&self.db, slug).await.unwrap().unwrap().id
    }

    pub async fn question_ids(&self, slug: &str) -> Vec<i64> {
        round::questions(&self.db, self.round_id(slug).await)
            .await
            .unwrap()
            .into_iter()
            .map(|q| q.id)
            .collect()
    }

    pub async fn idea_count(&self, slug: &str) -> i64 {
        store::idea::count_in_round(&self.db, self.round_id(slug).await)
            .await
            .unwrap()
    }

    /// Sends an idea to the first question of the collecting round, as the
    /// participant (or account) whose cookie is given ("" for a newcomer).
    pub async fn send_idea(&self, text: &str, cookie: &str) -> TestResponse {
        let form = self.get_as(&format!("/ronde/{ROUND}"), cookie).await;
        let question = self.question_ids(ROUND).await[0].to_string();
        let fields = [
            ("text", text),
            ("question", &question),
            ("key", &form.form_key()),
        ];
        self.post_as(&format!("/ronde/{ROUND}"), &fields, cookie)
            .await
    }

    /// An account made directly in the database, with `PASSWORD`.
    pub async fn account(&self, role: Role, email: &str, name: &str) -> i64 {
        static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let hash = HASH
            .get_or_init(|| domain::password::hash(PASSWORD))
            .clone();
        let organisation_id = match role {
            Role::Partner => Some(
                account::organisation_named(&self.db, "Woonstichting Test".into(), Utc::now())
                    .await
                    .unwrap(),
            ),
            _ => None,
        };
        account::create(
            &self.db,
            account::NewAccount {
                email: email.into(),
                display_name: name.into(),
                role,
                organisation_id,
                password_hash: hash,
                created_at: Utc::now(),
            },
        )
        .await
        .unwrap()
        .expect("a new email")
    }

    /// A signed-in session for the account, as a `Cookie` header value.
    pub async fn session_for(&self, account_id: i64) -> String {
        let token = SecretToken::random();
        let now = Utc::now();
        session::create(
            &self.db,
            token.storage_hash(),
            account_id,
            Stage::SignedIn,
            now,
            now + retention::SESSION_ABSOLUTE,
        )
        .await
        .unwrap();
        format!("trechter_sessie={}", token.as_str())
    }

    /// A session as signing in at the OpenID provider makes it; `strong`:
    /// with the strong authentication the installation requires.
    pub async fn session_via_provider_for(&self, account_id: i64, strong: bool) -> String {
        let token = SecretToken::random();
        let now = Utc::now();
        session::create_via_provider(
            &self.db,
            token.storage_hash(),
            account_id,
            strong,
            now,
            now + retention::SESSION_ABSOLUTE,
        )
        .await
        .unwrap();
        format!("trechter_sessie={}", token.as_str())
    }

    /// A new account with a signed-in session, as a `Cookie` header value.
    pub async fn signed_in(&self, role: Role, email: &str, name: &str) -> String {
        let id = self.account(role, email, name).await;
        self.session_for(id).await
    }

    /// Moves the collecting round on to funnelling, as staff do.
    pub async fn start_funnelling(&self, staff_cookie: &str) {
        let on = self
            .post_as(
                &format!("/beheer/ronde/{ROUND}/fase"),
                &[("to", "funnelling")],
                staff_cookie,
            )
            .await;
        assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
    }

    pub async fn get_as(&self, path: &str, cookie: &str) -> TestResponse {
        self.get_with(path, &[("cookie", cookie)]).await
    }

    pub async fn post_as(&self, path: &str, form: &[(&str, &str)], cookie: &str) -> TestResponse {
        self.post(path, form, &[("cookie", cookie)]).await
    }
}

/// The password of accounts made with [`TestApp::account`].
pub const PASSWORD: &str = "paard batterij nietje";
