//! "Looks like these ideas" while typing, over HTTP on SQLite and
//! PostgreSQL: others' ideas like the typed text, never one's own, with
//! what one supports already; nothing for short text, outside collecting,
//! or to anyone but the island; nothing typed is stored.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{CLOSED_ROUND, ROUND, TestApp};
use store::{Db, test_on_both_engines};

const FRAGMENT: (&str, &str) = ("x-trechter-fragment", "1");

async fn lookup(app: &TestApp, round: &str, text: &str, cookie: &str) -> common::TestResponse {
    app.post(
        &format!("/ronde/{round}/lijkt-op"),
        &[("text", text)],
        &[FRAGMENT, ("cookie", cookie)],
    )
    .await
}

async fn sent(app: &TestApp, text: &str, cookie: &str) -> (String, String) {
    let answer = app.send_idea(text, cookie).await;
    let id = answer
        .header("location")
        .trim_start_matches("/ontvangen/")
        .to_owned();
    let code = answer
        .cookie("trechter_code")
        .unwrap_or_else(|| cookie.to_owned());
    (id, code)
}

async fn others_ideas_like_the_text_show_with_their_support(db: Db) {
    let app = TestApp::new(db).await;
    let (swim, author) = sent(
        &app,
        "Gratis zwemles voor alle kinderen <b>in de zomer</b>",
        "",
    )
    .await;
    sent(&app, "Meer bankjes en prullenbakken in het park.", "").await;
    let ideas_before = app.idea_count(ROUND).await;

    let found = lookup(&app, ROUND, "zwemles voor kinderen moet gratis zijn", "").await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(found.header("x-trechter-fragment"), "1");
    assert!(
        found.body.contains("Lijkt jouw idee op een van deze?"),
        "{}",
        found.body
    );
    // Escaped, as everything residents wrote.
    assert!(found.body.contains("&lt;b&gt;in de zomer&lt;/b&gt;"));
    assert!(!found.body.contains("<b>"));
    assert!(found.body.contains(&format!("data-support=\"{swim}\"")));
    assert!(found.body.contains("aria-pressed=\"false\""));
    assert!(!found.body.contains("bankjes"));

    // The author is not offered their own idea.
    let own = lookup(
        &app,
        ROUND,
        "zwemles voor kinderen moet gratis zijn",
        &author,
    )
    .await;
    assert!(!own.body.contains("zwemles"), "{}", own.body);

    // A supporter sees it as supported, and can take it back.
    let (_, fan) = sent(&app, "Een ander idee over de bibliotheek.", "").await;
    let supported = app
        .post_as(
            &format!("/ronde/{ROUND}/steun"),
            &[("idea", &swim), ("action", "add")],
            &fan,
        )
        .await;
    assert_eq!(supported.status, StatusCode::SEE_OTHER);
    let again = lookup(&app, ROUND, "zwemles voor kinderen moet gratis zijn", &fan).await;
    assert!(again.body.contains("aria-pressed=\"true\""));
    assert!(again.body.contains("data-support-action=\"remove\""));

    // Looking up stores nothing.
    assert_eq!(app.idea_count(ROUND).await, ideas_before + 1);
}

async fn nothing_for_short_text_closed_rounds_or_plain_browsers(db: Db) {
    let app = TestApp::new(db).await;
    sent(&app, "Gratis zwemles voor alle kinderen in de zomer.", "").await;
    let short = lookup(&app, ROUND, "zwemles", "").await;
    assert_eq!(short.status, StatusCode::OK);
    assert!(short.body.is_empty(), "{}", short.body);
    let huge = "zwemles ".repeat(1_000);
    assert!(lookup(&app, ROUND, &huge, "").await.body.is_empty());
    // Funnelling: supporting is over, so nothing to offer.
    let closed = lookup(
        &app,
        CLOSED_ROUND,
        "zwemles voor kinderen moet gratis zijn",
        "",
    )
    .await;
    assert!(closed.body.is_empty());
    assert_eq!(
        lookup(&app, "bestaat-niet", "zwemles voor kinderen", "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A browser without the island is sent to the form.
    let plain = app
        .post(
            &format!("/ronde/{ROUND}/lijkt-op"),
            &[("text", "zwemles voor kinderen moet gratis zijn")],
            &[],
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(plain.header("location"), format!("/ronde/{ROUND}#idee"));
    // Another site cannot ask.
    let forged = app
        .send(
            Request::post(format!("/ronde/{ROUND}/lijkt-op"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "cross-site")
                .header(FRAGMENT.0, FRAGMENT.1)
                .body(Body::from("text=zwemles+voor+kinderen+moet+gratis+zijn"))
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

test_on_both_engines!(
    others_ideas_like_the_text_show_with_their_support,
    nothing_for_short_text_closed_rounds_or_plain_browsers
);
