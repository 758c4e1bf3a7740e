//! The funnelling workspace over HTTP, on SQLite and PostgreSQL: staff and
//! co-moderators cluster ideas with plain forms; bad input changes nothing
//! and is told in Dutch; a stale form is a conflict; others are refused.

mod common;

use axum::http::StatusCode;
use common::{ROUND, TestApp};
use domain::Role;
use store::{Db, co_moderator, test_on_both_engines};

const IDEAS: [&str; 5] = [
    "Gratis zwemles voor alle kinderen in de gemeente.",
    "Zwemles voor kinderen moet gratis worden.",
    "Hulp bij schulden zonder lange wachtlijst.",
    "Snelle schuldhulp zonder wachtlijst, alstublieft.",
    "Een nieuwe snelweg naar Duitsland.",
];

/// The checkbox value (`id:version`) of the idea with this text.
fn checkbox(body: &str, text: &str) -> String {
    let at = body
        .find(text)
        .unwrap_or_else(|| panic!("{text} on the page"));
    let before = &body[..at];
    let value = before.rsplit("name=\"idea\" value=\"").next().unwrap();
    value.split('"').next().unwrap().to_owned()
}

fn hidden(body: &str, name: &str, after: &str) -> String {
    let at = body
        .find(after)
        .unwrap_or_else(|| panic!("{after} on the page"));
    let marker = format!("name=\"{name}\" value=\"");
    body[at..]
        .split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned()
}

/// Posts the workspace's move form with these fields.
async fn place(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> common::TestResponse {
    let mut form = vec![("action", "place")];
    form.extend_from_slice(fields);
    app.post_as(&format!("/ronde/{ROUND}/trechter"), &form, cookie)
        .await
}

/// A round in its funnelling phase with the five ideas, and a staff cookie.
async fn funnelling_round(app: &TestApp) -> String {
    funnelling_round_with(app, &IDEAS).await
}

async fn funnelling_round_with(app: &TestApp, ideas: &[&str]) -> String {
    for text in ideas {
        let sent = app.send_idea(text, "").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    let staff = app
        .account(Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    let cookie = app.session_for(staff).await;
    app.start_funnelling(&cookie).await;
    cookie
}

async fn staff_cluster_ideas_without_javascript(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = funnelling_round(&app).await;
    let path = format!("/ronde/{ROUND}/trechter");
    let page = app.get_as(&path, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Nog niet geplaatst: 5 van 5 ideeën"),
        "{}",
        page.body
    );
    // The analysis finds the two swimming ideas and the two debt ideas.
    assert!(page.body.contains("Misschien dubbel") || page.body.contains("Maak dit thema"));

    // Nothing ticked: told so, nothing changes.
    let empty = place(
        &app,
        &cookie,
        &[("destination", "new"), ("title", "Zwemles")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Je hebt geen ideeën aangevinkt."));
    // A new cluster without a title: told so, the choice kept.
    let swim = [
        checkbox(&page.body, IDEAS[0]),
        checkbox(&page.body, IDEAS[1]),
    ];
    let untitled = place(
        &app,
        &cookie,
        &[
            ("idea", &swim[0]),
            ("idea", &swim[1]),
            ("destination", "new"),
            ("title", "  "),
        ],
    )
    .await;
    assert_eq!(untitled.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(untitled.body.contains("Geef het thema een titel."));
    // A forged destination or selection is a bad request.
    for form in [
        vec![
            ("action", "place"),
            ("idea", swim[0].as_str()),
            ("destination", "cluster-x"),
        ],
        vec![
            ("action", "place"),
            ("idea", "zeven"),
            ("destination", "unplaced"),
        ],
        vec![("action", "verzonnen")],
    ] {
        assert_eq!(
            app.post_as(&path, &form, &cookie).await.status,
            StatusCode::BAD_REQUEST
        );
    }
    let made = place(
        &app,
        &cookie,
        &[
            ("idea", &swim[0]),
            ("idea", &swim[1]),
            ("destination", "new"),
            ("title", "Zwemles <voor iedereen>"),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(made.header("location").contains("gedaan=cluster_created"));
    let page = app.get_as(&path, &cookie).await;
    assert!(page.body.contains("Nog niet geplaatst: 3 van 5 ideeën"));
    assert!(
        page.body.contains("Zwemles &lt;voor iedereen&gt;"),
        "the title is escaped"
    );
    assert!(
        page.body
            .contains("Gemaakt door: Sanne (Medewerker gemeente)")
    );

    // Re-posting the same form (stale versions) is a conflict; nothing moves.
    let stale = place(
        &app,
        &cookie,
        &[("idea", &swim[0]), ("destination", "unplaced")],
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale
            .body
            .contains("Iemand anders heeft dit net veranderd.")
    );
    assert!(
        app.get_as(&path, &cookie)
            .await
            .body
            .contains("Nog niet geplaatst: 3 van 5 ideeën")
    );

    // Setting aside needs a reason; the reasons are choices of the move
    // form itself, so no closed disclosure hides them without JavaScript.
    let road = checkbox(&page.body, IDEAS[4]);
    let no_reason = place(&app, &cookie, &[("idea", &road), ("destination", "aside")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Kies een reden"));
    assert!(page.body.contains("<option value=\"aside:out_of_scope\">"));
    // "Iets anders" needs the explanation for residents: then that
    // disclosure opens.
    let no_note = place(
        &app,
        &cookie,
        &[("idea", &road), ("destination", "aside:other")],
    )
    .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = no_note.body.find("<summary>Titel of uitleg").unwrap();
    let disclosure = &no_note.body[no_note.body[..summary].rfind("<details").unwrap()..summary];
    assert!(disclosure.contains("open"), "{disclosure}");
    let aside = place(
        &app,
        &cookie,
        &[("idea", &road), ("destination", "aside:out_of_scope")],
    )
    .await;
    assert_eq!(aside.status, StatusCode::SEE_OTHER);
    let page = app.get_as(&path, &cookie).await;
    assert!(page.body.contains("Hier kan de gemeente niets aan doen"));
    assert!(page.body.contains("Nog niet geplaatst: 2 van 5 ideeën"));

    // Renaming with the version seen; a second rename with it conflicts.
    let cluster = hidden(&page.body, "cluster", "Thema bewerken");
    let version = hidden(&page.body, "version", "Thema bewerken");
    let rename = |title: &'static str| {
        [
            ("action", "rename".to_owned()),
            ("cluster", cluster.clone()),
            ("version", version.clone()),
            ("title", title.to_owned()),
            (
                "summary",
                "Kinderen leren zwemmen, ook als het geld krap is.".to_owned(),
            ),
        ]
    };
    let first = rename("Zwemles");
    let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = app.post_as(&path, &first, &cookie).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = rename("Zwemmen");
    let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_as(&path, &second, &cookie).await.status,
        StatusCode::CONFLICT
    );
    let page = app.get_as(&path, &cookie).await;
    assert!(page.body.contains("Kinderen leren zwemmen"));
    assert!(page.body.contains("paste thema Zwemles aan"));
    // The coverage table is there, with its caption.
    assert!(
        page.body.contains("Ideeën en thema&#x27;s per leefgebied")
            || page.body.contains("Ideeën en thema's per leefgebied")
    );
}

async fn co_moderators_cluster_and_others_are_refused(db: Db) {
    let app = TestApp::new(db).await;
    let staff_cookie = funnelling_round(&app).await;
    let path = format!("/ronde/{ROUND}/trechter");
    let expert = app
        .account(Role::ExperienceExpert, "ervaring@example.org", "Noor")
        .await;
    let expert_cookie = app.session_for(expert).await;
    // Not (yet) a co-moderator of this round: refused.
    assert_eq!(
        app.get_as(&path, &expert_cookie).await.status,
        StatusCode::FORBIDDEN
    );
    let round_id = app.round_id(ROUND).await;
    let staff_id = app.account(Role::Staff, "tweede@example.org", "Tom").await;
    co_moderator::appoint(&app.db, round_id, expert, staff_id, chrono::Utc::now())
        .await
        .unwrap();
    let page = app.get_as(&path, &expert_cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let debts = [
        checkbox(&page.body, IDEAS[2]),
        checkbox(&page.body, IDEAS[3]),
    ];
    let made = place(
        &app,
        &expert_cookie,
        &[
            ("idea", &debts[0]),
            ("idea", &debts[1]),
            ("destination", "new"),
            ("title", "Schulden"),
        ],
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let page = app.get_as(&path, &staff_cookie).await;
    assert!(
        page.body
            .contains("Gemaakt door: Noor (Ervaringsdeskundige)")
    );
    // Visitors sign in first; a partner is refused; a cross-site post too.
    assert_eq!(app.get(&path).await.status, StatusCode::SEE_OTHER);
    let partner = app
        .account(Role::Partner, "partner@example.org", "Pim")
        .await;
    let partner_cookie = app.session_for(partner).await;
    assert_eq!(
        app.get_as(&path, &partner_cookie).await.status,
        StatusCode::FORBIDDEN
    );
    let cross_site = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &staff_cookie)
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from(format!(
            "action=place&idea={}&destination=unplaced",
            debts[0].replace(':', "%3A")
        )))
        .unwrap();
    let cross_site = app.send(cross_site).await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
}

async fn funnelling_waits_for_its_phase(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea(IDEAS[0], "").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let staff = app
        .account(Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    let cookie = app.session_for(staff).await;
    let path = format!("/ronde/{ROUND}/trechter");
    // Still collecting: the page shows, read-only; a change is refused.
    let page = app.get_as(&path, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("niet in de fase trechteren"));
    assert!(!page.body.contains("name=\"idea\""));
    let refused = place(
        &app,
        &cookie,
        &[("idea", "1:0"), ("destination", "new"), ("title", "X")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("Er is niets opgeslagen."));
}

/// The idea's item in the unplaced list.
fn unplaced_item<'a>(body: &'a str, text: &str) -> &'a str {
    let list = &body[body.find("id=\"nog-niet-geplaatst\"").unwrap()..];
    let at = list.find(text).unwrap_or_else(|| panic!("{text} unplaced"));
    let start = list[..at].rfind("<li").unwrap();
    let end = at + list[at..].find("</li>").unwrap();
    &list[start..end]
}

/// "Past misschien bij" only where it is likely right: an idea clearly
/// like one theme gets it, an idea like none gets nothing.
async fn hints_show_only_where_an_idea_clearly_fits(db: Db) {
    let app = TestApp::new(db).await;
    let ideas = [
        "Gratis zwemles voor alle kinderen.",
        "Zwemles voor kinderen moet gratis.",
        "Alle kinderen gratis op zwemles.",
        "Hulp bij schulden zonder wachtlijst.",
        "Schuldhulp zonder lange wachtlijst.",
        "Gratis zwemles voor kinderen in de zomer.",
        "Een nieuwe snelweg naar Duitsland.",
    ];
    let cookie = funnelling_round_with(&app, &ideas).await;
    let path = format!("/ronde/{ROUND}/trechter");
    let page = app.get_as(&path, &cookie).await;
    for (title, members) in [("Zwemles", &ideas[..3]), ("Schulden", &ideas[3..5])] {
        let mut form = vec![("destination", "new"), ("title", title)];
        let boxes: Vec<String> = members.iter().map(|t| checkbox(&page.body, t)).collect();
        form.extend(boxes.iter().map(|b| ("idea", b.as_str())));
        assert_eq!(
            place(&app, &cookie, &form).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let page = app.get_as(&path, &cookie).await;
    let summer = unplaced_item(&page.body, ideas[5]);
    assert!(summer.contains("Past misschien bij: Zwemles"), "{summer}");
    let road = unplaced_item(&page.body, ideas[6]);
    assert!(!road.contains("Past misschien bij"), "{road}");
}

test_on_both_engines!(
    hints_show_only_where_an_idea_clearly_fits,
    staff_cluster_ideas_without_javascript,
    co_moderators_cluster_and_others_are_refused,
    funnelling_waits_for_its_phase,
);
