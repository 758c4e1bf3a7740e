//! A resident opens a round and sends an idea, over HTTP, on SQLite and on
//! PostgreSQL: the happy path, every kind of bad input, double submits,
//! the JavaScript (fragment) path, languages, and "my contributions".

mod common;

use axum::http::StatusCode;
use common::{CLOSED_ROUND, DRAFT_ROUND, ROUND, TestApp};
use store::{Db, test_on_both_engines};

async fn the_home_page_lists_public_rounds(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Denk mee met Teststad"));
    assert!(page.body.contains("Armoedevrij Teststad 2040"));
    assert!(page.body.contains("Titel van ronde-1") && page.body.contains("Titel van ronde-oud"));
    assert!(
        !page.body.contains("Titel van ronde-concept"),
        "draft rounds are not public"
    );
    assert!(page.body.contains("<html lang=\"nl\""));
}

async fn the_round_page_shows_questions_and_the_form(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get("/ronde/ronde-1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Wat is er nu nodig?") && page.body.contains("Wat moet er anders?"));
    assert!(
        page.body
            .contains("<form method=\"post\" action=\"/ronde/ronde-1\"")
    );
    assert_eq!(page.form_key().len(), 32);
    assert!(page.body.contains("0 ideeën"));
    // The one inline script carries the nonce the policy names.
    let policy = page.header("content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body
            .contains(&format!("<script type=\"module\" nonce=\"{nonce}\">"))
    );
    assert!(!policy.contains("unsafe-inline"));
    // Page data is rendered, not also sent along in a script.
    assert!(
        !page.body.contains("Wat is er nu nodig?\\\""),
        "no serialized page data"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "same-origin");
    assert!(policy.contains("frame-ancestors 'none'"));
    assert!(!page.header("x-request-id").is_empty());
}

async fn a_round_past_collecting_shows_no_form(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get("/ronde/ronde-oud").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<form method=\"post\" action=\"/ronde/"));
    assert!(page.body.contains("geen nieuwe ideeën meer"));
    assert!(
        !page.body.contains("<script type=\"module\""),
        "no island, no scripts"
    );
}

async fn unknown_and_draft_rounds_are_not_found(db: Db) {
    let app = TestApp::new(db).await;
    for path in [
        "/ronde/bestaat-niet",
        &format!("/ronde/{DRAFT_ROUND}"),
        "/nergens",
        "/ontvangen/abc",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains("Deze pagina bestaat niet"), "{path}");
    }
    let post = app
        .post(
            "/ronde/bestaat-niet",
            &[("text", "Een idee van tien tekens")],
            &[],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
}

async fn a_valid_idea_leads_to_its_receipt(db: Db) {
    let app = TestApp::new(db).await;
    let form = app.get("/ronde/ronde-1").await;
    let questions = app.question_ids(ROUND).await;
    let sent = app
        .post(
            "/ronde/ronde-1",
            &[
                ("key", &form.form_key()),
                ("question", &questions[1].to_string()),
                ("text", "  Gratis zwemles voor ieder kind  "),
                ("life_domain", "leisure"),
                ("neighbourhood", ""),
                ("lived_experience", "yes"),
            ],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let location = sent.header("location").to_owned();
    assert!(location.starts_with("/ontvangen/"), "{location}");
    let raw_cookie = sent
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(raw_cookie.contains("HttpOnly") && raw_cookie.contains("SameSite=Lax"));
    let cookie = sent.cookie("trechter_code").unwrap();
    assert_eq!(app.idea_count(ROUND).await, 1);

    let receipt = app.get_with(&location, &[("cookie", &cookie)]).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(receipt.body.contains("Bedankt! Je idee is bewaard."));
    assert!(receipt.body.contains("Gratis zwemles voor ieder kind"));
    let code = &cookie["trechter_code=".len()..];
    assert!(
        receipt
            .body
            .contains(&format!("{}-{}", &code[..5], &code[5..])),
        "the code is shown with a dash"
    );

    // Another device (no cookie) sees no receipt and no code.
    let elsewhere = app.get(&location).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert!(!elsewhere.body.contains(&code[..5]));

    let round = app.get("/ronde/ronde-1").await;
    assert!(round.body.contains("Gratis zwemles voor ieder kind"));
    assert!(round.body.contains("1 idee<") || round.body.contains("1 idee "));
    assert!(round.body.contains("Uit eigen ervaring") && round.body.contains("Vrije tijd"));
}

async fn bad_input_changes_nothing_and_keeps_what_was_typed(db: Db) {
    let app = TestApp::new(db).await;
    let questions = app.question_ids(ROUND).await;
    let q = questions[0].to_string();
    let long = "a".repeat(2_001);
    let cases = [
        (
            "empty",
            vec![("text", ""), ("question", &q)],
            "Schrijf je idee op.",
        ),
        (
            "whitespace",
            vec![("text", "   \n\t "), ("question", &q)],
            "Schrijf je idee op.",
        ),
        (
            "too short",
            vec![("text", "kort"), ("question", &q)],
            "Je idee is te kort. Schrijf minstens 10 tekens. Nu zijn het er 4.",
        ),
        (
            "too long",
            vec![("text", &long), ("question", &q)],
            "Je idee is te lang. Schrijf hoogstens 2000 tekens. Nu zijn het er 2001.",
        ),
        (
            "control",
            vec![("text", "Meer groen\u{7} in de wijk"), ("question", &q)],
            "onzichtbare tekens",
        ),
        (
            "no question",
            vec![("text", "Meer groen in de wijk")],
            "Kies de vraag waar je antwoord op geeft.",
        ),
        (
            "unknown question",
            vec![("text", "Meer groen in de wijk"), ("question", "99999")],
            "Deze vraag hoort niet bij deze ronde.",
        ),
        (
            "unknown domain",
            vec![
                ("text", "Meer groen in de wijk"),
                ("question", &q),
                ("life_domain", "tuin"),
            ],
            "Kies een onderwerp uit de lijst.",
        ),
        (
            "unknown neighbourhood",
            vec![
                ("text", "Meer groen in de wijk"),
                ("question", &q),
                ("neighbourhood", "x"),
            ],
            "Kies een wijk uit de lijst.",
        ),
    ];
    for (name, form, message) in cases {
        let answer = app.post("/ronde/ronde-1", &form, &[]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(answer.body.contains(message), "{name}: no {message:?}");
        assert!(
            answer.body.contains("Je idee is nog niet verstuurd."),
            "{name}: no error summary"
        );
        assert!(answer.body.contains("aria-invalid=\"true\""), "{name}");
        // The typed text comes back (escaped) in the textarea.
        let typed = form.iter().find(|(k, _)| *k == "text").unwrap().1;
        if !typed.trim().is_empty() && !typed.contains('\u{7}') {
            assert!(
                answer.body.contains(&format!(">{typed}</textarea>")),
                "{name}: typed text lost"
            );
        }
    }
    assert_eq!(app.idea_count(ROUND).await, 0);
}

async fn a_choice_survives_an_error(db: Db) {
    let app = TestApp::new(db).await;
    let questions = app.question_ids(ROUND).await;
    let form = app.get("/ronde/ronde-1").await;
    let key = form.form_key();
    let answer = app
        .post(
            "/ronde/ronde-1",
            &[
                ("key", &key),
                ("text", "kort"),
                ("question", &questions[1].to_string()),
                ("life_domain", "school"),
                ("lived_experience", "yes"),
            ],
            &[],
        )
        .await;
    assert!(
        answer
            .body
            .contains(&format!("value=\"{}\" checked", questions[1]))
    );
    assert!(answer.body.contains("value=\"school\" selected"));
    assert!(
        answer
            .body
            .contains("name=\"lived_experience\" value=\"yes\" checked")
    );
    assert_eq!(answer.form_key(), key, "the form keeps its submission key");
}

async fn html_is_stored_as_text_and_shown_escaped(db: Db) {
    let app = TestApp::new(db).await;
    let q = app.question_ids(ROUND).await[0].to_string();
    let payload = "<script>alert('xss')</script><img src=x onerror=alert(1)> meer bankjes";
    let sent = app
        .post(
            "/ronde/ronde-1",
            &[("text", payload), ("question", &q)],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let round = app.get("/ronde/ronde-1").await;
    assert!(
        round
            .body
            .contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;")
            || round
                .body
                .contains("&lt;script&gt;alert('xss')&lt;/script&gt;")
    );
    assert!(!round.body.contains("<script>alert"));
    assert!(!round.body.contains("<img src=x"));
}

async fn the_same_form_sent_twice_saves_one_idea(db: Db) {
    let app = TestApp::new(db).await;
    let key = app.get("/ronde/ronde-1").await.form_key();
    let q = app.question_ids(ROUND).await[0].to_string();
    let form = [
        ("key", key.as_str()),
        ("text", "Een bus naar de stad die je kunt betalen"),
        ("question", &q),
    ];
    let first = app.post("/ronde/ronde-1", &form, &[]).await;
    // The second tap arrives before the browser stored the first cookie.
    let second = app.post("/ronde/ronde-1", &form, &[]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(
        second.header("location"),
        format!("{}?opnieuw=1", first.header("location"))
    );
    assert_eq!(
        second.cookie("trechter_code"),
        first.cookie("trechter_code"),
        "the same code both times"
    );
    assert_eq!(app.idea_count(ROUND).await, 1);
    let receipt = app
        .get_with(
            second.header("location"),
            &[("cookie", &second.cookie("trechter_code").unwrap())],
        )
        .await;
    assert!(receipt.body.contains("Dit idee had je al gestuurd."));
}

async fn a_round_past_collecting_refuses_ideas(db: Db) {
    let app = TestApp::new(db).await;
    let q = app.question_ids(CLOSED_ROUND).await[0].to_string();
    let answer = app
        .post(
            "/ronde/ronde-oud",
            &[("text", "Een idee dat te laat is"), ("question", &q)],
            &[],
        )
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(answer.body.contains("geen nieuwe ideeën meer"));
    assert_eq!(app.idea_count(CLOSED_ROUND).await, 0);
}

async fn the_island_gets_fragments(db: Db) {
    let app = TestApp::new(db).await;
    let q = app.question_ids(ROUND).await[0].to_string();
    let fragment = [("x-trechter-fragment", "1")];
    let wrong = app
        .post(
            "/ronde/ronde-1",
            &[("text", "kort"), ("question", &q)],
            &fragment,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.header("x-trechter-fragment"), "1");
    assert!(!wrong.body.contains("<html"), "a fragment, not a page");
    assert!(wrong.body.starts_with("<form") && wrong.body.contains("data-focus"));
    let right = app
        .post(
            "/ronde/ronde-1",
            &[
                ("text", "Een verjaardagsbox voor de klas"),
                ("question", &q),
            ],
            &fragment,
        )
        .await;
    assert_eq!(right.status, StatusCode::OK);
    assert!(
        right.body.starts_with("<section class=\"receipt\"")
            || right.body.contains("class=\"receipt\"")
    );
    assert!(
        right
            .body
            .contains("<h2 id=\"receipt-title\" tabindex=\"-1\" data-focus")
    );
    assert!(right.cookie("trechter_code").is_some());
    assert_eq!(app.idea_count(ROUND).await, 1);
    let late = app
        .post(
            "/ronde/ronde-oud",
            &[("text", "Een idee dat te laat is")],
            &fragment,
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.header("x-trechter-fragment"), "1");
}

async fn english_is_chosen_by_browser_or_switch(db: Db) {
    let app = TestApp::new(db).await;
    let page = app
        .get_with("/ronde/ronde-1", &[("accept-language", "en-GB,en;q=0.9")])
        .await;
    assert!(page.body.contains("<html lang=\"en\"") && page.body.contains("Share your idea"));
    let switched = app
        .post(
            "/taal",
            &[("lang", "en"), ("back", "/ronde/ronde-1?pagina=1")],
            &[],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.header("location"), "/ronde/ronde-1?pagina=1");
    let cookie = switched.cookie("trechter_lang").unwrap();
    let page = app
        .get_with(
            "/ronde/ronde-1",
            &[("cookie", &cookie), ("accept-language", "nl")],
        )
        .await;
    assert!(
        page.body.contains("Share your idea"),
        "the explicit choice wins"
    );
    let q = app.question_ids(ROUND).await[0].to_string();
    let error = app
        .post(
            "/ronde/ronde-1",
            &[("text", ""), ("question", &q)],
            &[("cookie", &cookie)],
        )
        .await;
    assert!(error.body.contains("Write down your idea."));
    let elsewhere = app
        .post(
            "/taal",
            &[("lang", "en"), ("back", "https://evil.example/")],
            &[],
        )
        .await;
    assert_eq!(elsewhere.header("location"), "/");
    assert_eq!(
        app.post("/taal", &[("lang", "xx")], &[]).await.status,
        StatusCode::BAD_REQUEST
    );
}

async fn cross_site_posts_are_refused(db: Db) {
    let app = TestApp::new(db).await;
    let q = app.question_ids(ROUND).await[0].to_string();
    let form = serde_urlencoded::to_string([
        ("text", "Een idee van een andere site"),
        ("question", q.as_str()),
    ])
    .unwrap();
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let request = axum::http::Request::post("/ronde/ronde-1")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "trechter.test")
            .header(name, value)
            .body(axum::body::Body::from(form.clone()))
            .unwrap();
        let answer = app.send(request).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{name}");
        assert!(
            answer
                .body
                .contains("Dit formulier kwam niet van deze website.")
        );
    }
    // Server functions are posts too.
    let request = axum::http::Request::post("/api/round")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.idea_count(ROUND).await, 0);
}

async fn oversized_and_malformed_bodies_get_clear_errors(db: Db) {
    let app = TestApp::new(db).await;
    let huge = "a".repeat(100_000);
    let answer = app.post("/ronde/ronde-1", &[("text", &huge)], &[]).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.body.contains("Wat je stuurde is te groot."));
    let request = axum::http::Request::post("/ronde/ronde-1")
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{\"text\":\"hallo allemaal\"}"))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("We konden het formulier niet lezen."));
    assert_eq!(app.idea_count(ROUND).await, 0);
}

async fn my_contributions_open_with_the_code(db: Db) {
    let app = TestApp::new(db).await;
    let q = app.question_ids(ROUND).await[0].to_string();
    let sent = app
        .post(
            "/ronde/ronde-1",
            &[
                ("text", "Gratis fietsreparatie voor scholieren"),
                ("question", &q),
            ],
            &[],
        )
        .await;
    let cookie = sent.cookie("trechter_code").unwrap();
    let code = cookie["trechter_code=".len()..].to_owned();

    let empty = app.get("/mijn").await;
    assert!(empty.body.contains("Vul je code in."));
    assert!(!empty.body.contains("Gratis fietsreparatie"));

    let typed = format!(" {}-{} ", code[..5].to_lowercase(), &code[5..]);
    let opened = app.post("/mijn", &[("code", &typed)], &[]).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert_eq!(opened.cookie("trechter_code").unwrap(), cookie);
    let mine = app.get_with("/mijn", &[("cookie", &cookie)]).await;
    assert!(mine.body.contains("Gratis fietsreparatie voor scholieren"));
    assert!(mine.body.contains("Je hebt 1 idee ingestuurd."));

    let malformed = app.post("/mijn", &[("code", "ABC")], &[]).await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        malformed.body.contains("Een code heeft 10 tekens")
            && malformed.body.contains("value=\"ABC\"")
    );
    let unknown = app.post("/mijn", &[("code", "ABCDE-FGHJK")], &[]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Deze code kennen we niet."));

    let forgotten = app
        .post("/mijn/vergeten", &[], &[("cookie", &cookie)])
        .await;
    assert_eq!(forgotten.status, StatusCode::SEE_OTHER);
    assert!(
        forgotten
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
}

async fn health_follows_the_database(db: Db) {
    let app = TestApp::new(db.clone()).await;
    let healthy = app.get("/healthz").await;
    assert_eq!(healthy.status, StatusCode::OK);
    assert_eq!(healthy.header("x-content-type-options"), "nosniff");
    db.close().await;
    assert_eq!(
        app.get("/healthz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

async fn the_stylesheet_is_served_compressed_and_cached(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get("/").await;
    let href = page
        .body
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let css = app
        .get_with(&href, &[("accept-encoding", "gzip, br")])
        .await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-encoding"), "br");
    assert!(css.header("cache-control").contains("immutable"));
    let etag = css.header("etag").to_owned();
    let again = app.get_with(&href, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        app.get("/pkg/nothing.js").await.status,
        StatusCode::NOT_FOUND
    );
}

test_on_both_engines!(
    the_home_page_lists_public_rounds,
    the_round_page_shows_questions_and_the_form,
    a_round_past_collecting_shows_no_form,
    unknown_and_draft_rounds_are_not_found,
    a_valid_idea_leads_to_its_receipt,
    bad_input_changes_nothing_and_keeps_what_was_typed,
    a_choice_survives_an_error,
    html_is_stored_as_text_and_shown_escaped,
    the_same_form_sent_twice_saves_one_idea,
    a_round_past_collecting_refuses_ideas,
    the_island_gets_fragments,
    english_is_chosen_by_browser_or_switch,
    cross_site_posts_are_refused,
    oversized_and_malformed_bodies_get_clear_errors,
    my_contributions_open_with_the_code,
    health_follows_the_database,
    the_stylesheet_is_served_compressed_and_cached,
);
