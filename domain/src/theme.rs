//! The municipality's own look, from NL Design System design tokens.
//!
//! A token package (say `@nl-design-system-unstable/voorbeeld-design-tokens`)
//! is a CSS file of custom properties, many of them pointing at others with
//! `var()`. Trechter reads the few it needs, resolves them to plain values,
//! and writes its own small set of properties (`--ink`, `--brand`, …) that
//! `style/main.css` uses. So a page carries a few hundred bytes of theme, not
//! the package's 200 KB, and the colours can be checked before anyone sees
//! them: a theme that would break WCAG AA contrast is refused at start, with
//! the pair of colours and the ratio.

use std::collections::HashMap;
use std::fmt;

/// One property Trechter's stylesheet reads.
struct Slot {
    name: &'static str,
    kind: Kind,
    /// The NL Design System tokens that may set it, the first found wins.
    tokens: &'static [&'static str],
    /// What it is when no token sets it.
    otherwise: Otherwise,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Colour,
    Font,
    /// A length on a 360 px screen: at most [`MAX_LENGTH_PX`].
    Length,
}

enum Otherwise {
    /// Trechter's own look (Berkeloord's in the demo).
    Value(&'static str),
    /// The same as an earlier slot: a theme that sets the link colour but
    /// no header colour gets a header in its link colour.
    Like(&'static str),
}

/// Lengths are radii and the page's side margin: more than this would
/// squeeze a phone's text.
const MAX_LENGTH_PX: f64 = 32.0;

const SLOTS: &[Slot] = &[
    Slot {
        name: "ink",
        kind: Kind::Colour,
        tokens: &[
            "--utrecht-document-color",
            "--basis-color-default-color-document",
            "--nl-paragraph-color",
        ],
        otherwise: Otherwise::Value("#17191c"),
    },
    Slot {
        name: "paper",
        kind: Kind::Colour,
        tokens: &[
            "--utrecht-document-background-color",
            "--basis-color-default-bg-document",
        ],
        otherwise: Otherwise::Value("#ffffff"),
    },
    Slot {
        name: "muted",
        kind: Kind::Colour,
        tokens: &[
            "--utrecht-form-field-description-color",
            "--basis-color-default-color-subtle",
        ],
        otherwise: Otherwise::Value("#474d55"),
    },
    Slot {
        name: "surface",
        kind: Kind::Colour,
        tokens: &[
            "--basis-color-default-bg-default",
            "--basis-color-default-bg-subtle",
        ],
        otherwise: Otherwise::Value("#f2f5f6"),
    },
    Slot {
        name: "line",
        kind: Kind::Colour,
        tokens: &[
            "--basis-color-default-border-subtle",
            "--basis-color-default-border-default",
        ],
        otherwise: Otherwise::Value("#b8c2c8"),
    },
    Slot {
        name: "brand",
        kind: Kind::Colour,
        tokens: &["--nl-link-color", "--utrecht-link-color"],
        otherwise: Otherwise::Value("#00566b"),
    },
    Slot {
        name: "brand-dark",
        kind: Kind::Colour,
        tokens: &["--nl-link-hover-color", "--utrecht-link-hover-color"],
        otherwise: Otherwise::Value("#003d4c"),
    },
    Slot {
        name: "action",
        kind: Kind::Colour,
        tokens: &[
            "--nl-button-primary-background-color",
            "--utrecht-button-primary-action-background-color",
        ],
        otherwise: Otherwise::Like("brand"),
    },
    Slot {
        name: "action-hover",
        kind: Kind::Colour,
        tokens: &[
            "--nl-button-primary-hover-background-color",
            "--utrecht-button-primary-action-hover-background-color",
        ],
        otherwise: Otherwise::Like("brand-dark"),
    },
    Slot {
        name: "on-action",
        kind: Kind::Colour,
        tokens: &[
            "--nl-button-primary-color",
            "--utrecht-button-primary-action-color",
        ],
        otherwise: Otherwise::Value("#ffffff"),
    },
    Slot {
        name: "header",
        kind: Kind::Colour,
        tokens: &["--utrecht-page-header-background-color"],
        otherwise: Otherwise::Like("brand"),
    },
    Slot {
        name: "on-header",
        kind: Kind::Colour,
        tokens: &["--utrecht-page-header-color"],
        otherwise: Otherwise::Like("on-action"),
    },
    Slot {
        name: "error",
        kind: Kind::Colour,
        tokens: &[
            "--basis-color-negative-color-default",
            "--utrecht-form-field-invalid-border-color",
        ],
        otherwise: Otherwise::Value("#b3261e"),
    },
    Slot {
        name: "focus",
        kind: Kind::Colour,
        tokens: &[
            "--basis-focus-background-color",
            "--utrecht-focus-background-color",
        ],
        otherwise: Otherwise::Value("#ffd23f"),
    },
    Slot {
        name: "focus-ink",
        kind: Kind::Colour,
        tokens: &["--basis-focus-color", "--utrecht-focus-color"],
        otherwise: Otherwise::Like("ink"),
    },
    Slot {
        name: "focus-ring",
        kind: Kind::Colour,
        tokens: &[
            "--basis-focus-outline-color",
            "--utrecht-focus-outline-color",
        ],
        otherwise: Otherwise::Like("ink"),
    },
    Slot {
        name: "font",
        kind: Kind::Font,
        tokens: &[
            "--basis-text-font-family-default",
            "--utrecht-document-font-family",
        ],
        otherwise: Otherwise::Value(
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"Liberation Sans\", Arial, sans-serif",
        ),
    },
    Slot {
        name: "radius",
        kind: Kind::Length,
        tokens: &[
            "--nl-button-border-radius",
            "--utrecht-button-border-radius",
            "--basis-border-radius-md",
        ],
        otherwise: Otherwise::Value("0.4rem"),
    },
    Slot {
        name: "gutter",
        kind: Kind::Length,
        tokens: &["--basis-space-inline-xl"],
        otherwise: Otherwise::Value("1rem"),
    },
];

/// WCAG 2.2 AA: 4.5:1 for text (1.4.3), 3:1 for what marks a control or
/// focus (1.4.11).
const TEXT: f64 = 4.5;
const NON_TEXT: f64 = 3.0;

/// Text colour, background, what people see there, and the ratio needed.
const TEXT_PAIRS: &[(&str, &str, &str)] = &[
    ("ink", "paper", "text"),
    ("ink", "surface", "text on panels and in the footer"),
    ("muted", "paper", "hints and dates"),
    ("muted", "surface", "hints and dates on panels"),
    ("brand", "paper", "links and outlined buttons"),
    ("brand", "surface", "links on panels"),
    ("brand-dark", "paper", "links under the pointer"),
    (
        "brand-dark",
        "surface",
        "outlined buttons under the pointer",
    ),
    ("on-action", "action", "main buttons"),
    (
        "on-action",
        "action-hover",
        "main buttons under the pointer",
    ),
    ("on-header", "header", "the site's header"),
    ("error", "paper", "error messages"),
    ("focus-ink", "focus", "a focused link"),
];

/// Backgrounds a focus ring is drawn on: the ring (outline) or its halo
/// (the focus colour around it) must stand out there.
const RING_BACKGROUNDS: &[(&str, &str)] = &[
    ("paper", "the focus ring on the page"),
    ("surface", "the focus ring on panels"),
    ("header", "the focus ring in the header"),
    ("action", "the focus ring on main buttons"),
];

/// A colour without transparency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb`, `#rrggbb`, `#rrggbbff`, `rgb(…)`/`rgba(…)` with an alpha of 1,
    /// `white` or `black`. `None` for anything else, also for a colour that
    /// lets the background through: its contrast depends on what is behind.
    pub fn parse(value: &str) -> Option<Rgb> {
        let value = value.trim().to_ascii_lowercase();
        match value.as_str() {
            "white" => return Some(Rgb(255, 255, 255)),
            "black" => return Some(Rgb(0, 0, 0)),
            _ => {}
        }
        if let Some(hex) = value.strip_prefix('#') {
            return Self::hex(hex);
        }
        let inner = value
            .strip_prefix("rgba(")
            .or_else(|| value.strip_prefix("rgb("))?
            .strip_suffix(')')?;
        let parts: Vec<&str> = inner
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        let channel = |p: &str| -> Option<u8> {
            match p.strip_suffix('%') {
                Some(pct) => pct
                    .parse::<f64>()
                    .ok()
                    .filter(|v| (0.0..=100.0).contains(v))
                    .map(|v| (v * 2.55).round() as u8),
                None => p.parse::<u8>().ok(),
            }
        };
        match parts.as_slice() {
            [r, g, b] => Some(Rgb(channel(r)?, channel(g)?, channel(b)?)),
            [r, g, b, a] if opaque(a) => Some(Rgb(channel(r)?, channel(g)?, channel(b)?)),
            _ => None,
        }
    }

    fn hex(hex: &str) -> Option<Rgb> {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i..i + len], 16).ok();
        match hex.len() {
            3 | 4 if hex.len() == 3 || &hex[3..4] == "f" => {
                let short = |i| digit(i, 1).map(|d| d * 17);
                Some(Rgb(short(0)?, short(1)?, short(2)?))
            }
            6 | 8 if hex.len() == 6 || &hex[6..8] == "ff" => {
                Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?))
            }
            _ => None,
        }
    }

    /// Relative luminance as WCAG 2 defines it.
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

fn opaque(alpha: &str) -> bool {
    match alpha.strip_suffix('%') {
        Some(pct) => pct.parse::<f64>() == Ok(100.0),
        None => alpha.parse::<f64>() == Ok(1.0),
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// Why a theme cannot be used. The messages are for the operator, who set
/// `TRECHTER_THEME`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error(
        "the theme sets none of the NL Design System tokens Trechter reads (such as --nl-link-color or --basis-color-default-color-document): is it a token file?"
    )]
    NoTokens,
    #[error("{token} is {value:?}, which Trechter cannot use as --{slot}: {why}")]
    Unusable {
        slot: &'static str,
        token: String,
        value: String,
        why: &'static str,
    },
    #[error(
        "{what}: --{fg} {fg_value} on --{bg} {bg_value} has a contrast of {ratio:.2}:1, WCAG AA asks at least {needed}:1 ({fg} from {fg_from}, {bg} from {bg_from})"
    )]
    Contrast {
        what: &'static str,
        fg: &'static str,
        fg_value: Rgb,
        fg_from: String,
        bg: &'static str,
        bg_value: Rgb,
        bg_from: String,
        ratio: f64,
        needed: f64,
    },
}

/// A checked theme: each of Trechter's properties with its value and where
/// the value came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    values: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq)]
struct Value {
    slot: &'static str,
    text: String,
    /// The token it came from, or what it fell back to.
    from: String,
}

impl Default for Theme {
    /// Trechter's own look, which passes its own check (a test holds it).
    fn default() -> Theme {
        Theme::build(&HashMap::new()).expect("Trechter's own look is checked by a test")
    }
}

impl Theme {
    /// Reads a token file and checks the result.
    pub fn from_tokens(css: &str) -> Result<Theme, Problem> {
        let properties = custom_properties(css);
        let read = SLOTS
            .iter()
            .flat_map(|slot| slot.tokens)
            .any(|token| properties.contains_key(*token));
        if !read {
            return Err(Problem::NoTokens);
        }
        Theme::build(&properties)
    }

    fn build(properties: &HashMap<String, String>) -> Result<Theme, Problem> {
        let mut values: Vec<Value> = Vec::with_capacity(SLOTS.len());
        for slot in SLOTS {
            let found = slot.tokens.iter().find_map(|token| {
                resolve(properties, token, 0).map(|value| (token.to_string(), value))
            });
            let value = match (found, &slot.otherwise) {
                (Some((token, text)), _) => Value {
                    slot: slot.name,
                    text: checked(slot, &token, &text)?,
                    from: token,
                },
                (None, Otherwise::Value(text)) => Value {
                    slot: slot.name,
                    text: (*text).to_owned(),
                    from: "Trechter's own look".to_owned(),
                },
                (None, Otherwise::Like(other)) => {
                    let earlier = values
                        .iter()
                        .find(|v| v.slot == *other)
                        .expect("a slot is like an earlier one");
                    Value {
                        slot: slot.name,
                        text: earlier.text.clone(),
                        from: earlier.from.clone(),
                    }
                }
            };
            values.push(value);
        }
        let theme = Theme { values };
        theme.check()?;
        Ok(theme)
    }

    fn value(&self, slot: &str) -> &Value {
        self.values
            .iter()
            .find(|v| v.slot == slot)
            .expect("every slot has a value")
    }

    fn colour(&self, slot: &str) -> Rgb {
        Rgb::parse(&self.value(slot).text).expect("colours are checked when read")
    }

    fn check(&self) -> Result<(), Problem> {
        for &(fg, bg, what) in TEXT_PAIRS {
            self.pair(fg, bg, what, TEXT)?;
        }
        for &(bg, what) in RING_BACKGROUNDS {
            let ring = contrast(self.colour("focus-ring"), self.colour(bg));
            let halo = contrast(self.colour("focus"), self.colour(bg));
            if ring < NON_TEXT && halo < NON_TEXT {
                // Name the better of the two: that one is nearest to passing.
                let best = if ring >= halo { "focus-ring" } else { "focus" };
                return Err(self.contrast_problem(best, bg, what, NON_TEXT));
            }
        }
        Ok(())
    }

    fn pair(
        &self,
        fg: &'static str,
        bg: &'static str,
        what: &'static str,
        needed: f64,
    ) -> Result<(), Problem> {
        if contrast(self.colour(fg), self.colour(bg)) < needed {
            return Err(self.contrast_problem(fg, bg, what, needed));
        }
        Ok(())
    }

    fn contrast_problem(
        &self,
        fg: &'static str,
        bg: &'static str,
        what: &'static str,
        needed: f64,
    ) -> Problem {
        let (fg_value, bg_value) = (self.colour(fg), self.colour(bg));
        Problem::Contrast {
            what,
            fg,
            fg_value,
            fg_from: self.value(fg).from.clone(),
            bg,
            bg_value,
            bg_from: self.value(bg).from.clone(),
            ratio: contrast(fg_value, bg_value),
            needed,
        }
    }

    /// The properties `style/main.css` reads, as one `:root` rule.
    pub fn css(&self) -> String {
        let mut css = String::from(":root{");
        for value in &self.values {
            css.push_str("--");
            css.push_str(value.slot);
            css.push(':');
            css.push_str(&value.text);
            css.push(';');
        }
        css.push_str("}\n");
        css
    }
}

/// The value as it goes into the stylesheet, or why it cannot.
fn checked(slot: &Slot, token: &str, value: &str) -> Result<String, Problem> {
    let unusable = |why| Problem::Unusable {
        slot: slot.name,
        token: token.to_owned(),
        value: value.to_owned(),
        why,
    };
    match slot.kind {
        Kind::Colour => Rgb::parse(value)
            .map(|rgb| rgb.to_string())
            .ok_or_else(|| unusable("a colour as #rrggbb, rgb() or a name, without transparency")),
        Kind::Font => {
            let safe = value.chars().all(|c| {
                c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '"' | '\'' | '_' | '.')
            });
            if safe && !value.trim().is_empty() {
                Ok(value.trim().to_owned())
            } else {
                Err(unusable("a list of font names"))
            }
        }
        Kind::Length => match length_px(value) {
            Some(px) if px <= MAX_LENGTH_PX => Ok(value.trim().to_owned()),
            Some(_) => Err(unusable(
                "at most 32px (2rem), or a phone's text gets squeezed",
            )),
            None => Err(unusable("a length in px, rem or em")),
        },
    }
}

/// A length in CSS pixels (1rem = 1em = 16px).
fn length_px(value: &str) -> Option<f64> {
    let value = value.trim();
    if value == "0" {
        return Some(0.0);
    }
    let (number, scale) = if let Some(n) = value.strip_suffix("rem") {
        (n, 16.0)
    } else if let Some(n) = value.strip_suffix("px") {
        (n, 1.0)
    } else if let Some(n) = value.strip_suffix("em") {
        (n, 16.0)
    } else {
        return None;
    };
    let number: f64 = number.parse().ok()?;
    (number.is_finite() && number >= 0.0).then_some(number * scale)
}

/// A token's value with every `var()` it is made of replaced, or `None` when
/// it is not set (or points in a circle).
fn resolve(properties: &HashMap<String, String>, name: &str, depth: usize) -> Option<String> {
    if depth > 32 {
        return None;
    }
    let value = properties.get(name)?;
    resolve_value(properties, value, depth)
}

fn resolve_value(
    properties: &HashMap<String, String>,
    value: &str,
    depth: usize,
) -> Option<String> {
    let value = value.trim();
    let Some(inner) = value
        .strip_prefix("var(")
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return Some(value.to_owned());
    };
    let (name, fallback) = match inner.split_once(',') {
        Some((name, fallback)) => (name.trim(), Some(fallback)),
        None => (inner.trim(), None),
    };
    resolve(properties, name, depth + 1)
        .or_else(|| fallback.and_then(|f| resolve_value(properties, f, depth + 1)))
}

/// The custom properties declared in a stylesheet's plain rules. Rules
/// inside `@media` and other at-rules are left out: a theme for print or a
/// dark screen is not the everyday look.
pub fn custom_properties(css: &str) -> HashMap<String, String> {
    let css = without_comments(css);
    let mut properties = HashMap::new();
    let mut depth = 0usize;
    // The depth at which an at-rule's block began, while inside one.
    let mut skipping: Option<usize> = None;
    let mut prelude = String::new();
    let mut body = String::new();
    for c in css.chars() {
        match c {
            '{' => {
                if skipping.is_none() && prelude.trim_start().starts_with('@') {
                    skipping = Some(depth);
                }
                depth += 1;
                prelude.clear();
                body.clear();
            }
            '}' => {
                if skipping.is_none() {
                    declarations(&body, &mut properties);
                }
                depth = depth.saturating_sub(1);
                if skipping == Some(depth) {
                    skipping = None;
                }
                prelude.clear();
                body.clear();
            }
            ';' if depth > 0 => {
                if skipping.is_none() {
                    declarations(&body, &mut properties);
                }
                body.clear();
                prelude.clear();
            }
            _ => {
                prelude.push(c);
                body.push(c);
            }
        }
    }
    properties
}

fn declarations(text: &str, properties: &mut HashMap<String, String>) {
    let Some((name, value)) = text.split_once(':') else {
        return;
    };
    let name = name.trim();
    if name.starts_with("--") {
        properties.insert(name.to_owned(), value.trim().to_owned());
    }
}

fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: &str) -> Rgb {
        Rgb::parse(hex).unwrap()
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(rgb("#000"), rgb("#fff")) - 21.0).abs() < 1e-9);
        assert!((contrast(rgb("#fff"), rgb("#fff")) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = contrast(rgb("#767676"), rgb("white"));
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn colours_are_read_in_their_usual_forms() {
        assert_eq!(Rgb::parse("#00566B"), Some(Rgb(0, 0x56, 0x6b)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("#ffffffff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("rgb(0, 86, 107)"), Some(Rgb(0, 86, 107)));
        assert_eq!(Rgb::parse("rgb(0 86 107 / 1)"), Some(Rgb(0, 86, 107)));
        assert_eq!(Rgb::parse("rgba(0,0,0,1)"), Some(Rgb(0, 0, 0)));
        // See-through colours depend on what is behind them.
        assert_eq!(Rgb::parse("#00000080"), None);
        assert_eq!(Rgb::parse("rgba(0,0,0,0.5)"), None);
        assert_eq!(Rgb::parse("transparent"), None);
        assert_eq!(Rgb::parse("#ggg"), None);
        assert_eq!(Rgb::parse("rgb(300, 0, 0)"), None);
    }

    #[test]
    fn trechters_own_look_passes_its_check() {
        let theme = Theme::build(&HashMap::new()).expect("own look");
        let css = theme.css();
        assert!(css.starts_with(":root{--ink:#17191c;"), "{css}");
        assert!(
            css.contains("--header:#00566b;"),
            "header like the brand: {css}"
        );
        assert!(css.contains("--gutter:1rem;"));
    }

    #[test]
    fn tokens_are_resolved_through_var_chains_and_fallbacks() {
        let css = "/* generated */
            .gemeente-theme {
              --kleur-blauw: #0b3d91;
              --basis-color-action-2-color-default: var(--kleur-blauw);
              --nl-link-color: var(--basis-color-action-2-color-default);
              --nl-link-hover-color: var(--does-not-exist, #072a66);
            }
            @media print { .gemeente-theme { --nl-link-color: #000000; } }";
        let theme = Theme::from_tokens(css).expect("a readable theme");
        let css = theme.css();
        assert!(css.contains("--brand:#0b3d91;"), "{css}");
        assert!(css.contains("--brand-dark:#072a66;"), "{css}");
        // Buttons and the header follow the link colour when not set.
        assert!(css.contains("--action:#0b3d91;"), "{css}");
        assert!(css.contains("--header:#0b3d91;"), "{css}");
    }

    #[test]
    fn a_file_without_tokens_is_refused() {
        assert_eq!(
            Theme::from_tokens("body { color: red }"),
            Err(Problem::NoTokens)
        );
        assert_eq!(Theme::from_tokens(""), Err(Problem::NoTokens));
    }

    #[test]
    fn low_contrast_is_refused_naming_the_pair_and_the_ratio() {
        let css = ".t { --nl-link-color: #9ab; }";
        let problem = Theme::from_tokens(css).unwrap_err();
        let message = problem.to_string();
        assert!(
            message.starts_with("links and outlined buttons: --brand #99aabb on --paper #ffffff has a contrast of 2.3"),
            "{message}"
        );
        assert!(message.contains("at least 4.5:1"), "{message}");
        assert!(message.contains("brand from --nl-link-color"), "{message}");
    }

    #[test]
    fn white_text_on_a_light_header_is_refused() {
        let css = ".t { --utrecht-page-header-background-color: #f0f0f0; }";
        let message = Theme::from_tokens(css).unwrap_err().to_string();
        assert!(
            message.starts_with("the site's header: --on-header #ffffff on --header #f0f0f0"),
            "{message}"
        );
    }

    #[test]
    fn a_focus_ring_lost_on_the_header_is_refused() {
        // A dark header, a dark ring and a halo the colour of the header.
        let css = ".t {
            --utrecht-page-header-background-color: #1a1a1a;
            --utrecht-page-header-color: #ffffff;
            --basis-focus-outline-color: #000000;
            --basis-focus-background-color: #1a1a1a;
            --basis-focus-color: #ffffff;
        }";
        let message = Theme::from_tokens(css).unwrap_err().to_string();
        assert!(
            message.starts_with("the focus ring in the header"),
            "{message}"
        );
        // With a light halo the ring shows on the page and in the header.
        let ok = css
            .replace(
                "--basis-focus-background-color: #1a1a1a",
                "--basis-focus-background-color: #ffdd00",
            )
            .replace(
                "--basis-focus-color: #ffffff",
                "--basis-focus-color: #000000",
            );
        Theme::from_tokens(&ok).expect("visible ring");
    }

    #[test]
    fn values_that_could_break_the_stylesheet_are_refused() {
        let font = ".t { --basis-text-font-family-default: Arial}body{display:none; }";
        // The brace ends the rule, so only "Arial" is read: nothing escapes.
        let theme = Theme::from_tokens(font).expect("font");
        assert!(theme.css().contains("--font:Arial;"));
        let injected = ".t { --basis-text-font-family-default: url(x) }";
        assert!(matches!(
            Theme::from_tokens(injected),
            Err(Problem::Unusable { slot: "font", .. })
        ));
        let wide = ".t { --basis-space-inline-xl: 64px; }";
        let message = Theme::from_tokens(wide).unwrap_err().to_string();
        assert!(
            message.contains("--basis-space-inline-xl is \"64px\""),
            "{message}"
        );
        let see_through = ".t { --nl-link-color: rgba(0,0,0,.5); }";
        assert!(matches!(
            Theme::from_tokens(see_through),
            Err(Problem::Unusable { slot: "brand", .. })
        ));
    }

    #[test]
    fn a_var_cycle_counts_as_not_set() {
        let css = ".t { --nl-link-color: var(--a); --a: var(--nl-link-color); --basis-focus-color: #000; }";
        let theme = Theme::from_tokens(css).expect("the cycle falls back");
        assert!(theme.css().contains("--brand:#00566b;"));
    }
}
