//! The statements a Dutch government site publishes: the accessibility
//! statement (`/toegankelijkheid`, linked from every page) and
//! `/.well-known/security.txt` (RFC 9116), both as configured.

mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{ROUND, TestApp};
use store::{Db, test_on_both_engines};

async fn the_configured_contact_is_published(db: Db) {
    let day = (Utc::now() + Duration::days(90))
        .format("%Y-%m-%d")
        .to_string();
    let app = TestApp::on(db)
        .args(&[
            "--security-contact",
            "mailto:security@teststad.nl",
            "--security-expires",
            &day,
            "--public-url",
            "https://inspraak.teststad.nl",
        ])
        .start()
        .await;
    let file = app.get("/.well-known/security.txt").await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(
        file.body,
        format!(
            "Contact: mailto:security@teststad.nl\nExpires: {day}T23:59:59Z\n\
             Preferred-Languages: nl, en\n\
             Canonical: https://inspraak.teststad.nl/.well-known/security.txt\n"
        )
    );
    // Signed in or not, the same file.
    let cookie = app
        .signed_in(domain::Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    assert_eq!(
        app.get_as("/.well-known/security.txt", &cookie).await.body,
        file.body
    );
}

async fn without_a_contact_there_is_no_file(db: Db) {
    let app = TestApp::new(db).await;
    let file = app.get("/.well-known/security.txt").await;
    assert_eq!(file.status, StatusCode::NOT_FOUND);
}

async fn the_accessibility_statement_names_the_municipality_and_its_contact(db: Db) {
    let app = TestApp::on(db)
        .args(&["--contact", "toegankelijkheid@teststad.nl"])
        .start()
        .await;
    let page = app.get("/toegankelijkheid").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("De gemeente Teststad wil dat iedereen"),
        "{}",
        page.body
    );
    assert!(page.body.contains("voldoet gedeeltelijk"));
    assert!(
        page.body.contains(
            r#"<a href="mailto:toegankelijkheid@teststad.nl">toegankelijkheid@teststad.nl</a>"#
        ),
        "{}",
        page.body
    );
    // Every page's footer links to it, for residents and staff alike.
    let cookie = app
        .signed_in(domain::Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    for path in [
        "/".to_owned(),
        format!("/ronde/{ROUND}"),
        "/privacy".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert!(page.body.contains(r#"href="/toegankelijkheid""#), "{path}");
    }
    assert!(
        app.get_as("/beheer", &cookie)
            .await
            .body
            .contains(r#"href="/toegankelijkheid""#)
    );
}

async fn without_a_contact_the_statement_says_whom_to_ask(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get("/toegankelijkheid").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Neem contact op met de gemeente Teststad."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("mailto:"));
}

test_on_both_engines!(
    the_configured_contact_is_published,
    without_a_contact_there_is_no_file,
    the_accessibility_statement_names_the_municipality_and_its_contact,
    without_a_contact_the_statement_says_whom_to_ask,
);

#[test]
fn a_stale_or_malformed_contact_stops_the_start() {
    use clap::Parser;
    let config = |args: &[&str]| {
        let mut argv = vec!["trechter"];
        argv.extend_from_slice(args);
        server::Cli::parse_from(argv).config
    };
    let now = Utc::now();
    let passed = config(&[
        "--security-contact",
        "mailto:a@b.nl",
        "--security-expires",
        "2020-01-01",
    ]);
    let problem = passed.security_txt(now).unwrap_err().to_string();
    assert!(
        problem.contains("TRECHTER_SECURITY_EXPIRES (2020-01-01) has passed"),
        "{problem}"
    );
    let no_scheme = config(&[
        "--security-contact",
        "a@b.nl",
        "--security-expires",
        "2020-01-01",
    ]);
    assert!(
        no_scheme
            .security_txt(now)
            .unwrap_err()
            .to_string()
            .contains("mailto:")
    );
    assert_eq!(config(&[]).security_txt(now), Ok(None));
}
