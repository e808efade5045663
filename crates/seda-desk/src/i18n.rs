//! The desk's two languages. Every word a person reads is written in both, side by
//! side where it is used: `lang.pick("Owner", "مسئول")`.

use serde_json::Value;

/// The language the desk is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fa,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fa];

    /// The BCP 47 code, for `lang` attributes and `Intl` formats.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fa => "fa",
        }
    }

    /// The writing direction, for `dir` attributes.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Fa => "rtl",
        }
    }

    /// The language's own name, as a language switch shows it.
    pub fn own_name(self) -> &'static str {
        self.pick("English", "فارسی")
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().split(['-', '_']).next()? {
            "en" => Some(Lang::En),
            "fa" => Some(Lang::Fa),
            _ => None,
        }
    }

    /// The English or the Persian of a word.
    pub fn pick(self, en: &'static str, fa: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }
}

/// Words for a set of ids, each `(id, English, Persian)`.
pub type Words = [(&'static str, &'static str, &'static str)];

/// The words `table` has for `id` in `lang`, if it has any.
pub fn words_for(table: &'static Words, id: &str, lang: Lang) -> Option<&'static str> {
    table.iter().find(|(key, ..)| *key == id).map(|&(_, en, fa)| lang.pick(en, fa))
}

/// A form's text (`{"en": "...", "fa": "..."}`, or a plain string) in `lang`; else in
/// English, else in any language it has; empty when there is none.
pub fn text_in(value: &Value, lang: Lang) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(m) => m
            .get(lang.code())
            .or_else(|| m.get(Lang::En.code()))
            .or_else(|| m.values().next())
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_text_is_read_in_the_language_then_english_then_any() {
        let cases = [
            (json!({"en": "Hi", "fa": "سلام"}), Lang::Fa, "سلام"),
            (json!({"en": "Hi", "fa": "سلام"}), Lang::En, "Hi"),
            (json!({"en": "Hi"}), Lang::Fa, "Hi"),
            (json!({"ar": "مرحبا"}), Lang::En, "مرحبا"),
            (json!("plain"), Lang::Fa, "plain"),
            (json!(null), Lang::En, ""),
        ];
        for (value, lang, want) in cases {
            assert_eq!(text_in(&value, lang), want, "{value} in {lang:?}");
        }
    }

    #[test]
    fn language_codes_are_read_forgivingly() {
        assert_eq!(Lang::from_code("fa-IR"), Some(Lang::Fa));
        assert_eq!(Lang::from_code(" EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("tr"), None);
    }
}
