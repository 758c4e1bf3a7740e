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

    let app = TestApp::on(db).filled().start().await;
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

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.split_once(start).map_or("", |(_, rest)| rest);
    from.split_once(end).map_or("", |(inside, _)| inside)
}

/// Every breakdown of people on the dashboard and on each round's report
/// adds up to its n, and that n is the number of people who took part: a
/// person who wrote about two neighbourhoods is one person, not two.
async fn every_breakdown_adds_up_to_its_n(db: Db) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db).filled().start().await;
    let mut pages = vec!["/inzicht/armoedevrij-2040".to_owned()];
    for slug in [
        "rondkomen-2025",
        "schulden-voorkomen",
        "ronde-2-kinderen-en-jongeren",
        "ronde-1-wat-is-nodig",
    ] {
        pages.push(format!("/ronde/{slug}/verslag"));
    }
    let mut checked = 0;
    for page in pages {
        let body = app.get(&page).await.body.replace("<!>", "");
        for round in body.split("<dt>Mensen die ideeën gaven</dt>").skip(1) {
            let people = between(round, "<dd>", "</dd>");
            for figure in round.split("<figure class=\"chart\">").skip(1) {
                let figure = figure.split("</figure>").next().unwrap_or_default();
                // The funnel's steps hold one another; they are no parts.
                if figure.contains(">Stap</th>") {
                    continue;
                }
                let n = between(figure, "<tfoot>", "</tfoot>");
                let Ok(n) = between(n, "<td>", "</td>").parse::<u64>() else {
                    continue; // "fewer than 5": no number to add up to
                };
                let rows = between(figure, "<tbody>", "</tbody>");
                let sum: u64 = rows
                    .split("<td>")
                    .skip(1)
                    .map(|cell| cell.split("</td>").next().unwrap().parse::<u64>().unwrap())
                    .sum();
                let caption = between(figure, "<figcaption>", " ");
                assert_eq!(sum, n, "{page}: {caption}");
                if !figure.contains("Mensen die reageerden") {
                    assert_eq!(n.to_string(), people, "{page}: {caption}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 12, "only {checked} breakdowns found");
}

test_on_both_engines!(
    the_demo_shows_every_phase_and_the_plans,
    every_breakdown_adds_up_to_its_n
);
