//! QR codes, drawn on the server as inline SVG.

/// An SVG QR code of `data`, black on white with a quiet zone, ready to be
/// placed inline in an HTML page. It is drawn on the server: a second
/// factor's secret never goes to a third-party QR service, and a poster
/// needs no internet.
///
/// Returns an empty string if `data` is too long for any QR code (about
/// 2 kB); the page then still shows the text for typing by hand.
pub fn qr_svg(data: &str) -> String {
    use qrcode::render::svg;

    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<svg::Color>()
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .quiet_zone(true)
        .build();
    // An XML declaration is not allowed in the middle of an HTML document.
    match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_svg_is_inline_svg() {
        let svg = qr_svg("otpauth://totp/Trechter:admin@example.nl?secret=GEZDGNBVGY3TQOJQ");
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert_eq!(qr_svg(&"x".repeat(5000)), "");
    }
}
