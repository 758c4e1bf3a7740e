//! What caches may keep: pages with a receipt code are `no-store`, and the
//! open-data API answers 304 to a weak or listed `If-None-Match`.

mod common;

use axum::http::StatusCode;
use common::{ROUND, TestApp};
use store::{Db, test_on_both_engines};

async fn pages_with_a_receipt_code_are_not_stored(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea("Een bankje bij de bushalte.", "").await;
    let cookie = sent.cookie("trechter_code").unwrap();
    let receipt = app.get_as(sent.header("location"), &cookie).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(receipt.body.contains("class=\"code\""), "the code is shown");
    assert_eq!(receipt.header("cache-control"), "no-store");
    let mine = app.get_as("/mijn", &cookie).await;
    assert!(mine.body.contains("class=\"code\""), "the code is shown");
    assert_eq!(mine.header("cache-control"), "no-store");
    // With JavaScript, the receipt comes as a fragment of the form post.
    let form = app.get(&format!("/ronde/{ROUND}")).await;
    let question = app.question_ids(ROUND).await[0].to_string();
    let fragment = app
        .post(
            &format!("/ronde/{ROUND}"),
            &[
                ("text", "Een zebrapad bij school."),
                ("question", &question),
                ("key", &form.form_key()),
            ],
            &[("x-trechter-fragment", "1")],
        )
        .await;
    assert!(
        fragment.body.contains("class=\"code\""),
        "{}",
        fragment.body
    );
    assert_eq!(fragment.header("cache-control"), "no-store");
    // Other pages stay revalidated, not forbidden to store.
    let round = app.get(&format!("/ronde/{ROUND}")).await;
    assert_eq!(round.header("cache-control"), "private, no-cache");
}

async fn weak_and_listed_etags_match(db: Db) {
    let app = TestApp::new(db).await;
    let path = format!("/api/v1/rounds/{ROUND}");
    let first = app.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.header("etag").to_owned();
    assert!(etag.starts_with('"'), "{etag}");
    for sent in [
        etag.clone(),
        format!("W/{etag}"),
        format!("\"other\", W/{etag}"),
        "*".to_owned(),
    ] {
        let again = app.get_with(&path, &[("if-none-match", &sent)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{sent}");
    }
    let changed = app
        .get_with(&path, &[("if-none-match", "W/\"other\"")])
        .await;
    assert_eq!(changed.status, StatusCode::OK);
}

test_on_both_engines!(
    pages_with_a_receipt_code_are_not_stored,
    weak_and_listed_etags_match
);
