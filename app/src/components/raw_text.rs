//! Text inside the elements that Leptos 0.8 writes out without escaping.
//!
//! tachys 0.2.19 writes the children of `<textarea>`, `<script>`, `<style>`
//! and `<noscript>` as they are, and leptos_meta 0.8.7 writes the page
//! title as it is (upstream leptos #4730, reverted in #4819, fixed
//! differently in #4821, in releases after our pin). A resident's words
//! shown in a textarea on a staff page could close it and become a live form
//! there. So:
//!
//! - every textarea's text goes through [`textarea`];
//! - every page title goes through [`escape_title`], installed once for the
//!   whole app as the title's formatter in `shell::App`;
//! - no text from anyone goes into script, style or noscript at all.
//!
//! `server/tests/markup_stays_text.rs` holds all three: by reading the
//! source, and by an attack on every form, read back on every page.
//!
//! The escaping happens only when the server writes HTML. In the browser a
//! textarea's text becomes a text node, which needs none, and the islands
//! never hydrate a textarea's children (tachys skips raw children), so the
//! page the server sent and the one the browser builds hold the same text.

/// A textarea's text, safe to put between `<textarea>` and `</textarea>`.
pub fn textarea(text: impl Into<String>) -> String {
    let text = text.into();
    if cfg!(feature = "ssr") {
        escape(&text)
    } else {
        text
    }
}

/// The title formatter: the page's title, safe inside `<title>`.
pub fn escape_title(title: String) -> String {
    if cfg!(feature = "ssr") {
        escape(&title)
    } else {
        title
    }
}

/// Escaped for the text of an element. Quotes need nothing here: this text
/// never goes into an attribute, which tachys escapes itself.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::prelude::*;

    /// Fails if tachys starts escaping textarea children itself (an
    /// upgrade): the text would then be escaped twice.
    #[test]
    fn a_textarea_holds_the_text_once_escaped() {
        let html = view! { <textarea>{textarea("a</textarea><b>&amp;")}</textarea> }.to_html();
        assert_eq!(
            html,
            "<textarea>a&lt;/textarea&gt;&lt;b&gt;&amp;amp;</textarea>"
        );
    }

    #[test]
    fn the_raw_textarea_is_still_raw_in_this_leptos() {
        // Why this module exists; if this fails, Leptos escapes textarea
        // children now and `textarea` must stop escaping.
        let text = "a<b>".to_owned();
        let html = view! { <textarea>{text}</textarea> }.to_html();
        assert_eq!(html, "<textarea>a<b></textarea>");
    }

    /// Every `.rs` file of the app, with its path from `app/src`.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let name = path.to_string_lossy().replace('\\', "/");
                    let name = name.split("/src/").last().unwrap().to_owned();
                    out.push((name, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    /// The children of every `<tag …>…</tag>` in a view, as written.
    fn children_of<'a>(source: &'a str, tag: &str) -> Vec<&'a str> {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut found = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find(&open) {
            rest = &rest[start + open.len()..];
            // `<textarea` but not `<textareas`; a tag's name ends here.
            if !rest.starts_with([' ', '>', '\n', '/']) {
                continue;
            }
            let Some(end_of_open) = rest.find('>') else {
                break;
            };
            if rest[..end_of_open].ends_with('/') {
                continue;
            }
            let body = &rest[end_of_open + 1..];
            let Some(end) = body.find(&close) else { break };
            found.push(body[..end].trim());
            rest = &body[end..];
        }
        found
    }

    /// The rule of this module, read off the source: a new textarea, title
    /// or raw element that skips the safe path fails here by file.
    #[test]
    fn every_raw_context_in_the_app_goes_through_the_safe_path() {
        let mut wrong = Vec::new();
        for (file, source) in sources() {
            if file.ends_with("raw_text.rs") {
                continue;
            }
            for child in children_of(&source, "textarea") {
                let safe = child.is_empty()
                    || (child.starts_with("{raw_text::textarea(") && child.ends_with(")}"));
                if !safe {
                    wrong.push(format!(
                        "{file}: a textarea holds `{child}`, not raw_text::textarea(…)"
                    ));
                }
            }
            for tag in ["script", "style", "noscript"] {
                for child in children_of(&source, tag) {
                    // The island loader and the session warning are
                    // constants written by us, with no one's text.
                    let ours = ["island_scripts.rs", "session_warning.rs"];
                    if !ours.iter().any(|o| file.ends_with(o)) && !child.is_empty() {
                        wrong.push(format!("{file}: <{tag}> holds `{child}`"));
                    }
                }
            }
            if source.contains("formatter=") && !file.ends_with("shell.rs") {
                wrong.push(format!(
                    "{file}: a title formatter replaces the escaping one in shell.rs"
                ));
            }
            if source.contains("<title>") && !file.ends_with("error_page.rs") {
                wrong.push(format!("{file}: a <title> outside leptos_meta's Title"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn titles_are_escaped() {
        assert_eq!(
            escape_title("Ronde </title><meta http-equiv=refresh> & co".into()),
            "Ronde &lt;/title&gt;&lt;meta http-equiv=refresh&gt; &amp; co"
        );
    }
}
