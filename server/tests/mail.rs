//! Mail through a local SMTP sink: an invitation link is mailed instead of
//! shown, and a mail waits in the outbox while the mail server is down.

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
    let app = TestApp::with_args(db, &["--smtp-url", &url]).await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let made = app
        .post_as(
            "/beheer/uitnodigen",
            &[("email", "nina@test.nl"), ("role", "staff")],
            &app.session_for(admin).await,
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
    assert_eq!(outbox::pending(&app.db).await.unwrap(), 0);
    // The link in the mail works.
    let page = app.get(&link[link.find("/uitnodiging/").unwrap()..]).await;
    assert!(page.body.contains("nina@test.nl"));
}

async fn mail_waits_while_the_mail_server_is_down(db: Db) {
    // A port with nobody listening.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::with_args(db, &["--smtp-url", &url]).await;
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

test_on_both_engines!(
    an_invitation_is_mailed_not_shown,
    mail_waits_while_the_mail_server_is_down
);
