//! Guessing secrets in parallel, on SQLite and PostgreSQL: a flood of wrong
//! passwords or receipt codes sent all at once is checked no more often
//! than the throttle allows one at a time, and it does not lock out the
//! owner who signs in from somewhere else. Passwords are hashed no more
//! than a few at a time.

mod common;

use axum::http::StatusCode;
use common::{PASSWORD, TestApp};
use domain::Role;
use domain::throttle::{PER_ACCOUNT_AND_CLIENT, RECEIPT_CODES_PER_CLIENT};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{Db, test_on_both_engines};

const ATTACKER: &str = "198.51.100.7";
const OWNER: &str = "192.0.2.44";
const FLOOD: usize = 120;

async fn app(db: Db) -> Arc<TestApp> {
    Arc::new(
        TestApp::on(db)
            .args(&["--client-ip-header", "x-forwarded-for"])
            .start()
            .await,
    )
}

/// The most failures a rule with `free` free tries lets through within
/// `elapsed`, counted from none: the free ones at once, then one after each
/// wait of 1 s, 2 s, 4 s, …
fn most_allowed(free: usize, elapsed: Duration) -> usize {
    let seconds = elapsed.as_secs() + 1;
    let (mut allowed, mut spent, mut wait) = (free, 0, 1);
    while spent + wait <= seconds {
        spent += wait;
        wait *= 2;
        allowed += 1;
    }
    allowed
}

/// Sends `count` requests at once, each made by `request(i)`, and returns
/// the statuses and how long the flood took.
async fn flood<F, Fut>(count: usize, request: F) -> (Vec<common::TestResponse>, Duration)
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = common::TestResponse> + Send + 'static,
{
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..count {
        tasks.spawn(request(i));
    }
    let mut responses = Vec::with_capacity(count);
    while let Some(response) = tasks.join_next().await {
        responses.push(response.unwrap());
    }
    (responses, started.elapsed())
}

fn count(responses: &[common::TestResponse], status: StatusCode) -> usize {
    responses.iter().filter(|r| r.status == status).count()
}

/// A random code in the receipt-code alphabet, almost surely nobody's.
fn random_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
    (0..10)
        .map(|_| ALPHABET[rand::random::<u32>() as usize % ALPHABET.len()] as char)
        .collect()
}

async fn a_flood_of_wrong_passwords_is_checked_only_as_often_as_allowed(db: Db) {
    let app = app(db).await;
    app.account(Role::Staff, "staff@test.nl", "Sam").await;

    let (responses, elapsed) = flood(FLOOD, |i| {
        let app = app.clone();
        async move {
            let guess = format!("gok nummer {i} van de aanvaller");
            app.post(
                "/inloggen",
                &[("email", "staff@test.nl"), ("password", &guess)],
                &[("x-forwarded-for", ATTACKER)],
            )
            .await
        }
    })
    .await;

    // A 422 "does not match" is only ever answered after the password was
    // checked; every other answer refused without checking.
    let checked = count(&responses, StatusCode::UNPROCESSABLE_ENTITY);
    let allowed = most_allowed(PER_ACCOUNT_AND_CLIENT.free, elapsed);
    eprintln!(
        "{FLOOD} wrong passwords at once in {elapsed:?}: {checked} checked, {allowed} allowed"
    );
    assert!(checked >= 1 && checked <= allowed, "{checked} > {allowed}");
    assert_eq!(
        checked + count(&responses, StatusCode::TOO_MANY_REQUESTS),
        FLOOD,
        "the rest is told to wait"
    );
    let hashing = &app.password_hashing;
    assert_eq!(
        hashing.done(),
        checked as u64,
        "one hash per checked password"
    );
    assert!(hashing.most_at_once() <= hashing.at_once());

    // The owner, elsewhere, still gets in with the right password.
    let owner = app
        .post(
            "/inloggen",
            &[("email", "staff@test.nl"), ("password", PASSWORD)],
            &[("x-forwarded-for", OWNER)],
        )
        .await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER, "{}", owner.body);
    assert!(owner.cookie("trechter_sessie").is_some());
    // The attacker still waits: of two more guesses right after each other
    // at most one is checked (the first only if the flood took longer than
    // the wait it earned).
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let attacker = app
            .post(
                "/inloggen",
                &[("email", "staff@test.nl"), ("password", "nog een gok")],
                &[("x-forwarded-for", ATTACKER)],
            )
            .await;
        statuses.push(attacker.status);
    }
    assert_eq!(statuses[1], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

async fn a_flood_of_wrong_receipt_codes_is_checked_only_as_often_as_allowed(db: Db) {
    let app = app(db).await;

    let (responses, elapsed) = flood(FLOOD, |_| {
        let app = app.clone();
        async move {
            app.post(
                "/mijn",
                &[("code", &random_code())],
                &[("x-forwarded-for", ATTACKER)],
            )
            .await
        }
    })
    .await;
    let checked = count(&responses, StatusCode::UNPROCESSABLE_ENTITY);
    let allowed = most_allowed(RECEIPT_CODES_PER_CLIENT.free, elapsed);
    eprintln!("{FLOOD} wrong codes at once in {elapsed:?}: {checked} checked, {allowed} allowed");
    assert!(checked >= 1 && checked <= allowed, "{checked} > {allowed}");
    let refused = responses
        .iter()
        .find(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .expect("the rest is told to wait");
    assert!(refused.body.contains("te vaak"), "{}", refused.body);
    assert!(!refused.header("retry-after").is_empty());
}

async fn guessed_receipt_code_cookies_count_as_wrong_codes(db: Db) {
    let app = app(db).await;
    // A resident with a real code, on another address.
    let sent = app.send_idea("Meer bankjes in het park", "").await;
    let real = sent.cookie("trechter_code").expect("a receipt code");

    let (responses, elapsed) = flood(60, |_| {
        let app = app.clone();
        async move {
            let cookie = format!("trechter_code={}", random_code());
            app.get_with(
                "/mijn",
                &[("cookie", &cookie), ("x-forwarded-for", ATTACKER)],
            )
            .await
        }
    })
    .await;
    let answered: Vec<_> = responses
        .iter()
        .filter(|r| r.status != StatusCode::TOO_MANY_REQUESTS)
        .collect();
    let allowed = most_allowed(RECEIPT_CODES_PER_CLIENT.free, elapsed);
    eprintln!(
        "60 guessed cookies at once in {elapsed:?}: {} checked, {allowed} allowed",
        answered.len()
    );
    assert!(answered.len() <= allowed, "{} > {allowed}", answered.len());
    // A wrong cookie is forgotten, not kept for another try.
    for response in &answered {
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(
            response.cookie("trechter_code").as_deref(),
            Some("trechter_code=")
        );
    }
    // Typing codes from that address waits too: one counter for both ways
    // (of two typed right after the flood, at most the first is checked).
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let typed = app
            .post(
                "/mijn",
                &[("code", &random_code())],
                &[("x-forwarded-for", ATTACKER)],
            )
            .await;
        statuses.push(typed.status);
    }
    assert_eq!(statuses[1], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");

    // The resident elsewhere is not bothered, with the cookie or typing it.
    let mine = app
        .get_with("/mijn", &[("cookie", &real), ("x-forwarded-for", OWNER)])
        .await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.body.contains("Meer bankjes in het park"));
    assert!(mine.cookie("trechter_code").is_none());
    let code = real.split('=').nth(1).unwrap();
    let typed = app
        .post("/mijn", &[("code", code)], &[("x-forwarded-for", OWNER)])
        .await;
    assert_eq!(typed.status, StatusCode::SEE_OTHER);
}

/// Wrong passwords for many accounts from many addresses pass every
/// throttle, so only the bound on hashes at once holds them back.
async fn passwords_are_hashed_a_few_at_a_time(db: Db) {
    let app = app(db).await;
    let (responses, elapsed) = flood(FLOOD, |i| {
        let app = app.clone();
        async move {
            let (email, address) = (format!("x{i}@test.nl"), format!("203.0.113.{i}"));
            app.post(
                "/inloggen",
                &[("email", &email), ("password", "verkeerd wachtwoord")],
                &[("x-forwarded-for", &address)],
            )
            .await
        }
    })
    .await;
    let hashing = &app.password_hashing;
    eprintln!(
        "{FLOOD} sign-ins on {FLOOD} accounts from {FLOOD} addresses in {elapsed:?}: \
         {} hashes, at most {} at once (bound {})",
        hashing.done(),
        hashing.most_at_once(),
        hashing.at_once()
    );
    assert!(hashing.most_at_once() <= hashing.at_once());
    assert!(hashing.most_at_once() >= 1);
    let checked = count(&responses, StatusCode::UNPROCESSABLE_ENTITY);
    let busy = count(&responses, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(checked as u64, hashing.done());
    assert_eq!(
        checked + busy,
        FLOOD,
        "each is checked or told to come back"
    );
    if let Some(refused) = responses
        .iter()
        .find(|r| r.status == StatusCode::SERVICE_UNAVAILABLE)
    {
        assert!(refused.body.contains("tegelijk"), "{}", refused.body);
        assert!(refused.body.contains("@test.nl"), "the typed email is kept");
    }
}

test_on_both_engines!(
    a_flood_of_wrong_passwords_is_checked_only_as_often_as_allowed,
    passwords_are_hashed_a_few_at_a_time,
    a_flood_of_wrong_receipt_codes_is_checked_only_as_often_as_allowed,
    guessed_receipt_code_cookies_count_as_wrong_codes,
);
