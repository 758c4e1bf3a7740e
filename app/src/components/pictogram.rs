//! Pictograms for the children's page ("Als ik later groot ben…"), drawn for
//! Trechter as inline SVG: no external files, no fonts, no text.
//!
//! They are decorative. The text next to each one carries the meaning, so
//! every pictogram is `aria-hidden="true"` and `focusable="false"`, and has no
//! title. They have no width or height: CSS sizes `.pictogram`. Lines are
//! drawn in `currentColor`; the two fills come from `--picto-warm` and
//! `--picto-soft`, with fallbacks. On a dark background, set those two to
//! darker tones so the lines inside the filled shapes stay visible.
//!
//! The fills are presentation attributes, not `style` attributes, so the
//! Content-Security-Policy (`style-src 'self'`) does not block them.

/// Wraps the shapes in the shared `<svg>` element: 64 × 64, no fill, thick
/// round lines in the text colour.
macro_rules! svg {
    ($($part:literal),* $(,)?) => {
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" aria-hidden="true" focusable="false" class="pictogram" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round">"#,
            $($part,)*
            "</svg>"
        )
    };
}

/// A child reaching up to a big star beside a cloud: the wish, "when I grow
/// up I want to…".
pub const DREAM: &str = svg!(
    r#"<path d="M11 26h13a5 5 0 0 0 0-10 7 7 0 0 0-13.4 1.5A4.3 4.3 0 0 0 11 26z" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<path d="M44 5l4.1 9.3 10.2 1.1-7.6 6.8 2.1 9.9-8.8-5.1-8.8 5.1 2.1-9.9-7.6-6.8 10.2-1.1z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<path d="M26 52l9-11"/>"#,
    r#"<path d="M8 62v-2a11 11 0 0 1 22 0v2" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<circle cx="19" cy="41" r="7.5"/>"#,
    r#"<circle cx="17.5" cy="38.5" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<circle cx="22" cy="38.5" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<path d="M17 43q2.5 2 5 0" stroke-width="2.5"/>"#,
);

/// A backpack: what I need for that.
pub const NEED: &str = svg!(
    r#"<path d="M25 17v-3a7 7 0 0 1 14 0v3"/>"#,
    r#"<rect x="13" y="17" width="38" height="43" rx="11" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<path d="M13 30c11 6 27 6 38 0"/>"#,
    r#"<rect x="21" y="40" width="22" height="14" rx="4" fill="var(--picto-warm, #f4b400)"/>"#,
);

/// A small child: age 4 to 7.
pub const AGE_4_7: &str = svg!(
    r#"<path d="M14 61h36" stroke-width="3"/>"#,
    r#"<path d="M29 54v4M35 54v4M27 47l-6-7M37 47l6-7"/>"#,
    r#"<path d="M24 54v-6a6 6 0 0 1 6-6h4a6 6 0 0 1 6 6v6z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<circle cx="32" cy="32" r="8"/>"#,
    r#"<path d="M31 24q0-4 4-4.5" stroke-width="3"/>"#,
    r#"<circle cx="29" cy="31" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<circle cx="35" cy="31" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<path d="M29 34.5q3 2.5 6 0" stroke-width="2.5"/>"#,
);

/// A child of middle height: age 8 to 12.
pub const AGE_8_12: &str = svg!(
    r#"<path d="M14 61h36" stroke-width="3"/>"#,
    r#"<path d="M28.5 45v13M35.5 45v13M27 36l-5 9M37 36l6-8"/>"#,
    r#"<path d="M24 45v-7a6 6 0 0 1 6-6h4a6 6 0 0 1 6 6v7z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<circle cx="32" cy="21" r="7.5"/>"#,
    r#"<circle cx="29" cy="20" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<circle cx="35" cy="20" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<path d="M29 23.5q3 2.5 6 0" stroke-width="2.5"/>"#,
);

/// A taller teenager, with headphones: age 13 to 17.
pub const AGE_13_17: &str = svg!(
    r#"<path d="M14 61h36" stroke-width="3"/>"#,
    r#"<path d="M28 40v18M36 40v18M26 27l-4 13M38 27l4 13"/>"#,
    r#"<path d="M23 40V28a6 6 0 0 1 6-6h6a6 6 0 0 1 6 6v12z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<circle cx="32" cy="12" r="7"/>"#,
    r#"<path d="M22.5 12a9.5 9.5 0 0 1 19 0" stroke-width="3"/>"#,
    r#"<rect x="19.5" y="9" width="6" height="9" rx="3" fill="var(--picto-warm, #f4b400)" stroke-width="3"/>"#,
    r#"<rect x="38.5" y="9" width="6" height="9" rx="3" fill="var(--picto-warm, #f4b400)" stroke-width="3"/>"#,
    r#"<circle cx="29" cy="11.5" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<circle cx="35" cy="11.5" r="1.3" fill="currentColor" stroke="none"/>"#,
    r#"<path d="M29 14.5q3 2.5 6 0" stroke-width="2.5"/>"#,
);

/// Two speech bubbles: would you like someone to talk with you about your
/// dream?
pub const TALK: &str = svg!(
    r#"<path d="M14 6h24a8 8 0 0 1 8 8v10a8 8 0 0 1-8 8H22l-8 7v-7a8 8 0 0 1-8-8V14a8 8 0 0 1 8-8z" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<path d="M28 30h22a8 8 0 0 1 8 8v8a8 8 0 0 1-8 8v7l-8-7H28a8 8 0 0 1-8-8v-8a8 8 0 0 1 8-8z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<path d="M31 42h0M39 42h0M47 42h0" stroke-width="4.5"/>"#,
);

/// A heart: thank you.
pub const THANKS: &str = svg!(
    r#"<path d="M32 56C15 45 9 35 9 26a11.5 11.5 0 0 1 23-3 11.5 11.5 0 0 1 23 3c0 9-6 19-23 30z" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<path d="M8 6v6M5 9h6M56 5v6M53 8h6M32 4v5" stroke-width="3"/>"#,
);

/// A sheet of paper with a pencil: for staff who type in ideas that came in
/// on paper.
pub const PAPER: &str = svg!(
    r#"<path d="M14 6h24l12 12v38a4 4 0 0 1-4 4H14a4 4 0 0 1-4-4V10a4 4 0 0 1 4-4z" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<path d="M38 6v8a4 4 0 0 0 4 4h8M18 26h18M18 34h22M18 42h12"/>"#,
    r#"<g transform="translate(37 43) rotate(-45)">"#,
    r#"<rect x="0" y="-5" width="28" height="10" rx="2" fill="var(--picto-warm, #f4b400)"/>"#,
    r#"<path d="M0-5l-10 5 10 5z" fill="var(--picto-soft, #cfe8ff)"/>"#,
    r#"<path d="M21-5v10"/>"#,
    r#"</g>"#,
);

/// Every pictogram with its name, for tests and previews.
pub const ALL: &[(&str, &str)] = &[
    ("DREAM", DREAM),
    ("NEED", NEED),
    ("AGE_4_7", AGE_4_7),
    ("AGE_8_12", AGE_8_12),
    ("AGE_13_17", AGE_13_17),
    ("TALK", TALK),
    ("THANKS", THANKS),
    ("PAPER", PAPER),
];

#[cfg(test)]
mod tests {
    use super::*;

    const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

    #[test]
    fn every_pictogram_is_a_self_contained_decorative_svg() {
        assert_eq!(ALL.len(), 8);
        for (name, svg) in ALL {
            assert!(svg.starts_with("<svg"), "{name} does not start with <svg");
            assert!(svg.ends_with("</svg>"), "{name} does not end with </svg>");
            assert!(
                svg.contains(r#"aria-hidden="true""#),
                "{name} is not aria-hidden"
            );
            assert!(svg.contains(r#"focusable="false""#), "{name} is focusable");
            assert!(
                svg.contains(r#"viewBox="0 0 64 64""#),
                "{name} has another viewBox"
            );
            assert!(
                svg.contains(&format!(r#"xmlns="{SVG_NAMESPACE}""#)),
                "{name} has no xmlns"
            );
            assert!(!svg.contains("<text"), "{name} contains text");
            assert!(
                !svg.replace(SVG_NAMESPACE, "").contains("http"),
                "{name} refers to something outside itself"
            );
            let open_tag = &svg[..svg.find('>').unwrap_or(svg.len())];
            assert!(!open_tag.contains(" width="), "{name} has a width");
            assert!(!open_tag.contains(" height="), "{name} has a height");
            assert!(svg.len() <= 1_200, "{name} is {} bytes", svg.len());
        }
    }

    #[test]
    fn colours_come_only_from_the_text_colour_and_the_two_custom_properties() {
        let allowed = [
            "none",
            "currentColor",
            "var(--picto-warm, #f4b400)",
            "var(--picto-soft, #cfe8ff)",
        ];
        for (name, svg) in ALL {
            for attribute in [" fill=\"", " stroke=\""] {
                for (at, _) in svg.match_indices(attribute) {
                    let rest = &svg[at + attribute.len()..];
                    let value = &rest[..rest.find('"').unwrap_or(rest.len())];
                    assert!(allowed.contains(&value), "{name} uses the colour {value}");
                }
            }
            assert!(!svg.contains("style="), "{name} has a style attribute");
        }
    }
}
