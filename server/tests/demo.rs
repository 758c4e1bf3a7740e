//! The demo loads on SQLite and PostgreSQL through the same rules as the
//! forms, and shows the whole funnel: a round in every phase, a plan out
//! for feedback with reactions, a final plan with progress.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use domain::Phase;
use store::{Db, round, test_on_both_engines};

async fn the_demo_shows_every_phase_and_the_plans(db: Db) {
    server::demo::load(&db).await.expect("the demo loads");
    for (slug, phase) in [
        ("rondkomen-2025", Phase::Closed),
        ("schulden-voorkomen", Phase::Feedback),
        ("ronde-2-kinderen-en-jongeren", Phase::Funnelling),
        ("ronde-1-wat-is-nodig", Phase::Collecting),
        ("ronde-3-werk-dat-loont", Phase::Draft),
    ] {
        let round = round::by_slug(&db, slug).await.unwrap().unwrap();
        assert_eq!(round.phase, phase, "{slug}");
    }
    // Loading twice changes nothing.
    let again = server::demo::load(&db).await.unwrap();
    assert!(again.contains("already loaded"));

    let app = TestApp::attach(db).await;
    let feedback = app.get("/ronde/schulden-voorkomen/plan").await;
    assert_eq!(feedback.status, StatusCode::OK);
    assert!(feedback.body.contains("Wat vind je van punt 1?"));
    assert!(
        feedback
            .body
            .contains("Punt 3 belooft hulp binnen drie dagen")
    );
    let closed = app.get("/ronde/rondkomen-2025/plan").await;
    assert!(closed.body.contains("Het eindplan"));
    assert!(closed.body.contains("Eindversie"));
    let timeline = app.get("/voortgang/armoedevrij-2040").await;
    assert!(timeline.body.contains("Alle vier de geldpunten zijn open"));
    // The new round starts from the earlier final plan.
    let next = app.get("/ronde/ronde-1-wat-is-nodig").await;
    assert!(next.body.contains("bouwt voort op het eindplan"));
}

test_on_both_engines!(the_demo_shows_every_phase_and_the_plans);
