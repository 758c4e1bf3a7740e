//! "Residents' words stay words", as a class: an attack on every form, read
//! back on every page, export and API answer, by every kind of person.
//!
//! On the demo, each person (anonymous resident, resident with a code,
//! partner, both co-moderators, staff, admin) walks every page they can
//! reach, and sends every form they find with a payload in every field a
//! person types in: one that tries each context the renderer must escape
//! (text, attribute, `</textarea>`, `</title>`, `</style>`, `</script>`,
//! `</noscript>`, a `javascript:` link, `<meta http-equiv>`). Then everyone
//! walks every page again, and every export and API answer is fetched.
//! Each HTML answer is parsed as a browser does: no element or attribute
//! may have come from a payload.
//!
//! The forms are found on the pages, not listed here, so a new field is
//! attacked without anyone adding it. A route in `PAGES`, a feature's `FORMS` or
//! `DATA_ROUTES` that the walk never reached fails the test by name.

mod common;

use app::web::access::{DATA_ROUTES, PAGES};
use app::web::forms;
use axum::http::StatusCode;
use common::{TestApp, TestResponse};
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use store::{Db, test_on_both_engines};

/// Tries every context. `x-p` is the element and `data-xp` the attribute
/// that may never appear in a parsed page. The number tells which
/// submission it came from.
fn payload(n: usize) -> String {
    format!(
        "Zz{n}\"'><x-p data-xp={n}>y</x-p></textarea></title></style></script></noscript>\
         <x-p data-xp={n}></x-p><meta http-equiv=refresh content=\"0;url=/xp{n}\">\
         <a href=\"javascript:alert({n})\" data-xp={n}>z</a> einde"
    )
}

/// The payload for short fields (names, titles): the attribute and title
/// contexts in under 40 characters.
fn short_payload(n: usize) -> String {
    format!("Zz{n}\"'</title><x-p data-xp={n}>")
}

/// The demo's people, in the order they send their forms: staff and admin
/// last, so that what they do to rounds and accounts comes after the rest.
const PEOPLE: &[(&str, Option<&str>)] = &[
    ("anonymous", None),
    ("resident", None),
    ("partner", Some("partner@berkeloord.example")),
    ("co_moderator", Some("ervaring@berkeloord.example")),
    ("co_moderator_round_2", Some("ervaring2@berkeloord.example")),
    ("staff", Some("regisseur@berkeloord.example")),
    ("admin", Some("beheer@berkeloord.example")),
];

/// The demo resident's receipt code.
const RESIDENT: &str = "trechter_code=BERKE-VRAAG";

/// Where each walk starts: one address for every page pattern the links
/// may not lead to by themselves.
const SEEDS: &[&str] = &[
    "/",
    "/mijn",
    "/privacy",
    "/toegankelijkheid",
    "/mail-stoppen/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "/inloggen",
    "/account",
    "/account/tweestaps",
    "/beheer",
    "/beheer/accounts",
    "/beheer/uitnodigen",
    "/beheer/instellingen",
    "/beheer/logboek",
    "/beheer/opgaven",
    "/beheer/opgaven/nieuw",
    "/beheer/opgave/armoedevrij-2040",
    "/beheer/opgave/armoedevrij-2040/ronde",
    "/beheer/ronde/ronde-1-wat-is-nodig",
    "/beheer/ronde/ronde-1-wat-is-nodig/bewerken",
    "/beheer/ronde/ronde-3-werk-dat-loont",
    "/beheer/voortgang",
    "/ronde/ronde-1-wat-is-nodig",
    "/ronde/ronde-1-wat-is-nodig/moderatie",
    "/ronde/ronde-1-wat-is-nodig/papier",
    "/ronde/ronde-2-kinderen-en-jongeren/moderatie",
    "/ronde/ronde-2-kinderen-en-jongeren/trechter",
    "/ronde/ronde-2-kinderen-en-jongeren/plan/werk",
    "/ronde/jongeren-en-geld/plan/werk",
    "/ronde/schulden-voorkomen/plan",
    "/ronde/rondkomen-2025/plan",
    "/ronde/rondkomen-2025/verslag",
    "/ronde/schulden-voorkomen/verslag",
    "/ronde/rondkomen-2025/export",
    "/droom/ronde-1-wat-is-nodig",
    "/voortgang/armoedevrij-2040",
    "/inzicht/armoedevrij-2040",
];

/// Forms that are not sent, each with why. None of them has a field a
/// person types text in (checked), so no field goes unattacked.
const NOT_SENT: &[(&str, &str, &str)] = &[
    ("/uitloggen", "", "signs the walker out"),
    ("/account", "", "signs the walker out everywhere"),
    (
        "/mijn/vergeten",
        "",
        "forgets the walker's code on this device",
    ),
];

/// Forms sent after all the others, each with why.
const LAST: &[(&str, &str)] = &[
    (
        "/beheer/ronde/{slug}/fase",
        "moves a round to another phase: the forms of its phase would vanish for the walkers after",
    ),
    (
        "/mijn/intrekken",
        "withdraws the idea whose edit form is sent in the same walk",
    ),
];

/// Routes the walk cannot reach, each with why.
const NOT_REACHED: &[(&str, &str)] = &[(
    "/inloggen/code",
    "only halfway through signing in with a second factor; its one field is a six-digit code",
)];

/// A route with `{placeholders}` matched against a path; the route with
/// the most fixed segments wins.
fn route_of<'a>(routes: impl Iterator<Item = &'a str>, path: &str) -> Option<&'a str> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    routes
        .filter(|route| {
            let pattern: Vec<&str> = route.split('/').collect();
            pattern.len() == parts.len()
                && pattern
                    .iter()
                    .zip(&parts)
                    .all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
        })
        .max_by_key(|route| route.split('/').filter(|p| !p.starts_with('{')).count())
}

fn page_route(path: &str) -> Option<&'static str> {
    route_of(PAGES.iter().map(|(p, _)| *p), path)
}

fn form_route(path: &str) -> Option<&'static str> {
    route_of(forms().map(|f| f.path), path)
}

/// One form found on a page, ready to send.
#[derive(Clone, Debug)]
struct FoundForm {
    method: String,
    action: String,
    fields: Vec<(String, FieldKind, String)>,
    /// The submit button's name and value, if it has one.
    button: Option<(String, String)>,
    /// Sent by an island, which asks for an HTML fragment.
    fragment: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldKind {
    /// A person types text here: it gets the payload.
    Typed,
    /// Sent as the page set it (hidden fields, choices, numbers, dates).
    Given,
}

impl FoundForm {
    /// Forms of the same shape (route, fields, button) are sent once.
    fn shape(&self) -> String {
        let route = form_route(&self.action).unwrap_or(&self.action);
        let names: BTreeSet<&str> = self.fields.iter().map(|(n, _, _)| n.as_str()).collect();
        let button = self
            .button
            .as_ref()
            .map(|(n, v)| format!("{n}={v}"))
            .unwrap_or_default();
        format!(
            "{} {route} [{}] {button}",
            self.method,
            names.into_iter().collect::<Vec<_>>().join(",")
        )
    }

    fn typed_fields(&self) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(_, kind, _)| *kind == FieldKind::Typed)
            .map(|(n, _, _)| n.as_str())
            .collect()
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// A local address from a link or form action, without its fragment.
fn local(href: &str, base: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    if href.is_empty() {
        return Some(base.split('#').next().unwrap_or(base).to_owned());
    }
    if href.starts_with('/') && !href.starts_with("//") {
        return Some(href.to_owned());
    }
    if href.starts_with('?') {
        let path = base.split(['?', '#']).next().unwrap_or(base);
        return Some(format!("{path}{href}"));
    }
    None
}

/// The forms on a page, one per submit button.
fn forms_on(document: &Html, url: &str) -> Vec<FoundForm> {
    let mut found = Vec::new();
    for form in document.select(&selector("form")) {
        let method = form
            .value()
            .attr("method")
            .unwrap_or("get")
            .to_ascii_lowercase();
        let Some(action) = local(form.value().attr("action").unwrap_or(""), url) else {
            continue;
        };
        let mut fields = Vec::new();
        let mut radios_done = BTreeSet::new();
        // Controls elsewhere on the page that name this form belong to it.
        let outside: Vec<ElementRef> = match form.value().attr("id") {
            Some(id) => document
                .select(&selector(&format!("[form=\"{id}\"]")))
                .collect(),
            None => Vec::new(),
        };
        for control in form
            .select(&selector("input, textarea, select"))
            .chain(outside)
        {
            let el = control.value();
            let Some(name) = el.attr("name") else {
                continue;
            };
            let name = name.to_owned();
            match el.name() {
                "textarea" => {
                    let max = el.attr("maxlength").and_then(|m| m.parse().ok());
                    fields.push((
                        name,
                        FieldKind::Typed,
                        max.map(|m: usize| m.to_string()).unwrap_or_default(),
                    ));
                }
                "select" => {
                    let options: Vec<ElementRef> = control.select(&selector("option")).collect();
                    let chosen = options
                        .iter()
                        .find(|o| o.value().attr("selected").is_some())
                        .or_else(|| {
                            options
                                .iter()
                                .find(|o| o.value().attr("value").is_some_and(|v| !v.is_empty()))
                        })
                        .or(options.first());
                    let value = chosen
                        .map(|o| {
                            o.value()
                                .attr("value")
                                .map(str::to_owned)
                                .unwrap_or_else(|| o.text().collect())
                        })
                        .unwrap_or_default();
                    fields.push((name, FieldKind::Given, value));
                }
                _ => {
                    let value = el.attr("value").unwrap_or("").to_owned();
                    match el
                        .attr("type")
                        .unwrap_or("text")
                        .to_ascii_lowercase()
                        .as_str()
                    {
                        "hidden" => fields.push((name, FieldKind::Given, value)),
                        "submit" | "button" | "reset" | "image" | "file" => {}
                        "checkbox" => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() { "on".into() } else { value },
                        )),
                        "radio" => {
                            if radios_done.insert(name.clone()) {
                                fields.push((name, FieldKind::Given, value));
                            }
                        }
                        "number" | "range" => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() {
                                el.attr("min").unwrap_or("1").to_owned()
                            } else {
                                value
                            },
                        )),
                        "date" => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() { last_week() } else { value },
                        )),
                        "datetime-local" => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() {
                                "2027-03-15T10:00".into()
                            } else {
                                value
                            },
                        )),
                        "time" => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() {
                                "10:00".into()
                            } else {
                                value
                            },
                        )),
                        "email" => fields.push((name, FieldKind::Given, String::new())),
                        "password" => fields.push((
                            name,
                            FieldKind::Given,
                            "xp-een-lang-wachtwoord-2026".into(),
                        )),
                        _ if el.attr("inputmode") == Some("numeric") => fields.push((
                            name,
                            FieldKind::Given,
                            if value.is_empty() {
                                "2040".into()
                            } else {
                                value
                            },
                        )),
                        // text, search, url, tel and anything unknown: typed.
                        _ => {
                            let max = el.attr("maxlength").and_then(|m| m.parse().ok());
                            fields.push((
                                name,
                                FieldKind::Typed,
                                max.map(|m: usize| m.to_string()).unwrap_or_default(),
                            ));
                        }
                    }
                }
            }
        }
        let buttons: Vec<(String, String)> = form
            .select(&selector("button, input[type=submit]"))
            .filter(|b| {
                b.value()
                    .attr("type")
                    .is_none_or(|t| t.eq_ignore_ascii_case("submit"))
            })
            .filter_map(|b| {
                b.value().attr("name").map(|n| {
                    (
                        n.to_owned(),
                        b.value().attr("value").unwrap_or("").to_owned(),
                    )
                })
            })
            .collect();
        let base = FoundForm {
            method: method.clone(),
            action,
            fields,
            button: None,
            fragment: false,
        };
        if buttons.is_empty() {
            found.push(base);
        } else {
            for button in buttons {
                found.push(FoundForm {
                    button: Some(button),
                    ..base.clone()
                });
            }
        }
    }
    found
}

/// What the idea form's island sends while a resident types: the text,
/// to the address in the textarea's `data-similar`.
fn while_typing_on(document: &Html, url: &str) -> Vec<FoundForm> {
    document
        .select(&selector("textarea[data-similar]"))
        .filter_map(|el| {
            let action = local(el.value().attr("data-similar")?, url)?;
            Some(FoundForm {
                method: "post".into(),
                action,
                fields: vec![("text".into(), FieldKind::Typed, String::new())],
                button: None,
                fragment: true,
            })
        })
        .collect()
}

/// A date in the past that is still recent: a meeting's date, say.
fn last_week() -> String {
    (chrono::Utc::now() - chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string()
}

/// What in a parsed page came from a payload, if anything.
fn injected(document: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for el in document.select(&selector("*")) {
        let element = el.value();
        if element.name() == "x-p" {
            found.push(format!(
                "an <x-p> element: {}",
                el.html().chars().take(120).collect::<String>()
            ));
        }
        for (name, value) in element.attrs() {
            let value_lc = value.trim().to_ascii_lowercase();
            if name == "data-xp" {
                found.push(format!("a data-xp attribute on <{}>", element.name()));
            }
            if value_lc.starts_with("javascript:") {
                found.push(format!("a javascript: {name} on <{}>", element.name()));
            }
        }
        if element.name() == "meta" && element.attr("http-equiv").is_some() {
            found.push("a <meta http-equiv>".to_owned());
        }
        // An attribute broken out of its quotes shows up as a stray name.
        if element
            .attrs()
            .any(|(name, _)| name.contains('"') || name.contains('\'') || name == "zz")
        {
            found.push(format!("a stray attribute on <{}>", element.name()));
        }
    }
    found
}

/// The payload numbers whose text a page shows as text.
fn shown_markers(document: &Html, sent: usize) -> BTreeSet<usize> {
    let text: String = document.root_element().text().collect::<Vec<_>>().join(" ");
    let title: String = document
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    let values: String = document
        .select(&selector("input[value], textarea"))
        .map(|e| {
            e.value()
                .attr("value")
                .map(str::to_owned)
                .unwrap_or_else(|| e.text().collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let all = format!("{text} {title} {values}");
    (0..sent)
        .filter(|n| all.contains(&format!("Zz{n}\"'><x-p")) || all.contains(&format!("Zz{n}\"'>")))
        .collect()
}

struct Walk<'a> {
    app: &'a TestApp,
    cookie: String,
    who: &'static str,
    /// Addresses already fetched.
    seen: BTreeSet<String>,
    /// Addresses fetched per route pattern (a few of each is enough).
    per_route: BTreeMap<String, usize>,
}

const PER_ROUTE: usize = 6;

impl<'a> Walk<'a> {
    fn new(app: &'a TestApp, who: &'static str, cookie: String) -> Walk<'a> {
        Walk {
            app,
            cookie,
            who,
            seen: BTreeSet::new(),
            per_route: BTreeMap::new(),
        }
    }

    /// Fetches and checks an answer; returns the parsed page if it is HTML.
    async fn fetch(&mut self, url: &str, report: &mut Report) -> Option<Html> {
        let answer = self.app.get_as(url, &self.cookie).await;
        self.check(url, &answer, report)
    }

    fn check(&self, url: &str, answer: &TestResponse, report: &mut Report) -> Option<Html> {
        assert!(
            !answer.status.is_server_error(),
            "{} got {} on {url}",
            self.who,
            answer.status
        );
        let content_type = answer.header("content-type").to_owned();
        if !content_type.starts_with("text/html") {
            return None;
        }
        let document = Html::parse_document(&answer.body);
        for what in injected(&document) {
            report
                .injections
                .push(format!("{} on {url} ({}): {what}", self.who, answer.status));
        }
        report.shown.extend(shown_markers(&document, report.sent));
        if answer.status == StatusCode::OK
            && let Some(route) = page_route(url)
        {
            report.pages_seen.insert(route);
        }
        Some(document)
    }

    /// Every page reachable from the seeds, with the forms found on them.
    async fn pages(&mut self, report: &mut Report, extra: &[String]) -> Vec<FoundForm> {
        let mut queue: VecDeque<String> = SEEDS.iter().map(|s| s.to_string()).collect();
        queue.extend(extra.iter().cloned());
        let mut forms = Vec::new();
        while let Some(url) = queue.pop_front() {
            if !self.seen.insert(url.clone()) {
                continue;
            }
            // A few addresses per route and set of query names: each list
            // of the moderation page, but not every page of a list.
            let query_names: Vec<&str> = url
                .split_once('?')
                .map(|(_, q)| {
                    q.split('&')
                        .map(|kv| kv.split('=').next().unwrap_or(""))
                        .collect()
                })
                .unwrap_or_default();
            let route = format!(
                "{}?{}",
                page_route(&url).unwrap_or(&url),
                query_names.join("&")
            );
            let count = self.per_route.entry(route).or_default();
            if *count >= PER_ROUTE {
                continue;
            }
            *count += 1;
            let answer = self.app.get_as(&url, &self.cookie).await;
            if answer.status.is_redirection() {
                if let Some(next) = local(answer.header("location"), &url) {
                    queue.push_back(next);
                }
                continue;
            }
            let Some(document) = self.check(&url, &answer, report) else {
                continue;
            };
            for link in document.select(&selector("a[href]")) {
                if let Some(next) = local(link.value().attr("href").unwrap_or(""), &url)
                    && !next.starts_with("/pkg/")
                    && (page_route(&next).is_some()
                        || route_of(DATA_ROUTES.iter().map(|(p, _)| *p), &next).is_some())
                {
                    queue.push_back(next);
                }
            }
            forms.extend(forms_on(&document, &url));
            forms.extend(while_typing_on(&document, &url));
        }
        forms
    }

    /// Sends a form with the payload in every typed field; if that is
    /// refused, again with the payload in one typed field at a time and
    /// plain words in the others, so that a field which refuses markup
    /// (a first name, say) does not keep the others from being stored.
    async fn send(&mut self, form: &FoundForm, report: &mut Report) {
        let answer = self.send_with(form, None, false, report).await;
        if answer != StatusCode::UNPROCESSABLE_ENTITY {
            return;
        }
        for field in form.typed_fields() {
            let alone = self.send_with(form, Some(field), false, report).await;
            if alone == StatusCode::UNPROCESSABLE_ENTITY {
                self.send_with(form, Some(field), true, report).await;
            }
        }
    }

    async fn send_with(
        &mut self,
        form: &FoundForm,
        only: Option<&str>,
        short: bool,
        report: &mut Report,
    ) -> StatusCode {
        let n = report.sent;
        report.sent += 1;
        let text = if short { short_payload(n) } else { payload(n) };
        let mut values: Vec<(String, String)> = Vec::new();
        for (name, kind, given) in &form.fields {
            let value = match kind {
                FieldKind::Typed if only.is_some_and(|only| only != name) => {
                    if name.contains("name") {
                        "Anna".to_owned()
                    } else {
                        format!("Een gewone zin over {name}, nummer {n}")
                    }
                }
                FieldKind::Typed => match given.parse::<usize>() {
                    Ok(max) => text.chars().take(max).collect(),
                    Err(_) => text.clone(),
                },
                FieldKind::Given if given.is_empty() && name.contains("mail") => {
                    format!("xp{n}@berkeloord.example")
                }
                FieldKind::Given => given.clone(),
            };
            values.push((name.clone(), value));
        }
        if let Some((name, value)) = &form.button {
            values.push((name.clone(), value.clone()));
        }
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let answer = if form.method == "post" {
            let mut headers = vec![("cookie", self.cookie.as_str())];
            if form.fragment {
                headers.push((app::components::enhance::FRAGMENT_HEADER, "1"));
            }
            self.app.post(&form.action, &pairs, &headers).await
        } else {
            let query = serde_urlencoded::to_string(&pairs).unwrap();
            let path = form.action.split('?').next().unwrap_or(&form.action);
            self.app
                .get_as(&format!("{path}?{query}"), &self.cookie)
                .await
        };
        if let Some(route) = form_route(&form.action)
            && form.method == "post"
        {
            report.forms_sent.insert(route);
            report.typed.entry(route).or_default().extend(
                form.typed_fields()
                    .into_iter()
                    .filter(|f| only.is_none_or(|only| only == *f))
                    .map(str::to_owned),
            );
        }
        let document = self.check(&form.action, &answer, report);
        let refused = document
            .map(|d| {
                d.select(&selector(".error-summary li, .field-error"))
                    .map(|e| e.text().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default();
        report.log.push(format!(
            "{n:>3} {:<20} {}{}{} → {} {}",
            self.who,
            form.shape(),
            only.map(|f| format!(" (payload in {f} only)"))
                .unwrap_or_default(),
            if short { " (short)" } else { "" },
            answer.status,
            refused.chars().take(200).collect::<String>()
        ));
        println!("{}", report.log.last().unwrap());
        if answer.status.is_redirection()
            && let Some(next) = local(answer.header("location"), &form.action)
        {
            self.fetch(&next, report).await;
        }
        answer.status
    }
}

#[derive(Default)]
struct Report {
    sent: usize,
    injections: Vec<String>,
    shown: BTreeSet<usize>,
    pages_seen: BTreeSet<&'static str>,
    forms_sent: BTreeSet<&'static str>,
    /// Typed fields attacked, per form route.
    typed: BTreeMap<&'static str, BTreeSet<String>>,
    log: Vec<String>,
}

async fn cookie_for(app: &TestApp, db: &Db, who: &str, email: Option<&str>) -> String {
    match (who, email) {
        ("resident", _) => RESIDENT.to_owned(),
        (_, None) => String::new(),
        (_, Some(email)) => {
            let ids = store::testing::integers(
                db,
                &format!("SELECT id FROM accounts WHERE email = '{email}'"),
            )
            .await;
            app.session_for(ids[0]).await
        }
    }
}

/// The receipt of one of the demo resident's ideas in a round not over.
async fn resident_receipt(db: &Db) -> String {
    let code = domain::ReceiptCode::parse(RESIDENT.trim_start_matches("trechter_code=")).unwrap();
    let ids = store::testing::integers(
        db,
        &format!(
            "SELECT i.id FROM ideas i JOIN participants p ON p.id = i.participant_id
             JOIN rounds r ON r.id = i.round_id
             WHERE p.code_hash = '{}' AND r.phase <> 'closed' AND i.withdrawn_at IS NULL
             ORDER BY i.id",
            code.lookup_hash()
        ),
    )
    .await;
    format!("/ontvangen/{}", ids[0])
}

/// The address of a fresh invitation from the admin, as its mail holds it.
async fn invitation(db: &Db) -> String {
    let now = chrono::Utc::now();
    let admin = store::testing::integers(
        db,
        "SELECT id FROM accounts WHERE email = 'beheer@berkeloord.example'",
    )
    .await[0];
    let organisation = store::account::organisation_named(db, payload(9999), now)
        .await
        .unwrap();
    let token = domain::SecretToken::random();
    store::invite::create(
        db,
        store::invite::NewInvite {
            token_hash: token.storage_hash(),
            purpose: store::invite::Purpose::Invite,
            email: "uitgenodigd@berkeloord.example".into(),
            role: Some(domain::Role::Partner),
            organisation_id: Some(organisation),
            account_id: None,
            created_by: Some(admin),
            created_at: now,
            expires_at: now + domain::retention::INVITE_VALID,
        },
    )
    .await
    .unwrap();
    format!("/uitnodiging/{}", token.as_str())
}

async fn no_payload_becomes_markup_anywhere(db: Db) {
    server::demo::load(&db).await.unwrap();
    let app = TestApp::on(db.clone())
        .filled()
        .args(&[
            "--limit-ideas-per-participant",
            "100000",
            "--limit-ideas-per-client",
            "100000",
            "--limit-supports-per-participant",
            "100000",
            "--limit-supports-per-client",
            "100000",
            "--figures-max-age",
            "0",
        ])
        .start()
        .await;
    let mut report = Report::default();
    // An invitation's page needs its secret token, which only its mail
    // holds: one made here, for an organisation with a payload for a name.
    let invitation = invitation(&db).await;
    // A receipt shows only on the device that sent the idea: the demo
    // resident's, of an idea in a round that is not over ("mail me").
    let receipt = resident_receipt(&db).await;
    let extra = |who: &str| match who {
        "resident" => vec![invitation.clone(), receipt.clone()],
        _ => vec![invitation.clone()],
    };

    // Everyone sends every form they find, twice over: the second time
    // also reaches forms that the first made (editing one's new idea).
    let mut shapes = BTreeSet::new();
    let mut last = Vec::new();
    for (who, email) in PEOPLE.iter().chain(PEOPLE) {
        let cookie = cookie_for(&app, &db, who, *email).await;
        let mut walk = Walk::new(&app, who, cookie);
        let forms = walk.pages(&mut report, &extra(who)).await;
        for form in forms {
            let route = form_route(&form.action).unwrap_or("");
            if let Some((_, _, why)) = NOT_SENT.iter().find(|(r, button, _)| {
                *r == route
                    && form
                        .button
                        .as_ref()
                        .is_none_or(|(_, v)| v == button || button.is_empty())
            }) {
                assert!(
                    form.typed_fields().is_empty(),
                    "{route} is not sent ({why}), yet it has typed fields {:?}",
                    form.typed_fields()
                );
                continue;
            }
            if !shapes.insert(format!("{who} {}", form.shape())) {
                continue;
            }
            if LAST.iter().any(|(r, _)| *r == route) {
                last.push((*who, walk.cookie.clone(), form));
                continue;
            }
            walk.send(&form, &mut report).await;
        }
    }
    for (who, cookie, form) in last {
        Walk::new(&app, who, cookie).send(&form, &mut report).await;
    }

    // Everyone reads everything again, now with the payloads stored.
    for (who, email) in PEOPLE {
        let cookie = cookie_for(&app, &db, who, *email).await;
        let mut walk = Walk::new(&app, who, cookie);
        walk.pages(&mut report, &extra(who)).await;
    }

    // Every export and API answer: never HTML a browser would render.
    let mut data_seen = BTreeSet::new();
    let rounds = [
        "ronde-1-wat-is-nodig",
        "ronde-2-kinderen-en-jongeren",
        "schulden-voorkomen",
        "jongeren-en-geld",
        "rondkomen-2025",
    ];
    let mut data_urls = vec![
        "/api/v1/openapi.json".to_owned(),
        "/api/v1/challenges".to_owned(),
        "/api/v1/challenges/armoedevrij-2040".to_owned(),
        "/api/v1/challenges/armoedevrij-2040/rounds".to_owned(),
        "/api/v1/challenges/armoedevrij-2040/progress".to_owned(),
    ];
    for round in rounds {
        for tail in [
            "",
            "/ideas?per_page=100",
            "/clusters",
            "/plan",
            "/reactions",
            "/progress",
        ] {
            data_urls.push(format!("/api/v1/rounds/{round}{tail}"));
        }
        for (file, _) in app::open_data::export::FILES {
            for ext in ["csv", "json"] {
                data_urls.push(format!("/ronde/{round}/export/{file}.{ext}"));
            }
        }
    }
    for url in &data_urls {
        let answer = app.get(url).await;
        assert!(!answer.status.is_server_error(), "{url}: {}", answer.status);
        if let Some(route) = route_of(DATA_ROUTES.iter().map(|(p, _)| *p), url) {
            data_seen.insert(route);
        }
        let content_type = answer.header("content-type");
        assert!(!content_type.starts_with("text/html"), "{url} answers HTML");
        assert_eq!(answer.header("x-content-type-options"), "nosniff", "{url}");
        if content_type.starts_with("application/json") {
            serde_json::from_str::<serde_json::Value>(&answer.body)
                .unwrap_or_else(|e| panic!("{url} is not JSON: {e}"));
        }
    }

    println!(
        "{} forms sent; the payloads of {} were shown back as text",
        report.sent,
        report.shown.len()
    );

    // What the walk must have reached.
    let mut missing = Vec::new();
    for (route, _) in PAGES {
        if !report.pages_seen.contains(route) && !NOT_REACHED.iter().any(|(r, _)| r == route) {
            missing.push(format!(
                "page {route}: no walk reached it; add a seed in SEEDS"
            ));
        }
    }
    for form in forms() {
        let skipped = NOT_SENT.iter().any(|(r, _, _)| *r == form.path)
            || NOT_REACHED.iter().any(|(r, _)| *r == form.path);
        if !report.forms_sent.contains(form.path) && !skipped {
            missing.push(format!(
                "form {}: never found on a page and sent",
                form.path
            ));
        }
    }
    for (route, _) in DATA_ROUTES {
        if !data_seen.contains(route) {
            missing.push(format!(
                "data route {route}: not fetched; add it to the list"
            ));
        }
    }
    assert!(missing.is_empty(), "not covered:\n{}", missing.join("\n"));

    assert!(
        report.injections.is_empty(),
        "markup from a payload:\n{}",
        report.injections.join("\n")
    );
    // The attack was real: the payloads were stored and shown, as text.
    assert!(
        report.shown.len() >= 20,
        "only {} payloads came back as text; is the walk sending anything?",
        report.shown.len()
    );
}

test_on_both_engines!(no_payload_becomes_markup_anywhere);
