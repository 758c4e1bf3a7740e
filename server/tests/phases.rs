//! Staff move a round through its phases over HTTP, on SQLite and
//! PostgreSQL: forward freely, back one phase only with a reason, never
//! skipping; each change is recorded with who and why.

mod common;

use axum::http::StatusCode;
use common::{DRAFT_ROUND, ROUND, TestApp};
use domain::{Phase, Role};
use store::{Db, round, test_on_both_engines};

async fn staff_move_rounds_forward_and_reopen_with_a_reason(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    let path = format!("/beheer/ronde/{ROUND}/fase");
    let phase = |app: &TestApp| {
        let db = app.db.clone();
        async move { round::by_slug(&db, ROUND).await.unwrap().unwrap().phase }
    };

    // Skipping a phase is refused and changes nothing.
    let skip = app.post_as(&path, &[("to", "feedback")], &cookie).await;
    assert_eq!(skip.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(skip.body.contains("één fase tegelijk"));
    assert_eq!(phase(&app).await, Phase::Collecting);

    let on = app.post_as(&path, &[("to", "funnelling")], &cookie).await;
    assert_eq!(
        on.header("location"),
        format!("/beheer/ronde/{ROUND}?gedaan=phase_changed")
    );
    assert_eq!(phase(&app).await, Phase::Funnelling);
    // Ideas are no longer taken.
    let question = app.question_ids(ROUND).await[0].to_string();
    let late = app
        .post(
            &format!("/ronde/{ROUND}"),
            &[
                ("text", "Een idee na het verzamelen."),
                ("question", &question),
            ],
            &[],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);

    let no_reason = app
        .post_as(&path, &[("to", "collecting"), ("reason", "  ")], &cookie)
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Schrijf waarom"));
    assert_eq!(phase(&app).await, Phase::Funnelling);
    let back = app
        .post_as(
            &path,
            &[
                ("to", "collecting"),
                ("reason", "De school vroeg om een week extra."),
            ],
            &cookie,
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(phase(&app).await, Phase::Collecting);

    let page = app.get_as(&format!("/beheer/ronde/{ROUND}"), &cookie).await;
    assert!(page.body.contains("De school vroeg om een week extra.") && page.body.contains("Sam"));
    let history = round::phase_history(&app.db, app.round_id(ROUND).await)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0].from_phase, history[0].to_phase),
        (Phase::Funnelling, Phase::Collecting)
    );
}

async fn a_draft_round_opens_for_ideas(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    assert_eq!(
        app.get(&format!("/ronde/{DRAFT_ROUND}")).await.status,
        StatusCode::NOT_FOUND
    );
    let opened = app
        .post_as(
            &format!("/beheer/ronde/{DRAFT_ROUND}/fase"),
            &[("to", "collecting")],
            &cookie,
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/ronde/{DRAFT_ROUND}")).await.status,
        StatusCode::OK
    );
}

test_on_both_engines!(
    staff_move_rounds_forward_and_reopen_with_a_reason,
    a_draft_round_opens_for_ideas
);
