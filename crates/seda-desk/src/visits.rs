//! Mystery-shop visits as the desk reads them (`/admin/desk/visits…`): their shapes,
//! review states, outcomes and marks in words, the review form's rule, and the
//! shopper's position as text and a map link.

use serde::Deserialize;
use serde_json::Value;

use crate::answers;
use crate::format;
use crate::i18n::{text_in, words_for, Lang, Words};

/// The review states, as in ODK Central.
pub const REVIEW_STATES: [&str; 4] = ["received", "has_issues", "approved", "rejected"];

/// One visit in the list (and the head of its score card).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct VisitRow {
    pub response_id: String,
    pub form_id: String,
    pub location: Option<String>,
    pub location_label: Value,
    pub shopper: Option<String>,
    pub assignment: Option<String>,
    pub time_in: Option<String>,
    pub time_out: Option<String>,
    pub received_at: String,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub band_label: Value,
    pub pass: Option<bool>,
    pub critical_failures: i64,
    pub state: String,
    pub figures: Option<String>,
}

/// A place visits are made to.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Place {
    pub id: String,
    pub label: Value,
}

/// `GET /admin/desk/visits`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct VisitList {
    /// How many visits the filters let through (`visits` is one page of them).
    pub total: i64,
    pub visits: Vec<VisitRow>,
    pub locations: Vec<Place>,
    pub shoppers: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SectionScore {
    pub id: String,
    pub title: Value,
    pub score: Option<f64>,
    pub earned: Option<f64>,
    pub possible: Option<f64>,
    pub failed: bool,
    pub critical_failed: bool,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Photo {
    pub url: String,
    pub at: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct ItemScore {
    pub id: String,
    pub section: String,
    pub title: Value,
    #[serde(rename = "type")]
    pub kind: String,
    pub answer: Value,
    pub answer_label: Value,
    /// From 0 to 1; None when the item counts neither way.
    pub credit: Option<f64>,
    pub earned: Option<f64>,
    pub possible: Option<f64>,
    pub failed: bool,
    /// `form`, `section`, true, or absent.
    pub critical: Value,
    pub bonus: bool,
    pub at: Option<String>,
    pub comment: Option<String>,
    pub standard: Value,
    pub photos: Vec<Photo>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Scorecard {
    pub outcome: String,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub band_label: Value,
    pub pass: Option<bool>,
    pub earned: Option<f64>,
    pub possible: Option<f64>,
    pub method: String,
    pub sections: Vec<SectionScore>,
    pub items: Vec<ItemScore>,
}

/// Where, who and when, as the shopper recorded it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Record {
    pub location: Option<String>,
    pub shopper: Option<String>,
    pub assignment: Option<String>,
    pub time_in: Option<String>,
    pub time_out: Option<String>,
    pub staff: Option<String>,
    /// `{"lat", "lon", "accuracy_m"}`, or the payload's `"lat,lon,accuracy_m"`; null when not shared.
    pub geo: Value,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Review {
    pub state: String,
    pub reviewer: Option<String>,
    pub comment: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct ReviewEvent {
    pub at: String,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub comment: Option<String>,
}

/// `GET /admin/desk/visits/{id}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct VisitDetail {
    pub visit: VisitRow,
    pub scorecard: Scorecard,
    pub record: Record,
    pub review: Review,
    pub history: Vec<ReviewEvent>,
}

impl Scorecard {
    /// The items of one section, in the card's order.
    pub fn items_of<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a ItemScore> + 'a {
        self.items.iter().filter(move |i| i.section == section)
    }
}

pub fn review_label(state: &str, lang: Lang) -> String {
    const REVIEW_WORDS: &Words = &[
        ("received", "Not reviewed", "بررسی‌نشده"),
        ("has_issues", "Has issues", "دارای ایراد"),
        ("approved", "Approved", "تأییدشده"),
        ("rejected", "Rejected", "ردشده"),
    ];
    words_for(REVIEW_WORDS, state, lang).map_or_else(|| state.to_owned(), str::to_owned)
}

/// Whether a review to `state` must say why.
pub fn comment_required(state: &str) -> bool {
    matches!(state, "has_issues" | "rejected")
}

/// The review form's own check before it is sent: the message for `comment` when a
/// comment is needed and missing.
pub fn review_problem(state: &str, comment: &str, lang: Lang) -> Option<&'static str> {
    (comment_required(state) && comment.trim().is_empty()).then(|| {
        lang.pick("Say what is wrong: a comment is needed for this state.", "بنویسید چه ایرادی دارد: این وضعیت به توضیح نیاز دارد.")
    })
}

/// The visit's outcome in words: its band, or why it failed.
pub fn outcome_words(outcome: &str, band: Option<&str>, band_label: &Value, lang: Lang) -> String {
    match outcome {
        "critical_fail" => lang.pick("Failed: a critical standard was missed", "مردود: یک استاندارد حیاتی رعایت نشد").to_owned(),
        "section_fail" => lang.pick("Failed: a section fell short", "مردود: یک بخش به حد لازم نرسید").to_owned(),
        "none" | "" => lang.pick("No band", "بدون رده").to_owned(),
        id => band_words(Some(band.unwrap_or(id)), band_label, lang),
    }
}

/// A band's label in the language, else its id, else a dash.
pub fn band_words(band: Option<&str>, band_label: &Value, lang: Lang) -> String {
    let label = text_in(band_label, lang);
    if !label.is_empty() {
        return label;
    }
    band.map_or_else(|| "–".to_owned(), str::to_owned)
}

pub fn pass_words(pass: Option<bool>, lang: Lang) -> &'static str {
    match pass {
        Some(true) => lang.pick("Pass", "قبول"),
        Some(false) => lang.pick("Fail", "مردود"),
        None => "–",
    }
}

/// A score out of 100, or a dash.
pub fn score_text(score: Option<f64>, lang: Lang) -> String {
    score.map_or_else(|| "–".to_owned(), |s| format::number(s, 1, lang))
}

/// An item's answer: its label from the form, else the value in words.
pub fn answer_words(item: &ItemScore, lang: Lang) -> String {
    let label = text_in(&item.answer_label, lang);
    if label.is_empty() {
        answers::value_text(&item.answer, lang)
    } else {
        label
    }
}

/// An item's credit as a percentage, or "counts neither way".
pub fn credit_words(credit: Option<f64>, lang: Lang) -> String {
    credit.map_or_else(|| lang.pick("Not counted", "محاسبه نمی‌شود").to_owned(), |c| format::percent(c * 100.0, lang))
}

/// What marks an item beyond its score, in words: failed, critical, bonus.
pub fn item_marks(item: &ItemScore, lang: Lang) -> Vec<&'static str> {
    let mut marks = Vec::new();
    if item.failed {
        marks.push(lang.pick("Failed", "رعایت نشد"));
    }
    match &item.critical {
        Value::String(s) if s == "form" => marks.push(lang.pick("Critical to the visit", "حیاتی برای کل بازدید")),
        Value::String(s) if s == "section" => marks.push(lang.pick("Critical to its section", "حیاتی برای بخش")),
        Value::Bool(true) => marks.push(lang.pick("Critical", "حیاتی")),
        _ => {}
    }
    if item.bonus {
        marks.push(lang.pick("Bonus", "امتیاز اضافه"));
    }
    marks
}

/// A section's marks in words.
pub fn section_marks(section: &SectionScore, lang: Lang) -> Vec<&'static str> {
    let mut marks = Vec::new();
    if section.critical_failed {
        marks.push(lang.pick("A critical item failed", "یک مورد حیاتی رعایت نشد"));
    }
    if section.failed {
        marks.push(lang.pick("Section failed", "بخش مردود شد"));
    }
    marks
}

/// Where the shopper was, if they shared it (`"lat,lon,accuracy_m"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: Option<f64>,
}

impl Position {
    /// The position from the score card's record: an object or the payload's text.
    pub fn from_value(geo: &Value) -> Option<Position> {
        match geo {
            Value::String(text) => Position::read(text),
            Value::Object(m) => {
                let lat = m.get("lat")?.as_f64()?;
                let lon = m.get("lon")?.as_f64()?;
                let accuracy_m = m.get("accuracy_m").and_then(Value::as_f64);
                Position::read(&format!("{lat},{lon},{}", accuracy_m.map_or(String::new(), |a| a.to_string())))
            }
            _ => None,
        }
    }

    /// The payload's `"lat,lon,accuracy_m"` (the accuracy may be missing).
    pub fn read(geo: &str) -> Option<Position> {
        let mut parts = geo.split(',').map(str::trim);
        let lat: f64 = parts.next()?.parse().ok()?;
        let lon: f64 = parts.next()?.parse().ok()?;
        let accuracy_m = parts.next().and_then(|a| a.parse().ok()).filter(|a: &f64| a.is_finite() && *a >= 0.0);
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(Position { lat, lon, accuracy_m })
    }

    /// "35.70000, 51.40000 (within 20 m)".
    pub fn text(&self, lang: Lang) -> String {
        let coords = format!("{}{}{}", format::number(self.lat, 5, lang), lang.pick(", ", "، "), format::number(self.lon, 5, lang));
        match self.accuracy_m {
            Some(a) => match lang {
                Lang::En => format!("{coords} (within {} m)", format::number(a, 0, lang)),
                Lang::Fa => format!("{coords} (با دقت {} متر)", format::number(a, 0, lang)),
            },
            None => coords,
        }
    }

    /// The place on OpenStreetMap, marked.
    pub fn map_url(&self) -> String {
        format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=18/{lat:.5}/{lon:.5}", lat = self.lat, lon = self.lon)
    }
}

/// The visit list's filters, as the page's query string and the API's hold them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitFilter {
    pub location: String,
    pub shopper: String,
    pub state: String,
    pub from: String,
    pub to: String,
    /// The first visit of the page shown, from 0.
    pub offset: u32,
}

/// How many visits a page of the list shows.
pub const VISITS_PER_PAGE: u32 = 50;

impl VisitFilter {
    pub fn read(get: impl Fn(&str) -> Option<String>) -> VisitFilter {
        let offset = get("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
        let get = |k: &str| get(k).unwrap_or_default();
        VisitFilter { location: get("location"), shopper: get("shopper"), state: get("state"), from: get("from"), to: get("to"), offset }
    }

    /// The page's query string (an offset of 0 is left out).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("location", self.location.clone()),
            ("shopper", self.shopper.clone()),
            ("state", self.state.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("offset", if self.offset == 0 { String::new() } else { self.offset.to_string() }),
        ]
    }

    /// The API's: the page's, and how many a page shows.
    pub fn api_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.pairs();
        pairs.push(("limit", VISITS_PER_PAGE.to_string()));
        pairs
    }
}

#[cfg(test)]
#[path = "visits_tests.rs"]
mod tests;
