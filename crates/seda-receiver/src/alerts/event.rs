//! Which alerts a new response raises, and the bodies they are sent with: generic
//! JSON, or Slack's incoming-webhook `{"text": ...}`.

use serde_json::{json, Value};

use crate::cases::intake::{summary, Urgency, SUMMARY_CHARS};
use crate::engine::complaint_reference;

/// What an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An urgent or safety complaint arrives.
    ComplaintUrgent,
    /// An NPS answer of 0-6 arrives.
    SurveyDetractor,
}

impl Event {
    pub const ALL: [Event; 2] = [Event::ComplaintUrgent, Event::SurveyDetractor];

    pub fn name(self) -> &'static str {
        match self {
            Event::ComplaintUrgent => "complaint.urgent",
            Event::SurveyDetractor => "survey.detractor",
        }
    }

    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// How a webhook wants its alerts written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Slack,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Slack => "slack",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        [Format::Json, Format::Slack].into_iter().find(|f| f.name() == name)
    }
}

/// A new response, as the alert rules read it.
#[derive(Clone, Debug)]
pub struct Subject<'a> {
    pub id: &'a str,
    pub form_id: &'a str,
    pub kind: Option<&'a str>,
    /// RFC 3339.
    pub received_at: String,
    pub payload: &'a Value,
    /// The form's first NPS question, when the form is known.
    pub nps_question: Option<String>,
    /// The form's text questions, when the form is known.
    pub text_questions: Vec<String>,
}

/// One alert: its event, the response it is about, and what the JSON body says.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub event: Event,
    pub subject: String,
    pub facts: Value,
}

/// The alerts a new response raises.
pub fn alerts_for(s: &Subject) -> Vec<Alert> {
    let answers = &s.payload["answers"];
    let mut out = Vec::new();
    if s.kind == Some(crate::cases::COMPLAINT) && Urgency::of(answers) == Urgency::Urgent {
        let facts = json!({
            "event": Event::ComplaintUrgent.name(), "subject": s.id, "form_id": s.form_id, "received_at": s.received_at,
            "reference": complaint_reference(s.id), "topic": answers["category"].as_str(),
            "said_urgent": answers["urgent"].as_bool() == Some(true), "summary": summary(s.payload),
        });
        out.push(Alert { event: Event::ComplaintUrgent, subject: s.id.to_owned(), facts });
    }
    let score = s.nps_question.as_deref().and_then(|q| answers[q].as_i64());
    let detractor = match (&s.nps_question, score) {
        (Some(_), Some(n)) => (0..=6).contains(&n),
        (Some(_), None) => false,
        // A form unknown here: the widget's own category.
        (None, _) => s.payload["nps_category"].as_str() == Some("detractor"),
    };
    if detractor {
        let comment = s
            .text_questions
            .iter()
            .find_map(|q| answers[q].as_str().map(str::trim).filter(|t| !t.is_empty()))
            .map(|t| t.chars().take(SUMMARY_CHARS).collect::<String>());
        let facts = json!({
            "event": Event::SurveyDetractor.name(), "subject": s.id, "form_id": s.form_id, "received_at": s.received_at,
            "score": score, "comment": comment,
        });
        out.push(Alert { event: Event::SurveyDetractor, subject: s.id.to_owned(), facts });
    }
    out
}

/// The body an alert is sent with in `format`.
pub fn body(format: Format, alert: &Alert) -> String {
    match format {
        Format::Json => alert.facts.to_string(),
        Format::Slack => json!({ "text": slack_text(alert) }).to_string(),
    }
}

fn slack_text(alert: &Alert) -> String {
    let f = &alert.facts;
    let said = |v: &Value| v.as_str().map(slack_escape);
    match alert.event {
        Event::ComplaintUrgent => {
            let topic = said(&f["topic"]).map(|t| format!(" ({t})")).unwrap_or_default();
            let summary = said(&f["summary"]).map(|s| format!(": {s}")).unwrap_or_default();
            format!("Urgent complaint {}{topic}{summary}", f["reference"].as_str().unwrap_or_default())
        }
        Event::SurveyDetractor => {
            let score = f["score"].as_i64().map(|n| format!(" {n}/10")).unwrap_or_default();
            let comment = said(&f["comment"]).map(|c| format!(": “{c}”")).unwrap_or_default();
            format!("NPS detractor on {}{score}{comment}", slack_escape(f["form_id"].as_str().unwrap_or_default()))
        }
    }
}

/// Slack reads `&`, `<` and `>` as markup.
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject<'a>(id: &'a str, kind: &'a str, payload: &'a Value, nps: Option<&str>) -> Subject<'a> {
        Subject {
            id,
            form_id: if kind == "complaint" { "complaint" } else { "nps" },
            kind: Some(kind),
            received_at: "2026-12-07T10:00:00Z".into(),
            payload,
            nps_question: nps.map(str::to_owned),
            text_questions: vec!["reason".into()],
        }
    }

    #[test]
    fn which_responses_raise_alerts() {
        for (kind, payload, nps, events) in [
            ("complaint", json!({"answers": {"urgent": true, "category": "price"}}), None, vec![Event::ComplaintUrgent]),
            ("complaint", json!({"answers": {"category": "safety"}}), None, vec![Event::ComplaintUrgent]),
            ("complaint", json!({"answers": {"urgent": false, "category": "price"}}), None, vec![]),
            ("survey", json!({"answers": {"recommend": 6}}), Some("recommend"), vec![Event::SurveyDetractor]),
            ("survey", json!({"answers": {"recommend": 0}}), Some("recommend"), vec![Event::SurveyDetractor]),
            ("survey", json!({"answers": {"recommend": 7}}), Some("recommend"), vec![]),
            ("survey", json!({"answers": {}}), Some("recommend"), vec![]),
            // A form not known here: the widget's category, which could be checked no further.
            ("survey", json!({"answers": {"x": 3}, "nps_category": "detractor"}), None, vec![Event::SurveyDetractor]),
            ("survey", json!({"answers": {"x": 3}, "nps_category": "passive"}), None, vec![]),
        ] {
            let got: Vec<Event> = alerts_for(&subject("r-1", kind, &payload, nps)).into_iter().map(|a| a.event).collect();
            assert_eq!(got, events, "{kind} {payload}");
        }
    }

    #[test]
    fn bodies_in_both_formats() {
        let payload = json!({"answers": {"category": "safety", "description": "Wet floor <no sign> & no staff"}});
        let alert = alerts_for(&subject("c-1", "complaint", &payload, None)).remove(0);
        let generic: Value = serde_json::from_str(&body(Format::Json, &alert)).unwrap();
        assert_eq!(generic["event"], "complaint.urgent");
        assert_eq!(generic["subject"], "c-1");
        assert_eq!(generic["reference"], complaint_reference("c-1"));
        assert_eq!(generic["topic"], "safety");
        let slack: Value = serde_json::from_str(&body(Format::Slack, &alert)).unwrap();
        let expected = format!("Urgent complaint {} (safety): Wet floor &lt;no sign&gt; &amp; no staff", complaint_reference("c-1"));
        assert_eq!(slack, json!({ "text": expected }));

        let payload = json!({"answers": {"recommend": 3, "reason": " Slow "}});
        let alert = alerts_for(&subject("s-1", "survey", &payload, Some("recommend"))).remove(0);
        assert_eq!(serde_json::from_str::<Value>(&body(Format::Json, &alert)).unwrap()["score"], 3);
        assert_eq!(serde_json::from_str::<Value>(&body(Format::Slack, &alert)).unwrap()["text"], "NPS detractor on nps 3/10: “Slow”");
    }
}
