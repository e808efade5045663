//! Visible strings that are either plain or given per locale.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A visible string: `"Thanks"`, or one per locale: `{"en": "Thanks", "fa": "ممنون"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Localised(BTreeMap<String, String>),
}

impl Text {
    /// The string for `locale`: an exact match, then its language (`fa-IR` -> `fa`),
    /// then `fallback` (the form's default locale), then any entry there is.
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Localised(map) => map
                .get(locale)
                .or_else(|| map.get(language(locale)))
                .or_else(|| map.get(fallback))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Whether there is a string for `locale` itself (used by the semantic check).
    pub fn has(&self, locale: &str) -> bool {
        match self {
            Text::Plain(_) => true,
            Text::Localised(map) => map.contains_key(locale) || map.contains_key(language(locale)),
        }
    }

    /// Every string this text holds, for the length and emptiness checks.
    pub fn strings(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Localised(map) => map.values().map(String::as_str).collect(),
        }
    }
}

/// The primary language subtag: `fa-IR` -> `fa`.
pub fn language(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

// Hand-written so a wrong value reads "expected a string or a map of locale to
// string" instead of serde's "did not match any variant of untagged enum".
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a map of locale to string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Text, A::Error> {
                let mut map = BTreeMap::new();
                while let Some((k, v)) = access.next_entry::<String, String>()? {
                    map.insert(k, v);
                }
                Ok(Text::Localised(map))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
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
    fn parses_both_shapes_and_names_the_wrong_one() {
        assert_eq!(serde_json::from_str::<Text>(r#""Hi""#).unwrap(), Text::Plain("Hi".into()));
        assert_eq!(
            serde_json::from_str::<Text>(r#"{"en":"Hi"}"#).unwrap(),
            localised(&[("en", "Hi")])
        );
        let err = serde_json::from_str::<Text>("12").unwrap_err().to_string();
        assert!(err.contains("a string or a map of locale to string"), "{err}");
    }
}
