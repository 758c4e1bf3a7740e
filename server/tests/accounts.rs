//! Accounts over HTTP on SQLite and PostgreSQL: invitations, signing in
//! and out, throttling, sessions that expire and can be revoked, the second
//! factor, co-moderators, rate limits, the audit log and residents'
//! profile data.

mod common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{PASSWORD, ROUND, TestApp};
use domain::token::keyed_hash;
use domain::{Role, SecretToken, retention, totp};
use store::session::{self, Stage};
use store::{Db, login_failure, setting, test_on_both_engines};

/// The text between `start` and the next `"` or `<`.
fn find_after(body: &str, start: &str) -> String {
    let at = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    body[at..].split(['"', '<']).next().unwrap().to_owned()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> common::TestResponse {
    app.post(
        "/inloggen",
        &[("email", email), ("password", password)],
        &[],
    )
    .await
}

async fn an_invited_experience_expert_signs_in_once_the_link_is_used(db: Db) {
    let app = TestApp::new(db).await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let cookie = app.session_for(admin).await;
    let made = app
        .post_as(
            "/beheer/uitnodigen",
            &[("email", "Mira@Test.nl"), ("role", "experience_expert")],
            &cookie,
        )
        .await;
    assert_eq!(made.status, StatusCode::OK);
    let link = find_after(&made.body, "<code class=\"link\">");
    let path = &link[link.find("/uitnodiging/").unwrap()..];

    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("mira@test.nl") && page.body.contains("Ada"));

    // A weak password and a mismatch are refused with a reason.
    let weak = app
        .post(
            path,
            &[
                ("name", "Mira"),
                ("password", "kort"),
                ("password_again", "kort"),
            ],
            &[],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("te kort"));
    let differ = app
        .post(
            path,
            &[
                ("name", "Mira"),
                ("password", "lange zin met woorden"),
                ("password_again", "andere zin met woorden"),
            ],
            &[],
        )
        .await;
    assert!(differ.body.contains("niet hetzelfde"));

    let done = app
        .post(
            path,
            &[
                ("name", "Mira"),
                ("password", "lange zin met woorden"),
                ("password_again", "lange zin met woorden"),
            ],
            &[],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header("location"), "/inloggen?gedaan=welcome");
    // Single use.
    let again = app
        .post(
            path,
            &[
                ("name", "Mira"),
                ("password", "lange zin met woorden"),
                ("password_again", "lange zin met woorden"),
            ],
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE);

    let signed_in = sign_in(&app, "mira@test.nl", "lange zin met woorden").await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.header("location"), "/beheer");
    let session = signed_in
        .cookie("trechter_sessie")
        .expect("a session cookie");
    let raw = signed_in
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(raw.contains("HttpOnly") && raw.contains("SameSite=Lax"));
    let workspace = app.get_as("/beheer", &session).await;
    assert_eq!(workspace.status, StatusCode::OK);
    assert!(workspace.body.contains("Mira") && workspace.body.contains("Ervaringsdeskundige"));

    let log = app.get_as("/beheer/logboek", &cookie).await;
    assert!(
        log.body.contains("Uitnodiging gemaakt")
            && log.body.contains("Account aangemaakt")
            && log.body.contains("Ingelogd")
    );
}

async fn staff_may_not_invite_admins(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    let refused = app
        .post_as(
            "/beheer/uitnodigen",
            &[("email", "x@test.nl"), ("role", "admin")],
            &cookie,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("/uitnodiging/"));
}

async fn wrong_passwords_and_unknown_emails_get_the_same_answer(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let wrong = sign_in(&app, "staff@test.nl", "verkeerd wachtwoord").await;
    let unknown = sign_in(&app, "niemand@test.nl", "verkeerd wachtwoord").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status, unknown.status);
    let message = "Het e-mailadres of het wachtwoord klopt niet.";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert!(wrong.cookie("trechter_sessie").is_none());
    // The failure is in the audit log, against the account.
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let log = app
        .get_as("/beheer/logboek", &app.session_for(admin).await)
        .await;
    assert!(
        log.body.contains("Inloggen mislukt") && log.body.contains("over Sam"),
        "{staff}"
    );
}

async fn a_hundred_failures_a_day_lock_the_account_even_for_the_right_password(db: Db) {
    let app = TestApp::new(db).await;
    app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let salt = setting::get(&app.db, setting::CLIENT_HASH_SALT)
        .await
        .unwrap()
        .unwrap();
    let key = keyed_hash(&salt, "account:staff@test.nl");
    let start = Utc::now() - Duration::hours(2);
    for i in 0..100 {
        login_failure::record(&app.db, vec![key.clone()], start + Duration::seconds(i))
            .await
            .unwrap();
    }
    // A client without failures on the account still gets one check (the
    // owner, somewhere else than the guessers); once it failed too, the
    // day's ceiling holds for it.
    let wrong = sign_in(&app, "staff@test.nl", "verkeerd wachtwoord").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let locked = sign_in(&app, "staff@test.nl", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("te vaak"));
    assert!(locked.cookie("trechter_sessie").is_none());
    // Another account is not affected.
    app.account(Role::Staff, "other@test.nl", "Olga").await;
    assert_eq!(
        sign_in(&app, "other@test.nl", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn brute_force_is_slowed_down(db: Db) {
    let app = TestApp::new(db).await;
    app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let mut statuses = Vec::new();
    for attempt in 0..8 {
        let response = sign_in(&app, "staff@test.nl", &format!("gok nummer {attempt} xx")).await;
        statuses.push(response.status);
    }
    // The first five are answered; then the waits begin (a wait of at least
    // a second follows each further failure, and our guesses come faster).
    assert!(
        statuses[..5]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    assert!(
        statuses[5..].contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

async fn sessions_expire_when_idle_or_old_and_can_be_revoked(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let now = Utc::now();
    let make = |created: chrono::DateTime<Utc>, expires: chrono::DateTime<Utc>| {
        let db = app.db.clone();
        async move {
            let token = SecretToken::random();
            session::create(
                &db,
                token.storage_hash(),
                staff,
                Stage::SignedIn,
                created,
                expires,
            )
            .await
            .unwrap();
            format!("trechter_sessie={}", token.as_str())
        }
    };
    let idle = make(
        now - retention::SESSION_IDLE - Duration::minutes(1),
        now + Duration::hours(1),
    )
    .await;
    let old = make(now - Duration::minutes(1), now - Duration::seconds(1)).await;
    for cookie in [idle, old] {
        let page = app.get_as("/beheer", &cookie).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert!(page.header("location").starts_with("/inloggen?terug="));
    }

    let phone = app.session_for(staff).await;
    let laptop = app.session_for(staff).await;
    assert_eq!(app.get_as("/beheer", &phone).await.status, StatusCode::OK);
    let out = app.post_as("/account", &[], &laptop).await;
    assert_eq!(
        out.header("location"),
        "/inloggen?gedaan=signed_out_everywhere"
    );
    assert_eq!(
        app.get_as("/beheer", &phone).await.status,
        StatusCode::SEE_OTHER
    );

    // Signing out ends this session only.
    let a = app.session_for(staff).await;
    let b = app.session_for(staff).await;
    app.post_as("/uitloggen", &[], &a).await;
    assert_eq!(
        app.get_as("/beheer", &a).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.get_as("/beheer", &b).await.status, StatusCode::OK);
}

async fn signing_in_gives_a_new_session_id(db: Db) {
    let app = TestApp::new(db).await;
    app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let first = sign_in(&app, "staff@test.nl", PASSWORD)
        .await
        .cookie("trechter_sessie")
        .unwrap();
    let second = app
        .post(
            "/inloggen",
            &[("email", "staff@test.nl"), ("password", PASSWORD)],
            &[("cookie", &first)],
        )
        .await
        .cookie("trechter_sessie")
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.get_as("/beheer", &first).await.status,
        StatusCode::SEE_OTHER,
        "the old id is dead"
    );
    assert_eq!(app.get_as("/beheer", &second).await.status, StatusCode::OK);
}

async fn the_second_factor_is_set_up_and_asked_for(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    let started = app
        .post_as("/account/tweestaps", &[("action", "start")], &cookie)
        .await;
    assert_eq!(started.header("location"), "/account/tweestaps");
    let page = app.get_as("/account/tweestaps", &cookie).await;
    assert!(page.body.contains("<svg"), "a QR code");
    let secret = find_after(&page.body, "<code class=\"secret\">");
    let secret = totp::TotpSecret::from_base32(&secret).unwrap();

    let wrong = app
        .post_as(
            "/account/tweestaps",
            &[("action", "confirm"), ("code", "000000")],
            &cookie,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp::code_at(&secret, Utc::now().timestamp());
    let on = app
        .post_as(
            "/account/tweestaps",
            &[("action", "confirm"), ("code", &code)],
            &cookie,
        )
        .await;
    assert_eq!(on.status, StatusCode::OK);
    let recovery = find_after(&on.body, "<li><code>");
    assert_eq!(recovery.len(), 11);

    // Signing in now stops halfway and asks for a code.
    let half = sign_in(&app, "staff@test.nl", PASSWORD).await;
    assert!(half.header("location").starts_with("/inloggen/code"));
    let pending = half.cookie("trechter_sessie").unwrap();
    assert_eq!(
        app.get_as("/beheer", &pending).await.status,
        StatusCode::SEE_OTHER,
        "not in yet"
    );
    let replayed = app
        .post_as("/inloggen/code", &[("code", &code)], &pending)
        .await;
    assert_eq!(
        replayed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a used code is refused"
    );
    let done = app
        .post_as("/inloggen/code", &[("code", &recovery)], &pending)
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let full = done.cookie("trechter_sessie").unwrap();
    assert_ne!(full, pending, "a new session id after the second step");
    assert_eq!(app.get_as("/beheer", &full).await.status, StatusCode::OK);

    // A recovery code works once.
    let half = sign_in(&app, "staff@test.nl", PASSWORD)
        .await
        .cookie("trechter_sessie")
        .unwrap();
    let reused = app
        .post_as("/inloggen/code", &[("code", &recovery)], &half)
        .await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn an_admin_can_require_a_second_factor_for_staff(db: Db) {
    let app = TestApp::new(db).await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let expert = app
        .account(Role::ExperienceExpert, "ee@test.nl", "Eva")
        .await;
    let saved = app
        .post_as(
            "/beheer/instellingen",
            &[("require_second_factor", "true")],
            &app.session_for(admin).await,
        )
        .await;
    assert_eq!(
        saved.header("location"),
        "/beheer/instellingen?gedaan=settings_saved"
    );
    let staff_cookie = app.session_for(staff).await;
    let sent_away = app.get_as("/beheer", &staff_cookie).await;
    assert_eq!(sent_away.header("location"), "/account/tweestaps");
    assert_eq!(
        app.get_as("/account/tweestaps", &staff_cookie).await.status,
        StatusCode::OK
    );
    // Experience experts are not required to.
    assert_eq!(
        app.get_as("/beheer", &app.session_for(expert).await)
            .await
            .status,
        StatusCode::OK
    );
}

async fn co_moderators_moderate_their_round_only(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let expert = app
        .account(Role::ExperienceExpert, "ee@test.nl", "Eva")
        .await;
    let staff_cookie = app.session_for(staff).await;
    let expert_cookie = app.session_for(expert).await;
    let round_page = app.get_as(&format!("/ronde/{ROUND}"), &expert_cookie).await;
    assert!(!round_page.body.contains("/moderatie"));
    assert_eq!(
        app.get_as(&format!("/ronde/{ROUND}/moderatie"), &expert_cookie)
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let added = app
        .post_as(
            &format!("/beheer/ronde/{ROUND}"),
            &[("action", "add"), ("account", &expert.to_string())],
            &staff_cookie,
        )
        .await;
    assert_eq!(
        added.header("location"),
        format!("/beheer/ronde/{ROUND}?gedaan=co_moderator_added")
    );
    // The rights come with the next request: sessions read them fresh.
    let round_page = app.get_as(&format!("/ronde/{ROUND}"), &expert_cookie).await;
    assert!(
        round_page
            .body
            .contains(&format!("/ronde/{ROUND}/moderatie"))
    );
    assert_eq!(
        app.get_as(&format!("/ronde/{ROUND}/moderatie"), &expert_cookie)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_as("/ronde/ronde-oud/moderatie", &expert_cookie)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // A resident sees no moderation entry.
    assert!(
        !app.get(&format!("/ronde/{ROUND}"))
            .await
            .body
            .contains("/moderatie")
    );
}

async fn moderators_hide_ideas_with_a_reason(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let cookie = app.session_for(staff).await;
    app.send_idea("Een idee met een telefoonnummer erin 0612345678.", "")
        .await;
    let page = app
        .get_as(&format!("/ronde/{ROUND}/moderatie?lijst=alles"), &cookie)
        .await;
    let id = find_after(&page.body, "name=\"idea\" value=\"");
    let no_reason = app
        .post_as(
            &format!("/ronde/{ROUND}/moderatie"),
            &[("idea", &id), ("action", "hide"), ("reason", "")],
            &cookie,
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.get(&format!("/ronde/{ROUND}"))
            .await
            .body
            .contains("0612345678")
    );
    let hidden = app
        .post_as(
            &format!("/ronde/{ROUND}/moderatie"),
            &[
                ("idea", &id),
                ("action", "hide"),
                ("reason", "Persoonlijke gegevens"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get(&format!("/ronde/{ROUND}"))
            .await
            .body
            .contains("0612345678")
    );
    assert_eq!(app.idea_count(ROUND).await, 0);
}

async fn idea_submissions_are_rate_limited(db: Db) {
    let app = TestApp::on(db)
        .args(&["--limit-ideas-per-participant", "2"])
        .start()
        .await;
    let mut cookie = String::new();
    let mut statuses = Vec::new();
    for i in 0..3 {
        let text = format!("Idee nummer {i} over de bibliotheek.");
        let sent = app.send_idea(&text, &cookie).await;
        if let Some(new) = sent.cookie("trechter_code") {
            cookie = new;
        }
        statuses.push((
            sent.status,
            sent.header("retry-after").to_owned(),
            sent.body.contains("veel verstuurd"),
        ));
    }
    assert_eq!(statuses[0].0, StatusCode::SEE_OTHER);
    assert_eq!(statuses[1].0, StatusCode::SEE_OTHER);
    assert_eq!(statuses[2].0, StatusCode::TOO_MANY_REQUESTS);
    assert!(!statuses[2].1.is_empty() && statuses[2].2, "{statuses:?}");
    assert_eq!(app.idea_count(ROUND).await, 2);
}

async fn residents_keep_a_nickname_and_may_delete_their_email(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea("Meer bankjes in het park.", "").await;
    let cookie = sent.cookie("trechter_code").unwrap();
    let bad = app
        .post_as(
            "/mijn/profiel",
            &[("action", "save"), ("email", "geen adres")],
            &cookie,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .post_as(
            "/mijn/profiel",
            &[
                ("action", "save"),
                ("nickname", "<script>alert(1)</script>"),
                ("email", "a@b.nl"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.header("location"), "/mijn?gedaan=profile_saved");
    let mine = app.get_as("/mijn", &cookie).await;
    assert!(
        mine.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !mine.body.contains("<script>alert(1)")
    );
    assert!(
        mine.body.contains("We hebben een e-mailadres van je") && !mine.body.contains("a@b.nl"),
        "never shown"
    );
    app.post_as("/mijn/profiel", &[("action", "delete_email")], &cookie)
        .await;
    let mine = app.get_as("/mijn", &cookie).await;
    assert!(!mine.body.contains("We hebben een e-mailadres van je"));
}

async fn residents_withdraw_their_own_ideas_while_collecting(db: Db) {
    let app = TestApp::new(db).await;
    let sent = app.send_idea("Gratis zwemles voor ieder kind.", "").await;
    let cookie = sent.cookie("trechter_code").unwrap();
    let id = sent
        .header("location")
        .trim_start_matches("/ontvangen/")
        .to_owned();
    // Someone else cannot withdraw it: an unknown code is dropped (and
    // cleared), so the form is sent as by nobody.
    let other = app
        .post(
            "/mijn/intrekken",
            &[("idea", &id)],
            &[("cookie", "trechter_code=ABCDEFGHJK")],
        )
        .await;
    assert_ne!(other.header("location"), "/mijn?gedaan=withdrawn");
    assert_eq!(
        other.cookie("trechter_code").as_deref(),
        Some("trechter_code=")
    );
    assert_eq!(app.idea_count(ROUND).await, 1);
    let done = app
        .post_as("/mijn/intrekken", &[("idea", &id)], &cookie)
        .await;
    assert_eq!(done.header("location"), "/mijn?gedaan=withdrawn");
    assert_eq!(app.idea_count(ROUND).await, 0);
    assert!(
        app.get_as("/mijn", &cookie)
            .await
            .body
            .contains("Ingetrokken")
    );
}

async fn the_audit_log_cannot_be_changed(db: Db) {
    let app = TestApp::new(db).await;
    store::audit::append(
        &app.db,
        store::audit::Event {
            event: "sign_in",
            ..Default::default()
        },
        Utc::now(),
    )
    .await
    .unwrap();
    let updated = store::testing::execute(&app.db, "UPDATE audit_log SET event = 'x'").await;
    let deleted = store::testing::execute(&app.db, "DELETE FROM audit_log").await;
    assert!(updated.is_err() && deleted.is_err());
    let other = store::testing::execute(&app.db, "UPDATE settings SET value = value").await;
    assert!(other.is_ok(), "the check itself can write");
}

async fn experience_experts_ideas_count_as_experience_knowledge(db: Db) {
    let app = TestApp::new(db).await;
    let expert = app
        .account(Role::ExperienceExpert, "ee@test.nl", "Eva")
        .await;
    let cookie = app.session_for(expert).await;
    app.send_idea("Idee van een ervaringsdeskundige.", &cookie)
        .await;
    app.send_idea("Idee van een inwoner zonder account.", "")
        .await;
    let page = app.get(&format!("/ronde/{ROUND}")).await;
    // One list item per idea, up to its end.
    let item = |text: &str| {
        let chunk = page
            .body
            .split("id=\"idee-")
            .skip(1)
            .find(|i| i.contains(text))
            .unwrap();
        chunk.split("</li>").next().unwrap().to_owned()
    };
    let (expert_item, resident_item) = (item("ervaringsdeskundige."), item("zonder account."));
    assert!(expert_item.contains("Ervaringsdeskundige"));
    assert!(!resident_item.contains("Ervaringsdeskundige"));
}

async fn cross_site_account_forms_are_refused(db: Db) {
    let app = TestApp::new(db).await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let cookie = app.session_for(admin).await;
    for path in ["/beheer/uitnodigen", "/inloggen", "/account"] {
        let body = serde_urlencoded::to_string([
            ("email", "x@test.nl"),
            ("role", "admin"),
            ("password", PASSWORD),
        ])
        .unwrap();
        let request = axum::http::Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie)
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from(body))
            .unwrap();
        let refused = app.send(request).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(
        store::invite::all_open(&app.db, Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.get_as("/beheer", &cookie).await.status,
        StatusCode::OK,
        "still signed in"
    );
}

test_on_both_engines!(
    experience_experts_ideas_count_as_experience_knowledge,
    cross_site_account_forms_are_refused,
    an_invited_experience_expert_signs_in_once_the_link_is_used,
    staff_may_not_invite_admins,
    wrong_passwords_and_unknown_emails_get_the_same_answer,
    a_hundred_failures_a_day_lock_the_account_even_for_the_right_password,
    brute_force_is_slowed_down,
    sessions_expire_when_idle_or_old_and_can_be_revoked,
    signing_in_gives_a_new_session_id,
    the_second_factor_is_set_up_and_asked_for,
    an_admin_can_require_a_second_factor_for_staff,
    co_moderators_moderate_their_round_only,
    moderators_hide_ideas_with_a_reason,
    idea_submissions_are_rate_limited,
    residents_keep_a_nickname_and_may_delete_their_email,
    residents_withdraw_their_own_ideas_while_collecting,
    the_audit_log_cannot_be_changed
);
