//! Residents change their own ideas while the round collects, on SQLite
//! and PostgreSQL; nobody else can, and bad text comes back with the reason.

mod common;

use axum::http::StatusCode;
use common::{ROUND, TestApp};
use store::{Db, test_on_both_engines};

async fn a_resident_changes_their_own_idea(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea("Meer groen op het schoolplein.", "").await;
    let cookie = sent.cookie("trechter_code").unwrap();
    let id = sent
        .header("location")
        .trim_start_matches("/ontvangen/")
        .to_owned();
    let path = format!("/mijn/bewerken/{id}");

    let page = app.get_as(&path, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Meer groen op het schoolplein."));
    // Someone else sees nothing and changes nothing.
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let (_, other) = (
        0,
        app.send_idea("Een ander idee van iemand anders.", "").await,
    );
    let other = other.cookie("trechter_code").unwrap();
    let refused = app
        .post_as(&path, &[("text", "Overgenomen door een ander!")], &other)
        .await;
    // For anyone else the idea is not there to change.
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let short = app.post_as(&path, &[("text", "kort")], &cookie).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("te kort") && short.body.contains(">kort</textarea>"));

    let saved = app
        .post_as(
            &path,
            &[("text", "Meer groen en een moestuin op het schoolplein.")],
            &cookie,
        )
        .await;
    assert_eq!(saved.header("location"), "/mijn?gedaan=edited");
    let round = app.get(&format!("/ronde/{ROUND}")).await;
    assert!(round.body.contains("een moestuin op het schoolplein"));
    assert!(!round.body.contains("Overgenomen"));
}

test_on_both_engines!(a_resident_changes_their_own_idea);
