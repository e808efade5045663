//! One visit as the desk shows it: the list's summary, the score card and the visit
//! record. Every figure is the server's: the overall and section figures stored
//! when the visit was received (`responses.checklist`), each item's scored again
//! from its answer; the phone's figures are never read. From the payload come only
//! the answers and the evidence (times, comments, photos) and the visit record.

use std::sync::Arc;

use serde_json::{json, Value};

use super::numbers::{hundredths, one_decimal};
use super::photo;
use super::report::{ItemOutcome, ReportVisit};
use super::review::ReviewState;
use crate::engine::{self, ChecklistView, KnownForm, ScoredVisit};
use crate::routes::rfc3339;
use crate::store::StoredVisit;

/// A stored visit read with its form (when known).
pub struct Visit {
    pub row: StoredVisit,
    pub payload: Value,
    form: Option<(Arc<KnownForm>, Arc<ChecklistView>)>,
    scored: Option<ScoredVisit>,
    figures: Value,
}

/// The visit record's parts, as the payload's `checklist.visit` names them.
const RECORD: [&str; 6] = ["location", "shopper", "assignment", "time_in", "time_out", "staff"];

impl Visit {
    /// Reads `row`'s payload; `form` is its form and the form's words, when known.
    pub fn new(row: StoredVisit, form: Option<(Arc<KnownForm>, Arc<ChecklistView>)>) -> Visit {
        let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let scored = form.as_ref().and_then(|(f, _)| engine::score_visit(f, &payload));
        // The figures stored at receipt; for a visit stored before its form was known, scored now.
        let stored = row.checklist.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok());
        let figures = stored.or_else(|| scored.as_ref().map(|s| s.figures.clone())).unwrap_or(Value::Null);
        Visit { row, payload, form, scored, figures }
    }

    fn view(&self) -> Option<&ChecklistView> {
        self.form.as_ref().map(|(_, v)| v.as_ref())
    }

    /// A part of the visit record (`location`, `shopper`, ...); empty when not given.
    pub fn record_text(&self, key: &str) -> &str {
        self.payload.pointer(&format!("/checklist/visit/{key}")).and_then(Value::as_str).unwrap_or_default()
    }

    pub fn location(&self) -> &str {
        self.record_text("location")
    }

    /// The location's label from the form; `None` for a free text.
    pub fn location_label(&self) -> Option<Value> {
        let id = self.location();
        self.view()?.locations.iter().find(|(l, _)| l == id).map(|(_, label)| label.clone())
    }

    pub fn state(&self) -> ReviewState {
        ReviewState::of_stored(self.row.review.as_ref().map(|r| r.state.as_str()))
    }

    fn score(&self) -> Value {
        hundredths(&self.figures["score"]).map_or(Value::Null, one_decimal)
    }

    fn band_label(&self) -> Option<Value> {
        let band = self.figures["band"].as_str()?;
        self.view()?.bands.iter().find(|b| b.id == band)?.label.clone()
    }

    fn critical_failures(&self) -> usize {
        self.scored.as_ref().map_or(0, |s| s.items.iter().filter(|i| i.failed && i.critical.is_some()).count())
    }

    /// The list's row.
    pub fn summary(&self) -> Value {
        let text = |k: &str| Some(self.record_text(k)).filter(|t| !t.is_empty());
        json!({
            "response_id": self.row.id,
            "form_id": self.row.form_id,
            "form_version": self.row.form_version,
            "location": text("location"),
            "location_label": self.location_label(),
            "shopper": text("shopper"),
            "assignment": text("assignment"),
            "time_in": text("time_in"),
            "time_out": text("time_out"),
            "received_at": rfc3339(self.row.received_at),
            "outcome": self.figures["outcome"],
            "score": self.score(),
            "band": self.figures["band"],
            "band_label": self.band_label(),
            "pass": self.figures["pass"],
            "critical_failures": self.critical_failures(),
            "state": self.state().name(),
            "figures": self.row.figures,
        })
    }

    /// The score card: the server's figures, with the form's words beside them.
    pub fn scorecard(&self) -> Value {
        let f = &self.figures;
        let view = self.view();
        let section_title = |id: &str| view.and_then(|v| v.sections.iter().find(|s| s.id == id)).map(|s| s.title.clone());
        let sections: Vec<Value> = f["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                let id = s["id"].as_str().unwrap_or_default();
                json!({
                    "id": id,
                    "title": section_title(id),
                    "score": hundredths(&s["score"]).map_or(Value::Null, one_decimal),
                    "earned": s["earned"], "possible": s["possible"],
                    "failed": s["failed"], "critical_failed": s["critical_failed"],
                })
            })
            .collect();
        json!({
            "outcome": f["outcome"], "score": self.score(), "band": f["band"], "band_label": self.band_label(),
            "pass": f["pass"], "earned": f["earned"], "possible": f["possible"], "method": f["method"],
            "sections": sections,
            "items": self.items(),
        })
    }

    fn items(&self) -> Vec<Value> {
        let (Some((form, view)), Some(scored)) = (&self.form, &self.scored) else { return Vec::new() };
        let evidence = |id: &str, k: &str| self.payload.pointer(&format!("/checklist/items/{}/{k}", pointer_escape(id))).and_then(Value::as_str).map(str::to_owned);
        scored
            .items
            .iter()
            .map(|i| {
                let words = view.items.iter().find(|w| w.id == i.id);
                let answer = self.payload.pointer(&format!("/answers/{}", pointer_escape(&i.id))).cloned().unwrap_or(Value::Null);
                let photos: Vec<Value> = photo::photos(&self.payload, &i.id)
                    .iter()
                    .enumerate()
                    .map(|(n, p)| json!({"url": photo_url(&self.row.id, &i.id, n), "at": p.at}))
                    .collect();
                json!({
                    "id": i.id, "section": i.section,
                    "title": words.map(|w| w.title.clone()),
                    "description": words.and_then(|w| w.description.clone()),
                    "type": words.map(|w| w.item_type),
                    "answer": answer,
                    "answer_label": form.answer_label(&i.id, &answer),
                    "credit": i.credit.map(decimal),
                    "earned": decimal(i.earned), "possible": decimal(i.possible),
                    "failed": i.failed, "critical": i.critical, "bonus": i.bonus,
                    "at": evidence(&i.id, "at"), "comment": evidence(&i.id, "comment"),
                    "standard": words.and_then(|w| w.standard.clone()),
                    "photos": photos,
                })
            })
            .collect()
    }

    /// The visit record as the shopper gave it.
    pub fn record(&self) -> Value {
        let mut out = serde_json::Map::new();
        for k in RECORD {
            out.insert(k.into(), Some(self.record_text(k)).filter(|t| !t.is_empty()).map_or(Value::Null, Value::from));
        }
        out.insert("geo".into(), self.payload.pointer("/checklist/visit/geo").filter(|g| g.is_object()).cloned().unwrap_or(Value::Null));
        Value::Object(out)
    }

    /// The review now.
    pub fn review(&self) -> Value {
        let r = self.row.review.as_ref();
        json!({
            "state": self.state().name(),
            "reviewer": r.map(|r| r.reviewer.clone()),
            "comment": r.and_then(|r| r.comment.clone()),
            "updated_at": r.map(|r| rfc3339(r.updated_at)),
        })
    }

    /// The visit as the report counts it.
    pub fn report_visit(&self) -> ReportVisit {
        let sections = self.figures["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| (s["id"].as_str().unwrap_or_default().to_owned(), hundredths(&s["score"])))
            .collect();
        let items = self.scored.as_ref().map_or_else(Vec::new, |s| {
            // A bonus not earned is no standard failed.
            s.items
                .iter()
                .filter(|i| !i.bonus)
                .map(|i| ItemOutcome { id: i.id.clone(), section: i.section.clone(), answered: i.credit.is_some(), failed: i.failed, critical: i.critical.is_some() })
                .collect()
        });
        ReportVisit {
            response_id: self.row.id.clone(),
            location: self.location().to_owned(),
            received_at: self.row.received_at,
            score: hundredths(&self.figures["score"]),
            sections,
            items,
        }
    }
}

/// Hundredths as the exact decimal the engine writes (`250` is 2.5, `200` is 2).
fn decimal(h: i64) -> Value {
    if h % 100 == 0 {
        return Value::from(h / 100);
    }
    serde_json::Number::from_f64(h as f64 / 100.0).map_or(Value::Null, Value::Number)
}

/// Where photo `n` of `item` is served.
pub fn photo_url(id: &str, item: &str, n: usize) -> String {
    format!("/admin/desk/visits/{}/photos/{}/{n}", segment(id), segment(item))
}

/// A path segment percent-encoded (ids are any visible ASCII).
fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A JSON pointer's reference token (`~` and `/` escaped).
fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_urls_escape_their_segments() {
        assert_eq!(photo_url("ms-1", "floor", 0), "/admin/desk/visits/ms-1/photos/floor/0");
        assert_eq!(photo_url("a/b?c#d e", "x%y", 2), "/admin/desk/visits/a%2Fb%3Fc%23d%20e/photos/x%25y/2");
    }
}
