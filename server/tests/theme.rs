//! The municipality's own look: an NL Design System token package works as
//! a theme as it is, its logo is served safely, and a theme that would
//! break WCAG AA contrast stops the start with the pair and the ratio.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use std::path::PathBuf;
use store::{Db, test_on_both_engines};

/// Installed into `end2end/node_modules` by `scripts/setup`, from npm.
fn voorbeeld_package() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../end2end/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens");
    assert!(
        path.join("dist/theme.css").is_file(),
        "the NL Design System example tokens are missing: run scripts/setup"
    );
    path
}

/// The stylesheet a page links to.
async fn stylesheet(app: &TestApp) -> String {
    let page = app.get("/").await;
    let href = page
        .body
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a stylesheet link")
        .to_owned();
    let css = app.get(&href).await;
    assert_eq!(css.status, StatusCode::OK);
    css.body
}

async fn a_token_package_from_npm_works_as_it_is(db: Db) {
    let package = voorbeeld_package();
    let app = TestApp::on(db)
        .args(&["--theme", package.to_str().unwrap()])
        .start()
        .await;
    let css = stylesheet(&app).await;
    // The example theme's link, button and header colours, resolved from
    // its var() chains; the package's 200 KB stay out of every page.
    let root = css.split('}').next().unwrap();
    assert!(root.contains("--brand:#00568b;"), "{root}");
    assert!(root.contains("--action:#5115ef;"), "{root}");
    assert!(root.contains("--header:#ffffff;"), "{root}");
    assert!(root.contains("--on-header:#001a40;"), "{root}");
    assert!(root.contains("--font:'Noto Sans', sans-serif;"), "{root}");
    assert!(root.len() < 1_000, "{} bytes of theme", root.len());
    // No logo in the package: none in the header.
    assert!(!app.get("/").await.body.contains("brand-logo"));
}

async fn without_a_theme_trechters_own_look(db: Db) {
    let app = TestApp::new(db).await;
    let css = stylesheet(&app).await;
    assert!(css.starts_with(":root{--ink:#17191c;"), "{}", &css[..80]);
    assert!(css.contains("--brand:#00566b;"));
}

async fn a_theme_folder_brings_its_logo(db: Db) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("tokens.css"),
        ".teststad-theme { --nl-link-color: #0b3d91; }",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>"#,
    )
    .unwrap();
    let app = TestApp::on(db)
        .args(&["--theme", folder.path().to_str().unwrap()])
        .start()
        .await;
    let page = app.get("/").await.body;
    let img = page
        .split("<img ")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .filter(|tag| tag.contains("class=\"brand-logo\""))
        .expect("the logo in the header");
    let src = img
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(src.starts_with("/pkg/logo.svg?v="), "{src}");
    let logo = app.get(&src).await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.header("content-type"), "image/svg+xml");
    // Opened on its own, the SVG may not run its script.
    assert_eq!(
        logo.header("content-security-policy"),
        "default-src 'none'; style-src 'unsafe-inline'"
    );
    assert!(stylesheet(&app).await.contains("--brand:#0b3d91;"));
}

test_on_both_engines!(
    a_token_package_from_npm_works_as_it_is,
    without_a_theme_trechters_own_look,
    a_theme_folder_brings_its_logo,
);

/// `trechter serve` with the given theme: its exit status and what it said.
fn serve_with_theme(theme: &std::path::Path) -> (bool, String) {
    let database = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_trechter"))
        .arg("serve")
        .env("TRECHTER_THEME", theme)
        .env(
            "TRECHTER_DATABASE_URL",
            database.path().join("theme.db").to_str().unwrap(),
        )
        .env("TRECHTER_LISTEN", "127.0.0.1:0")
        .env_remove("TRECHTER_SECURITY_CONTACT")
        .env_remove("TRECHTER_SECURITY_EXPIRES")
        .output()
        .expect("run trechter");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_theme_that_breaks_contrast_stops_the_start() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("licht.css");
    // Light grey links on white: 2.3:1.
    std::fs::write(&file, ".licht-theme { --nl-link-color: #99aabb; }").unwrap();
    let (started, said) = serve_with_theme(&file);
    assert!(!started);
    assert!(
        said.contains(
            "links and outlined buttons: --brand #99aabb on --paper #ffffff has a contrast of 2.3"
        ),
        "{said}"
    );
    assert!(said.contains("WCAG AA asks at least 4.5:1"), "{said}");
    assert!(said.contains("licht.css"), "names the file: {said}");
}

#[test]
fn a_theme_that_cannot_be_read_stops_the_start() {
    let folder = tempfile::tempdir().unwrap();
    let (started, said) = serve_with_theme(&folder.path().join("missing.css"));
    assert!(!started);
    assert!(
        said.contains("TRECHTER_THEME") && said.contains("cannot read it"),
        "{said}"
    );
    // A folder without a token file says where it looked.
    let (started, said) = serve_with_theme(folder.path());
    assert!(!started);
    assert!(
        said.contains("without theme.css, tokens.css or dist/theme.css"),
        "{said}"
    );
    // A file of plain CSS is not a token file.
    let plain = folder.path().join("site.css");
    std::fs::write(&plain, "body { color: #333 }").unwrap();
    let (started, said) = serve_with_theme(&plain);
    assert!(!started);
    assert!(
        said.contains("none of the NL Design System tokens"),
        "{said}"
    );
}

#[test]
fn a_large_or_foreign_logo_stops_the_start() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("theme.css"),
        ".t { --nl-link-color: #0b3d91; }",
    )
    .unwrap();
    std::fs::write(folder.path().join("logo.svg"), b"\x89PNG\r\n").unwrap();
    let (started, said) = serve_with_theme(folder.path());
    assert!(!started);
    assert!(said.contains("is not an SVG image"), "{said}");
    let big = format!("<svg>{}</svg>", " ".repeat(60 * 1024));
    std::fs::write(folder.path().join("logo.svg"), big).unwrap();
    let (_, said) = serve_with_theme(folder.path());
    assert!(
        said.contains("a logo on every page may be at most 51200"),
        "{said}"
    );
}
