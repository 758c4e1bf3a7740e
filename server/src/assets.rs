//! Static files: the stylesheet (compiled into the binary, after the
//! theme's properties), the theme's logo, and the islands' JavaScript and
//! WebAssembly (built by `scripts/build` into `<site_root>/pkg`). Each file is compressed once, at start, with brotli
//! and gzip at their strongest settings, and served from memory with an ETag.
//! The stylesheet's and the logo's URLs carry their hash, so browsers may
//! keep them for good.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use crate::theme::Look;

pub const STYLESHEET_NAME: &str = "trechter.css";
pub const LOGO_NAME: &str = "logo.svg";
const STYLESHEET: &str = include_str!("../../style/main.css");
/// The files `scripts/build` writes, by name.
const BUILT_FILES: [(&str, &str); 4] = [
    ("trechter.js", "text/javascript; charset=utf-8"),
    ("trechter_bg.wasm", "application/wasm"),
    // The staff pages' bundle: the residents' islands plus the workspace's.
    ("trechter_staff.js", "text/javascript; charset=utf-8"),
    ("trechter_staff_bg.wasm", "application/wasm"),
];

pub struct Asset {
    pub content_type: &'static str,
    pub etag: String,
    pub identity: Bytes,
    pub gzip: Bytes,
    pub brotli: Bytes,
}

#[derive(Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
}

impl Assets {
    /// Reads and compresses the files. CPU-heavy: call off the async runtime.
    pub fn load(site_root: &std::path::Path, look: &Look) -> Assets {
        let mut files = HashMap::new();
        let stylesheet = look.theme.css() + STYLESHEET;
        files.insert(
            STYLESHEET_NAME.to_owned(),
            compress("text/css; charset=utf-8", stylesheet.into_bytes()),
        );
        if let Some(logo) = &look.logo {
            files.insert(
                LOGO_NAME.to_owned(),
                compress("image/svg+xml", logo.clone()),
            );
        }
        for (name, content_type) in BUILT_FILES {
            let path = site_root.join("pkg").join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(name.to_owned(), compress(content_type, bytes));
                }
                Err(error) => tracing::warn!(
                    path = %path.display(), %error,
                    "browser file missing: pages work, but without enhancements (run scripts/build)"
                ),
            }
        }
        Assets { files }
    }

    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.files.get(name)
    }

    pub fn stylesheet_href(&self) -> String {
        self.versioned_href(STYLESHEET_NAME).unwrap_or_default()
    }

    /// The logo's URL, when the theme has one.
    pub fn logo_href(&self) -> Option<String> {
        self.versioned_href(LOGO_NAME)
    }

    fn versioned_href(&self, name: &str) -> Option<String> {
        let etag = &self.files.get(name)?.etag;
        Some(format!("/pkg/{name}?v={}", etag.trim_matches('"')))
    }

    pub fn routes<S: Clone + Send + Sync + 'static>(self: Arc<Self>) -> Router<S> {
        Router::new()
            .route("/pkg/{file}", get(serve))
            .with_state(self)
    }
}

fn compress(content_type: &'static str, bytes: Vec<u8>) -> Asset {
    let hash = Sha256::digest(&bytes);
    let etag = format!(
        "\"{}\"",
        hash.iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let mut brotli = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)
            .expect("brotli in memory");
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes).expect("gzip in memory");
    Asset {
        content_type,
        etag,
        identity: bytes.into(),
        gzip: gzip.finish().expect("gzip in memory").into(),
        brotli: brotli.into(),
    }
}

/// Whether `Accept-Encoding` allows `coding` (a `q=0` refuses it).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next() == Some(coding) && !parts.any(|p| p == "q=0" || p == "q=0.0")
        })
}

async fn serve(
    State(assets): State<Arc<Assets>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(asset) = assets.get(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response_headers = HeaderMap::new();
    response_headers.insert(
        header::ETAG,
        HeaderValue::from_str(&asset.etag).expect("hex etag"),
    );
    response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    // The stylesheet's and logo's URLs change with their content; the
    // islands' files keep their names, so browsers check them with the ETag.
    let cache = if file == STYLESHEET_NAME || file == LOGO_NAME {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if file == LOGO_NAME {
        // Opened on its own, an SVG is a document: it may draw, not run.
        response_headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
        );
    }
    let not_modified = app::web::request::none_match(&headers, &asset.etag);
    if not_modified {
        return (StatusCode::NOT_MODIFIED, response_headers).into_response();
    }
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    let body = if accepts(&headers, "br") {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        asset.brotli.clone()
    } else if accepts(&headers, "gzip") {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        asset.gzip.clone()
    } else {
        asset.identity.clone()
    };
    (response_headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_negotiated() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br;q=0"),
        );
        assert!(accepts(&headers, "gzip"));
        assert!(!accepts(&headers, "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    #[test]
    fn the_stylesheet_is_always_there_and_compressed() {
        let assets = Assets::load(std::path::Path::new("/nonexistent"), &Look::default());
        let css = assets.get(STYLESHEET_NAME).expect("stylesheet");
        assert!(css.brotli.len() < css.identity.len() / 2);
        assert!(
            css.identity.starts_with(b":root{--ink:"),
            "the theme comes first"
        );
        assert!(assets.stylesheet_href().starts_with("/pkg/trechter.css?v="));
        assert!(assets.get("trechter_bg.wasm").is_none());
        assert_eq!(assets.logo_href(), None);
    }
}
