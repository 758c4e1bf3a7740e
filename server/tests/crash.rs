//! Nothing a resident was told was saved is lost when the server process
//! dies: the real `trechter` binary takes ideas, or plan reactions, from
//! eight residents at once and is killed with SIGKILL three times along
//! the way (after a fixed number of answers, not after a time), then
//! restarted. Every submission that got its receipt (a redirect) must be
//! in the database afterwards, on SQLite and on PostgreSQL.

mod common;

use common::{ROUND, TestApp};
use std::collections::BTreeSet;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use store::testing::{TestDb, scalar, strings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio::sync::Mutex;

const RESIDENTS: usize = 8;
const PER_RESIDENT: usize = 30;
/// Kill after this many acknowledged submissions, three times.
const KILL_EVERY: usize = 50;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_trechter"))
        .args([
            "serve",
            "--database-url",
            url,
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--site-root",
            "/nonexistent-site-root",
            "--log",
            "error",
            "--limit-ideas-per-participant",
            "1000000",
            "--limit-ideas-per-client",
            "1000000",
            "--limit-supports-per-participant",
            "1000000",
            "--limit-supports-per-client",
            "1000000",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start trechter")
}

/// One HTTP/1.1 request; the status and the `Location` header, or `None`
/// when the server was not there or died while answering.
async fn post(port: u16, path: &str, form: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.ok()?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    let location = answer
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or(l.strip_prefix("Location: "))
        })
        .unwrap_or_default()
        .to_owned();
    Some((status, location))
}

async fn healthy(port: u16) {
    loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)).await {
            let _ = s
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .await;
            let mut answer = Vec::new();
            let _ = s.read_to_end(&mut answer).await;
            if answer.starts_with(b"HTTP/1.1 200") {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One submission: where it goes, its form, the text that identifies it
/// in the database, and how its receipt (the redirect) begins.
struct Submission {
    path: String,
    form: String,
    text: String,
    receipt: &'static str,
}

/// Sends `make(resident, i)` for every resident and i, eight residents at
/// once, while the server at `url` is killed with SIGKILL three times
/// (after every `KILL_EVERY` receipts) and restarted. Returns the texts
/// whose submission got a receipt.
async fn under_sigkill(
    url: &str,
    make: impl Fn(usize, usize) -> Submission + Send + Sync + 'static,
) -> Vec<String> {
    let port = free_port();
    let server = Arc::new(Mutex::new(start(url, port)));
    healthy(port).await;
    let make = Arc::new(make);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let answers = Arc::new(AtomicUsize::new(0));
    let resent = Arc::new(AtomicUsize::new(0));
    let mut residents = Vec::new();
    for r in 0..RESIDENTS {
        let (acknowledged, answers, resent, make) = (
            acknowledged.clone(),
            answers.clone(),
            resent.clone(),
            make.clone(),
        );
        residents.push(tokio::spawn(async move {
            for i in 0..PER_RESIDENT {
                let s = make(r, i);
                // Sent again, the same form, until it is answered.
                loop {
                    match post(port, &s.path, &s.form).await {
                        Some((303, location)) if location.starts_with(s.receipt) => {
                            acknowledged.lock().await.push(s.text.clone());
                            answers.fetch_add(1, Ordering::SeqCst);
                            break;
                        }
                        Some((status, _)) if status < 500 => panic!("refused: {status}"),
                        _ => {
                            resent.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                }
            }
        }));
    }
    for kill in 1..=3 {
        while answers.load(Ordering::SeqCst) < kill * KILL_EVERY {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let mut child = server.lock().await;
        child.kill().await.expect("SIGKILL");
        *child = start(url, port);
        drop(child);
        healthy(port).await;
    }
    for resident in residents {
        resident.await.unwrap();
    }
    server.lock().await.kill().await.unwrap();
    let acknowledged = acknowledged.lock().await.clone();
    eprintln!(
        "{} acknowledged, {} sent again after a kill, 3 kills",
        acknowledged.len(),
        resent.load(Ordering::SeqCst)
    );
    assert_eq!(acknowledged.len(), RESIDENTS * PER_RESIDENT);
    acknowledged
}

fn lost<'a>(acknowledged: &'a [String], stored: &[String]) -> Vec<&'a String> {
    let stored: BTreeSet<&String> = stored.iter().collect();
    acknowledged
        .iter()
        .filter(|t| !stored.contains(t))
        .collect()
}

async fn acknowledged_ideas_survive_sigkill(test_db: TestDb) {
    // The small municipality of the other tests, then its own server.
    let app = TestApp::new(test_db.db.clone()).await;
    let question = app.question_ids(ROUND).await[0];
    let acknowledged = under_sigkill(&test_db.url, move |r, i| {
        let text = format!("Idee {i} van inwoner {r}, gestuurd tijdens de crashtest");
        let key = domain::SubmissionKey::random().to_form_value();
        let form = serde_urlencoded::to_string([
            ("text", text.as_str()),
            ("question", &question.to_string()),
            // The key makes a repeat after a kill count once.
            ("key", &key),
        ])
        .unwrap();
        Submission {
            path: format!("/ronde/{ROUND}"),
            form,
            text,
            receipt: "/ontvangen/",
        }
    })
    .await;
    let stored = strings(&test_db.db, "SELECT text FROM ideas").await;
    let lost = lost(&acknowledged, &stored);
    assert!(lost.is_empty(), "lost after SIGKILL: {lost:?}");
    // And none twice, though some were sent again after a kill.
    let crash_ideas = stored.iter().filter(|t| t.contains("crashtest")).count();
    assert_eq!(crash_ideas, RESIDENTS * PER_RESIDENT);
}

/// Reactions to the demo's plan out for feedback, each from a new device.
async fn acknowledged_reactions_survive_sigkill(test_db: TestDb) {
    server::demo::load(&test_db.db).await.unwrap();
    let item = scalar(
        &test_db.db,
        "SELECT MIN(p.id) FROM plan_items p JOIN rounds r ON r.id = p.round_id
         WHERE r.slug = 'schulden-voorkomen' AND p.removed_at IS NULL",
    )
    .await;
    let acknowledged = under_sigkill(&test_db.url, move |r, i| {
        let text = format!("Reactie {i} van inwoner {r} tijdens de crashtest");
        let key = domain::SubmissionKey::random().to_form_value();
        let form = serde_urlencoded::to_string([
            ("item", item.to_string().as_str()),
            ("stance", "agree"),
            ("group", "resident"),
            ("why", &text),
            // Each from a new device: the page's key makes a repeat after a
            // kill the same new participant, so the reaction counts once.
            ("key", &key),
        ])
        .unwrap();
        Submission {
            path: "/ronde/schulden-voorkomen/plan".into(),
            form,
            text,
            receipt: "/ronde/schulden-voorkomen/plan?gedaan=reaction_saved",
        }
    })
    .await;
    let stored = strings(&test_db.db, "SELECT why FROM reactions").await;
    let lost = lost(&acknowledged, &stored);
    assert!(lost.is_empty(), "lost after SIGKILL: {lost:?}");
    // And none twice, though some were sent again after a kill.
    let stored = stored.iter().filter(|t| t.contains("crashtest")).count();
    assert_eq!(stored, RESIDENTS * PER_RESIDENT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ideas_survive_sigkill_on_sqlite() {
    within_limits(acknowledged_ideas_survive_sigkill(TestDb::sqlite().await)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ideas_survive_sigkill_on_postgres() {
    let Some(test_db) = TestDb::postgres().await else {
        return;
    };
    within_limits(acknowledged_ideas_survive_sigkill(test_db)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_reactions_survive_sigkill_on_sqlite() {
    within_limits(acknowledged_reactions_survive_sigkill(
        TestDb::sqlite().await,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_reactions_survive_sigkill_on_postgres() {
    let Some(test_db) = TestDb::postgres().await else {
        return;
    };
    within_limits(acknowledged_reactions_survive_sigkill(test_db)).await;
}

/// A server that never comes back fails the test instead of hanging it.
async fn within_limits(test: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(300), test)
        .await
        .expect("the crash test finishes within 5 minutes");
}
