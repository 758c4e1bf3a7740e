//! Signing in through the municipality's OpenID provider, as far as it
//! goes without one: who gets in and how (store and domain together, on
//! both engines), passwords turned off for staff, a strong sign-in counting
//! as the second factor, a provider that does not answer, and answers that
//! no sign-in here started. The whole flow against a real provider (good
//! sign-in, forged and broken tokens, rotated keys, sign-out) is in
//! end2end/tests/provider.spec.ts.

mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{PASSWORD, TestApp};
use domain::provider_sign_in::{Admission, Person, admit};
use domain::{Role, SecretToken};
use store::provider_sign_in::{self as provider, Newcomer, Pending};
use store::{Db, account, invite, setting, test_on_both_engines};

const PROVIDER: &[&str] = &[
    // Nothing listens on port 9: the provider does not answer.
    "--oidc-issuer",
    "http://127.0.0.1:9",
    "--oidc-client-id",
    "trechter",
    "--oidc-name",
    "Gemeente Testdorp",
    "--public-url",
    "http://trechter.test",
];

fn verified(email: &str, mapped_role: Option<Role>) -> Person {
    Person {
        email: Some(email.to_owned()),
        email_verified: true,
        mapped_role,
        strong: true,
    }
}

fn newcomer(subject: &str, email: &str) -> Newcomer {
    Newcomer {
        subject: subject.to_owned(),
        email: email.to_owned(),
        display_name: "Nieuw".to_owned(),
    }
}

/// Decides and enters as the callback does.
async fn sign_in(db: &Db, subject: &str, person: &Person) -> (Admission, Option<i64>) {
    let email = person.email.as_deref();
    let known = provider::known(db, subject, email, Utc::now())
        .await
        .unwrap();
    let admission = admit(person, &known);
    let entered = provider::enter(
        db,
        admission,
        newcomer(subject, email.unwrap_or_default()),
        Utc::now(),
    )
    .await
    .unwrap();
    (admission, entered)
}

async fn the_first_sign_in_links_or_makes_the_account_once(db: Db) {
    let app = TestApp::new(db.clone()).await;
    let staff = app.account(Role::Staff, "sam@test.nl", "Sam").await;

    // An account with the verified address is linked, then found by subject.
    let person = verified("sam@test.nl", None);
    let (admission, entered) = sign_in(&db, "iss#sam", &person).await;
    assert!(matches!(admission, Admission::LinkByEmail { .. }));
    assert_eq!(entered, Some(staff));
    let (admission, entered) = sign_in(&db, "iss#sam", &person).await;
    assert!(matches!(admission, Admission::Linked { .. }));
    assert_eq!(entered, Some(staff));
    // Someone else at the provider with that address cannot take it over.
    let (admission, entered) = sign_in(&db, "iss#other", &person).await;
    assert!(matches!(admission, Admission::Refused(_)));
    assert_eq!(entered, None);

    // An invitation makes the account, with its role, once.
    let now = Utc::now();
    invite::create(
        &db,
        invite::NewInvite {
            token_hash: SecretToken::random().storage_hash(),
            purpose: invite::Purpose::Invite,
            email: "ervaring@test.nl".into(),
            role: Some(Role::ExperienceExpert),
            organisation_id: None,
            account_id: None,
            created_by: Some(staff),
            created_at: now,
            expires_at: now + Duration::days(7),
        },
    )
    .await
    .unwrap();
    let invited = verified("ervaring@test.nl", None);
    let (admission, entered) = sign_in(&db, "iss#ervaring", &invited).await;
    assert_eq!(
        admission,
        Admission::FromInvite {
            role: Role::ExperienceExpert
        }
    );
    let made = account::by_id(&db, entered.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (made.email.as_str(), made.role),
        ("ervaring@test.nl", Role::ExperienceExpert)
    );
    assert!(invite::all_open(&db, Utc::now()).await.unwrap().is_empty());
    // The invitation is used: a second decision made before that no
    // longer holds, and nothing is made twice.
    let stale = provider::enter(
        &db,
        admission,
        newcomer("iss#ervaring-2", "ervaring@test.nl"),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(stale, None);

    // The role map makes an account for someone never invited.
    let (admission, entered) = sign_in(
        &db,
        "iss#groep",
        &verified("groep@test.nl", Some(Role::Staff)),
    )
    .await;
    assert_eq!(admission, Admission::Mapped { role: Role::Staff });
    let made = account::by_id(&db, entered.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(made.role, Role::Staff);
    // Made at the provider: the account has no password that works.
    let credentials = account::credentials_by_id(&db, made.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!domain::password::verify("", &credentials.password_hash));

    // The role map changes the role of a linked account.
    let (admission, _) = sign_in(&db, "iss#sam", &verified("sam@test.nl", Some(Role::Admin))).await;
    assert_eq!(
        admission,
        Admission::Linked {
            account_id: staff,
            new_role: Some(Role::Admin)
        }
    );
    let sam = account::by_id(&db, staff).await.unwrap().unwrap();
    assert_eq!(sam.role, Role::Admin);

    // Nobody else gets in.
    let (admission, entered) = sign_in(&db, "iss#x", &verified("x@test.nl", None)).await;
    assert!(matches!(admission, Admission::Refused(_)));
    assert_eq!(entered, None);
}

async fn a_sign_in_under_way_is_used_once(db: Db) {
    let now = Utc::now();
    let pending = Pending {
        state: "staat".into(),
        nonce: "nonce".into(),
        pkce_verifier: "verifier".into(),
        back: "/beheer".into(),
    };
    provider::start(
        &db,
        "browser".into(),
        pending.clone(),
        now + Duration::minutes(10),
    )
    .await
    .unwrap();
    provider::start(
        &db,
        "late".into(),
        pending.clone(),
        now - Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(
        provider::take(&db, "browser".into(), now).await.unwrap(),
        Some(pending)
    );
    assert_eq!(
        provider::take(&db, "browser".into(), now).await.unwrap(),
        None
    );
    assert_eq!(provider::take(&db, "late".into(), now).await.unwrap(), None);
    assert_eq!(provider::purge(&db, now).await.unwrap(), 1);
}

test_on_both_engines!(
    the_first_sign_in_links_or_makes_the_account_once,
    a_sign_in_under_way_is_used_once
);

async fn password(app: &TestApp, email: &str) -> common::TestResponse {
    app.post(
        "/inloggen",
        &[("email", email), ("password", PASSWORD)],
        &[],
    )
    .await
}

#[tokio::test]
async fn an_admin_can_turn_passwords_off_for_staff() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::on(test_db.db.clone()).args(PROVIDER).start().await;
    let admin = app.signed_in(Role::Admin, "ada@test.nl", "Ada").await;
    app.account(Role::Staff, "sam@test.nl", "Sam").await;
    app.account(Role::ExperienceExpert, "eva@test.nl", "Eva")
        .await;
    assert_eq!(
        password(&app, "sam@test.nl").await.header("location"),
        "/beheer"
    );

    let page = app.get_as("/beheer/instellingen", &admin).await;
    assert!(
        page.body.contains("alleen in via Gemeente Testdorp"),
        "{}",
        page.body
    );
    let saved = app
        .post_as(
            "/beheer/instellingen",
            &[("require_provider", "true")],
            &admin,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    let refused = password(&app, "sam@test.nl").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused
            .body
            .contains("Medewerkers loggen in via Gemeente Testdorp")
    );
    assert!(refused.cookie("trechter_sessie").is_none());
    // Experience experts are rarely at the municipality's provider.
    assert_eq!(
        password(&app, "eva@test.nl").await.header("location"),
        "/beheer"
    );
    let log = store::audit::newest(&app.db, 10, None).await.unwrap();
    assert!(
        log.iter()
            .any(|e| e.event == "sign_in_failed" && e.detail == "password_off")
    );
    // The provider is down: the operator lets passwords work again.
    server::admin::allow_passwords(&app.db).await.unwrap();
    assert_eq!(
        password(&app, "sam@test.nl").await.header("location"),
        "/beheer"
    );
}

#[tokio::test]
async fn without_a_provider_passwords_stay_and_its_routes_are_not_there() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::new(test_db.db.clone()).await;
    app.account(Role::Staff, "sam@test.nl", "Sam").await;
    // Left over from when a provider was configured.
    setting::set(&app.db, setting::REQUIRE_PROVIDER, "true")
        .await
        .unwrap();
    assert_eq!(
        password(&app, "sam@test.nl").await.header("location"),
        "/beheer"
    );
    for path in [
        "/inloggen/organisatie",
        "/inloggen/organisatie/terug?code=c&state=s",
        "/uitloggen/organisatie",
    ] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(answer.body.contains("Deze pagina bestaat niet"), "{path}");
    }
    assert!(
        !app.get("/inloggen")
            .await
            .body
            .contains("/inloggen/organisatie")
    );
}

#[tokio::test]
async fn a_strong_sign_in_at_the_provider_counts_as_the_second_factor() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::on(test_db.db.clone()).args(PROVIDER).start().await;
    setting::set(&app.db, setting::REQUIRE_SECOND_FACTOR, "true")
        .await
        .unwrap();
    let staff = app.account(Role::Staff, "sam@test.nl", "Sam").await;
    let strong = app.session_via_provider_for(staff, true).await;
    assert_eq!(app.get_as("/beheer", &strong).await.status, StatusCode::OK);
    for weak in [
        app.session_via_provider_for(staff, false).await,
        app.session_for(staff).await,
    ] {
        let page = app.get_as("/beheer", &weak).await;
        assert_eq!(page.header("location"), "/account/tweestaps");
    }
}

#[tokio::test]
async fn the_sign_in_page_offers_the_provider_and_says_when_it_does_not_answer() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::on(test_db.db.clone()).args(PROVIDER).start().await;
    let page = app.get("/inloggen?terug=%2Fbeheer%2Fopgaven").await;
    assert!(page.body.contains("Inloggen via Gemeente Testdorp"));
    assert!(
        page.body
            .contains("href=\"/inloggen/organisatie?terug=%2Fbeheer%2Fopgaven\"")
    );

    let down = app.get("/inloggen/organisatie").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        down.body
            .contains("Inloggen via Gemeente Testdorp lukt nu niet")
    );
    assert_eq!(
        provider::purge(&app.db, Utc::now() + Duration::days(1))
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_answer_no_sign_in_here_started_is_refused() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::on(test_db.db.clone()).args(PROVIDER).start().await;
    let expired = "verlopen of al gebruikt";

    // No sign-in started in this browser.
    let forged = app.get("/inloggen/organisatie/terug?code=c&state=s").await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert!(forged.body.contains(expired));

    // Started, but the state does not match: refused, and used up.
    let browser = SecretToken::random();
    let pending = Pending {
        state: "de-echte-staat".into(),
        nonce: "n".into(),
        pkce_verifier: "v".into(),
        back: "/beheer".into(),
    };
    provider::start(
        &app.db,
        browser.storage_hash(),
        pending,
        Utc::now() + Duration::minutes(10),
    )
    .await
    .unwrap();
    let cookie = format!("trechter_aanmelding={}", browser.as_str());
    let wrong = app
        .get_as(
            "/inloggen/organisatie/terug?code=c&state=een-andere",
            &cookie,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let again = app
        .get_as(
            "/inloggen/organisatie/terug?code=c&state=de-echte-staat",
            &cookie,
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains(expired));
    assert!(again.cookie("trechter_sessie").is_none());
}

#[tokio::test]
async fn signing_out_of_a_provider_session_offers_to_sign_out_there_too() {
    let test_db = store::testing::TestDb::sqlite().await;
    let app = TestApp::on(test_db.db.clone()).args(PROVIDER).start().await;
    let staff = app.account(Role::Staff, "sam@test.nl", "Sam").await;
    let via_provider = app.session_via_provider_for(staff, false).await;
    let out = app.post_as("/uitloggen", &[], &via_provider).await;
    assert_eq!(
        out.header("location"),
        "/inloggen?gedaan=signed_out_provider"
    );
    assert_eq!(
        app.get_as("/beheer", &via_provider).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get(out.header("location")).await;
    assert!(page.body.contains("href=\"/uitloggen/organisatie\""));
    assert!(page.body.contains("Log dan ook uit bij Gemeente Testdorp"));

    let with_password = app.session_for(staff).await;
    let out = app.post_as("/uitloggen", &[], &with_password).await;
    assert_eq!(out.header("location"), "/inloggen?gedaan=signed_out");
}

#[tokio::test]
async fn starting_sign_ins_is_rate_limited_per_client() {
    let test_db = store::testing::TestDb::sqlite().await;
    let limited = [PROVIDER, &["--limit-ideas-per-client", "2"]].concat();
    let app = TestApp::on(test_db.db.clone()).args(&limited).start().await;
    for _ in 0..2 {
        let down = app.get("/inloggen/organisatie").await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    }
    let limited = app.get("/inloggen/organisatie").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("heel veel inlogpogingen"));
    assert!(!limited.header("retry-after").is_empty());
}
