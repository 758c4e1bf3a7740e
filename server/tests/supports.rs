//! "Ik ook" over HTTP on SQLite and PostgreSQL: once per participant, undo,
//! exact under many parallel requests, not for one's own idea, only while
//! collecting.

mod common;

use axum::http::StatusCode;
use common::{CLOSED_ROUND, ROUND, TestApp};
use store::{Db, test_on_both_engines};

/// Sends an idea as a newcomer and returns its id.
async fn idea(app: &TestApp, text: &str) -> (String, String) {
    let sent = app.send_idea(text, "").await;
    let id = sent
        .header("location")
        .trim_start_matches("/ontvangen/")
        .to_owned();
    (id, sent.cookie("trechter_code").unwrap())
}

async fn support(app: &TestApp, id: &str, action: &str, cookie: &str) -> common::TestResponse {
    app.post_as(
        &format!("/ronde/{ROUND}/steun"),
        &[("idea", id), ("action", action)],
        cookie,
    )
    .await
}

fn count_shown(body: &str) -> Option<String> {
    let at = body.find("class=\"support-count\">")? + 22;
    Some(body[at..].split('<').next().unwrap().to_owned())
}

async fn a_participant_supports_once_and_can_undo(db: Db) {
    let app = TestApp::new(db).await;
    let (id, author) = idea(&app, "Een speeltuin in elke wijk.").await;
    // A newcomer supports: they become a participant with a code.
    let first = support(&app, &id, "add", "").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let fan = first.cookie("trechter_code").expect("a participant cookie");
    assert_eq!(
        support(&app, &id, "add", &fan).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get_as(&format!("/ronde/{ROUND}"), &fan).await;
    assert_eq!(count_shown(&page.body).as_deref(), Some("1 keer ik ook"));
    assert!(page.body.contains("aria-pressed=\"true\""));
    assert!(page.body.contains("Ik ook (terugdraaien)"));

    support(&app, &id, "remove", &fan).await;
    let page = app.get_as(&format!("/ronde/{ROUND}"), &fan).await;
    assert_eq!(count_shown(&page.body), None);
    // The author sees no button on their own idea, and cannot post one.
    let own = app.get_as(&format!("/ronde/{ROUND}"), &author).await;
    assert!(!own.body.contains("support-form"));
    assert_eq!(
        support(&app, &id, "add", &author).await.status,
        StatusCode::CONFLICT
    );
}

async fn parallel_supports_count_exactly(db: Db) {
    let app = TestApp::new(db).await;
    let (id, _) = idea(&app, "Gratis schoolspullen voor ieder kind.").await;
    let mut fans = Vec::new();
    for i in 0..20 {
        let (_, cookie) = idea(&app, &format!("Een ander idee nummer {i} van een fan.")).await;
        fans.push(cookie);
    }
    // Every fan presses three times at once.
    let requests = fans.iter().flat_map(|fan| (0..3).map(move |_| fan.clone()));
    let answers = futures::future::join_all(requests.map(|fan| {
        let (app, id) = (&app, id.clone());
        async move { support(app, &id, "add", &fan).await.status }
    }))
    .await;
    assert!(
        answers.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{answers:?}"
    );
    let page = app.get(&format!("/ronde/{ROUND}?pagina=2")).await;
    let first_page = app.get(&format!("/ronde/{ROUND}")).await;
    let body = format!("{}{}", first_page.body, page.body);
    assert!(
        body.contains("20 keer ik ook"),
        "exactly one per participant"
    );
}

async fn supports_only_while_collecting(db: Db) {
    let app = TestApp::new(db).await;
    let (id, _) = idea(&app, "Een idee dat steun verdient.").await;
    let refused = app
        .post(
            &format!("/ronde/{CLOSED_ROUND}/steun"),
            &[("idea", &id), ("action", "add")],
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let unknown = support(&app, "999999", "add", "").await;
    assert_eq!(unknown.status, StatusCode::CONFLICT);
    let malformed = support(&app, &id, "maybe", "").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
}

async fn supports_are_rate_limited(db: Db) {
    let app = TestApp::on(db)
        .args(&["--limit-supports-per-participant", "2"])
        .start()
        .await;
    let (a, _) = idea(&app, "Eerste idee om te steunen.").await;
    let (_, fan) = idea(&app, "Het idee van de fan zelf.").await;
    assert_eq!(
        support(&app, &a, "add", &fan).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        support(&app, &a, "remove", &fan).await.status,
        StatusCode::SEE_OTHER
    );
    let third = support(&app, &a, "add", &fan).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!third.header("retry-after").is_empty());
}

test_on_both_engines!(
    a_participant_supports_once_and_can_undo,
    parallel_supports_count_exactly,
    supports_only_while_collecting,
    supports_are_rate_limited
);
