//! Visible strings that are either plain or given per locale.

use super::json::Value;
use super::locale::language;

/// A visible string: `"Thanks"`, or one per locale: `{"en": "Thanks", "fa": "ممنون"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    /// `(locale, string)` pairs in the order the form gives them.
    Localised(Vec<(String, String)>),
}

impl Text {
    /// The string for `locale`: an exact match, then its language (`fa-IR` -> `fa`),
    /// then `fallback` (the form's default locale), then any entry there is.
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Localised(map) => {
                let find = |l: &str| map.iter().find(|(k, _)| k == l).map(|(_, v)| v.as_str());
                find(locale)
                    .or_else(|| find(language(locale)))
                    .or_else(|| find(fallback))
                    .or_else(|| map.first().map(|(_, v)| v.as_str()))
                    .unwrap_or("")
            }
        }
    }

    /// Whether there is a string for `locale` itself (used by the semantic check).
    pub fn has(&self, locale: &str) -> bool {
        match self {
            Text::Plain(_) => true,
            Text::Localised(map) => map.iter().any(|(k, _)| k == locale || k == language(locale)),
        }
    }

    /// Every string this text holds, for the length and emptiness checks.
    pub fn strings(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Localised(map) => map.iter().map(|(_, v)| v.as_str()).collect(),
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            Text::Plain(s) => Value::from(s.as_str()),
            Text::Localised(map) => Value::object(map.iter().map(|(k, v)| (k.as_str(), Value::from(v.as_str())))),
        }
    }
}

/// Fills `{name}` placeholders with `value(name)`; unknown names stay as written.
pub fn pipe(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| Some((close, value(&after[..close])?))) {
            Some((close, v)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}


#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn localised(pairs: &[(&str, &str)]) -> Text {
        Text::Localised(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn picks_the_best_locale() {
        let t = localised(&[("en", "Thanks"), ("fa", "ممنون")]);
        let cases = [
            ("fa", "en", "ممنون"),
            ("fa-IR", "en", "ممنون"),
            ("de", "en", "Thanks"),
            ("de", "fa", "ممنون"),
        ];
        for (locale, fallback, expected) in cases {
            assert_eq!(t.get(locale, fallback), expected, "{locale} / {fallback}");
        }
        assert_eq!(Text::Plain("Hi".into()).get("fa", "en"), "Hi");
    }

    #[test]
    fn pipes_known_names_and_leaves_the_rest() {
        let value = |name: &str| (name == "name").then(|| "Sara".to_owned());
        assert_eq!(pipe("Thanks, {name}!", value), "Thanks, Sara!");
        assert_eq!(pipe("{name}{name} {other} {", value), "SaraSara {other} {");
        assert_eq!(pipe("{<b>}", |_| Some("<i>x</i>".into())), "<i>x</i>", "values are text; the views never read them as HTML");
    }

    #[test]
    fn a_localised_text_round_trips_in_order() {
        let t = localised(&[("fa", "ممنون"), ("en", "Thanks")]);
        assert_eq!(t.to_value().to_json(), r#"{"fa":"ممنون","en":"Thanks"}"#);
    }
}
