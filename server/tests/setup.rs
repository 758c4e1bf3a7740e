//! Staff setting up challenges and rounds over HTTP, on SQLite and
//! PostgreSQL: creating, changing, refusing bad input, and what residents
//! then see.

mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{CLOSED_ROUND, DRAFT_ROUND, ROUND, TestApp};
use domain::Role;
use store::{Db, test_on_both_engines};

async fn staff(app: &TestApp) -> String {
    app.signed_in(Role::Staff, "regisseur@example.org", "Sanne")
        .await
}

fn day(days_from_now: i64) -> String {
    (Utc::now() + Duration::days(days_from_now))
        .format("%Y-%m-%d")
        .to_string()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    store::testing::scalar(&app.db, sql).await
}

async fn staff_create_a_challenge_and_fix_mistakes_first(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let form = app.get_as("/beheer/opgaven/nieuw", &cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Naam van de opgave"));

    let wrong = app
        .post_as(
            "/beheer/opgaven/nieuw",
            &[
                ("title", "Schuldenvrij <b>Teststad</b>"),
                ("description", "kort"),
                ("horizon_year", "1999"),
                ("spearheads", "Vroeg erbij\nvroeg erbij"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Vertel iets meer over de opgave.",
        "Dit jaar is al voorbij.",
        "Een speerpunt staat er twee keer in.",
    ] {
        assert!(wrong.body.contains(message), "{message}");
    }
    // What was typed comes back, escaped.
    assert!(
        wrong
            .body
            .contains("Schuldenvrij &lt;b&gt;Teststad&lt;/b&gt;")
    );
    assert!(!wrong.body.contains("<b>Teststad</b>"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM challenges").await, 1);

    let good = [
        ("title", "Schuldenvrij Teststad"),
        (
            "description",
            "Niemand hoeft lang met schulden rond te lopen.",
        ),
        ("horizon_year", "2035"),
        ("spearheads", "Vroeg erbij\r\nSamen met de schuldeiser\r\n"),
    ];
    let created = app.post_as("/beheer/opgaven/nieuw", &good, &cookie).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(
        created.header("location"),
        "/beheer/opgaven?gedaan=challenge_created"
    );
    // The same title again gets its own address.
    app.post_as("/beheer/opgaven/nieuw", &good, &cookie).await;
    let list = app
        .get_as("/beheer/opgaven?gedaan=challenge_created", &cookie)
        .await;
    assert!(list.body.contains("De opgave is gemaakt."));
    assert!(list.body.contains("/beheer/opgave/schuldenvrij-teststad\""));
    assert!(
        list.body
            .contains("/beheer/opgave/schuldenvrij-teststad-2\"")
    );
    let stored = store::challenge::by_slug(&app.db, "schuldenvrij-teststad")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.challenge.horizon_year, Some(2035));
    assert_eq!(
        stored.challenge.spearheads,
        ["Vroeg erbij", "Samen met de schuldeiser"]
    );

    // Changing it keeps its address.
    let edit = app
        .get_as("/beheer/opgave/schuldenvrij-teststad", &cookie)
        .await;
    assert!(
        edit.body
            .contains(">Vroeg erbij\nSamen met de schuldeiser</textarea>")
    );
    let saved = app
        .post_as(
            "/beheer/opgave/schuldenvrij-teststad",
            &[
                ("title", "Schuldenvrij Teststad 2035"),
                (
                    "description",
                    "Niemand hoeft lang met schulden rond te lopen.",
                ),
                ("horizon_year", ""),
                ("spearheads", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = store::challenge::by_slug(&app.db, "schuldenvrij-teststad")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.challenge.title, "Schuldenvrij Teststad 2035");
    assert_eq!(stored.challenge.horizon_year, None);
    assert!(stored.challenge.spearheads.is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE event IN ('challenge_created', 'challenge_changed')"
        )
        .await,
        3
    );
    // A challenge that does not exist.
    let missing = app
        .post_as("/beheer/opgave/bestaat-niet", &good, &cookie)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn a_new_round_is_a_draft_until_staff_open_it(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let form = app
        .get_as("/beheer/opgave/armoedevrij/ronde", &cookie)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Vraag 5"));
    // Dreams wait for a moderator unless staff untick it.
    let checkbox = |name: &str| {
        let at = form.body.find(&format!("name=\"{name}\"")).unwrap();
        let tag = &form.body[at..at + form.body[at..].find('>').unwrap()];
        tag.contains("checked")
    };
    assert!(checkbox("dreams_premoderated"));
    assert!(!checkbox("premoderated") && !checkbox("dreams_open"));

    let wrong = app
        .post_as(
            "/beheer/opgave/armoedevrij/ronde",
            &[
                ("title", "Ronde 4: wat werkt?"),
                ("introduction", "We willen weten wat al helpt."),
                ("opens_on", &day(0)),
                ("closes_on", &day(-1)),
            ],
            &cookie,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Een ronde heeft minstens één vraag."));
    assert!(
        wrong
            .body
            .contains("De ronde kan niet sluiten voordat hij opent.")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM rounds").await, 3);

    let created = app
        .post_as(
            "/beheer/opgave/armoedevrij/ronde",
            &[
                ("title", "Ronde 4: wat werkt?"),
                ("introduction", "We willen weten wat al helpt."),
                ("question_2", "Wat helpt jou nu al?"),
                ("question_4", "Wat zou je anders doen?"),
                ("opens_on", &day(1)),
                ("closes_on", &day(30)),
                ("dreams_open", "ja"),
                ("dreams_premoderated", "ja"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let slug = "ronde-4-wat-werkt";
    assert_eq!(
        created.header("location"),
        format!("/beheer/ronde/{slug}?gedaan=round_created")
    );
    let round = store::round::by_slug(&app.db, slug).await.unwrap().unwrap();
    assert_eq!(round.number, 4);
    assert_eq!(round.phase, domain::Phase::Draft);
    assert!(round.dreams_open && round.dreams_premoderated && !round.premoderated);
    let questions = store::round::questions(&app.db, round.id).await.unwrap();
    assert_eq!(
        questions
            .iter()
            .map(|q| (q.position, q.text.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Wat helpt jou nu al?"), (2, "Wat zou je anders doen?")]
    );

    // Residents do not see a draft; staff see it with a notice.
    assert_eq!(
        app.get(&format!("/ronde/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/").await.body.contains("Ronde 4: wat werkt?"));
    let preview = app.get_as(&format!("/ronde/{slug}"), &cookie).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Dit is een concept."));
    // Round 4 builds on the last round residents could see.
    assert!(
        preview
            .body
            .contains(&format!("href=\"/ronde/{CLOSED_ROUND}\""))
    );

    // Staff open it: now residents see it and can send ideas.
    let opened = app
        .post_as(
            &format!("/beheer/ronde/{slug}/fase"),
            &[("to", "collecting")],
            &cookie,
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/ronde/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Wat helpt jou nu al?"));
    assert!(!page.body.contains("Dit is een concept."));
    assert!(app.get("/").await.body.contains("Ronde 4: wat werkt?"));
}

async fn editing_a_round_keeps_questions_that_have_ideas(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let sent = app.send_idea("Een idee op de eerste vraag.", "").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let path = format!("/beheer/ronde/{ROUND}/bewerken");
    let form = app.get_as(&path, &cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Op deze vraag zijn al ideeën gegeven."));
    assert!(form.body.contains("value=\"Wat is er nu nodig?\""));

    let base = [
        ("title", "Titel van ronde-1, beter"),
        ("introduction", "Doe mee, het duurt een minuut."),
        ("opens_on", "2026-01-01"),
        ("closes_on", "2026-02-01"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut form = base.to_vec();
        form.extend_from_slice(extra);
        form
    };
    // Emptying the answered question is refused, and nothing changes.
    let refused = app
        .post_as(
            &path,
            &with(&[("question_2", "Wat moet er anders?")]),
            &cookie,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Je kunt hem niet weghalen."));
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.title, "Titel van ronde-1");

    // Rewording it and dropping the unanswered one is fine. A closing day in
    // the past is allowed for a round that already ran.
    let saved = app
        .post_as(
            &path,
            &with(&[
                ("question_1", "Wat is er nu echt nodig?"),
                ("premoderated", "ja"),
            ]),
            &cookie,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.header("location"),
        format!("/beheer/ronde/{ROUND}?gedaan=round_saved")
    );
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.title, "Titel van ronde-1, beter");
    assert!(round.premoderated && !round.dreams_open && !round.dreams_premoderated);
    assert_eq!(
        round.closes_at.map(local_day),
        Some("2026-02-01".to_owned())
    );
    let page = app.get(&format!("/ronde/{ROUND}")).await;
    assert!(page.body.contains("Wat is er nu echt nodig?"));
    assert!(!page.body.contains("Wat moet er anders?"));
    assert!(page.body.contains("Een idee op de eerste vraag."));
    // The dream page is closed now that dreams are off.
    assert_eq!(
        app.get(&format!("/droom/{ROUND}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The Amsterdam calendar day of a moment, as the form shows it.
fn local_day(at: chrono::DateTime<Utc>) -> String {
    app::format::local_day(at).format("%Y-%m-%d").to_string()
}

async fn dreams_show_at_once_when_the_round_says_so(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let saved = app
        .post_as(
            &format!("/beheer/ronde/{ROUND}/bewerken"),
            &[
                ("title", "Titel van ronde-1"),
                ("introduction", "Doe mee, het duurt een minuut."),
                ("question_1", "Wat is er nu nodig?"),
                ("question_2", "Wat moet er anders?"),
                ("opens_on", &day(-5)),
                ("closes_on", &day(5)),
                ("dreams_open", "ja"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.get(&format!("/droom/{ROUND}")).await;
    let key = page
        .body
        .split("name=\"key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let sent = app
        .post(
            &format!("/droom/{ROUND}"),
            &[
                ("wish", "brandweervrouw"),
                ("age_group", "4-7"),
                ("key", &key),
            ],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let thanks = app.get(&format!("/droom/{ROUND}?gedaan=1")).await;
    assert!(thanks.body.contains("Iedereen kan hem nu zien"));
    assert!(
        app.get(&format!("/ronde/{ROUND}"))
            .await
            .body
            .contains("brandweervrouw")
    );
}

async fn only_staff_set_up_and_closed_rounds_stay_as_they_were(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let expert = app
        .account(Role::ExperienceExpert, "ervaring@example.org", "Eva")
        .await;
    let expert = app.session_for(expert).await;
    let form = [
        ("title", "Stiekem"),
        ("description", "Een opgave die niet mag."),
    ];
    let refused = app.post_as("/beheer/opgaven/nieuw", &form, &expert).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = app.post("/beheer/opgaven/nieuw", &form, &[]).await;
    assert!(
        anonymous.status == StatusCode::UNAUTHORIZED
            || anonymous.header("location").starts_with("/inloggen"),
        "{}",
        anonymous.status
    );
    // A form from another site is refused even with a staff session.
    let request = axum::http::Request::post("/beheer/opgaven/nieuw")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from(
            "title=Via+een+andere+site&description=Dit+mag+niet+lukken.",
        ))
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM challenges").await, 1);

    // A closed round is history.
    // (Straight in the store: over HTTP the plan decides these steps, see
    // tests/plan.rs.)
    let round = app.round_id(CLOSED_ROUND).await;
    let sanne = count(&app, "SELECT MIN(id) FROM accounts").await;
    for (from, to) in [
        (domain::Phase::Funnelling, domain::Phase::Feedback),
        (domain::Phase::Feedback, domain::Phase::Closed),
    ] {
        let moved =
            store::round::change_phase(&app.db, round, from, to, String::new(), sanne, Utc::now())
                .await
                .unwrap();
        assert!(moved, "{from:?} → {to:?}");
    }
    let closed = app
        .post_as(
            &format!("/beheer/ronde/{CLOSED_ROUND}/bewerken"),
            &[
                ("title", "Herschreven"),
                ("introduction", "Achteraf anders verteld."),
                ("question_1", "Wat vond je ervan?"),
                ("opens_on", "2026-01-01"),
                ("closes_on", "2026-02-01"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    let stored = store::round::by_slug(&app.db, CLOSED_ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.id, round);
    assert_eq!(stored.title, format!("Titel van {CLOSED_ROUND}"));
    // Drafts are listed for staff, with every round of the challenge.
    let list = app.get_as("/beheer/opgaven", &cookie).await;
    assert!(
        list.body
            .contains(&format!("/beheer/ronde/{DRAFT_ROUND}/bewerken"))
    );
}

async fn staff_keep_the_neighbourhood_list(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let names = || async {
        store::neighbourhood::all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|n| (n.id, n.name))
            .collect::<Vec<_>>()
    };
    let before = names().await;
    let saved = app
        .post_as(
            "/beheer/opgaven",
            &[("list", "Noord\r\nCentrum\r\nDe Esch\r\n")],
            &cookie,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = names().await;
    assert_eq!(
        after.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        ["Noord", "Centrum", "De Esch"]
    );
    assert_eq!(after[1], before[0], "Centrum kept its id");

    // An idea from Noord: Noord cannot go.
    let form = app.get(&format!("/ronde/{ROUND}")).await;
    let question = app.question_ids(ROUND).await[0].to_string();
    let noord = after[0].0.to_string();
    let sent = app
        .post(
            &format!("/ronde/{ROUND}"),
            &[
                ("text", "Een speeltuin in Noord voor de kleintjes."),
                ("question", &question),
                ("neighbourhood", &noord),
                ("key", &form.form_key()),
            ],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let refused = app
        .post_as("/beheer/opgaven", &[("list", "Centrum")], &cookie)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("href=\"#neighbourhoods-list\">Bij \"Noord\" horen al ideeën.")
    );
    assert!(
        refused.body.contains(">Centrum</textarea>"),
        "what was typed stays"
    );
    let twice = app
        .post_as("/beheer/opgaven", &[("list", "Noord\nnoord")], &cookie)
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(names().await, after, "nothing changed");
    let page = app.get(&format!("/ronde/{ROUND}")).await;
    assert!(page.body.contains(">De Esch</option>"));
}

/// Found by the markup sweep: changing the spearheads of a challenge whose
/// plan points to one answered 503, as every spearhead was deleted and
/// made again.
async fn a_spearhead_the_plan_points_to_stays(db: Db) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db.clone()).filled().start().await;
    let staff_id = store::testing::scalar(
        &db,
        "SELECT id FROM accounts WHERE email = 'regisseur@berkeloord.example'",
    )
    .await;
    let cookie = app.session_for(staff_id).await;
    let used = store::testing::strings(
        &db,
        "SELECT DISTINCT s.title FROM spearheads s JOIN plan_items p ON p.spearhead_id = s.id",
    )
    .await;
    assert!(!used.is_empty(), "the demo's plans point to spearheads");
    let linked = "SELECT COUNT(*) FROM plan_items WHERE spearhead_id IS NOT NULL";
    let before = count(&app, linked).await;
    let form = |spearheads: String| {
        vec![
            ("title", "Armoedevrij Berkeloord 2040".to_owned()),
            (
                "description",
                "Niemand in Berkeloord leeft in armoede.".to_owned(),
            ),
            ("horizon_year", "2040".to_owned()),
            ("spearheads", spearheads),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as("/beheer/opgave/armoedevrij-2040", &pairs, &cookie)
                .await
        }
    };

    // Taking away a spearhead in use is refused, in words, and changes nothing.
    let refused = send(form("Een nieuw speerpunt".into())).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Laat dat speerpunt staan"));
    assert_eq!(count(&app, linked).await, before);

    // Keeping them, in another order and with a new one, keeps the links.
    let mut kept = used.clone();
    kept.reverse();
    kept.push("Een nieuw speerpunt".into());
    let saved = send(form(kept.join("\n"))).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(count(&app, linked).await, before);
    let titles = store::testing::strings(
        &db,
        "SELECT s.title FROM spearheads s JOIN challenges c ON c.id = s.challenge_id
         WHERE c.slug = 'armoedevrij-2040' ORDER BY s.position",
    )
    .await;
    assert_eq!(titles, kept);
}

test_on_both_engines!(
    a_spearhead_the_plan_points_to_stays,
    staff_keep_the_neighbourhood_list,
    staff_create_a_challenge_and_fix_mistakes_first,
    a_new_round_is_a_draft_until_staff_open_it,
    editing_a_round_keeps_questions_that_have_ideas,
    dreams_show_at_once_when_the_round_says_so,
    only_staff_set_up_and_closed_rounds_stay_as_they_were,
);
