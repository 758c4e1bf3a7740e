//! Prometheus metrics count requests per route pattern (never an address
//! with its values), their latency, the submissions taken, and the pool.

mod common;

use common::{ROUND, TestApp};
use store::{Db, test_on_both_engines};

async fn requests_and_submissions_are_counted_per_route(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get(&format!("/ronde/{ROUND}")).await;
    app.get(&format!("/ronde/{ROUND}")).await;
    let questions = app.question_ids(ROUND).await;
    let sent = app
        .post(
            &format!("/ronde/{ROUND}"),
            &[
                ("text", "Een idee om te tellen in de metrics."),
                ("question", &questions[0].to_string()),
                ("key", &page.form_key()),
            ],
            &[],
        )
        .await;
    assert_eq!(sent.status.as_u16(), 303);
    // A refused idea is a request, not a submission.
    app.post(&format!("/ronde/{ROUND}"), &[("text", "")], &[])
        .await;

    let text = app.metrics.render(&app.db);
    assert!(
        text.contains(
            "trechter_requests_total{method=\"GET\",route=\"/ronde/{slug}\",status=\"200\"} 2"
        ),
        "{text}"
    );
    assert!(text.contains("trechter_submissions_total{kind=\"idea\"} 1"));
    assert!(text.contains("trechter_submissions_total{kind=\"support\"} 0"));
    assert!(text.contains("trechter_request_duration_seconds_count{route=\"/ronde/{slug}\"} 4"));
    assert!(text.contains(
        "trechter_request_duration_seconds_bucket{route=\"/ronde/{slug}\",le=\"+Inf\"} 4"
    ));
    assert!(text.contains("trechter_db_connections{state=\"idle\"}"));
    // Labels hold route patterns only: no round names, no texts.
    assert!(!text.contains(ROUND));
    assert!(!text.contains("tellen"));
}

test_on_both_engines!(requests_and_submissions_are_counted_per_route);
