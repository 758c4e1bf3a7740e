//! Mail through a local SMTP sink: an invitation link is mailed instead of
//! shown, only ever on the configured public address (never the request's
//! `Host`), and a mail waits in the outbox while the mail server is down.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use common::smtp::{body_text, smtp_sink};
use domain::Role;
use server::mailer::{Mailer, deliver_due};
use store::{Db, outbox, test_on_both_engines};
use tokio::net::TcpListener;

async fn an_invitation_is_mailed_not_shown(db: Db) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let app = TestApp::on(db)
        .args(&[
            "--smtp-url",
            &url,
            "--public-url",
            "https://inspraak.teststad.nl/",
        ])
        .start()
        .await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let made = app
        .post(
            "/beheer/uitnodigen",
            &[("email", "nina@test.nl"), ("role", "staff")],
            &[
                ("cookie", &app.session_for(admin).await),
                ("host", "evil.example"),
            ],
        )
        .await;
    assert!(
        made.body.contains("gemaild naar nina@test.nl"),
        "{} {}",
        made.status,
        &made.body[made.body.find("<main").unwrap_or(0)..][..600.min(made.body.len())]
    );
    assert!(
        !made.body.contains("/uitnodiging/"),
        "the link is not shown when mailed"
    );
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 1);

    let mut received = smtp_sink(listener).await;
    let mailer = Mailer::new(&url, "Trechter <noreply@teststad.nl>").unwrap();
    assert_eq!(deliver_due(&app.db, &mailer, Utc::now()).await.unwrap(), 1);
    let message = received.recv().await.unwrap();
    assert!(message.contains("To: nina@test.nl"));
    let text = body_text(&message);
    let link = text
        .lines()
        .find(|l| l.contains("/uitnodiging/"))
        .unwrap()
        .trim();
    assert!(text.contains("Teststad") && text.contains("You are invited"));
    assert!(
        link.starts_with("https://inspraak.teststad.nl/uitnodiging/"),
        "{link}"
    );
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 0);
    // The link in the mail works.
    let page = app.get(&link[link.find("/uitnodiging/").unwrap()..]).await;
    assert!(page.body.contains("nina@test.nl"));
}

/// Without `TRECHTER_PUBLIC_URL` a mailed link would take its address from
/// the request's `Host`, which anyone can forge: nothing with a link is
/// mailed, the inviter gets the link on screen and is told why.
async fn without_a_public_address_links_are_not_mailed(db: Db) {
    let app = TestApp::on(db)
        .args(&["--smtp-url", "smtp://127.0.0.1:9"])
        .start()
        .await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let cookie = app.session_for(admin).await;
    let made = app
        .post(
            "/beheer/uitnodigen",
            &[("email", "nina@test.nl"), ("role", "staff")],
            &[("cookie", &cookie), ("host", "evil.example")],
        )
        .await;
    assert_eq!(made.status, axum::http::StatusCode::OK);
    assert!(made.body.contains("niet gemaild"), "{}", made.body);
    assert!(made.body.contains("/uitnodiging/"), "the link is shown");
    assert!(made.header("cache-control").contains("no-store"));
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 0, "nothing mailed");
    // A password reset: the same.
    let nina = app.account(Role::Staff, "nina2@test.nl", "Nina").await;
    let reset = app
        .post(
            "/beheer/accounts",
            &[("account", &nina.to_string()), ("action", "reset")],
            &[("cookie", &cookie), ("host", "evil.example")],
        )
        .await;
    assert!(reset.body.contains("niet gemaild"), "{}", reset.body);
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 0, "nothing mailed");
    // The mail to participants about a plan holds no link at all.
    let notice = app::plan::notice::notice("plan_out", "Ronde", None, None);
    assert!(!notice.body.contains("http"), "{}", notice.body);
    assert!(notice.body.contains("inspraakwebsite van de gemeente"));
    // Nor a stop link: it says where to remove the address instead.
    assert!(!notice.body_for("a@b.nl").contains("{stop}"));
    assert!(notice.body.contains("Haal je adres weg op de pagina"));
}

async fn mail_waits_while_the_mail_server_is_down(db: Db) {
    // A port with nobody listening.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::on(db).args(&["--smtp-url", &url]).start().await;
    outbox::enqueue(
        &app.db,
        outbox::NewMail {
            to: "a@test.nl".into(),
            subject: "Test".into(),
            body: "Hallo".into(),
        },
        Utc::now(),
    )
    .await
    .unwrap();
    let mailer = Mailer::new(&url, "Trechter <noreply@teststad.nl>").unwrap();
    assert_eq!(deliver_due(&app.db, &mailer, Utc::now()).await.unwrap(), 0);
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 1, "kept for later");
    // Not tried again before its time…
    assert_eq!(deliver_due(&app.db, &mailer, Utc::now()).await.unwrap(), 0);
    // …and delivered once the server is back.
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let mut received = smtp_sink(listener).await;
    let later = Utc::now() + Duration::minutes(10);
    assert_eq!(deliver_due(&app.db, &mailer, later).await.unwrap(), 1);
    assert!(body_text(&received.recv().await.unwrap()).contains("Hallo"));
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 0);
}

/// "Mail me" on the receipt saves the address; the stop link from the mail
/// deletes it with one button, and opening the link alone changes nothing.
async fn a_resident_asks_for_mail_on_the_receipt_and_stops_it_from_the_mail(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea("Een bankje bij de bushalte.", "").await;
    let receipt = sent.header("location").to_owned();
    let cookie = sent.cookie("trechter_code").unwrap();
    let page = app.get_as(&receipt, &cookie).await.body;
    assert!(page.contains("Wil je een mail als het plan klaar is?"));
    assert!(page.contains("Daarna gooien we je adres weg."));
    let wrong = app
        .post_as(&receipt, &[("email", "geen adres")], &cookie)
        .await;
    assert_eq!(wrong.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Vul een geldig e-mailadres in"));
    assert!(wrong.body.contains("value=\"geen adres\""));
    let saved = app
        .post_as(&receipt, &[("email", "Bewoner@Test.nl")], &cookie)
        .await;
    assert!(saved.header("location").contains("gedaan=mail_me"));
    let page = app.get_as(&receipt, &cookie).await.body;
    assert!(page.contains("We hebben je e-mailadres."));
    let stored = || async {
        store::testing::scalar(&app.db, "SELECT COUNT(*) FROM participant_contacts").await
    };
    assert_eq!(stored().await, 1);

    let salt = store::setting::get_or_init(&app.db, store::setting::CLIENT_HASH_SALT, "")
        .await
        .unwrap();
    let stop = format!(
        "/mail-stoppen/{}",
        domain::email::stop_token(&salt, "bewoner@test.nl")
    );
    let opened = app.get(&stop).await;
    assert!(opened.body.contains("Stop met mailen"));
    assert_eq!(stored().await, 1, "opening the link changes nothing");
    // Someone else's token, or none: the same answer, nothing deleted.
    let other = format!(
        "/mail-stoppen/{}",
        domain::email::stop_token(&salt, "buur@test.nl")
    );
    let guessed = app.post(&other, &[], &[]).await;
    assert!(guessed.header("location").ends_with("?gedaan=1"));
    assert_eq!(stored().await, 1);
    let stopped = app.post(&stop, &[], &[]).await;
    assert!(stopped.header("location").ends_with("?gedaan=1"));
    assert_eq!(stored().await, 0);
    let done = app.get(stopped.header("location")).await.body;
    assert!(done.contains("Je krijgt geen mail meer van ons."));
}

test_on_both_engines!(
    a_resident_asks_for_mail_on_the_receipt_and_stops_it_from_the_mail,
    without_a_public_address_links_are_not_mailed,
    an_invitation_is_mailed_not_shown,
    mail_waits_while_the_mail_server_is_down
);
