//! No N+1: every page issues a fixed number of SQL statements, however many
//! ideas, supports, reactions and progress updates a round has. Each page
//! is rendered on the demo, then again after the demo grew by hundreds of
//! ideas, supports and reactions; the statement counts must be equal and
//! within the page's budget. Statements are counted from sqlx's own log
//! events (target `sqlx::query`), one per statement, on both engines.
//!
//! One test function, run on its own: the counter is process-wide.

mod common;

use common::TestApp;
use std::sync::atomic::{AtomicUsize, Ordering};
use store::Db;
use store::testing::{TestDb, integers, scalar};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

struct CountStatements;

impl<S: Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

const COLLECTING: &str = "ronde-1-wat-is-nodig";
const FEEDBACK: &str = "schulden-voorkomen";
const CLOSED: &str = "rondkomen-2025";
/// The demo resident's receipt code.
const RESIDENT: &str = "trechter_code=BERKE-VRAAG";

/// Who looks at a page.
#[derive(Clone, Copy, Debug)]
enum Viewer {
    Resident,
    Staff,
}

/// Every page worth guarding, with its budget of SQL statements. The
/// budgets are today's counts: a page that needs more must say why here.
const PAGES: &[(&str, Viewer, usize)] = &[
    ("/", Viewer::Resident, 2),
    ("/ronde/ronde-1-wat-is-nodig", Viewer::Resident, 8),
    (
        "/ronde/ronde-1-wat-is-nodig?zoek=bankje",
        Viewer::Resident,
        8,
    ),
    ("/ronde/ronde-1-wat-is-nodig?pagina=2", Viewer::Resident, 8),
    ("/ronde/ronde-2-kinderen-en-jongeren", Viewer::Resident, 8),
    ("/ronde/schulden-voorkomen/plan", Viewer::Resident, 13),
    ("/ronde/rondkomen-2025/plan", Viewer::Resident, 13),
    // One more than before: the newest progress of the plan items the
    // participant's ideas are in.
    ("/mijn", Viewer::Resident, 5),
    ("/droom/ronde-1-wat-is-nodig", Viewer::Resident, 1),
    ("/voortgang/armoedevrij-2040", Viewer::Resident, 4),
    ("/inzicht/armoedevrij-2040", Viewer::Resident, 15),
    ("/ronde/schulden-voorkomen/verslag", Viewer::Resident, 25),
    ("/ronde/rondkomen-2025/export", Viewer::Resident, 1),
    (
        "/api/v1/rounds/ronde-1-wat-is-nodig/ideas?per_page=100",
        Viewer::Resident,
        3,
    ),
    (
        "/ronde/schulden-voorkomen/export/reacties.csv",
        Viewer::Resident,
        3,
    ),
    ("/beheer", Viewer::Staff, 3),
    ("/ronde/ronde-1-wat-is-nodig/moderatie", Viewer::Staff, 6),
    (
        "/ronde/ronde-2-kinderen-en-jongeren/trechter",
        Viewer::Staff,
        9,
    ),
    // One more than before: the ideas that have no answer yet, which
    // keep the plan from going out (`domain::send_out`).
    (
        "/ronde/ronde-2-kinderen-en-jongeren/plan/werk",
        Viewer::Staff,
        17,
    ),
    ("/beheer/voortgang", Viewer::Staff, 3),
];

async fn statements(app: &TestApp, path: &str, cookie: &str) -> usize {
    STATEMENTS.store(0, Ordering::SeqCst);
    let page = app.get_as(path, cookie).await;
    let counted = STATEMENTS.load(Ordering::SeqCst);
    assert!(
        page.status.is_success(),
        "{path}: {} {}",
        page.status,
        &page.body[..page.body.len().min(300)]
    );
    counted
}

async fn counts(app: &TestApp, staff: &str) -> Vec<usize> {
    let mut counts = Vec::new();
    for (path, viewer, _) in PAGES {
        let cookie = match viewer {
            Viewer::Resident => RESIDENT,
            Viewer::Staff => staff,
        };
        // Once to warm pools and caches, then counted.
        statements(app, path, cookie).await;
        counts.push(statements(app, path, cookie).await);
    }
    counts
}

/// Hundreds more of everything a page lists.
async fn grow(app: &TestApp, staff_id: i64) {
    let questions = app.question_ids(COLLECTING).await;
    for i in 0..150 {
        let key = domain::SubmissionKey::random().to_form_value();
        // A third from the demo resident, so "Mijn inbreng" grows too.
        let cookie = if i % 3 == 0 { RESIDENT } else { "" };
        let text = format!("Extra idee {i}: een bankje en een boom bij de school in wijk {i}");
        let sent = app
            .post_as(
                &format!("/ronde/{COLLECTING}"),
                &[
                    ("text", &text),
                    ("question", &questions[i % questions.len()].to_string()),
                    ("key", &key),
                ],
                cookie,
            )
            .await;
        assert!(sent.status.is_redirection(), "idea {i}: {}", sent.status);
    }
    let idea_ids: Vec<i64> = integers(
        &app.db,
        &format!(
            "SELECT i.id FROM ideas i JOIN rounds r ON r.id = i.round_id
             WHERE r.slug = '{COLLECTING}' AND i.text LIKE 'Extra idee%'"
        ),
    )
    .await;
    for (n, idea) in idea_ids.iter().take(100).enumerate() {
        let key = domain::SubmissionKey::random().to_form_value();
        let sent = app
            .post(
                &format!("/ronde/{COLLECTING}/steun"),
                &[
                    ("idea", &idea.to_string()),
                    ("action", "add"),
                    ("key", &key),
                ],
                &[],
            )
            .await;
        assert!(sent.status.is_redirection(), "support {n}: {}", sent.status);
    }
    let items: Vec<i64> = integers(
        &app.db,
        &format!(
            "SELECT p.id FROM plan_items p JOIN rounds r ON r.id = p.round_id
             WHERE r.slug = '{FEEDBACK}' AND p.removed_at IS NULL"
        ),
    )
    .await;
    for n in 0..120 {
        let key = domain::SubmissionKey::random().to_form_value();
        let item = items[n % items.len()].to_string();
        let why = format!("Reactie {n}: goed plan, maar begin eerder");
        let sent = app
            .post(
                &format!("/ronde/{FEEDBACK}/plan"),
                &[
                    ("item", &item),
                    ("stance", if n % 2 == 0 { "agree" } else { "partly" }),
                    ("group", "resident"),
                    ("why", &why),
                    ("key", &key),
                ],
                &[],
            )
            .await;
        assert!(
            sent.status.is_redirection(),
            "reaction {n}: {}",
            sent.status
        );
    }
    let final_items: Vec<i64> = integers(
        &app.db,
        &format!(
            "SELECT p.id FROM plan_items p JOIN rounds r ON r.id = p.round_id
             WHERE r.slug = '{CLOSED}' AND p.removed_at IS NULL"
        ),
    )
    .await;
    for n in 0..60 {
        let changed = store::progress::add_progress(
            &app.db,
            final_items[n % final_items.len()],
            domain::plan::Progress::InProgress,
            format!("Voortgang {n}"),
            staff_id,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        assert!(matches!(changed, store::plan::Changed::Done(_)));
    }
}

async fn pages_issue_a_fixed_number_of_statements(db: Db, engine: &str) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db.clone())
        .filled()
        .args(&[
            "--limit-ideas-per-participant",
            "100000",
            "--limit-ideas-per-client",
            "100000",
            "--limit-supports-per-participant",
            "100000",
            "--limit-supports-per-client",
            "100000",
            // Count the dashboard's own work, not its cache.
            "--figures-max-age",
            "0",
        ])
        .start()
        .await;
    let staff_id = scalar(
        &db,
        "SELECT id FROM accounts WHERE email = 'regisseur@berkeloord.example'",
    )
    .await;
    let staff = app.session_for(staff_id).await;
    let ideas_before = scalar(&db, "SELECT COUNT(*) FROM ideas").await;
    let small = counts(&app, &staff).await;
    grow(&app, staff_id).await;
    let ideas_after = scalar(&db, "SELECT COUNT(*) FROM ideas").await;
    assert!(ideas_after >= ideas_before + 150);
    let large = counts(&app, &staff).await;
    println!(
        "SQL statements per page on {engine} (demo → demo + 150 ideas, 100 supports, 120 reactions, 60 updates):"
    );
    let mut failures = Vec::new();
    for ((&(path, _, budget), small), large) in PAGES.iter().zip(&small).zip(&large) {
        println!("  {small:>3} → {large:>3}  (budget {budget:>2})  {path}");
        if small != large {
            failures.push(format!(
                "{path}: {small} statements, then {large} with more data"
            ));
        }
        if *large > budget {
            failures.push(format!("{path}: {large} statements, budget {budget}"));
        }
    }
    assert!(failures.is_empty(), "on {engine}:\n{}", failures.join("\n"));
}

#[test]
fn pages_issue_a_fixed_number_of_statements_on_both_engines() {
    tracing_subscriber::registry().with(CountStatements).init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let sqlite = TestDb::sqlite().await;
        pages_issue_a_fixed_number_of_statements(sqlite.db.clone(), "SQLite").await;
        if let Some(postgres) = TestDb::postgres().await {
            pages_issue_a_fixed_number_of_statements(postgres.db.clone(), "PostgreSQL").await;
        }
    });
}
