//! The visit report (`GET /admin/desk/visit-report`) and its shaping for the page:
//! the score by location, the location × section table, the trend with every
//! location on the same periods, and the failure tables.

use serde::Deserialize;
use serde_json::Value;

use crate::format;
use crate::i18n::{text_in, Lang};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SectionMean {
    pub id: String,
    pub title: Value,
    pub score: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct TrendPoint {
    pub period: String,
    pub start: String,
    pub visits: i64,
    pub score: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct LocationScores {
    pub id: String,
    pub label: Value,
    pub visits: i64,
    pub score: Option<f64>,
    pub sections: Vec<SectionMean>,
    pub trend: Vec<TrendPoint>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SectionName {
    pub id: String,
    pub title: Value,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Failed {
    pub item: String,
    pub title: Value,
    pub section: Value,
    pub failed: i64,
    pub answered: i64,
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CriticalFailure {
    pub response_id: String,
    pub location: Value,
    pub item: String,
    pub title: Value,
    pub received_at: String,
}

/// The whole report.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Report {
    pub form_id: String,
    pub visits: i64,
    pub locations: Vec<LocationScores>,
    pub sections: Vec<SectionName>,
    pub most_failed: Vec<Failed>,
    pub critical: Vec<CriticalFailure>,
}

/// A name from the report: a form's text, a plain string, else the id.
pub fn name(label: &Value, id: &str, lang: Lang) -> String {
    let text = text_in(label, lang);
    if text.is_empty() {
        id.to_owned()
    } else {
        text
    }
}

/// One bar of "score by location": its name, its mean score and the score written.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreBar {
    pub label: String,
    pub score: f64,
    pub shown: String,
}

/// The trend by location, every line on the same periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// The periods as written, oldest first.
    pub periods: Vec<String>,
    pub lines: Vec<TrendLine>,
}

/// One location's mean score in each of the trend's periods.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendLine {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Report {
    /// The locations with a score, best first.
    pub fn score_bars(&self, lang: Lang) -> Vec<ScoreBar> {
        let mut bars: Vec<ScoreBar> = self
            .locations
            .iter()
            .filter_map(|l| {
                let score = l.score?;
                Some(ScoreBar { label: name(&l.label, &l.id, lang), score, shown: format::number(score, 1, lang) })
            })
            .collect();
        bars.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
        bars
    }

    /// A row per location: its name, its visits, then its score in each of the
    /// report's sections (a dash where it has none).
    pub fn section_rows(&self, lang: Lang) -> Vec<(String, String, Vec<String>)> {
        self.locations
            .iter()
            .map(|l| {
                let cells = self
                    .sections
                    .iter()
                    .map(|s| format::maybe(l.sections.iter().find(|m| m.id == s.id).and_then(|m| m.score), 1, lang))
                    .collect();
                (name(&l.label, &l.id, lang), format::count(l.visits, lang), cells)
            })
            .collect()
    }

    /// A section's title by its id (a text the report gives is used as it is).
    pub fn section_name(&self, section: &Value, lang: Lang) -> String {
        match section.as_str() {
            Some(id) => self.sections.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| name(&s.title, &s.id, lang)),
            None => name(section, "–", lang),
        }
    }

    /// A location's label by its id (a text the report gives is used as it is).
    pub fn location_name(&self, location: &Value, lang: Lang) -> String {
        match location.as_str() {
            Some(id) => self.locations.iter().find(|l| l.id == id).map_or_else(|| id.to_owned(), |l| name(&l.label, &l.id, lang)),
            None => name(location, "–", lang),
        }
    }

    /// The trend: every period any location has, oldest first (by start), and each
    /// location's score at each (None where it had no visits then).
    pub fn trend(&self, lang: Lang) -> Trend {
        let mut periods: Vec<(String, String)> =
            self.locations.iter().flat_map(|l| l.trend.iter().map(|p| (p.start.clone(), p.period.clone()))).collect();
        periods.sort();
        periods.dedup();
        let lines = self
            .locations
            .iter()
            .map(|l| {
                let values = periods
                    .iter()
                    .map(|(_, period)| l.trend.iter().find(|p| &p.period == period).and_then(|p| p.score))
                    .collect();
                TrendLine { name: name(&l.label, &l.id, lang), values }
            })
            .collect();
        Trend { periods: periods.into_iter().map(|(_, p)| period_text(&p, lang)).collect(), lines }
    }
}

/// The report's choices, as the page's query string and the API's hold them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub form: String,
    /// `week` or `month`; empty for the receiver's default.
    pub period: String,
    pub from: String,
    pub to: String,
}

impl ReportFilter {
    pub fn read(get: impl Fn(&str) -> Option<String>) -> ReportFilter {
        let get = |k: &str| get(k).unwrap_or_default();
        let period = get("period");
        let period = if matches!(period.as_str(), "week" | "month") { period } else { String::new() };
        ReportFilter { form: get("form"), period, from: get("from"), to: get("to") }
    }

    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![("form", self.form.clone()), ("period", self.period.clone()), ("from", self.from.clone()), ("to", self.to.clone())]
    }
}

/// A period ("2026-W49", "2026-12") with the language's digits; its dash stays a dash.
pub fn period_text(period: &str, lang: Lang) -> String {
    period.split('-').map(|part| format::localise_digits(part, lang)).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report() -> Report {
        serde_json::from_value(json!({
            "form_id": "mystery-shop", "visits": 5,
            "locations": [
                {"id": "north", "label": {"en": "North", "fa": "شمال"}, "visits": 3, "score": 71.5,
                 "sections": [{"id": "entry", "title": {"en": "Entry"}, "score": 80}],
                 "trend": [{"period": "2026-11", "start": "2026-11-01", "visits": 1, "score": 60},
                           {"period": "2026-12", "start": "2026-12-01", "visits": 2, "score": 77.3}]},
                {"id": "south", "label": null, "visits": 2, "score": 88,
                 "sections": [{"id": "entry", "score": 90}, {"id": "till", "score": 86}],
                 "trend": [{"period": "2026-10", "start": "2026-10-01", "visits": 1, "score": 85},
                           {"period": "2026-12", "start": "2026-12-01", "visits": 1, "score": 91}]},
                {"id": "east", "label": {"en": "East"}, "visits": 0, "score": null, "sections": [], "trend": []}
            ],
            "sections": [{"id": "entry", "title": {"en": "Entry"}}, {"id": "till", "title": {"en": "Till"}}],
            "most_failed": [{"item": "greet", "title": {"en": "Greeted"}, "section": "entry", "failed": 2, "answered": 5, "rate": 40}],
            "critical": [{"response_id": "v9", "location": "north", "item": "safety", "title": {"en": "Exit clear"}, "received_at": "2026-12-02T10:00:00Z"}]
        }))
        .unwrap()
    }

    #[test]
    fn the_report_filter_reads_its_query_and_drops_an_unknown_period() {
        let query = [("form", "mystery-shop"), ("period", "month"), ("to", "2026-12-31")];
        let get = |k: &str| query.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned());
        let filter = ReportFilter::read(get);
        assert_eq!(
            filter.pairs(),
            [
                ("form", "mystery-shop".to_owned()),
                ("period", "month".to_owned()),
                ("from", String::new()),
                ("to", "2026-12-31".to_owned()),
            ]
        );
        assert_eq!(ReportFilter::read(|k| (k == "period").then(|| "decade".to_owned())).period, "");
    }

    #[test]
    fn locations_are_ranked_best_first_and_unscored_ones_left_out() {
        let bars = report().score_bars(Lang::Fa);
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["south", "شمال"]);
        assert_eq!(bars[1].shown, "۷۱٫۵");
    }

    #[test]
    fn the_section_table_has_a_cell_for_every_section() {
        let rows = report().section_rows(Lang::En);
        let want = [
            ("North", "3", vec!["80.0", "–"]),
            ("south", "2", vec!["90.0", "86.0"]),
            ("East", "0", vec!["–", "–"]),
        ];
        assert_eq!(rows.len(), want.len());
        for (row, (label, visits, cells)) in rows.iter().zip(want) {
            assert_eq!((row.0.as_str(), row.1.as_str()), (label, visits));
            assert_eq!(row.2, cells, "{label}");
        }
    }

    #[test]
    fn sections_and_locations_are_named_from_the_report() {
        let r = report();
        let cases = [
            (r.section_name(&json!("entry"), Lang::En), "Entry"),
            (r.section_name(&json!("gone"), Lang::En), "gone"),
            (r.section_name(&json!({"en": "Outside", "fa": "بیرون"}), Lang::Fa), "بیرون"),
            (r.section_name(&json!(null), Lang::En), "–"),
            (r.location_name(&json!("north"), Lang::Fa), "شمال"),
            (r.location_name(&json!("south"), Lang::En), "south"),
            (r.location_name(&json!("west"), Lang::En), "west"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn the_trend_puts_every_location_on_the_same_periods() {
        let trend = report().trend(Lang::En);
        assert_eq!(trend.periods, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(trend.lines[0], TrendLine { name: "North".to_owned(), values: vec![None, Some(60.0), Some(77.3)] });
        assert_eq!(trend.lines[1], TrendLine { name: "south".to_owned(), values: vec![Some(85.0), None, Some(91.0)] });
        assert_eq!(trend.lines[2].values, vec![None, None, None]);
        assert_eq!(report().trend(Lang::Fa).periods[0], "۲۰۲۶-۱۰");
        assert_eq!(period_text("2026-W49", Lang::Fa), "۲۰۲۶-W۴۹");
    }
}
