//! A second factor that is on can only be replaced or turned off by someone
//! who proves it: the password, or a code from the current authenticator.
//! An open session alone (a borrowed laptop, a stolen cookie) is not enough.

mod common;

use axum::http::StatusCode;
use chrono::Utc;
use common::{PASSWORD, TestApp};
use domain::{Role, totp};
use store::{Db, account, test_on_both_engines};

const PAGE: &str = "/account/tweestaps";

fn secret_on(page: &str) -> totp::TotpSecret {
    let start = "<code class=\"secret\">";
    let at = page.find(start).expect("a secret on the page") + start.len();
    let shown = page[at..].split('<').next().unwrap();
    totp::TotpSecret::from_base32(shown).unwrap()
}

/// Starts and confirms a second factor; returns its secret.
async fn set_up(app: &TestApp, cookie: &str, proof: &[(&str, &str)]) -> totp::TotpSecret {
    let mut form = vec![("action", "start")];
    form.extend_from_slice(proof);
    let started = app.post_as(PAGE, &form, cookie).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let secret = secret_on(&app.get_as(PAGE, cookie).await.body);
    let code = totp::code_at(&secret, Utc::now().timestamp());
    let on = app
        .post_as(PAGE, &[("action", "confirm"), ("code", &code)], cookie)
        .await;
    assert_eq!(on.status, StatusCode::OK);
    secret
}

async fn stored_secret(app: &TestApp, id: i64) -> Option<String> {
    account::credentials_by_id(&app.db, id)
        .await
        .unwrap()
        .unwrap()
        .totp_secret
}

async fn replacing_the_second_factor_needs_the_password_or_a_code(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    let first = set_up(&app, &cookie, &[]).await;
    let on = stored_secret(&app, staff).await;
    assert_eq!(on.as_deref(), Some(first.to_base32().as_str()));

    // Refused: nothing, or a wrong password, or a wrong code.
    for proof in [
        vec![],
        vec![("current", "niet mijn wachtwoord")],
        vec![("current", "000000")],
    ] {
        let mut form = vec![("action", "start")];
        form.extend(proof.iter().copied());
        let refused = app.post_as(PAGE, &form, &cookie).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{proof:?}"
        );
        assert!(refused.body.contains("niet je wachtwoord"));
        let page = app.get_as(PAGE, &cookie).await;
        assert!(
            !page.body.contains("class=\"secret\""),
            "no new secret for {proof:?}"
        );
        let mut off = vec![("action", "off")];
        off.extend(proof.iter().copied());
        let kept = app.post_as(PAGE, &off, &cookie).await;
        assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY, "{proof:?}");
        assert_eq!(stored_secret(&app, staff).await, on, "still the first");
    }

    // With the password, a new authenticator replaces the first.
    let second = set_up(&app, &cookie, &[("current", PASSWORD)]).await;
    assert_ne!(second.to_base32(), first.to_base32());
    assert_eq!(
        stored_secret(&app, staff).await.as_deref(),
        Some(second.to_base32().as_str())
    );

    // With a current code, it is turned off.
    let code = totp::code_at(&second, Utc::now().timestamp() + 30);
    let off = app
        .post_as(PAGE, &[("action", "off"), ("current", &code)], &cookie)
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert_eq!(stored_secret(&app, staff).await, None);
}

test_on_both_engines!(replacing_the_second_factor_needs_the_password_or_a_code);
