//! Reading the municipality's theme from disk at start: the token file (its
//! rules in `domain::theme`) and an optional logo.

use std::path::{Path, PathBuf};

/// Where a theme folder may keep its token file: the first found is read.
/// `dist/theme.css` is where NL Design System token packages put it, so a
/// package's folder from npm works as it is.
const TOKEN_FILES: [&str; 3] = ["theme.css", "tokens.css", "dist/theme.css"];
const LOGO_FILE: &str = "logo.svg";
/// Every page loads the logo: it must stay small on a slow network.
pub const MAX_LOGO_BYTES: usize = 50 * 1024;

/// The look to serve: the checked theme and the logo, if any.
#[derive(Debug, Default)]
pub struct Look {
    pub theme: domain::theme::Theme,
    pub logo: Option<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("TRECHTER_THEME ({0}): cannot read it: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("TRECHTER_THEME ({0}) is a folder without theme.css, tokens.css or dist/theme.css")]
    NoTokenFile(PathBuf),
    #[error("TRECHTER_THEME ({0}): {1}")]
    Refused(PathBuf, Box<domain::theme::Problem>),
    #[error(
        "TRECHTER_THEME: {0} is {1} bytes; a logo on every page may be at most {MAX_LOGO_BYTES}"
    )]
    LogoTooBig(PathBuf, usize),
    #[error("TRECHTER_THEME: {0} is not an SVG image")]
    LogoNotSvg(PathBuf),
}

/// The look `TRECHTER_THEME` asks for, checked; Trechter's own without it.
pub fn load(setting: Option<&Path>) -> Result<Look, ThemeError> {
    let Some(setting) = setting else {
        return Ok(Look::default());
    };
    let read = |path: &Path| std::fs::read(path).map_err(|e| ThemeError::Read(path.to_owned(), e));
    let (token_file, folder) = if setting.is_dir() {
        let file = TOKEN_FILES
            .iter()
            .map(|name| setting.join(name))
            .find(|path| path.is_file())
            .ok_or_else(|| ThemeError::NoTokenFile(setting.to_owned()))?;
        (file, Some(setting))
    } else {
        (setting.to_owned(), None)
    };
    let css = String::from_utf8_lossy(&read(&token_file)?).into_owned();
    let theme = domain::theme::Theme::from_tokens(&css)
        .map_err(|problem| ThemeError::Refused(token_file.clone(), Box::new(problem)))?;
    let logo = match folder.map(|f| f.join(LOGO_FILE)).filter(|p| p.is_file()) {
        Some(path) => {
            let bytes = read(&path)?;
            if bytes.len() > MAX_LOGO_BYTES {
                return Err(ThemeError::LogoTooBig(path, bytes.len()));
            }
            if !looks_like_svg(&bytes) {
                return Err(ThemeError::LogoNotSvg(path));
            }
            Some(bytes)
        }
        None => None,
    };
    Ok(Look { theme, logo })
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    (start.starts_with("<?xml") || start.starts_with("<svg") || start.starts_with("<!--"))
        && text.contains("<svg")
}
