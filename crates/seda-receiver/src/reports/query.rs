//! The reports' query parameters, read once into typed values. Anything unknown or
//! malformed is a 400 `bad-query` whose `path` is the parameter's name.

use std::collections::HashSet;

use serde_json::Value;
use crate::period::{from_bound, to_bound, Period};
use crate::error::{AppError, Reason};

/// What responses are grouped or filtered by: a hidden field, the language
/// (`meta.locale`'s language: `fa-IR` is `fa`) or the page (`meta.page_url`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    Hidden(String),
    Language,
    Page,
}

impl Dimension {
    /// `hidden.<id>`, `language` or `page`.
    pub fn parse(name: &str) -> Option<Dimension> {
        match name {
            "language" => Some(Dimension::Language),
            "page" => Some(Dimension::Page),
            _ => name.strip_prefix("hidden.").filter(|id| !id.is_empty()).map(|id| Dimension::Hidden(id.to_owned())),
        }
    }

    pub fn name(&self) -> String {
        match self {
            Dimension::Hidden(id) => format!("hidden.{id}"),
            Dimension::Language => "language".into(),
            Dimension::Page => "page".into(),
        }
    }

    /// The response's value of this dimension, if it has one.
    pub fn value_of(&self, payload: &Value) -> Option<String> {
        let text = match self {
            Dimension::Hidden(id) => payload["hidden"][id].as_str(),
            Dimension::Language => return payload["meta"]["locale"].as_str().filter(|l| !l.is_empty()).map(language),
            Dimension::Page => payload["meta"]["page_url"].as_str(),
        };
        text.filter(|t| !t.is_empty()).map(str::to_owned)
    }
}

/// A locale's language, lowercased: `fa-IR` → `fa`.
pub fn language(locale: &str) -> String {
    locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// `DIM=value`: only responses whose dimension has exactly this value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub dimension: Dimension,
    pub value: String,
}

impl Filter {
    pub fn holds(&self, payload: &Value) -> bool {
        let wanted = match self.dimension {
            Dimension::Language => language(&self.value),
            _ => self.value.clone(),
        };
        self.dimension.value_of(payload).is_some_and(|v| v == wanted)
    }
}

/// Receipt times from `from` (inclusive) to `to` (exclusive), in microseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: i64,
    pub to: i64,
}

impl Default for Window {
    fn default() -> Self {
        Window { from: i64::MIN, to: i64::MAX }
    }
}

/// A query string's parameters, each name at most once, read in any order.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn read(raw: Option<&str>) -> Result<Params, AppError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
        let mut seen = HashSet::new();
        if let Some((name, _)) = pairs.iter().find(|(name, _)| !seen.insert(name.clone())) {
            return Err(AppError::at(Reason::BadQuery, name.clone(), format!("{name} is given more than once")));
        }
        Ok(Params { pairs })
    }

    /// Takes the value of `name` out, if given (an empty value counts as not given).
    pub fn take(&mut self, name: &str) -> Option<String> {
        let i = self.pairs.iter().position(|(n, _)| n == name)?;
        Some(self.pairs.remove(i).1).filter(|v| !v.is_empty())
    }

    /// A whole number in `min..=max` (`max` may be `i64::MAX`: no upper bound).
    pub fn integer(&mut self, name: &str, min: i64, max: i64) -> Result<Option<i64>, AppError> {
        let Some(text) = self.take(name) else { return Ok(None) };
        let range = if max == i64::MAX { format!("{min} or more") } else { format!("from {min} to {max}") };
        match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(AppError::at(Reason::BadQuery, name, format!("{name} must be a whole number {range}, not {text:?}"))),
        }
    }

    /// How many a list answers: `limit`, 1 or more (`default` when absent; an ask over
    /// `max` gets `max`).
    pub fn limit(&mut self, default: usize, max: usize) -> Result<usize, AppError> {
        Ok(self.integer("limit", 1, i64::MAX)?.map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX).min(max)))
    }

    /// A list's page: [`Params::limit`] and `offset` (0 or more).
    pub fn page(&mut self, default: usize, max: usize) -> Result<(usize, usize), AppError> {
        let limit = self.limit(default, max)?;
        let offset = self.integer("offset", 0, i64::MAX)?.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
        Ok((limit, offset))
    }

    /// `from` and `to`: `YYYY-MM-DD` (whole UTC days, `to` inclusive) or RFC 3339.
    pub fn window(&mut self) -> Result<Window, AppError> {
        let mut w = Window::default();
        if let Some(text) = self.take("from") {
            w.from = instant("from", &text, false)?;
        }
        if let Some(text) = self.take("to") {
            w.to = instant("to", &text, true)?;
        }
        if w.from >= w.to {
            return Err(AppError::at(Reason::BadQuery, "to", "to is before from"));
        }
        Ok(w)
    }

    /// `period=week|month` (week when absent).
    pub fn period(&mut self) -> Result<Period, AppError> {
        match self.take("period") {
            None => Ok(Period::Week),
            Some(p) => Period::parse(&p).ok_or_else(|| AppError::at(Reason::BadQuery, "period", format!("period is week or month, not {p:?}"))),
        }
    }

    /// A dimension named by the value of `name` (`by=hidden.store`).
    pub fn dimension(&mut self, name: &str) -> Result<Option<Dimension>, AppError> {
        let Some(text) = self.take(name) else { return Ok(None) };
        Dimension::parse(&text)
            .map(Some)
            .ok_or_else(|| AppError::at(Reason::BadQuery, name, format!("{name} is hidden.<id>, language or page, not {text:?}")))
    }

    /// Every remaining parameter must be a filter (`hidden.<id>=v`, `language=`, `page=`).
    pub fn filters(self) -> Result<Vec<Filter>, AppError> {
        self.pairs
            .into_iter()
            .map(|(name, value)| match Dimension::parse(&name) {
                Some(dimension) => Ok(Filter { dimension, value }),
                None => Err(AppError::at(Reason::BadQuery, name.clone(), format!("{name} is not a parameter of this route"))),
            })
            .collect()
    }
}

/// A time in microseconds; the end of a window is exclusive: the day after a `to`
/// date, or the microsecond after a `to` time.
fn instant(name: &str, text: &str, end: bool) -> Result<i64, AppError> {
    let read = if end { to_bound } else { from_bound };
    read(text).ok_or_else(|| AppError::at(Reason::BadQuery, name, format!("{name} must be a date (2026-11-23) or an RFC 3339 time, not {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path_of(e: AppError) -> Option<String> {
        match e {
            AppError::Rejected { path, .. } => path,
            _ => None,
        }
    }

    #[test]
    fn windows() {
        let mut p = Params::read(Some("from=2026-11-23&to=2026-11-23")).unwrap();
        let w = p.window().unwrap();
        // 2026-11-23T00:00Z is 1 795 392 000 s after 1970; `to` takes the whole day.
        assert_eq!((w.from, w.to), (1_795_392_000_000_000, 1_795_478_400_000_000));
        let mut p = Params::read(Some("to=2026-11-23T10:00:00Z")).unwrap();
        assert_eq!(p.window().unwrap().to, 1_795_428_000_000_001);
        for (query, path) in [("from=yesterday", "from"), ("from=2026-11-24&to=2026-11-23", "to"), ("to=2026-02-30", "to")] {
            assert_eq!(path_of(Params::read(Some(query)).unwrap().window().unwrap_err()).as_deref(), Some(path), "{query}");
        }
    }

    #[test]
    fn filters_and_dimensions() {
        let mut p = Params::read(Some("by=hidden.store&hidden.store=north&language=fa-IR&page=https%3A%2F%2Fshop.example%2F")).unwrap();
        assert_eq!(p.dimension("by").unwrap(), Some(Dimension::Hidden("store".into())));
        let filters = p.filters().unwrap();
        let payload = json!({"hidden": {"store": "north"}, "meta": {"locale": "fa", "page_url": "https://shop.example/"}});
        assert!(filters.iter().all(|f| f.holds(&payload)), "{filters:?}");
        assert!(!filters[0].holds(&json!({"hidden": {"store": "south"}})));
        let unknown = Params::read(Some("colour=red")).unwrap().filters().unwrap_err();
        assert_eq!(path_of(unknown).as_deref(), Some("colour"));
        let twice = Params::read(Some("language=fa&language=en")).err().unwrap();
        assert_eq!(path_of(twice).as_deref(), Some("language"));
        let bad_by = Params::read(Some("by=hidden.")).unwrap().dimension("by").unwrap_err();
        assert_eq!(path_of(bad_by).as_deref(), Some("by"));
    }
}
