//! The role matrix: every route and every server function, for every kind
//! of person (anonymous, a resident with a code, admin, staff, this round's
//! co-moderator, another round's co-moderator, partner), against an
//! expectation written out by hand. A route or server function missing from
//! the expectation, or from the access tables, fails the test. Staff who
//! signed in at the municipality's OpenID provider get exactly what staff
//! with a password get.

mod common;

use app::web::access::{self, Decision, PAGES, SERVER_FNS, Viewer};
use axum::http::StatusCode;
use common::{CLOSED_ROUND, ROUND, TestApp};
use domain::{AccountActor, Actor, Role};
use std::collections::BTreeSet;
use store::{Db, co_moderator, test_on_both_engines};

const WHO: [&str; 7] = [
    "anonymous",
    "resident",
    "admin",
    "staff",
    "co_moderator",
    "other_co_moderator",
    "partner",
];

/// Who gets past the gate, per route: a letter per person in `WHO` order
/// (`A`nonymous `R`esident a`D`min `S`taff `C`o-moderator `O`ther round's
/// co-moderator `P`artner), `.` for refused.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("GET", "/", "ARDSCOP"),
    ("GET", "/ronde/{slug}", "ARDSCOP"),
    ("GET", "/ontvangen/{id}", "ARDSCOP"),
    ("GET", "/mail-stoppen/{token}", "ARDSCOP"),
    ("GET", "/mijn", "ARDSCOP"),
    ("GET", "/mijn/bewerken/{id}", "ARDSCOP"),
    ("GET", "/privacy", "ARDSCOP"),
    ("GET", "/toegankelijkheid", "ARDSCOP"),
    ("GET", "/inloggen", "ARDSCOP"),
    ("GET", "/inloggen/code", "......."),
    ("GET", "/uitnodiging/{token}", "ARDSCOP"),
    ("GET", "/account", "..DSCOP"),
    ("GET", "/account/tweestaps", "..DSCOP"),
    ("GET", "/beheer", "..DSCOP"),
    ("GET", "/beheer/accounts", "..D...."),
    ("GET", "/beheer/uitnodigen", "..DS..."),
    ("GET", "/beheer/instellingen", "..D...."),
    ("GET", "/beheer/logboek", "..D...."),
    ("GET", "/beheer/ronde/{slug}", "...S..."),
    ("GET", "/beheer/ronde/{slug}/bewerken", "...S..."),
    ("GET", "/beheer/ronde/{slug}/poster", "...S..."),
    ("GET", "/beheer/opgaven", "...S..."),
    ("GET", "/beheer/opgaven/nieuw", "...S..."),
    ("GET", "/beheer/opgave/{slug}", "...S..."),
    ("GET", "/beheer/opgave/{slug}/ronde", "...S..."),
    ("GET", "/ronde/{slug}/moderatie", "...SC.."),
    ("GET", "/ronde/{slug}/trechter", "...SC.."),
    ("GET", "/ronde/{slug}/papier", "...SC.P"),
    ("GET", "/ronde/{slug}/melden/{id}", "ARDSCOP"),
    ("GET", "/droom/{slug}", "ARDSCOP"),
    ("GET", "/ronde/{slug}/plan", "ARDSCOP"),
    ("GET", "/ronde/{slug}/plan/werk", "...SC.."),
    ("GET", "/voortgang/{slug}", "ARDSCOP"),
    ("GET", "/beheer/voortgang", "...S..P"),
    ("GET", "/inzicht/{slug}", "ARDSCOP"),
    ("GET", "/ronde/{slug}/verslag", "ARDSCOP"),
    ("GET", "/ronde/{slug}/export", "ARDSCOP"),
    ("GET", "/api/v1/openapi.json", "ARDSCOP"),
    ("GET", "/api/v1/challenges", "ARDSCOP"),
    ("GET", "/api/v1/challenges/{challenge}", "ARDSCOP"),
    ("GET", "/api/v1/challenges/{challenge}/rounds", "ARDSCOP"),
    ("GET", "/api/v1/challenges/{challenge}/progress", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}/ideas", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}/clusters", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}/plan", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}/reactions", "ARDSCOP"),
    ("GET", "/api/v1/rounds/{round}/progress", "ARDSCOP"),
    ("GET", "/ronde/{slug}/export/{file}", "ARDSCOP"),
    ("GET", "/inloggen/organisatie", "ARDSCOP"),
    ("GET", "/inloggen/organisatie/terug", "ARDSCOP"),
    ("GET", "/uitloggen/organisatie", "ARDSCOP"),
    ("POST", "/inzicht/{slug}", "...S..."),
    ("POST", "/ronde/{slug}", "ARDSCOP"),
    ("POST", "/ronde/{slug}/steun", "ARDSCOP"),
    ("POST", "/ronde/{slug}/lijkt-op", "ARDSCOP"),
    ("POST", "/mijn", "ARDSCOP"),
    ("POST", "/mijn/vergeten", "ARDSCOP"),
    ("POST", "/mijn/profiel", "ARDSCOP"),
    ("POST", "/mijn/bewerken/{id}", "ARDSCOP"),
    ("POST", "/ontvangen/{id}", "ARDSCOP"),
    ("POST", "/mail-stoppen/{token}", "ARDSCOP"),
    ("POST", "/mijn/intrekken", "ARDSCOP"),
    ("POST", "/taal", "ARDSCOP"),
    ("POST", "/inloggen", "ARDSCOP"),
    ("POST", "/inloggen/code", "......."),
    ("POST", "/uitloggen", "ARDSCOP"),
    ("POST", "/uitnodiging/{token}", "ARDSCOP"),
    ("POST", "/account", "..DSCOP"),
    ("POST", "/account/tweestaps", "..DSCOP"),
    ("POST", "/beheer/uitnodigen", "..DS..."),
    ("POST", "/beheer/accounts", "..D...."),
    ("POST", "/beheer/instellingen", "..D...."),
    ("POST", "/beheer/ronde/{slug}", "...S..."),
    ("POST", "/beheer/ronde/{slug}/fase", "...S..."),
    ("POST", "/beheer/ronde/{slug}/bewerken", "...S..."),
    ("POST", "/beheer/opgaven", "...S..."),
    ("POST", "/beheer/opgaven/nieuw", "...S..."),
    ("POST", "/beheer/opgave/{slug}", "...S..."),
    ("POST", "/beheer/opgave/{slug}/ronde", "...S..."),
    ("POST", "/ronde/{slug}/moderatie", "...SC.."),
    ("POST", "/ronde/{slug}/trechter", "...SC.."),
    ("POST", "/ronde/{slug}/papier", "...SC.P"),
    ("POST", "/ronde/{slug}/melden/{id}", "ARDSCOP"),
    ("POST", "/droom/{slug}", "ARDSCOP"),
    ("POST", "/ronde/{slug}/plan", "ARDSCOP"),
    ("POST", "/ronde/{slug}/plan/werk", "...SC.."),
    ("POST", "/beheer/voortgang", "...S..P"),
];

const EXPECTED_SERVER_FNS: &[(&str, &str)] = &[
    ("/api/home", "ARDSCOP"),
    ("/api/round", "ARDSCOP"),
    ("/api/receipt", "ARDSCOP"),
    ("/api/mine", "ARDSCOP"),
    ("/api/own_idea", "ARDSCOP"),
    ("/api/invite", "ARDSCOP"),
    ("/api/account", "..DSCOP"),
    ("/api/second_factor", "..DSCOP"),
    ("/api/workspace", "..DSCOP"),
    ("/api/accounts", "..D...."),
    ("/api/invites", "..DS..."),
    ("/api/settings", "..D...."),
    ("/api/audit_log", "..D...."),
    ("/api/round_admin", "...S..."),
    ("/api/dream_poster", "...S..."),
    ("/api/challenges", "...S..."),
    ("/api/challenge_form", "...S..."),
    ("/api/round_setup", "...S..."),
    ("/api/moderation", "...SC.."),
    ("/api/funnelling", "...SC.."),
    ("/api/paper", "...SC.P"),
    ("/api/flag", "ARDSCOP"),
    ("/api/dream", "ARDSCOP"),
    ("/api/plan", "ARDSCOP"),
    ("/api/plan_work", "...SC.."),
    ("/api/timeline", "ARDSCOP"),
    ("/api/report_progress", "...S..P"),
    ("/api/dashboard", "ARDSCOP"),
    ("/api/round_report", "ARDSCOP"),
    ("/api/exports", "ARDSCOP"),
];

#[test]
fn every_route_and_server_function_has_an_expectation() {
    let registered: BTreeSet<(String, String)> = PAGES
        .iter()
        .chain(access::DATA_ROUTES)
        .chain(access::PROVIDER_ROUTES)
        .map(|(path, _)| ("GET".to_owned(), (*path).to_owned()))
        .chain(app::web::forms().map(|f| ("POST".to_owned(), f.path.to_owned())))
        .collect();
    let expected: BTreeSet<(String, String)> = EXPECTED
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(registered, expected, "routes and expectations differ");

    // Every page the Leptos router knows has an access rule.
    for route in leptos_axum::generate_route_list(app::App) {
        let path = route.path();
        assert!(
            PAGES.iter().any(|(p, _)| *p == path),
            "page {path} has no access rule"
        );
    }

    // Every server function has a rule and an expectation.
    let functions: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let ruled: BTreeSet<String> = SERVER_FNS.iter().map(|(p, _)| (*p).to_owned()).collect();
    let expected: BTreeSet<String> = EXPECTED_SERVER_FNS
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    assert_eq!(functions, ruled, "server functions and access rules differ");
    assert_eq!(
        functions, expected,
        "server functions and expectations differ"
    );
}

fn viewer(who: &str, round_id: i64, other_round_id: i64) -> Viewer {
    let account = |role, rounds: Vec<i64>, organisation| {
        Actor::Account(AccountActor {
            account_id: 1,
            role,
            co_moderated_rounds: rounds,
            organisation_id: organisation,
        })
    };
    let actor = match who {
        "anonymous" | "resident" => Actor::Visitor,
        "admin" => account(Role::Admin, vec![], None),
        "staff" => account(Role::Staff, vec![], None),
        "co_moderator" => account(Role::ExperienceExpert, vec![round_id], None),
        "other_co_moderator" => account(Role::ExperienceExpert, vec![other_round_id], None),
        "partner" => account(Role::Partner, vec![], Some(1)),
        _ => unreachable!(),
    };
    Viewer {
        actor,
        session: None,
    }
}

#[test]
fn server_functions_follow_the_matrix() {
    for (path, allowed) in EXPECTED_SERVER_FNS {
        let (_, rule) = SERVER_FNS.iter().find(|(p, _)| p == path).unwrap();
        for (i, who) in WHO.iter().enumerate() {
            let decision = access::decide(*rule, &viewer(who, 10, 11), Some(10));
            let expected = allowed.as_bytes()[i] != b'.';
            assert_eq!(
                decision == Decision::Allow,
                expected,
                "{path} for {who}: {decision:?}"
            );
        }
    }
}

async fn every_route_follows_the_matrix(db: Db) {
    let app = TestApp::new(db).await;
    let admin = app.account(Role::Admin, "admin@test.nl", "Ada").await;
    let staff = app.account(Role::Staff, "staff@test.nl", "Sam").await;
    let co = app
        .account(Role::ExperienceExpert, "co@test.nl", "Cor")
        .await;
    let other = app
        .account(Role::ExperienceExpert, "other@test.nl", "Olga")
        .await;
    let partner = app.account(Role::Partner, "partner@test.nl", "Piet").await;
    let provider_staff = app.account(Role::Staff, "provider@test.nl", "Pim").await;
    let round = app.round_id(ROUND).await;
    let other_round = app.round_id(CLOSED_ROUND).await;
    let now = chrono::Utc::now();
    co_moderator::appoint(&app.db, round, co, staff, now)
        .await
        .unwrap();
    co_moderator::appoint(&app.db, other_round, other, staff, now)
        .await
        .unwrap();
    // A resident with a code: send an idea first.
    let form = app.get(&format!("/ronde/{ROUND}")).await;
    let questions = app.question_ids(ROUND).await;
    let sent = app
        .post(
            &format!("/ronde/{ROUND}"),
            &[
                ("text", "Een idee van een inwoner voor de test."),
                ("question", &questions[0].to_string()),
                ("key", &form.form_key()),
            ],
            &[],
        )
        .await;
    let resident = sent.cookie("trechter_code").expect("a participant cookie");

    for (method, path, allowed) in EXPECTED {
        let concrete = path
            .replace("{slug}", ROUND)
            .replace("{id}", "1")
            .replace("{token}", "x")
            .replace("{challenge}", "x")
            .replace("{round}", ROUND)
            .replace("{file}", "ideeen.csv");
        // The provider's staff member is held to the staff column.
        let people = WHO.iter().enumerate().chain([(3, &"staff_via_provider")]);
        for (i, who) in people {
            // A fresh session each time: some routes sign out.
            let cookie = match *who {
                "staff_via_provider" => app.session_via_provider_for(provider_staff, false).await,
                "anonymous" => String::new(),
                "resident" => resident.clone(),
                "admin" => app.session_for(admin).await,
                "staff" => app.session_for(staff).await,
                "co_moderator" => app.session_for(co).await,
                "other_co_moderator" => app.session_for(other).await,
                "partner" => app.session_for(partner).await,
                _ => unreachable!(),
            };
            let response = if *method == "GET" {
                app.get_as(&concrete, &cookie).await
            } else {
                app.post_as(&concrete, &[], &cookie).await
            };
            let location = response.header("location");
            // A form sent without a session gets the sign-in page, which
            // carries it (`signed_out_change.rs`).
            let signed_out = response.status == StatusCode::UNAUTHORIZED
                && response.body.contains("action=\"/inloggen\"");
            let refused = response.status == StatusCode::FORBIDDEN
                || signed_out
                || location.starts_with("/inloggen?terug=")
                || (*method == "GET" && *path == "/inloggen/code" && location == "/inloggen");
            let expected = allowed.as_bytes()[i] != b'.';
            assert_eq!(
                !refused, expected,
                "{method} {path} for {who}: {} {location}",
                response.status
            );
        }
    }
}

test_on_both_engines!(every_route_follows_the_matrix);
