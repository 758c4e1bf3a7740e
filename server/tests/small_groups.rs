//! The small-group sweep, on SQLite and PostgreSQL: a round where one
//! experience expert takes part among residents (one idea, one support, a
//! reaction with a "why" on every item) goes through feedback to closed,
//! and every public page of the round and its challenge, every export file
//! and every API answer is read, by a resident and by staff. Nowhere may a
//! group of fewer than five people show, not by name, not in a total, and
//! not as what is left when the groups shown are taken from the total.
//!
//! The pages, files and API paths come from the code's own tables
//! (`PAGES`, `export::FILES`, `api::PATHS`): a new one is swept without
//! being added here, and a new export or API answer with reaction numbers
//! in a shape this test does not read fails, naming it.

mod common;

use app::open_data::api::PATHS;
use app::open_data::export::FILES;
use app::web::access::{PAGES, Rule};
use axum::http::StatusCode;
use chrono::Utc;
use common::{ROUND, TestApp};
use domain::cluster::{self, Destination, Seen};
use domain::{Phase, Role};
use serde_json::Value;
use std::collections::BTreeMap;
use store::{Db, test_on_both_engines};

const CHALLENGE: &str = "armoedevrij";
const PLAN: &str = "/ronde/ronde-1/plan";
const WORK: &str = "/ronde/ronde-1/plan/werk";
/// In the expert's "why" texts: must never show next to their group.
const EXPERT_WHY: &str = "Als ervaringsdeskundige weet ik";
/// The expert's name as pages and files call the group.
const EXPERT_NAMES: &[&str] = &["Ervaringsdeskundige", "experience_expert"];
const MIN: i64 = 5;

struct World {
    staff: String,
    expert: String,
    residents: Vec<String>,
}

/// Seven residents and one experience expert send an idea each; the
/// expert supports one; all ideas go into one theme; three plan items go
/// out for feedback.
async fn round_in_feedback(app: &TestApp) -> World {
    let mut residents = Vec::new();
    for i in 0..7 {
        let sent = app
            .send_idea(&format!("Zwemles voor kinderen, idee nummer {i}."), "")
            .await;
        assert!(sent.status.is_redirection(), "{}", sent.body);
        residents.push(sent.cookie("trechter_code").expect("a participant"));
    }
    let expert_id = app
        .account(Role::ExperienceExpert, "eva@test.nl", "Eva")
        .await;
    let expert = app.session_for(expert_id).await;
    let sent = app
        .send_idea(
            "Zwemles die ouders niets kost, uit eigen ervaring.",
            &expert,
        )
        .await;
    assert!(sent.status.is_redirection(), "{}", sent.body);
    let round_id = app.round_id(ROUND).await;
    let ideas: Vec<i64> = store::idea::counted_texts(&app.db, round_id, "")
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(ideas.len(), 8);
    let supported = app
        .post_as(
            &format!("/ronde/{ROUND}/steun"),
            &[("idea", &ideas[0].to_string()), ("action", "add")],
            &expert,
        )
        .await;
    assert!(supported.status.is_redirection(), "{}", supported.body);

    let staff_id = app.account(Role::Staff, "sanne@test.nl", "Sanne").await;
    let staff = app.session_for(staff_id).await;
    let now = Utc::now();
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
    let seen = ideas
        .iter()
        .map(|&idea_id| Seen {
            idea_id,
            version: 0,
        })
        .collect();
    let placed = store::cluster::place(
        &app.db,
        round_id,
        seen,
        Destination::NewCluster(cluster::cluster_text("Zwemmen", "").unwrap()),
        staff_id,
        now,
    )
    .await
    .unwrap();
    let store::cluster::Changed::Done {
        cluster_id: Some(cluster),
    } = placed
    else {
        panic!("placed: {placed:?}");
    };
    for title in ["Zwemles op school", "Zwemles in de zomer", "Een zwembadpas"] {
        let written = app
            .post_as(
                WORK,
                &[
                    ("action", "item"),
                    ("title", title),
                    ("description", "Voor elk kind."),
                    ("cluster", &cluster.to_string()),
                ],
                &staff,
            )
            .await;
        assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    }
    // No children's-rights check was filled in: sent after the question.
    let sent = app
        .post_as(WORK, &[("action", "send"), ("confirm", "yes")], &staff)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    World {
        staff,
        expert,
        residents,
    }
}

async fn react(app: &TestApp, cookie: &str, item: i64, group: &str, stance: &str, why: &str) {
    let item = item.to_string();
    let fields = [
        ("item", item.as_str()),
        ("stance", stance),
        ("group", group),
        ("why", why),
    ];
    let r = app.post_as(PLAN, &fields, cookie).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Item 1: six residents and the expert (7). Item 2: two residents and
/// the expert (3 in all). Item 3: six residents, three young people, two
/// professionals and the expert (12).
async fn reactions(app: &TestApp, w: &World) -> [i64; 3] {
    let items: Vec<i64> = store::plan::load(&app.db, app.round_id(ROUND).await)
        .await
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    let [one, two, three] = items[..] else {
        panic!("three items: {items:?}");
    };
    let stances = ["agree", "agree", "partly", "disagree", "agree", "agree"];
    for (i, resident) in w.residents.iter().take(6).enumerate() {
        let why = format!("Inwoner {i} vindt zwemmen goed.");
        react(app, resident, one, "resident", stances[i], &why).await;
        react(app, resident, three, "resident", stances[i], &why).await;
    }
    for resident in &w.residents[..2] {
        react(app, resident, two, "resident", "agree", "").await;
    }
    for item in [one, two, three] {
        let why = format!("{EXPERT_WHY} dat het op punt {item} anders moet.");
        react(app, &w.expert, item, "resident", "disagree", &why).await;
    }
    for (group, people) in [("young_person", 3), ("professional", 2)] {
        for i in 0..people {
            let why = format!("Als {group} {i} denk ik mee.");
            react(app, "", three, group, "partly", &why).await;
        }
    }
    [one, two, three]
}

/// The plain text of an HTML fragment: tags out, whitespace folded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of `html` between `open` and the next `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .map(|rest| rest.split(close).next().unwrap_or(""))
        .collect()
}

/// The first whole number in a cell ("12 (50%)" → 12), or `None` for a
/// cell without one ("minder dan 5").
fn first_number(cell: &str) -> Option<i64> {
    cell.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}

/// Checks one split of a total: every group shown has five or more, the
/// total is not 1 to 4, and the total minus the groups shown is 0 or five
/// or more.
fn check_split(what: &str, total: Option<i64>, groups: &[(String, i64)]) {
    for (label, n) in groups {
        assert!(*n >= MIN, "{what}: group {label} of {n} shown");
    }
    let Some(total) = total else { return };
    assert!(
        total == 0 || total >= MIN,
        "{what}: a total of {total} shown"
    );
    let left = total - groups.iter().map(|(_, n)| n).sum::<i64>();
    assert!(
        left == 0 || left >= MIN,
        "{what}: {total} minus {groups:?} gives away a group of {left}"
    );
}

/// Every number-bearing part of a page: reaction tables (per item), the
/// dashboard's charts, the ideas per group behind a plan item, and the
/// "why" texts.
fn check_page(what: &str, body: &str) {
    // Reaction tables: a row per group, "Iedereen" is everyone, n last.
    for table in between(body, "<table class=\"result-table\">", "</table>") {
        let bodies = between(table, "<tbody", "</tbody>");
        for (i, rows) in bodies.iter().enumerate() {
            let mut total = None;
            let mut groups = Vec::new();
            for row in between(rows, "<tr", "</tr>") {
                let Some(label) = between(row, "<th scope=\"row\">", "</th>")
                    .first()
                    .map(|l| text(l))
                else {
                    continue;
                };
                let cells: Vec<String> = between(row, "<td", "</td>")
                    .iter()
                    .map(|c| text(&format!("<td{c}")))
                    .collect();
                let n = cells.last().and_then(|c| first_number(c));
                assert!(
                    !EXPERT_NAMES.contains(&label.as_str()),
                    "{what}: the experts' row is shown"
                );
                if label == "Iedereen" || label == "Everyone" {
                    total = n;
                    assert!(
                        n.is_some() || cells.iter().any(|c| c.contains("minder dan 5")),
                        "{what}: everyone's row without a number or 'fewer than 5'"
                    );
                } else {
                    groups.push((label, n.expect("a group row has its n")));
                }
            }
            check_split(&format!("{what} table {i}"), total, &groups);
        }
    }
    // The dashboard's charts: their data tables, with n at the foot (the
    // funnel's steps are ideas, nested, not a split of people).
    for table in between(body, "<details class=\"chart-data\">", "</details>") {
        if table.contains(">Stap<") || table.contains(">Step<") {
            continue;
        }
        let foot = between(table, "<tfoot>", "</tfoot>");
        let total = foot.first().and_then(|f| first_number(&text(f)));
        let mut groups = Vec::new();
        for row in between(table, "<tbody>", "</tbody>")
            .first()
            .map(|b| between(b, "<tr>", "</tr>"))
            .unwrap_or_default()
        {
            let label = between(row, "<th scope=\"row\">", "</th>")
                .first()
                .map(|l| text(l))
                .unwrap_or_default();
            let count = between(row, "<td>", "</td>")
                .first()
                .and_then(|c| first_number(c));
            groups.push((label, count.expect("a count")));
        }
        check_split(&format!("{what} chart"), total, &groups);
    }
    // The ideas behind a plan item, per group: never the expert's group.
    for sources in between(body, "<details class=\"sources\"", "</details>") {
        for name in EXPERT_NAMES {
            assert!(!sources.contains(name), "{what}: {name} behind an item");
        }
    }
    // A "why" text never carries the expert's group.
    for why in between(body, "<ul class=\"whys\">", "</ul>") {
        for li in between(why, "<li>", "</li>") {
            if li.contains(EXPERT_WHY) {
                for name in EXPERT_NAMES {
                    assert!(
                        !li.contains(name),
                        "{what}: the expert's why is named: {li}"
                    );
                }
            }
        }
    }
}

/// Reaction counts in open data, as records (JSON objects or CSV lines):
/// those with an item, a group and an n. Per item: the groups shown
/// against everyone.
fn check_reaction_records(what: &str, records: &[BTreeMap<String, String>]) {
    // Per item: everyone's n, and the groups shown with theirs.
    type Shown = (Option<i64>, Vec<(String, i64)>);
    let mut per_item: BTreeMap<String, Shown> = BTreeMap::new();
    for r in records {
        let (Some(item), Some(group), Some(n)) = (r.get("item"), r.get("group"), r.get("n")) else {
            continue;
        };
        let n: i64 = n.parse().unwrap_or_else(|_| panic!("{what}: n {n}"));
        let entry = per_item.entry(item.clone()).or_default();
        if group == "all" {
            entry.0 = Some(n);
        } else {
            assert!(
                !EXPERT_NAMES.contains(&group.as_str()),
                "{what}: experts shown"
            );
            entry.1.push((group.clone(), n));
        }
    }
    for (item, (total, groups)) in &per_item {
        assert!(
            total.is_some(),
            "{what}: item {item} has groups but no total"
        );
        check_split(&format!("{what} item {item}"), *total, groups);
    }
}

/// Every JSON object anywhere in `value`, flattened to text fields.
fn json_records(value: &Value, out: &mut Vec<BTreeMap<String, String>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_records(v, out)),
        Value::Object(fields) => {
            out.push(
                fields
                    .iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            );
            fields.values().for_each(|v| json_records(v, out));
        }
        _ => {}
    }
}

fn csv_records(body: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = body.trim_start_matches('\u{feff}').split("\r\n");
    let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    // Only the counted files are read as records; texts with commas or
    // line breaks in other files do not matter here.
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Open data: no "why" text anywhere, reaction counts under the rule.
fn check_open_data(what: &str, body: &str, records: &[BTreeMap<String, String>]) {
    assert!(
        !body.contains(EXPERT_WHY),
        "{what}: a why text in open data"
    );
    assert!(!body.contains("vindt zwemmen goed"), "{what}: a why text");
    let counted = records
        .iter()
        .filter(|r| r.contains_key("n") && r.contains_key("group"))
        .count();
    if counted > 0 {
        check_reaction_records(what, records);
    }
    // A record with stances that this test cannot place is a new shape
    // of reaction numbers: read it here before it ships.
    for r in records {
        if r.contains_key("agree") {
            assert!(
                r.contains_key("n") && r.contains_key("group") && r.contains_key("item"),
                "{what}: stance counts in a shape this sweep does not check: {r:?}"
            );
        }
    }
}

/// Everything public about the round and its challenge, read by a
/// resident and by staff. Returns how many answers were checked.
async fn sweep(app: &TestApp, w: &World) -> usize {
    let mut checked = 0;
    for cookie in ["", w.staff.as_str()] {
        for (path, rule) in PAGES {
            if !matches!(rule, Rule::Public)
                || !path.contains("{slug}")
                || path.matches('{').count() > 1
            {
                continue;
            }
            // Challenge pages take the challenge's slug, the rest the round's.
            let challenge = path.starts_with("/inzicht/") || path.starts_with("/voortgang/");
            let url = path.replace("{slug}", if challenge { CHALLENGE } else { ROUND });
            let page = app.get_as(&url, cookie).await;
            // A page that is not open in this phase has nothing to show.
            let numbers = ["/plan", "/verslag", "/inzicht/", "/voortgang/"];
            if numbers.iter().any(|n| path.contains(n)) {
                assert_eq!(page.status, StatusCode::OK, "{url}");
            }
            check_page(&url, &page.body);
            checked += 1;
        }
        for (file, _) in FILES {
            for extension in ["csv", "json"] {
                let url = format!("/ronde/{ROUND}/export/{file}.{extension}");
                let r = app.get_as(&url, cookie).await;
                assert_eq!(r.status, StatusCode::OK, "{url}");
                let records = if extension == "csv" {
                    csv_records(&r.body)
                } else {
                    let mut out = Vec::new();
                    json_records(&serde_json::from_str(&r.body).expect("JSON"), &mut out);
                    out
                };
                check_open_data(&url, &r.body, &records);
                checked += 1;
            }
        }
        // The OpenAPI description names the fields; it holds no data.
        for path in PATHS.iter().filter(|p| !p.ends_with("openapi.json")) {
            let url = format!(
                "{}?per_page=100",
                path.replace("{round}", ROUND)
                    .replace("{challenge}", CHALLENGE)
            );
            let r = app.get_as(&url, cookie).await;
            assert_eq!(r.status, StatusCode::OK, "{url}");
            let mut records = Vec::new();
            json_records(&serde_json::from_str(&r.body).expect("JSON"), &mut records);
            check_open_data(&url, &r.body, &records);
            checked += 1;
        }
    }
    checked
}

async fn no_small_group_shows_anywhere(db: Db) {
    let app = TestApp::new(db).await;
    let w = round_in_feedback(&app).await;
    let [one, two, three] = reactions(&app, &w).await;

    // The plan while feedback runs: what a reader sees, item by item.
    let plan = app.get(PLAN).await;
    let item = |id: i64| {
        let start = plan
            .body
            .find(&format!("id=\"punt-{id}\""))
            .expect("the item");
        let rest = &plan.body[start..];
        rest[..rest.find("<section").unwrap_or(rest.len())].to_owned()
    };
    // 6 residents + 1 expert: residents go with the expert, only everyone
    // shows; the expert's text shows without a group.
    let first = item(one);
    assert!(first.contains("7 reacties"), "{first}");
    assert!(first.contains(EXPERT_WHY));
    assert!(!first.contains("<th scope=\"row\">Inwoner</th>"));
    // 3 in all: fewer than five, no result and no texts at all.
    let second = item(two);
    assert!(second.contains("Minder dan 5 reacties"), "{second}");
    assert!(!second.contains(EXPERT_WHY) && !second.contains("result-table"));
    // 6 residents shown; the others (3 + 2 + 1) together.
    let third = item(three);
    assert!(third.contains("<th scope=\"row\">Inwoner</th>"), "{third}");
    assert!(third.contains("Andere groepen samen"));

    let during = sweep(&app, &w).await;

    // Staff conclude every item and publish: the round is closed.
    let work = app.get_as(WORK, &w.staff).await;
    let forms: Vec<(String, String)> = work
        .body
        .split("value=\"conclude\"")
        .skip(1)
        .map(|form| {
            let field = |name: &str| {
                form.split(&format!("name=\"{name}\" value=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap()
                    .to_owned()
            };
            (field("item"), field("version"))
        })
        .collect();
    assert_eq!(forms.len(), 3, "a conclude form per item");
    for (item, version) in &forms {
        let concluded = app
            .post_as(
                WORK,
                &[
                    ("action", "conclude"),
                    ("item", item),
                    ("version", version),
                    ("outcome", "kept"),
                    ("final_title", "Zwemles voor elk kind"),
                    ("final_description", "Voor elk kind."),
                    ("note", "We houden het zo."),
                ],
                &w.staff,
            )
            .await;
        assert_eq!(
            concluded.status,
            StatusCode::SEE_OTHER,
            "{}",
            concluded.body
        );
    }
    let published = app.post_as(WORK, &[("action", "publish")], &w.staff).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let closed = sweep(&app, &w).await;
    assert!(during >= 40 && closed == during, "{during} {closed}");
}

test_on_both_engines!(no_small_group_shows_anywhere);
