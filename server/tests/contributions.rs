//! Children's dreams, paper input, flags, moderation, search and filters
//! over HTTP, on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use common::{CLOSED_ROUND, ROUND, TestApp};
use domain::Role;
use store::{Db, co_moderator, test_on_both_engines};

fn input_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

async fn idea_id(app: &TestApp, text: &str) -> String {
    let sent = app.send_idea(text, "").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    sent.header("location")
        .trim_start_matches("/ontvangen/")
        .to_owned()
}

async fn staff(app: &TestApp) -> String {
    app.signed_in(Role::Staff, "regisseur@example.org", "Sanne")
        .await
}

async fn a_child_sends_a_dream_that_waits_for_a_moderator(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get(&format!("/droom/{ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Als ik later groot ben"));
    let key = input_value(&page.body, "key");
    // Forgetting the age group: told in a child's words, typing kept.
    let wrong = app
        .post(
            &format!("/droom/{ROUND}"),
            &[("wish", "dierenarts"), ("key", &key)],
            &[],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Kies hoe oud je bent."));
    assert!(wrong.body.contains(">dierenarts</textarea>"));
    let dream = [
        ("wish", "dierenarts"),
        ("need", "een rustige plek voor mijn huiswerk"),
        ("age_group", "8-12"),
        ("first_name", "Sem"),
        ("wants_contact", "yes"),
        ("contact", "juf Anne, groep 6"),
        ("key", key.as_str()),
    ];
    for _ in 0..2 {
        let sent = app.post(&format!("/droom/{ROUND}"), &dream, &[]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        assert_eq!(sent.header("location"), format!("/droom/{ROUND}?gedaan=1"));
        // No cookie follows a child around.
        assert!(sent.headers.get("set-cookie").is_none());
    }
    let thanks = app.get(&format!("/droom/{ROUND}?gedaan=1")).await;
    assert!(thanks.body.contains("Dank je wel!"));
    // Not public before a moderator approves it.
    assert!(
        !app.get(&format!("/ronde/{ROUND}"))
            .await
            .body
            .contains("dierenarts")
    );
    let cookie = staff(&app).await;
    let queue = app
        .get_as(&format!("/ronde/{ROUND}/moderatie"), &cookie)
        .await;
    assert!(queue.body.contains("dierenarts"));
    assert!(
        queue.body.contains("juf Anne, groep 6"),
        "staff see how to reach the child"
    );
    assert!(
        queue.body.contains("Droom van Sem, 8-12 jaar"),
        "staff see the child's name"
    );
    let id = queue
        .body
        .split("id=\"idee-")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let approved = app
        .post_as(
            &format!("/ronde/{ROUND}/moderatie"),
            &[("idea", id.as_str()), ("action", "approve")],
            &cookie,
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let public = app.get(&format!("/ronde/{ROUND}")).await.body;
    assert!(public.contains("dierenarts"));
    assert!(public.contains("Droom van een kind van 8-12 jaar"));
    assert!(
        !public.contains("Droom van Sem"),
        "the name stays with staff"
    );
    assert!(!public.contains("juf Anne"), "the contact is never public");
    assert_eq!(app.idea_count(ROUND).await, 1);

    // "Look what others sent" shows the dreams, not the adults' ideas.
    let adults = idea_id(&app, "Een grotere bibliotheek in het centrum.").await;
    let thanks = app.get(&format!("/droom/{ROUND}?gedaan=1")).await.body;
    let others = thanks
        .split("<a href=\"")
        .find_map(|a| a.split_once("\">Kijk wat anderen hebben gestuurd"))
        .map(|(href, _)| href.replace("&amp;", "&"))
        .expect("a link to the other dreams");
    assert!(others.contains("?vraag="), "{others}");
    let dreams = app.get(&others).await.body;
    assert!(dreams.contains("dierenarts"));
    assert!(!dreams.contains("grotere bibliotheek"), "{adults}");

    // Staff print a poster with a QR code of the dream form's address.
    let poster = app
        .get_as(&format!("/beheer/ronde/{ROUND}/poster"), &cookie)
        .await;
    assert_eq!(poster.status, StatusCode::OK);
    assert!(poster.body.contains("<svg"));
    assert!(poster.body.contains(&format!("/droom/{ROUND}</a>")));
}

async fn a_co_moderator_does_not_see_a_childs_contact(db: Db) {
    let app = TestApp::new(db.clone()).await;
    let page = app.get(&format!("/droom/{ROUND}")).await;
    let key = input_value(&page.body, "key");
    app.post(
        &format!("/droom/{ROUND}"),
        &[
            ("wish", "brandweervrouw"),
            ("age_group", "4-7"),
            ("wants_contact", "yes"),
            ("contact", "groep 3 van De Vlinder"),
            ("key", key.as_str()),
        ],
        &[],
    )
    .await;
    let expert = app
        .account(Role::ExperienceExpert, "ervaring@example.org", "Marieke")
        .await;
    let staff_id = app
        .account(Role::Staff, "regisseur@example.org", "Sanne")
        .await;
    co_moderator::appoint(
        &db,
        app.round_id(ROUND).await,
        expert,
        staff_id,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let cookie = app.session_for(expert).await;
    let queue = app
        .get_as(&format!("/ronde/{ROUND}/moderatie"), &cookie)
        .await;
    assert!(queue.body.contains("brandweervrouw"));
    assert!(!queue.body.contains("De Vlinder"));
}

async fn dreams_are_refused_outside_collecting(db: Db) {
    let app = TestApp::new(db).await;
    let page = app.get(&format!("/droom/{CLOSED_ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Je kunt nu geen droom meer sturen"));
    let sent = app
        .post(
            &format!("/droom/{CLOSED_ROUND}"),
            &[("wish", "piloot"), ("age_group", "8-12")],
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::CONFLICT);
    assert_eq!(
        app.get("/droom/bestaat-niet").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn a_partner_enters_paper_input_once(db: Db) {
    let app = TestApp::new(db).await;
    let partner = app
        .account(Role::Partner, "partner@example.org", "Ellen")
        .await;
    let cookie = app.session_for(partner).await;
    let page = app.get_as(&format!("/ronde/{ROUND}/papier"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let key = input_value(&page.body, "key");
    let question = app.question_ids(ROUND).await[0].to_string();
    let mut form = vec![
        (
            "lines",
            "Gratis zwemles voor alle kinderen\nkort\nEen bus naar de stad die je kunt betalen",
        ),
        ("channel", "meeting"),
        ("source", "Ouderavond De Vlinder"),
        ("held_on", "2026-01-15"),
        ("group", "resident"),
        ("question", question.as_str()),
        ("key", key.as_str()),
    ];
    let wrong = app
        .post_as(&format!("/ronde/{ROUND}/papier"), &form, &cookie)
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Regel 2 is te kort"));
    assert_eq!(
        app.idea_count(ROUND).await,
        0,
        "nothing of a bad batch is saved"
    );
    form[0].1 = "Gratis zwemles voor alle kinderen\nEen bus naar de stad die je kunt betalen";
    for _ in 0..2 {
        let sent = app
            .post_as(&format!("/ronde/{ROUND}/papier"), &form, &cookie)
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    assert_eq!(app.idea_count(ROUND).await, 2);
    let listed = app.get_as(&format!("/ronde/{ROUND}/papier"), &cookie).await;
    assert!(listed.body.contains("Ouderavond De Vlinder"));
    assert!(listed.body.contains("ingevoerd door Ellen"));
    let public = app
        .get(&format!("/ronde/{ROUND}?kanaal=meeting"))
        .await
        .body;
    assert!(public.contains("2 ideeën gevonden."));
    assert!(public.contains("Op een bijeenkomst"));
    // A resident cannot enter paper input: asked to sign in, nothing saved.
    let resident = app
        .post(&format!("/ronde/{ROUND}/papier"), &form, &[])
        .await;
    assert_eq!(resident.status, StatusCode::UNAUTHORIZED);
    assert!(resident.body.contains("action=\"/inloggen\""));
}

async fn anyone_flags_once_and_the_queue_shows_it(db: Db) {
    let app = TestApp::new(db).await;
    let id = idea_id(&app, "Bel Piet op 06-12345678, die weet alles.").await;
    let path = format!("/ronde/{ROUND}/melden/{id}");
    assert!(app.get(&path).await.body.contains("Bel Piet"));
    let empty = app.post(&path, &[], &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Kies wat er aan de hand is."));
    let other = app.post(&path, &[("reason", "other")], &[]).await;
    assert!(other.body.contains("Schrijf kort wat er aan de hand is."));
    let first = app.post(&path, &[("reason", "personal_data")], &[]).await;
    assert_eq!(first.header("location"), format!("{path}?gedaan=flagged"));
    let again = app.post(&path, &[("reason", "hurtful")], &[]).await;
    assert_eq!(
        again.header("location"),
        format!("{path}?gedaan=already_flagged")
    );
    let missing = app
        .post(
            &format!("/ronde/{ROUND}/melden/999999"),
            &[("reason", "hurtful")],
            &[],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let cookie = staff(&app).await;
    let queue = app
        .get_as(&format!("/ronde/{ROUND}/moderatie"), &cookie)
        .await
        .body;
    assert!(queue.contains("1 keer gemeld: Er staan persoonlijke gegevens in"));
}

async fn moderators_search_and_stay_where_they_were(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let playground = idea_id(&app, "Een speeltuin met schommels bij de school.").await;
    let bus = idea_id(&app, "Goedkopere buskaartjes voor ouderen.").await;
    let list = |query: &str| {
        let (app, cookie) = (&app, cookie.clone());
        let path = format!("/ronde/{ROUND}/moderatie?{query}");
        async move { app.get_as(&path, &cookie).await.body }
    };
    let found = list("lijst=alles&zoek=speeltuinen").await;
    assert!(found.contains("schommels"));
    assert!(!found.contains("buskaartjes"));
    // The forms post back to this very list, page and search.
    assert!(found.contains(&format!(
        "action=\"/ronde/{ROUND}/moderatie?lijst=alles&amp;zoek=speeltuinen\""
    )));
    let by_number = list(&format!("lijst=alles&zoek=%23{playground}")).await;
    assert!(by_number.contains("schommels") && !by_number.contains("buskaartjes"));
    let nothing = list("lijst=alles&zoek=de+het").await;
    assert!(nothing.contains("Geen ideeën gevonden."));
    let hidden = app
        .post_as(
            &format!("/ronde/{ROUND}/moderatie?lijst=alles&pagina=2&zoek=speeltuinen"),
            &[
                ("idea", playground.as_str()),
                ("action", "hide"),
                ("reason", "Staat er dubbel in"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(
        hidden.header("location"),
        format!(
            "/ronde/{ROUND}/moderatie?lijst=alles&pagina=2&zoek=speeltuinen&gedaan=hidden#idee-{playground}"
        )
    );
    // Hidden ideas are found too: they may need to be shown again.
    assert!(
        list("lijst=alles&zoek=schommel")
            .await
            .contains("Staat er dubbel in")
    );
    // The workspace's front page says how many ideas wait.
    let front = app.get_as("/beheer", &cookie).await.body;
    assert!(!front.contains("te doen)"));
    let flagged = app
        .post(
            &format!("/ronde/{ROUND}/melden/{bus}"),
            &[("reason", "personal_data")],
            &[],
        )
        .await;
    assert_eq!(flagged.status, StatusCode::SEE_OTHER);
    let front = app.get_as("/beheer", &cookie).await.body;
    assert!(front.contains("(1 te doen)"), "{front}");
}

async fn moderators_hide_redact_and_merge(db: Db) {
    let app = TestApp::new(db).await;
    let cookie = staff(&app).await;
    let moderate = |fields: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as(&format!("/ronde/{ROUND}/moderatie"), &fields, &cookie)
                .await
        }
    };
    let rude = idea_id(&app, "Iets gemeens over de buren hier.").await;
    let short = moderate(vec![
        ("idea", rude.clone()),
        ("action", "hide".into()),
        ("reason", "x".into()),
    ])
    .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let hidden = moderate(vec![
        ("idea", rude.clone()),
        ("action", "hide".into()),
        ("reason", "Kwetsend voor anderen".into()),
    ])
    .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    let public = app.get(&format!("/ronde/{ROUND}")).await.body;
    assert!(
        public.contains("Dit idee is verborgen door een moderator. Reden: Kwetsend voor anderen")
    );
    assert!(!public.contains("gemeens"));

    let named = idea_id(&app, "Mijn buurman Jan de Boer heeft ook geen geld.").await;
    let same = moderate(vec![
        ("idea", named.clone()),
        ("action", "redact".into()),
        (
            "text",
            "Mijn buurman Jan de Boer heeft ook geen geld.".into(),
        ),
    ])
    .await;
    assert!(same.body.contains("De tekst is niet veranderd."));
    moderate(vec![
        ("idea", named.clone()),
        ("action", "redact".into()),
        ("text", "Mijn buurman [naam] heeft ook geen geld.".into()),
    ])
    .await;
    let public = app.get(&format!("/ronde/{ROUND}")).await.body;
    assert!(public.contains("Mijn buurman [naam] heeft ook geen geld."));
    assert!(!public.contains("Jan de Boer"));

    let first = idea_id(&app, "Gratis zwemles voor alle kinderen.").await;
    let twin = idea_id(&app, "Zwemles moet gratis zijn voor kinderen.").await;
    let bad = moderate(vec![
        ("idea", twin.clone()),
        ("action", "merge".into()),
        ("target", "abc".into()),
    ])
    .await;
    assert!(
        bad.body
            .contains("Dat nummer hoort niet bij een zichtbaar ander idee")
    );
    let merged = moderate(vec![
        ("idea", twin.clone()),
        ("action", "merge".into()),
        ("target", format!("#{first}")),
    ])
    .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    let public = app.get(&format!("/ronde/{ROUND}")).await.body;
    assert!(!public.contains("Zwemles moet gratis zijn"));
    assert!(
        public.contains("1 keer ik ook"),
        "the twin's author counts as support"
    );
    let log = app
        .get_as(&format!("/ronde/{ROUND}/moderatie"), &cookie)
        .await
        .body;
    for line in [
        "verborg #",
        "haalde persoonlijke gegevens weg uit #",
        "voegde #",
    ] {
        assert!(log.contains(line), "{line}");
    }
}

async fn residents_search_and_filter_without_javascript(db: Db) {
    let app = TestApp::new(db).await;
    idea_id(&app, "Gratis zwemlessen voor alle kinderen").await;
    idea_id(&app, "Een goedkope bus naar de stad").await;
    let found = app.get(&format!("/ronde/{ROUND}?zoek=zwemles")).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("1 idee gevonden."));
    assert!(found.body.contains("Gratis zwemlessen"));
    assert!(!found.body.contains("goedkope bus"));
    // What was typed comes back escaped, and odd input is just text.
    let odd = app
        .get(&format!("/ronde/{ROUND}?zoek=%3Cscript%3E%22+OR+*"))
        .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(!odd.body.contains("<script>\""));
    let none = app.get(&format!("/ronde/{ROUND}?zoek=de+het")).await;
    assert!(none.body.contains("Er zijn geen ideeën gevonden."));
    let junk = app
        .get(&format!(
            "/ronde/{ROUND}?wijk=abc&vraag=x&sorteer=steun&pagina=-4"
        ))
        .await;
    assert_eq!(junk.status, StatusCode::OK);
}

async fn moderators_change_an_ideas_labels(db: Db) {
    let app = TestApp::new(db).await;
    let id = idea_id(&app, "Betaalbare huurwoningen voor jonge gezinnen.").await;
    let cookie = staff(&app).await;
    let path = format!("/ronde/{ROUND}/moderatie?lijst=alles");
    let retag = |policy: &'static str| {
        [
            ("idea", id.clone()),
            ("action", "retag".to_owned()),
            ("life_domain", "home".to_owned()),
            ("policy_domain", policy.to_owned()),
        ]
    };
    let forged = retag("verzonnen");
    let forged: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_as(&path, &forged, &cookie).await.status,
        StatusCode::BAD_REQUEST
    );
    let housing = retag("housing");
    let housing: Vec<(&str, &str)> = housing.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = app.post_as(&path, &housing, &cookie).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(done.header("location").contains("gedaan=retagged"));
    let found = app.get(&format!("/ronde/{ROUND}?beleid=housing")).await;
    assert!(found.body.contains("Betaalbare huurwoningen"));
    let queue = app.get_as(&path, &cookie).await;
    assert!(queue.body.contains("Labels: Thuis, Wonen"));
    assert!(queue.body.contains("gaf #"));
    assert!(queue.body.contains("andere labels"));
    assert!(queue.body.contains(" — Thuis, Wonen"));
}

test_on_both_engines!(
    moderators_change_an_ideas_labels,
    a_child_sends_a_dream_that_waits_for_a_moderator,
    a_co_moderator_does_not_see_a_childs_contact,
    dreams_are_refused_outside_collecting,
    a_partner_enters_paper_input_once,
    anyone_flags_once_and_the_queue_shows_it,
    moderators_hide_redact_and_merge,
    moderators_search_and_stay_where_they_were,
    residents_search_and_filter_without_javascript,
);
