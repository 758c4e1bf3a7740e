//! Numbers in addresses are read within bounds on every page, on SQLite and
//! PostgreSQL: a huge, negative or malformed `?pagina=`, id or filter never
//! answers 5xx; a page past the end shows the last page.

mod common;

use axum::http::StatusCode;
use common::{ROUND, TestApp};
use domain::Role;
use store::{Db, test_on_both_engines};

const HUGE: &str = "9223372036854775807";

async fn huge_pages_show_the_last_page(db: Db) {
    let app = TestApp::new(db).await;
    app.send_idea("Een bankje bij de bushalte.", "").await;
    for pagina in [
        HUGE,
        "99999999999999999999999",
        "-9223372036854775808",
        "0",
        "x",
    ] {
        let page = app.get(&format!("/ronde/{ROUND}?pagina={pagina}")).await;
        assert_eq!(page.status, StatusCode::OK, "?pagina={pagina}");
        assert!(
            page.body.contains("Een bankje bij de bushalte."),
            "?pagina={pagina} shows the last page"
        );
    }
    let staff = app.account(Role::Staff, "staf@test.nl", "Staf").await;
    let cookie = app.session_for(staff).await;
    for path in [
        format!("/ronde/{ROUND}/moderatie?pagina={HUGE}"),
        format!("/ronde/{ROUND}/moderatie?lijst=alles&pagina={HUGE}"),
        format!("/ronde/{ROUND}/trechter?pagina={HUGE}"),
    ] {
        let page = app.get_as(&path, &cookie).await;
        assert!(
            page.status.is_success(),
            "{path}: {} {}",
            page.status,
            page.body
        );
    }
}

async fn huge_ids_and_filters_are_not_found(db: Db) {
    let app = TestApp::new(db).await;
    for id in [HUGE, "99999999999999999999999", "-1", "0"] {
        let receipt = app.get(&format!("/ontvangen/{id}")).await;
        assert_eq!(receipt.status, StatusCode::NOT_FOUND, "/ontvangen/{id}");
        let filtered = app
            .get(&format!("/ronde/{ROUND}?vraag={id}&wijk={id}&pagina={id}"))
            .await;
        assert_eq!(filtered.status, StatusCode::OK, "filters {id}");
        let progress = app
            .get(&format!("/voortgang/armoedevrij?speerpunt={id}"))
            .await;
        assert_eq!(progress.status, StatusCode::OK, "speerpunt {id}");
        let insight = app
            .get(&format!("/inzicht/armoedevrij?van={id}&tot={id}"))
            .await;
        assert_eq!(insight.status, StatusCode::OK, "van/tot {id}");
    }
    // The API says what is wrong, in both languages, rather than failing.
    let api = app
        .get(&format!("/api/v1/rounds/{ROUND}/ideas?page={HUGE}"))
        .await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(api.body.contains("page moet"), "{}", api.body);
}

test_on_both_engines!(
    huge_pages_show_the_last_page,
    huge_ids_and_filters_are_not_found
);
