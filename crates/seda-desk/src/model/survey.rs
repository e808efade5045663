//! `GET /admin/desk/surveys/{id}` and `GET /admin/desk/comments`: a survey's figures
//! and its comments, with the words and the CSV the survey page makes of them.

use serde::Deserialize;
use serde_json::Value;

use crate::csv;
use crate::format;
use crate::i18n::Lang;

/// A survey's figures over the chosen responses.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct SurveyReport {
    pub form_id: String,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub responses: i64,
    #[serde(default)]
    pub questions: Vec<QuestionTitle>,
    #[serde(default)]
    pub metrics: Metrics,
    #[serde(default)]
    pub trend: Vec<TrendRow>,
    #[serde(default)]
    pub breakdown: Option<Breakdown>,
    /// What the responses can be broken down and filtered by.
    #[serde(default)]
    pub dimensions: Vec<String>,
}

/// A question's id, type and title (a form's text).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct QuestionTitle {
    pub id: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: Value,
}

/// The three scores; each is none when the form has no such question or no answers.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Metrics {
    #[serde(default)]
    pub nps: Option<Nps>,
    #[serde(default)]
    pub csat: Option<Csat>,
    #[serde(default)]
    pub ces: Option<Ces>,
}

/// How many answers gave one value.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
pub struct Count {
    pub value: i64,
    pub count: i64,
}

/// Net Promoter Score with its 95 % confidence interval.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Nps {
    #[serde(default)]
    pub question: String,
    pub n: i64,
    pub promoters: i64,
    pub passives: i64,
    pub detractors: i64,
    pub score: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    #[serde(default)]
    pub distribution: Vec<Count>,
}

/// Customer satisfaction: the share of 4s and 5s.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Csat {
    #[serde(default)]
    pub question: String,
    pub n: i64,
    pub satisfied: i64,
    pub percent: f64,
    #[serde(default)]
    pub distribution: Vec<Count>,
}

/// Customer effort: the mean of a 1-7 scale.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Ces {
    #[serde(default)]
    pub question: String,
    pub n: i64,
    pub mean: f64,
    #[serde(default)]
    pub distribution: Vec<Count>,
}

/// One period of the trend (an ISO week or a month).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct TrendRow {
    pub period: String,
    #[serde(default)]
    pub start: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// How many responses a group has, and its NPS, CSAT % and CES where it has them.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Figures {
    pub responses: i64,
    pub nps: Option<f64>,
    pub csat: Option<f64>,
    pub ces: Option<f64>,
}

/// The figures for each value of one dimension.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Breakdown {
    pub by: String,
    #[serde(default)]
    pub rows: Vec<BreakdownRow>,
}

/// One value of the breakdown's dimension.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct BreakdownRow {
    /// None for the responses without a value.
    #[serde(default)]
    pub key: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A page of comments and how many there are in all.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct CommentPage {
    #[serde(default)]
    pub total: i64,
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// A non-empty text answer, with the response's score.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Comment {
    pub response_id: String,
    #[serde(default)]
    pub received_at: String,
    #[serde(default)]
    pub score: Option<i64>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub page_url: Option<String>,
    #[serde(default)]
    pub hidden: serde_json::Map<String, Value>,
}

impl BreakdownRow {
    /// The row's value, or words for "none".
    pub fn label(&self, lang: Lang) -> String {
        self.key.clone().unwrap_or_else(|| lang.pick("(none)", "(بدون مقدار)").to_owned())
    }
}

/// A figure that may be below zero, with a minus sign (U+2212) rather than a hyphen.
pub fn signed(x: f64, lang: Lang) -> String {
    format::number(x, 1, lang).replace('-', "−")
}

impl Nps {
    /// The score and its interval in words: "10.0, 95 % CI −24.9 to 44.9".
    pub fn summary(&self, lang: Lang) -> String {
        format!("{}{} {}", signed(self.score, lang), lang.pick(",", "،"), self.interval(lang))
    }

    /// "95 % CI −24.9 to 44.9".
    pub fn interval(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("95 % CI {} to {}", signed(self.ci_low, lang), signed(self.ci_high, lang)),
            Lang::Fa => format!("بازهٔ اطمینان ۹۵٪ از {} تا {}", signed(self.ci_low, lang), signed(self.ci_high, lang)),
        }
    }
}

/// A promoter, passive or detractor category in words.
pub fn category_name(category: &str, lang: Lang) -> &'static str {
    match category {
        "promoter" => lang.pick("Promoter", "مروّج"),
        "passive" => lang.pick("Passive", "خنثی"),
        "detractor" => lang.pick("Detractor", "منتقد"),
        _ => lang.pick("Other", "دیگر"),
    }
}

/// What a dimension is called: `hidden.store` → "store (hidden field)".
pub fn dimension_name(dimension: &str, lang: Lang) -> String {
    match dimension {
        "language" => lang.pick("Language", "زبان").to_owned(),
        "page" => lang.pick("Page", "صفحه").to_owned(),
        d => match d.strip_prefix("hidden.") {
            Some(id) => format!("{id} {}", lang.pick("(hidden field)", "(فیلد پنهان)")),
            None => d.to_owned(),
        },
    }
}

/// The comments as a spreadsheet reads them: figures in Western digits, times as sent.
pub fn comments_csv(comments: &[Comment], lang: Lang) -> String {
    let header = [
        lang.pick("Response", "پاسخ"),
        lang.pick("Received", "دریافت"),
        lang.pick("Score", "امتیاز"),
        lang.pick("Category", "دسته"),
        lang.pick("Question", "پرسش"),
        lang.pick("Comment", "نظر"),
        lang.pick("Language", "زبان"),
        lang.pick("Page", "صفحه"),
    ];
    let rows: Vec<Vec<String>> = comments
        .iter()
        .map(|c| {
            vec![
                c.response_id.clone(),
                c.received_at.clone(),
                c.score.map(|s| s.to_string()).unwrap_or_default(),
                c.category.as_deref().map(|k| category_name(k, lang).to_owned()).unwrap_or_default(),
                c.question.clone(),
                c.text.clone(),
                c.language.clone().unwrap_or_default(),
                c.page_url.clone().unwrap_or_default(),
            ]
        })
        .collect();
    csv::write(&header, &rows)
}

/// The breakdown's rows, one a value of its dimension.
pub fn breakdown_csv(breakdown: &Breakdown, lang: Lang) -> String {
    let dimension = dimension_name(&breakdown.by, lang);
    let header = [dimension.as_str(), lang.pick("Responses", "پاسخ‌ها"), "NPS", "CSAT %", "CES"];
    let plain = |x: Option<f64>| x.map(|x| format::number(x, 1, Lang::En)).unwrap_or_default();
    let rows: Vec<Vec<String>> =
        breakdown.rows.iter().map(|r| vec![r.label(lang), r.figures.responses.to_string(), plain(r.figures.nps), plain(r.figures.csat), plain(r.figures.ces)]).collect();
    csv::write(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report() -> SurveyReport {
        serde_json::from_value(json!({"form_id": "nps", "version": 1, "responses": 20,
         "questions": [{"id": "recommend", "type": "nps", "title": {"en": "Recommend?"}}],
         "metrics": {
           "nps": {"question": "recommend", "n": 20, "promoters": 8, "passives": 6, "detractors": 6,
                   "score": 10.0, "ci_low": -24.9, "ci_high": 44.9,
                   "distribution": [{"value": 0, "count": 1}, {"value": 10, "count": 4}]},
           "csat": null, "ces": {"question": "effort", "n": 5, "mean": 5.2, "distribution": []}},
         "trend": [{"period": "2026-W49", "start": "2026-11-30", "responses": 3, "nps": 33.3, "csat": null, "ces": null}],
         "breakdown": {"by": "hidden.store", "rows": [{"key": "north", "responses": 4, "nps": -25.0, "csat": null, "ces": null},
                                                {"key": null, "responses": 1, "nps": null, "csat": null, "ces": null}]},
         "dimensions": ["hidden.store", "language", "page"]}))
        .unwrap()
    }

    #[test]
    fn the_contracts_example_is_read() {
        let r = report();
        assert_eq!(r.metrics.nps.as_ref().unwrap().promoters, 8);
        assert_eq!(r.metrics.csat, None);
        assert_eq!(r.metrics.ces.as_ref().unwrap().mean, 5.2);
        assert_eq!(r.trend[0].figures.nps, Some(33.3));
        assert_eq!(r.breakdown.as_ref().unwrap().rows[0].key.as_deref(), Some("north"));
    }

    #[test]
    fn the_nps_is_written_with_its_interval_in_both_languages() {
        let nps = report().metrics.nps.unwrap();
        assert_eq!(nps.summary(Lang::En), "10.0, 95 % CI −24.9 to 44.9");
        assert_eq!(nps.summary(Lang::Fa), "۱۰٫۰، بازهٔ اطمینان ۹۵٪ از −۲۴٫۹ تا ۴۴٫۹");
    }

    #[test]
    fn dimensions_have_names() {
        let cases = [("hidden.store", Lang::En, "store (hidden field)"), ("language", Lang::Fa, "زبان"), ("page", Lang::En, "Page")];
        for (dimension, lang, want) in cases {
            assert_eq!(dimension_name(dimension, lang), want);
        }
    }

    #[test]
    fn the_csv_holds_the_comments_and_the_breakdown_as_shown() {
        let comments = vec![Comment {
            response_id: "r1".into(),
            received_at: "2026-12-01T10:00:00Z".into(),
            score: Some(3),
            category: Some("detractor".into()),
            question: "reason".into(),
            text: "Slow, and \"rude\"".into(),
            language: Some("fa".into()),
            ..Comment::default()
        }];
        let text = comments_csv(&comments, Lang::En);
        assert_eq!(
            text,
            "\u{feff}Response,Received,Score,Category,Question,Comment,Language,Page\r\nr1,2026-12-01T10:00:00Z,3,Detractor,reason,\"Slow, and \"\"rude\"\"\",fa,\r\n"
        );
        let breakdown = breakdown_csv(report().breakdown.as_ref().unwrap(), Lang::En);
        assert_eq!(breakdown, "\u{feff}store (hidden field),Responses,NPS,CSAT %,CES\r\nnorth,4,-25.0,,\r\n(none),1,,,\r\n");
    }
}
