//! A child's first name stays with the municipality's staff: no public
//! page, export or API answer shows it, the moderation page does, and the
//! dream form tells the child so.

mod common;

use axum::http::StatusCode;
use common::{ROUND, TestApp};
use domain::Role;
use store::{Db, test_on_both_engines};

const NAME: &str = "Zephyrina";

fn input_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

async fn a_childs_name_is_only_for_staff(db: Db) {
    let app = TestApp::new(db).await;
    let form = app.get(&format!("/droom/{ROUND}")).await;
    assert!(
        form.body
            .contains("Alleen de medewerkers van de gemeente zien je naam"),
        "the form tells the child who sees their name"
    );
    let sent = app
        .post(
            &format!("/droom/{ROUND}"),
            &[
                ("wish", "astronaut"),
                ("need", "een telescoop"),
                ("age_group", "13-17"),
                ("first_name", NAME),
                ("key", &input_value(&form.body, "key")),
            ],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let staff = app.account(Role::Staff, "staf@test.nl", "Staf").await;
    let cookie = app.session_for(staff).await;
    let queue = app
        .get_as(&format!("/ronde/{ROUND}/moderatie"), &cookie)
        .await;
    assert!(queue.body.contains(NAME), "staff see the name");
    let id = queue
        .body
        .split("id=\"idee-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let approved = app
        .post_as(
            &format!("/ronde/{ROUND}/moderatie"),
            &[("idea", id.as_str()), ("action", "approve")],
            &cookie,
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);

    let round = app.get(&format!("/ronde/{ROUND}")).await;
    assert!(round.body.contains("astronaut"), "the dream is public");
    assert!(round.body.contains("Droom van een kind van 13-17 jaar"));
    for path in [
        format!("/ronde/{ROUND}"),
        format!("/ronde/{ROUND}/plan"),
        format!("/ronde/{ROUND}/verslag"),
        format!("/ronde/{ROUND}/export"),
        format!("/ronde/{ROUND}/export/ideeen.csv"),
        format!("/ronde/{ROUND}/export/ideeen.json"),
        format!("/api/v1/rounds/{ROUND}/ideas"),
        format!("/api/v1/rounds/{ROUND}"),
        "/inzicht/armoedevrij".to_owned(),
        "/voortgang/armoedevrij".to_owned(),
    ] {
        let answer = app.get(&path).await;
        assert!(
            !answer.body.contains(NAME),
            "{path} ({}) shows the child's name",
            answer.status
        );
    }
    // Nor does searching for the name find the dream.
    let searched = app.get(&format!("/ronde/{ROUND}?zoek={NAME}")).await;
    assert!(!searched.body.contains("astronaut"));
    let api = app.get(&format!("/api/v1/rounds/{ROUND}/ideas")).await;
    assert!(api.body.contains("astronaut"), "{}", api.body);
}

test_on_both_engines!(a_childs_name_is_only_for_staff);
