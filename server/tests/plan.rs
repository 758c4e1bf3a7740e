//! The plan over HTTP, on SQLite and PostgreSQL: staff and the round's
//! co-moderator write it with plain forms; the co-moderator signs; it goes
//! out and participants who left an address are mailed; residents react
//! without an account, once per item; the final plan shows what was done;
//! progress goes on a public timeline. Bad input and the wrong person
//! change nothing.

mod common;

use axum::http::StatusCode;
use chrono::Utc;
use common::smtp::{body_text, smtp_sink};
use common::{ROUND, TestApp};
use domain::cluster::{self, Destination, Seen};
use domain::{Phase, ReceiptCode, Role};
use server::mailer::{Mailer, deliver_due};
use store::testing::scalar;
use store::{Db, co_moderator, test_on_both_engines};
use tokio::net::TcpListener;

const WORK: &str = "/ronde/ronde-1/plan/werk";
const PLAN: &str = "/ronde/ronde-1/plan";

struct Setup {
    staff: String,
    co: String,
    /// The cookie of the resident who sent the idea.
    author: String,
    /// The cookie of who sent the idea about roads.
    roads_author: String,
    clusters: [i64; 2],
}

/// A round in funnelling with two ideas in two clusters, a staff member,
/// a co-moderator and the author of the first idea, who left an address.
async fn funnelled(app: &TestApp) -> Setup {
    let first = app
        .send_idea("Gratis zwemles voor alle kinderen.", "")
        .await;
    let author = first.cookie("trechter_code").expect("a participant cookie");
    let roads_author = app
        .send_idea("Een nieuwe snelweg naar de stad.", "")
        .await
        .cookie("trechter_code")
        .expect("a participant cookie");
    let staff_id = app.account(Role::Staff, "sanne@test.nl", "Sanne").await;
    let co_id = app
        .account(Role::ExperienceExpert, "ahmed@test.nl", "Ahmed")
        .await;
    let round_id = app.round_id(ROUND).await;
    let now = Utc::now();
    co_moderator::appoint(&app.db, round_id, co_id, staff_id, now)
        .await
        .unwrap();
    store::round::change_phase(
        &app.db,
        round_id,
        Phase::Collecting,
        Phase::Funnelling,
        String::new(),
        staff_id,
        now,
    )
    .await
    .unwrap();
    let code = ReceiptCode::parse(author.split('=').nth(1).unwrap()).unwrap();
    store::participant::set_contact_email(
        &app.db,
        code.lookup_hash(),
        Some("bewoner@test.nl".into()),
        now,
    )
    .await
    .unwrap();
    let ideas: Vec<i64> = store::idea::counted_texts(&app.db, round_id, "")
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let mut clusters = [0; 2];
    for (i, (idea, title)) in ideas.iter().zip(["Zwemmen", "Wegen"]).enumerate() {
        let seen = vec![Seen {
            idea_id: *idea,
            version: 0,
        }];
        let text = cluster::cluster_text(title, "").unwrap();
        let placed = store::cluster::place(
            &app.db,
            round_id,
            seen,
            Destination::NewCluster(text),
            staff_id,
            now,
        )
        .await
        .unwrap();
        let store::cluster::Changed::Done {
            cluster_id: Some(id),
        } = placed
        else {
            panic!("placed: {placed:?}");
        };
        clusters[i] = id;
    }
    Setup {
        staff: app.session_for(staff_id).await,
        co: app.session_for(co_id).await,
        author,
        roads_author,
        clusters,
    }
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("a hidden {name}"))
        .to_owned()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    scalar(db, sql).await
}

async fn the_plan_goes_from_writing_to_final(db: Db) {
    // Links in mail need the site's configured address.
    let app = TestApp::on(db)
        .args(&["--public-url", "https://inspraak.teststad.nl"])
        .start()
        .await;
    let s = funnelled(&app).await;
    let swim = s.clusters[0].to_string();
    let round_id = app.round_id(ROUND).await;
    let swim_idea: i64 = store::idea::counted_texts(&app.db, round_id, "")
        .await
        .unwrap()
        .into_iter()
        .find(|(_, text, _)| text.contains("zwemles"))
        .map(|(id, _, _)| id)
        .unwrap();
    let receipt = format!("/ontvangen/{swim_idea}");

    // While the plan is written, the author reads which theme their idea
    // is in, on "Mijn inbreng" and on the receipt, which no longer offers
    // to send another idea.
    let mine = app.get_as("/mijn", &s.author).await;
    assert!(
        mine.body.contains("Je idee zit in het thema \"Zwemmen\""),
        "{}",
        mine.body
    );
    let early = app.get_as(&receipt, &s.author).await;
    assert!(early.body.contains("Je idee zit in het thema \"Zwemmen\""));
    assert!(!early.body.contains("Nog een idee geven"));

    // An item without a cluster is refused, in Dutch, and nothing is kept.
    let no_cluster = app
        .post_as(
            WORK,
            &[
                ("action", "item"),
                ("title", "Zwemles"),
                ("description", "Gratis."),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(no_cluster.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_cluster.body.contains("Kies minstens één thema"));
    assert!(
        no_cluster.body.contains("value=\"Zwemles\""),
        "typed title kept"
    );
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM plan_items").await, 0);

    // The co-moderator writes an item with the children's-rights check.
    let item = app
        .post_as(
            WORK,
            &[
                ("action", "item"),
                ("title", "Zwemles voor elk kind"),
                ("description", "Elk kind leert gratis zwemmen op school."),
                ("cluster", &swim),
                ("right", "play_and_leisure"),
                ("right", "health"),
                ("child_effect", "positive"),
                ("policy_domain", "upbringing"),
            ],
            &s.co,
        )
        .await;
    assert_eq!(item.status, StatusCode::SEE_OTHER, "{}", item.body);

    // Not ready: the other cluster has no reason, nobody signed.
    let early = app.post_as(WORK, &[("action", "send")], &s.staff).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("Nog niet elk thema heeft een reden"));
    let roads = s.clusters[1].to_string();
    let reason = app
        .post_as(
            WORK,
            &[
                ("action", "left_out"),
                ("cluster", &roads),
                ("reason", "Wegen zijn van de provincie."),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(reason.status, StatusCode::SEE_OTHER);
    let unsigned = app.post_as(WORK, &[("action", "send")], &s.staff).await;
    assert_eq!(unsigned.status, StatusCode::CONFLICT);
    assert!(unsigned.body.contains("Ahmed"), "names who still signs");

    // Signing is the co-moderator's; sending out is staff's.
    let page = app.get_as(WORK, &s.co).await;
    let version = hidden(
        &page.body[page.body.find("value=\"sign\"").unwrap()..],
        "version",
    );
    let staff_signs = app
        .post_as(WORK, &[("action", "sign"), ("version", &version)], &s.staff)
        .await;
    assert_eq!(staff_signs.status, StatusCode::FORBIDDEN);
    let co_sends = app.post_as(WORK, &[("action", "send")], &s.co).await;
    assert_eq!(co_sends.status, StatusCode::FORBIDDEN);
    let signed = app
        .post_as(WORK, &[("action", "sign"), ("version", &version)], &s.co)
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    let sent = app.post_as(WORK, &[("action", "send")], &s.staff).await;
    assert_eq!(sent.header("location"), format!("{PLAN}?gedaan=plan_sent"));
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.phase, Phase::Feedback);
    // The author left an address: told once, through the outbox, and the
    // mail reaches them with the plan's address.
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'bewoner@test.nl'"
        )
        .await,
        1
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let mut received = smtp_sink(listener).await;
    let mailer = Mailer::new(&smtp, "Trechter <noreply@teststad.nl>").unwrap();
    assert_eq!(deliver_due(&app.db, &mailer, Utc::now()).await.unwrap(), 1);
    let message = received.recv().await.unwrap();
    assert!(message.contains("To: bewoner@test.nl"));
    let text = body_text(&message);
    assert!(
        text.contains("https://inspraak.teststad.nl/ronde/ronde-1/plan"),
        "{text}"
    );
    assert!(text.contains("Wat vind je ervan?") && text.contains("What do you think?"));
    // Every mail ends with the address's own stop link, in both languages.
    assert_eq!(
        text.matches("https://inspraak.teststad.nl/mail-stoppen/")
            .count(),
        2,
        "{text}"
    );

    // Everyone reads the plan: the item, its source, the signature, the
    // children's-rights check, and the reason a cluster was left out.
    let public = app.get(PLAN).await;
    assert_eq!(public.status, StatusCode::OK);
    for text in [
        "Zwemles voor elk kind",
        "Zwemmen",
        "gemaakt samen met ervaringsdeskundigen: Ahmed",
        "Spelen, sport en vrije tijd",
        "Wegen zijn van de provincie.",
    ] {
        assert!(public.body.contains(text), "{text}");
    }
    let item_id = hidden(&public.body, "item");

    // A reaction needs a stance; nothing is kept without one.
    let no_stance = app
        .post(PLAN, &[("item", &item_id), ("group", "resident")], &[])
        .await;
    assert_eq!(no_stance.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_stance.body.contains("Kies eens, deels eens of oneens"));
    // Nobody can choose to count as an experience expert.
    let pretend = app
        .post(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "agree"),
                ("group", "experience_expert"),
            ],
            &[],
        )
        .await;
    assert_eq!(pretend.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM reactions").await, 0);

    // A newcomer reacts without an account, then changes their mind.
    let reacted = app
        .post(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "agree"),
                ("group", "young_person"),
                ("why", "Zwemmen is belangrijk."),
            ],
            &[],
        )
        .await;
    assert_eq!(reacted.status, StatusCode::SEE_OTHER);
    let newcomer = reacted
        .cookie("trechter_code")
        .expect("a participant cookie");
    let again = app
        .post_as(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "disagree"),
                ("group", "young_person"),
            ],
            &newcomer,
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(again.cookie("trechter_code").is_none());
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM reactions").await, 1);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM reactions WHERE stance = 'disagree'"
        )
        .await,
        1
    );
    // A signed-in experience expert counts as one, whatever they choose.
    let expert = app
        .post_as(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "partly"),
                ("group", "resident"),
            ],
            &s.co,
        )
        .await;
    assert_eq!(expert.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM reactions WHERE reaction_group = 'experience_expert'"
        )
        .await,
        1
    );
    // A resident without an account who ticks "uit eigen ervaring" counts
    // as an experience expert too, as on the idea form.
    let lived = app
        .post(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "agree"),
                ("group", "professional"),
                ("lived_experience", "yes"),
            ],
            &[],
        )
        .await;
    assert_eq!(lived.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM reactions WHERE reaction_group = 'experience_expert'"
        )
        .await,
        2
    );
    // Three reactions: fewer than five people, so no result and no "why"
    // texts yet (the small-group rule); one's own reaction still shows.
    let results = app.get_as(PLAN, &newcomer).await;
    assert!(results.body.contains("Jouw reactie nu: Oneens"));
    assert!(results.body.contains("Minder dan 5 reacties"));
    assert!(!results.body.contains("3 reacties"));
    assert!(!results.body.contains("<q>Zwemmen is belangrijk.</q>"));
    assert!(
        !results.body.contains("(50%)"),
        "no percentages below n = 10"
    );

    // The author sees what became of their idea.
    let mine = app.get_as("/mijn", &s.author).await;
    assert!(mine.body.contains("Je idee zit in het plan"));
    assert!(mine.body.contains("Punt 1: Zwemles voor elk kind"));

    // Publishing needs every item concluded.
    let too_soon = app.post_as(WORK, &[("action", "publish")], &s.staff).await;
    assert_eq!(too_soon.status, StatusCode::CONFLICT);
    let work = app.get_as(WORK, &s.staff).await;
    let conclude_at = work.body.find("value=\"conclude\"").unwrap();
    let item_version = hidden(&work.body[conclude_at..], "version");
    let co_concludes = app.post_as(WORK, &[("action", "conclude")], &s.co).await;
    assert_eq!(co_concludes.status, StatusCode::FORBIDDEN);
    let no_note = app
        .post_as(
            WORK,
            &[
                ("action", "conclude"),
                ("item", &item_id),
                ("version", &item_version),
                ("outcome", "changed"),
                ("final_title", "Zwemles voor elk kind, ook in de vakantie"),
                ("final_description", "Ook in de zomervakantie."),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    let concluded = app
        .post_as(
            WORK,
            &[
                ("action", "conclude"),
                ("item", &item_id),
                ("version", &item_version),
                ("outcome", "changed"),
                ("final_title", "Zwemles voor elk kind, ook in de vakantie"),
                ("final_description", "Ook in de zomervakantie."),
                ("note", "Jongeren vroegen om de vakantie."),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(
        concluded.status,
        StatusCode::SEE_OTHER,
        "{}",
        concluded.body
    );
    let published = app.post_as(WORK, &[("action", "publish")], &s.staff).await;
    assert_eq!(
        published.header("location"),
        format!("{PLAN}?gedaan=plan_published")
    );
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.phase, Phase::Closed);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'bewoner@test.nl'"
        )
        .await,
        2
    );
    // That was the last mail about the round: the address is gone.
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM participant_contacts").await,
        0
    );
    let final_plan = app.get(PLAN).await;
    for text in [
        "Het eindplan",
        "Eerste versie",
        "Eindversie",
        "Jongeren vroegen om de vakantie.",
    ] {
        assert!(final_plan.body.contains(text), "{text}");
    }
    // Reacting is over.
    let late = app
        .post_as(
            PLAN,
            &[
                ("item", &item_id),
                ("stance", "agree"),
                ("group", "resident"),
            ],
            &newcomer,
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);

    // Progress: staff report it; it shows on the challenge's timeline.
    let empty = app
        .post_as(
            "/beheer/voortgang",
            &[("item", &item_id), ("status", "in_progress"), ("note", " ")],
            &s.staff,
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let progress = app
        .post_as(
            "/beheer/voortgang",
            &[
                ("item", &item_id),
                ("status", "in_progress"),
                ("note", "Drie scholen geven zwemles."),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(progress.status, StatusCode::SEE_OTHER, "{}", progress.body);
    let timeline = app.get("/voortgang/armoedevrij").await;
    assert!(timeline.body.contains("Drie scholen geven zwemles."));
    // The author follows it: the final item and its newest progress, on
    // "Mijn inbreng" and on the receipt.
    for page in ["/mijn", receipt.as_str()] {
        let followed = app.get_as(page, &s.author).await;
        for text in [
            "Punt 1: Zwemles voor elk kind, ook in de vakantie",
            "Bezig",
            "Drie scholen geven zwemles.",
        ] {
            assert!(followed.body.contains(text), "{page}: {text}");
        }
    }
    assert!(
        timeline
            .body
            .contains("Zwemles voor elk kind, ook in de vakantie")
    );
}

/// A partner reports progress only on items of their own organisation.
async fn partners_report_on_their_own_items_only(db: Db) {
    let app = TestApp::new(db).await;
    let s = funnelled(&app).await;
    let partner = app.account(Role::Partner, "piet@test.nl", "Piet").await;
    let partner = app.session_for(partner).await;
    let item = app
        .post_as(
            WORK,
            &[
                ("action", "item"),
                ("title", "Zwemles"),
                ("description", "Gratis."),
                ("cluster", &s.clusters[0].to_string()),
            ],
            &s.staff,
        )
        .await;
    assert_eq!(item.status, StatusCode::SEE_OTHER);
    let item_id = count(&app.db, "SELECT MIN(id) FROM plan_items")
        .await
        .to_string();
    let refused = app
        .post_as(
            "/beheer/voortgang",
            &[("item", &item_id), ("status", "done"), ("note", "Klaar.")],
            &partner,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Not published yet: staff cannot report either.
    let unpublished = app
        .post_as(
            "/beheer/voortgang",
            &[("item", &item_id), ("status", "done"), ("note", "Klaar.")],
            &s.staff,
        )
        .await;
    assert_eq!(unpublished.status, StatusCode::CONFLICT);
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM progress_updates").await,
        0
    );
}

/// The phase form cannot skip the plan: sending out goes through the same
/// readiness check, and closing needs the final plan published.
async fn the_phase_form_respects_the_plan(db: Db) {
    let app = TestApp::new(db).await;
    let s = funnelled(&app).await;
    let phase = format!("/beheer/ronde/{ROUND}/fase");
    let not_ready = app.post_as(&phase, &[("to", "feedback")], &s.staff).await;
    assert_eq!(not_ready.status, StatusCode::CONFLICT);
    assert!(not_ready.body.contains("nog geen planpunten"));
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.phase, Phase::Funnelling);
}

/// An idea in no theme and not set aside: the workspace names it with a
/// link to where it waits, and the plan does not go out until it has an
/// answer (the store checks it again, whatever the page showed).
async fn an_idea_without_an_answer_keeps_the_plan_in(db: Db) {
    let app = TestApp::new(db).await;
    let s = funnelled(&app).await;
    let round_id = app.round_id(ROUND).await;
    let roads_idea: i64 = store::idea::counted_texts(&app.db, round_id, "")
        .await
        .unwrap()
        .into_iter()
        .find(|(_, text, _)| text.contains("snelweg"))
        .map(|(id, _, _)| id)
        .unwrap();
    let staff_id = scalar(
        &app.db,
        "SELECT id FROM accounts WHERE email = 'sanne@test.nl'",
    )
    .await;
    let move_to = |version, destination| {
        store::cluster::place(
            &app.db,
            round_id,
            vec![Seen {
                idea_id: roads_idea,
                version,
            }],
            destination,
            staff_id,
            Utc::now(),
        )
    };
    move_to(1, Destination::Unplaced).await.unwrap();
    let swim = s.clusters[0].to_string();
    let roads = s.clusters[1].to_string();
    for form in [
        vec![
            ("action", "item"),
            ("title", "Zwemles"),
            ("description", "Gratis."),
            ("cluster", &swim),
        ],
        vec![
            ("action", "left_out"),
            ("cluster", &roads),
            ("reason", "Van de provincie."),
        ],
    ] {
        let done = app.post_as(WORK, &form, &s.staff).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    }
    let page = app.get_as(WORK, &s.co).await;
    let version = hidden(
        &page.body[page.body.find("value=\"sign\"").unwrap()..],
        "version",
    );
    let signed = app
        .post_as(WORK, &[("action", "sign"), ("version", &version)], &s.co)
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);

    // Staff see which idea is missing, linked to its place in the workspace.
    let work = app.get_as(WORK, &s.staff).await;
    assert!(
        work.body.contains("1 idee heeft nog geen antwoord"),
        "{}",
        work.body
    );
    let link = format!("/ronde/ronde-1/trechter#kies-idee-{roads_idea}");
    assert!(
        work.body.contains(&link),
        "a link to the idea: {}",
        work.body
    );
    assert!(work.body.contains("Een nieuwe snelweg naar de stad."));
    let funnel = app.get_as("/ronde/ronde-1/trechter", &s.staff).await;
    assert!(
        funnel
            .body
            .contains(&format!("id=\"kies-idee-{roads_idea}\"")),
        "the link has a target"
    );

    let refused = app.post_as(WORK, &[("action", "send")], &s.staff).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .body
            .contains("Nog niet elk idee heeft een antwoord"),
        "{}",
        refused.body
    );
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.phase, Phase::Funnelling, "nothing changed");
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox").await, 0);

    // Set aside with a reason, it has an answer: the plan goes out.
    let aside = cluster::set_aside("other", "Dit gaat over wegen, niet over armoede.").unwrap();
    move_to(2, Destination::SetAside(aside)).await.unwrap();
    let work = app.get_as(WORK, &s.staff).await;
    assert!(!work.body.contains("nog geen antwoord"));
    assert!(
        work.body
            .contains("Het plan is klaar om naar de inwoners te sturen.")
    );

    // The item's children's-rights check is empty: staff are asked first,
    // with a second button, and nothing changes until they confirm.
    let asked = app.post_as(WORK, &[("action", "send")], &s.staff).await;
    assert_eq!(asked.status, StatusCode::CONFLICT);
    assert!(
        asked
            .body
            .contains("Bij punt 1 is de kinderrechtentoets nog niet ingevuld."),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("name=\"confirm\" value=\"yes\""));
    assert!(asked.body.contains("Toch naar de inwoners sturen"));
    let round = store::round::by_slug(&app.db, ROUND)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(round.phase, Phase::Funnelling, "asking changes nothing");
    let sent = app
        .post_as(WORK, &[("action", "send"), ("confirm", "yes")], &s.staff)
        .await;
    assert_eq!(sent.header("location"), format!("{PLAN}?gedaan=plan_sent"));
    // Its sender reads the reason and staff's own words.
    let mine = app.get_as("/mijn", &s.roads_author).await;
    assert!(
        mine.body.contains(
            "Je idee is apart gezet. De reden: Iets anders. Onze uitleg: Dit gaat over wegen, niet over armoede."
        ),
        "{}",
        mine.body
    );
}

test_on_both_engines!(
    the_plan_goes_from_writing_to_final,
    an_idea_without_an_answer_keeps_the_plan_in,
    partners_report_on_their_own_items_only,
    the_phase_form_respects_the_plan,
);
