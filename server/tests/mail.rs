//! Mail through a local SMTP sink: an invitation link is mailed instead of
//! shown, and a mail waits in the outbox while the mail server is down.

mod common;

use base64::Engine as _;
use chrono::{Duration, Utc};
use common::TestApp;
use domain::Role;
use server::mailer::{Mailer, deliver_due};
use store::{Db, outbox, test_on_both_engines};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// A minimal SMTP server that accepts everything and hands over each
/// message's data.
async fn smtp_sink(listener: TcpListener) -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            tx.send(data.take().unwrap()).unwrap();
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                        Some("DATA") => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        Some("QUIT") => b"221 bye\r\n",
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    rx
}

/// The text of a base64 body.
fn body_text(message: &str) -> String {
    let encoded: String = message
        .split("\n\n")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .collect();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .unwrap(),
    )
    .unwrap()
}

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
