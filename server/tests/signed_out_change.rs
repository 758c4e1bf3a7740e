//! A change sent after the session ended is not lost: the answer is the
//! sign-in page carrying the sent fields, and after signing in (and the
//! code from the app, when the account has one) the page shows what was
//! typed with "Nu bewaren", which saves it. Nothing changes before that.

mod common;

use axum::http::StatusCode;
use chrono::Utc;
use common::{PASSWORD, ROUND, TestApp, TestResponse};
use domain::{Role, totp};
use store::{Db, session, test_on_both_engines};

const TITLE: &str = "Zwemles <b>voor</b> iedereen & \"meer\"";

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The fields of the form posting to `action`: its hidden inputs, in order.
fn form_fields(body: &str, action: &str) -> Vec<(String, String)> {
    let start = body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("a form to {action} in {body}"));
    let form = &body[start..];
    let form = &form[..form.find("</form>").unwrap()];
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|input| {
            let name = input.split("name=\"").nth(1).unwrap().split('"').next();
            let value = input.split("value=\"").nth(1).unwrap().split('"').next();
            (unescape(name.unwrap()), unescape(value.unwrap()))
        })
        .collect()
}

fn with(fields: &[(String, String)], extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all = fields.to_vec();
    all.extend(
        extra
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    all
}

async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(String, String)],
    cookie: &str,
) -> TestResponse {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    app.post_as(path, &form, cookie).await
}

/// A funnelling round with two ideas, and a staff account (with a second
/// factor when `secret` is given); the account id and its cookie.
async fn round_and_staff(app: &TestApp, secret: Option<&totp::TotpSecret>) -> (i64, String) {
    for text in ["Gratis zwemles voor kinderen.", "Zwemles moet gratis zijn."] {
        assert_eq!(app.send_idea(text, "").await.status, StatusCode::SEE_OTHER);
    }
    let staff = app
        .account(Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    if let Some(secret) = secret {
        store::account::set_pending_second_factor(&app.db, staff, secret.to_base32())
            .await
            .unwrap();
        store::account::enable_second_factor(&app.db, staff, 0, Vec::new())
            .await
            .unwrap();
    }
    let cookie = app.session_for(staff).await;
    app.start_funnelling(&cookie).await;
    (staff, cookie)
}

/// The move form as the workspace shows it: both ideas to a new theme.
async fn new_theme_form(app: &TestApp, cookie: &str) -> Vec<(String, String)> {
    let page = app
        .get_as(&format!("/ronde/{ROUND}/trechter"), cookie)
        .await;
    let mut fields = vec![
        ("action".to_owned(), "place".to_owned()),
        ("destination".to_owned(), "new".to_owned()),
        ("title".to_owned(), TITLE.to_owned()),
    ];
    for value in page.body.split("name=\"idea\" value=\"").skip(1) {
        // A suggestion shows the same ideas again; a duplicate pair's
        // form names one by id alone.
        let idea = (
            "idea".to_owned(),
            value.split('"').next().unwrap().to_owned(),
        );
        if idea.1.contains(':') && !fields.contains(&idea) {
            fields.push(idea);
        }
    }
    assert_eq!(fields.len(), 5, "two ideas to tick");
    fields
}

async fn themes(app: &TestApp, cookie: &str) -> usize {
    let page = app
        .get_as(&format!("/ronde/{ROUND}/trechter"), cookie)
        .await;
    page.body.matches("class=\"cluster\">").count()
}

/// Sends the change with a session that has ended; checks the answer is
/// the sign-in page carrying it, with nothing saved.
async fn send_too_late(app: &TestApp, staff: i64, cookie: &str) -> Vec<(String, String)> {
    let change = new_theme_form(app, cookie).await;
    session::delete_all_of(&app.db, staff).await.unwrap();
    let path = format!("/ronde/{ROUND}/trechter");
    let answer = post(app, &path, &change, cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    assert!(answer.body.contains("Je bent uitgelogd"), "{}", answer.body);
    assert!(
        answer.body.contains("class=\"site-header\""),
        "the site around it"
    );
    assert!(
        !answer.body.contains("<b>voor</b>"),
        "escaped: {}",
        answer.body
    );
    let carried = form_fields(&answer.body, "/inloggen");
    assert!(
        carried.contains(&("bewaar_naar".to_owned(), path.clone())),
        "{carried:?}"
    );
    assert!(
        carried.contains(&("bewaar:title".to_owned(), TITLE.to_owned())),
        "{carried:?}"
    );
    assert_eq!(
        carried.iter().filter(|(n, _)| n == "bewaar:idea").count(),
        2
    );
    let signed_in = app.session_for(staff).await;
    assert_eq!(themes(app, &signed_in).await, 0, "nothing saved yet");
    carried
}

/// "Nu bewaren" on the page after signing in: what was typed is shown, and
/// the button saves it with the new session.
async fn save_now(app: &TestApp, page: &TestResponse, staff: i64) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Nu bewaren"), "{}", page.body);
    assert!(
        page.body
            .contains("Zwemles &lt;b&gt;voor&lt;/b&gt; iedereen"),
        "what was typed, as text: {}",
        page.body
    );
    let cookie = page.cookie("trechter_sessie").expect("a new session");
    let path = format!("/ronde/{ROUND}/trechter");
    let again = form_fields(&page.body, &path);
    assert!(again.contains(&("title".to_owned(), TITLE.to_owned())));
    let checker = app.session_for(staff).await;
    assert_eq!(themes(app, &checker).await, 0, "not before the button");
    let saved = post(app, &path, &again, &cookie).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let workspace = app.get_as(&path, &checker).await;
    assert_eq!(
        themes(app, &checker).await,
        1,
        "{} {}",
        saved.header("location"),
        workspace.body
    );
    assert!(
        workspace
            .body
            .contains("Zwemles &lt;b&gt;voor&lt;/b&gt; iedereen &amp;")
    );
}

async fn a_change_sent_after_the_session_ended_is_saved_after_signing_in(db: Db) {
    let app = TestApp::new(db).await;
    let (staff, cookie) = round_and_staff(&app, None).await;
    let carried = send_too_late(&app, staff, &cookie).await;

    // A wrong password keeps carrying it.
    let wrong = post(
        &app,
        "/inloggen",
        &with(
            &carried,
            &[("email", "regisseur@example.org"), ("password", "fout")],
        ),
        "",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(form_fields(&wrong.body, "/inloggen"), carried);

    let signed_in = post(
        &app,
        "/inloggen",
        &with(
            &carried,
            &[("email", "regisseur@example.org"), ("password", PASSWORD)],
        ),
        "",
    )
    .await;
    save_now(&app, &signed_in, staff).await;
}

async fn with_a_second_factor_the_change_is_carried_through_the_code(db: Db) {
    let app = TestApp::new(db).await;
    let secret = totp::TotpSecret::random();
    let (staff, cookie) = round_and_staff(&app, Some(&secret)).await;
    let carried = send_too_late(&app, staff, &cookie).await;
    let password = post(
        &app,
        "/inloggen",
        &with(
            &carried,
            &[("email", "regisseur@example.org"), ("password", PASSWORD)],
        ),
        "",
    )
    .await;
    assert_eq!(password.status, StatusCode::OK, "{}", password.body);
    assert!(!password.body.contains("Nu bewaren"), "the code first");
    let pending = password.cookie("trechter_sessie").unwrap();
    let code_fields = form_fields(&password.body, "/inloggen/code");
    assert!(code_fields.contains(&("bewaar:title".to_owned(), TITLE.to_owned())));
    let code = totp::code_at(&secret, Utc::now().timestamp());
    let signed_in = post(
        &app,
        "/inloggen/code",
        &with(&code_fields, &[("code", &code)]),
        &pending,
    )
    .await;
    save_now(&app, &signed_in, staff).await;
}

async fn only_local_addresses_are_offered_and_passwords_are_not_carried(db: Db) {
    let app = TestApp::new(db).await;
    let staff = app
        .account(Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    // A forged sign-in form sending the change elsewhere: plain sign-in.
    let forged = [
        ("email", "regisseur@example.org"),
        ("password", PASSWORD),
        ("bewaar_naar", "//evil.example/steal"),
        ("bewaar:title", "x"),
    ];
    let signed_in = app.post("/inloggen", &forged, &[]).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    assert_eq!(signed_in.header("location"), "/beheer");

    // A password change sent too late: the passwords stay out of the page.
    let cookie = app.session_for(staff).await;
    session::delete_all_of(&app.db, staff).await.unwrap();
    let fields = [("action", "start"), ("current", "mijn oude wachtwoord")];
    let answer = app.post_as("/account/tweestaps", &fields, &cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    assert!(!answer.body.contains("oude wachtwoord"), "{}", answer.body);
    assert!(
        answer.body.contains("name=\"bewaar:action\""),
        "{}",
        answer.body
    );
}

test_on_both_engines!(
    a_change_sent_after_the_session_ended_is_saved_after_signing_in,
    with_a_second_factor_the_change_is_carried_through_the_code,
    only_local_addresses_are_offered_and_passwords_are_not_carried,
);
