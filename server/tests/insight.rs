//! The dashboard, the round report, the exports and the open-data API on
//! the demo municipality, on SQLite and PostgreSQL: numbers that match the
//! database, pages and files that never carry personal or hidden content,
//! pagination, ETags, the OpenAPI description, and monitoring moments.

mod common;

use app::open_data::api::PATHS;
use app::open_data::export::FILES;
use axum::http::StatusCode;
use common::{TestApp, TestResponse};
use serde_json::Value;
use store::testing::{execute, scalar, strings};
use store::{Db, test_on_both_engines};

const CHALLENGE: &str = "armoedevrij-2040";

fn json(response: &TestResponse) -> Value {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).expect("JSON")
}

/// Everything that may never come out of a public page, file or API.
async fn secrets(db: &Db) -> Vec<String> {
    // A hidden idea and a redacted one of our own, so there surely are.
    execute(
        db,
        "UPDATE ideas SET text = 'Geheim verborgen idee van Jansen', hidden_at = created_at
         WHERE id = (SELECT MIN(id) FROM ideas WHERE hidden_at IS NULL AND withdrawn_at IS NULL)",
    )
    .await
    .unwrap();
    execute(
        db,
        "INSERT INTO idea_redactions (idea_id, original_text, redacted_by, created_at)
         VALUES ((SELECT MAX(id) FROM ideas), 'Origineel met telefoon 0612345678',
                 (SELECT MIN(id) FROM accounts), '2026-01-01T00:00:00Z')",
    )
    .await
    .unwrap();
    let mut secrets = Vec::new();
    for sql in [
        "SELECT text FROM ideas WHERE hidden_at IS NOT NULL",
        "SELECT text FROM ideas WHERE withdrawn_at IS NOT NULL",
        "SELECT original_text FROM idea_redactions",
        "SELECT email FROM participant_contacts",
        "SELECT email FROM accounts",
        "SELECT contact FROM dream_contacts",
        "SELECT code_hash FROM participants",
    ] {
        secrets.extend(strings(db, sql).await);
    }
    secrets.retain(|s| s.len() >= 6);
    secrets
}

fn assert_clean(what: &str, body: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(
            !body.contains(secret.as_str()),
            "{what} gives away {secret:?}"
        );
    }
}

async fn nothing_private_comes_out(db: Db) {
    server::demo::load(&db).await.unwrap();
    let secrets = secrets(&db).await;
    assert!(secrets.iter().any(|s| s.contains("Jansen")));
    let app = TestApp::on(db.clone()).filled().start().await;
    let rounds = strings(&db, "SELECT slug FROM rounds WHERE phase <> 'draft'").await;
    let mut looked = 0;
    for round in &rounds {
        for (file, _) in FILES {
            for extension in ["csv", "json"] {
                let r = app
                    .get(&format!("/ronde/{round}/export/{file}.{extension}"))
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{round} {file}");
                assert_clean(&format!("{round}/{file}.{extension}"), &r.body, &secrets);
                looked += 1;
            }
        }
        for path in PATHS.iter().filter(|p| p.contains("{round}")) {
            let r = app
                .get(&format!("{}?per_page=100", path.replace("{round}", round)))
                .await;
            assert_clean(path, &r.body, &secrets);
        }
        for page in ["verslag", "export"] {
            let r = app.get(&format!("/ronde/{round}/{page}")).await;
            assert_eq!(r.status, StatusCode::OK, "{round}/{page}");
            assert_clean(page, &r.body, &secrets);
        }
    }
    assert!(looked >= 40);
    // Children's first names have no column anywhere.
    let dreams = app
        .get("/ronde/ronde-2-kinderen-en-jongeren/export/ideeen.json")
        .await;
    assert!(dreams.body.contains("\"dream\":true"));
    assert!(!dreams.body.contains("first_name"));
    let dashboard = app.get(&format!("/inzicht/{CHALLENGE}")).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert_clean("dashboard", &dashboard.body, &secrets);
    // Hidden ideas are not in the export at all, not even as a row.
    let hidden = scalar(
        &db,
        "SELECT COUNT(*) FROM ideas WHERE hidden_at IS NOT NULL",
    )
    .await;
    assert!(hidden >= 1);
    // A draft round has no data, no report and no export.
    for path in [
        "/api/v1/rounds/ronde-3-werk-dat-loont",
        "/ronde/ronde-3-werk-dat-loont/export/ideeen.csv",
        "/ronde/ronde-3-werk-dat-loont/verslag",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn the_api_pages_caches_and_describes_itself(db: Db) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db.clone()).filled().start().await;
    let round = "ronde-1-wat-is-nodig";
    let counted = scalar(
        &db,
        "SELECT COUNT(*) FROM ideas i JOIN rounds r ON r.id = i.round_id
         WHERE r.slug = 'ronde-1-wat-is-nodig' AND i.withdrawn_at IS NULL
           AND i.merged_into IS NULL AND NOT i.awaiting_review AND i.hidden_at IS NULL",
    )
    .await;
    let first = json(
        &app.get(&format!("/api/v1/rounds/{round}/ideas?per_page=10"))
            .await,
    );
    assert_eq!(first["total"], counted);
    assert_eq!(first["data"].as_array().unwrap().len(), 10);
    assert_eq!(
        first["next"],
        format!("/api/v1/rounds/{round}/ideas?page=2&per_page=10")
    );
    let contributor = first["data"][0]["contributor"].as_str().unwrap();
    assert!(contributor.starts_with("p-"));
    // All pages together hold every counted idea exactly once.
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let body = json(
            &app.get(&format!(
                "/api/v1/rounds/{round}/ideas?page={page}&per_page=25"
            ))
            .await,
        );
        let data = body["data"].as_array().unwrap();
        ids.extend(data.iter().map(|i| i["id"].as_i64().unwrap()));
        if body["next"].is_null() {
            break;
        }
        page += 1;
    }
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!((ids.len() as i64, unique.len() as i64), (counted, counted));

    // Bad pages are refused in JSON; unknown rounds are 404 in JSON.
    for query in [
        "page=0",
        "per_page=0",
        "per_page=101",
        "page=abc",
        "page=-1",
    ] {
        let r = app
            .get(&format!("/api/v1/rounds/{round}/ideas?{query}"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(r.header("content-type").starts_with("application/json"));
    }
    let missing = app.get("/api/v1/rounds/bestaat-niet/plan").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Niet gevonden."));
    // No plan out yet: 404; a published plan has its final texts.
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{round}/plan"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let plan = json(&app.get("/api/v1/rounds/rondkomen-2025/plan").await);
    assert!(plan["published_at"].is_string());
    assert!(
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["final_title"].is_string())
    );

    // ETag: asking again with it costs a 304 without a body.
    let r = app
        .get(&format!("/api/v1/challenges/{CHALLENGE}/rounds"))
        .await;
    let etag = r.header("etag").to_owned();
    assert!(etag.starts_with('"'));
    assert!(r.header("cache-control").contains("max-age"));
    let again = app
        .get_with(
            &format!("/api/v1/challenges/{CHALLENGE}/rounds"),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let rounds = json(&r);
    assert!(
        rounds["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["phase"] != "draft")
    );

    // Reactions are counted, and no group under five shows on its own.
    let reactions = json(
        &app.get("/api/v1/rounds/schulden-voorkomen/reactions?per_page=100")
            .await,
    );
    let rows = reactions["data"].as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let n = row["n"].as_i64().unwrap();
        assert!(row["group"] == "all" || n >= 5, "{row}");
    }

    // The description is OpenAPI 3.1 and lists every data path.
    let spec = json(&app.get("/api/v1/openapi.json").await);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in PATHS.iter().skip(1) {
        assert!(spec["paths"][path].is_object(), "{path} is not described");
    }
    assert!(spec["components"]["schemas"]["Idea"]["properties"]["contributor"].is_object());

    // Exports: the CSV header and the JSON keys are the documented columns.
    for (file, columns) in FILES {
        let csv = app
            .get(&format!("/ronde/rondkomen-2025/export/{file}.csv"))
            .await;
        assert!(csv.header("content-type").starts_with("text/csv"));
        assert!(
            csv.header("content-disposition")
                .contains(&format!("rondkomen-2025-{file}.csv"))
        );
        let header = csv
            .body
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(header, columns.join(","), "{file}");
        let records = json(
            &app.get(&format!("/ronde/rondkomen-2025/export/{file}.json"))
                .await,
        );
        if let Some(first) = records.as_array().unwrap().first() {
            let mut keys: Vec<&str> = first
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut expected = columns.to_vec();
            keys.sort_unstable();
            expected.sort_unstable();
            assert_eq!(keys, expected, "{file}");
        }
    }
    assert_eq!(
        app.get("/ronde/rondkomen-2025/export/ideeen.xls")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// The dashboard's figures are kept for `--figures-max-age` seconds (60 by
/// default): a new idea shows once they are counted again.
async fn the_dashboard_keeps_its_figures_for_a_while(db: Db) {
    server::demo::load(&db).await.unwrap();
    let cached = TestApp::on(db.clone()).filled().start().await;
    let fresh = TestApp::on(db.clone())
        .filled()
        .args(&["--figures-max-age", "0"])
        .start()
        .await;
    let path = format!("/inzicht/{CHALLENGE}");
    let ideas_shown = |body: &str| {
        let marker = "<dt>Ideeën</dt><dd>";
        let start = body.find(marker).expect("the idea count") + marker.len();
        body[start..].split('<').next().unwrap().to_owned()
    };
    let before = ideas_shown(&cached.get(&path).await.body);
    let round = "/ronde/ronde-1-wat-is-nodig";
    let form = cached.get(round).await;
    let question = form
        .body
        .split("name=\"question\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let sent = cached
        .post(
            round,
            &[
                (
                    "text",
                    "Een nieuw idee na het eerste bezoek aan het dashboard",
                ),
                ("question", &question),
                ("key", &form.form_key()),
            ],
            &[],
        )
        .await;
    assert!(sent.status.is_redirection());
    assert_eq!(ideas_shown(&cached.get(&path).await.body), before);
    let counted: i64 = before.parse().unwrap();
    assert_eq!(
        ideas_shown(&fresh.get(&path).await.body),
        (counted + 1).to_string()
    );
}

async fn the_dashboard_and_monitoring_moments(db: Db) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db.clone()).filled().start().await;
    let page = app.get(&format!("/inzicht/{CHALLENGE}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let ideas = scalar(
        &db,
        "SELECT COUNT(*) FROM ideas i JOIN rounds r ON r.id = i.round_id
         JOIN questions q ON q.id = i.question_id
         WHERE r.slug = 'ronde-1-wat-is-nodig' AND i.withdrawn_at IS NULL AND q.kind <> 'dream'
           AND i.merged_into IS NULL AND NOT i.awaiting_review AND i.hidden_at IS NULL",
    )
    .await;
    assert!(
        page.body
            .contains(&format!("<dt>Ideeën</dt><dd>{ideas}</dd>"))
    );
    assert!(
        page.body
            .contains("Groepen van minder dan 5 mensen tonen we niet apart")
    );
    assert!(page.body.contains("role=\"img\""));
    assert!(page.body.contains(" in totaal)"));
    assert!(!page.body.contains("(n = "), "no bare n for residents");
    // Draft rounds are not on it.
    assert!(!page.body.contains("ronde-3-werk-dat-loont"));

    // Staff record a moment; the name is needed, and once.
    let staff = scalar(
        &db,
        "SELECT id FROM accounts WHERE email = 'regisseur@berkeloord.example'",
    )
    .await;
    let cookie = app.session_for(staff).await;
    let path = format!("/inzicht/{CHALLENGE}");
    let before = scalar(&db, "SELECT COUNT(*) FROM monitoring_moments").await;
    let empty = app.post_as(&path, &[("label", "  ")], &cookie).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Geef het meetmoment een naam."));
    let long = "x".repeat(81);
    let too_long = app
        .post_as(&path, &[("label", long.as_str())], &cookie)
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM monitoring_moments").await,
        before
    );
    let taken = app
        .post_as(&path, &[("label", "December 2026")], &cookie)
        .await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert!(taken.header("location").contains("gedaan=moment_taken"));
    let twice = app
        .post_as(&path, &[("label", "December 2026")], &cookie)
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(
        twice
            .body
            .contains("Er is al een meetmoment met deze naam.")
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM monitoring_moments").await,
        before + 1
    );
    let page = app.get(&path).await;
    assert!(page.body.contains("December 2026"));
    // A resident cannot.
    let anonymous = app.post(&path, &[("label", "Van mij")], &[]).await;
    assert_ne!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM monitoring_moments").await,
        before + 1
    );

    // The report: the question, the figures and the final plan.
    let report = app.get("/ronde/rondkomen-2025/verslag").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("Verslag: "));
    assert!(report.body.contains("Het eindplan"));
    assert!(report.body.contains("Van idee naar plan"));
}

test_on_both_engines!(
    nothing_private_comes_out,
    the_api_pages_caches_and_describes_itself,
    the_dashboard_and_monitoring_moments,
    the_dashboard_keeps_its_figures_for_a_while,
);
