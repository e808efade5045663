//! Theming: a brand colour, corner radius, font and light/dark scheme, from the form's
//! `theme` or the tag's `data-theme-*` attributes, turned into CSS custom properties
//! on the widget's `:host`. Every value is checked (no CSS can be smuggled in), and
//! the colours derived from the brand keep text contrast at 4.5:1 or more.


use super::decode::Decoder;
use super::json::Value;

named_enum! {
    #[derive(Default)]
    pub enum Scheme {
        #[default]
        Light = "light",
        Dark = "dark",
        /// Follows the visitor's system setting.
        Auto = "auto",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    /// `#rrggbb`.
    pub brand: Option<[u8; 3]>,
    /// Corner radius in px.
    pub radius: Option<u8>,
    /// A CSS font-family list.
    pub font: Option<String>,
    pub scheme: Scheme,
}

/// The tag's `data-theme-*` attributes, read by the embed configuration: each one
/// given takes the place of the form's own value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeOverrides {
    pub brand: Option<[u8; 3]>,
    pub radius: Option<u8>,
    pub font: Option<String>,
    pub scheme: Option<Scheme>,
}

impl Theme {
    /// This theme with the tag's `overrides` over it.
    pub fn overridden_by(self, overrides: &ThemeOverrides) -> Theme {
        Theme {
            brand: overrides.brand.or(self.brand),
            radius: overrides.radius.or(self.radius),
            font: overrides.font.clone().or(self.font),
            scheme: overrides.scheme.unwrap_or(self.scheme),
        }
    }
}

pub const FIELDS: &[&str] = &["brand", "radius", "font", "scheme"];
/// The largest corner radius, in px.
pub const MAX_RADIUS: u8 = 32;

/// `#4338ca` or `#43c` as RGB.
pub fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
    match hex.len() {
        3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
        6 => Some([0, 2, 4].map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0))),
        _ => None,
    }
}

/// A font-family list of names, quotes, commas, spaces and dashes only.
pub fn valid_font(font: &str) -> bool {
    let font = font.trim();
    !font.is_empty() && font.len() <= 200 && font.chars().all(|c| c.is_alphanumeric() || " ,'\"-_".contains(c))
}

/// A corner radius in px, from 0 to [`MAX_RADIUS`].
pub fn check_radius(pixels: i64) -> Option<u8> {
    u8::try_from(pixels).ok().filter(|radius| *radius <= MAX_RADIUS)
}

/// Reads a form's `theme` object.
pub fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Theme> {
    let m = d.members(path, v, FIELDS)?;
    let brand = d.opt(&m, "brand", |d, p, v| {
        let c = d.string(p, v).and_then(|s| parse_color(&s));
        if c.is_none() {
            d.err(p, "expected a colour such as \"#4338ca\"");
        }
        c
    });
    let radius = d.opt(&m, "radius", |d, p, v| {
        let r = v.as_i64().and_then(check_radius);
        if r.is_none() {
            d.err(p, format!("expected a whole number of pixels from 0 to {MAX_RADIUS}"));
        }
        r
    });
    let font = d.opt(&m, "font", |d, p, v| {
        let f = d.string(p, v).filter(|f| valid_font(f));
        if f.is_none() {
            d.err(p, "expected a font-family list such as \"Georgia, serif\" (letters, digits, spaces, commas, quotes and dashes)");
        }
        f
    });
    let scheme = d.opt(&m, "scheme", |d, p, v| d.named(p, v));
    Some(Theme { brand: brand.ok()?, radius: radius.ok()?, font: font.ok()?, scheme: scheme.ok()?.unwrap_or_default() })
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub const WHITE: [u8; 3] = [255, 255, 255];
pub const INK: [u8; 3] = [17, 24, 39];
/// The dark scheme's card.
pub const DARK_SURFACE: [u8; 3] = [17, 24, 39];

/// `brand` moved toward `toward` until it reads on `surface` at 4.5:1.
pub fn readable_on(brand: [u8; 3], surface: [u8; 3], toward: [u8; 3]) -> [u8; 3] {
    let mut c = brand;
    for step in 1..=20 {
        if contrast(c, surface) >= 4.5 {
            break;
        }
        let t = f64::from(step) / 20.0;
        c = [0, 1, 2].map(|i| (f64::from(brand[i]) * (1.0 - t) + f64::from(toward[i]) * t).round() as u8);
    }
    c
}

pub fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

const DEFAULT_BRAND: [u8; 3] = [0x43, 0x38, 0xca];

const DARK: &str = "--seda-text:#f3f4f6;--seda-muted:#d1d5db;--seda-surface:#111827;--seda-subtle:#1f2937;\
--seda-border:#9ca3af;--seda-line:#374151;--seda-error:#fca5a5;--seda-error-bg:#3b1414;--seda-selected:#1e1b4b;--seda-star:#fbbf24;";

/// The theme as CSS for the widget's `:host` (empty for the default theme).
pub fn css(theme: &Theme) -> String {
    let mut light = String::new();
    if let Some(brand) = theme.brand {
        let on_brand = if contrast(brand, WHITE) >= contrast(brand, INK) { WHITE } else { INK };
        light.push_str(&format!(
            "--seda-brand:{};--seda-on-brand:{};--seda-brand-ink:{};",
            hex(brand),
            hex(on_brand),
            hex(readable_on(brand, WHITE, INK))
        ));
    }
    if let Some(r) = theme.radius {
        light.push_str(&format!("--seda-radius:{r}px;"));
    }
    if let Some(font) = &theme.font {
        light.push_str(&format!("--seda-font:{font};--seda-font-fa:{font};"));
    }
    let brand = theme.brand.unwrap_or(DEFAULT_BRAND);
    let dark = format!("{DARK}--seda-brand-ink:{};", hex(readable_on(brand, DARK_SURFACE, WHITE)));
    let mut out = String::new();
    if !light.is_empty() {
        out.push_str(&format!(":host{{{light}}}"));
    }
    match theme.scheme {
        Scheme::Light => {}
        Scheme::Dark => out.push_str(&format!(":host{{{dark}}}")),
        Scheme::Auto => out.push_str(&format!("@media (prefers-color-scheme: dark){{:host{{{dark}}}}}")),
    }
    out
}
