//! What a new case is made of: read from the complaint's payload alone, so the
//! ingest path and the backfill on start open the same case.

use std::time::Duration;

use serde_json::Value;

use super::lookup::phone_digits;
use super::state::Status;
use crate::engine::complaint_reference;

/// How soon a case must be settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Urgent,
    Normal,
}

impl Urgency {
    pub fn name(self) -> &'static str {
        match self {
            Urgency::Urgent => "urgent",
            Urgency::Normal => "normal",
        }
    }

    pub fn parse(name: &str) -> Option<Urgency> {
        [Urgency::Urgent, Urgency::Normal].into_iter().find(|u| u.name() == name)
    }

    /// Urgent: the complainant said so (`urgent` is yes), or the topic is safety.
    pub fn of(answers: &Value) -> Urgency {
        let said_urgent = answers.get("urgent").and_then(Value::as_bool) == Some(true);
        if said_urgent || topic(answers).as_deref() == Some("safety") {
            Urgency::Urgent
        } else {
            Urgency::Normal
        }
    }
}

/// How long after receipt a case is due, by urgency (`serve --due-urgent`, `--due-normal`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueTimes {
    pub urgent: Duration,
    pub normal: Duration,
}

impl DueTimes {
    pub fn due_at(&self, received_at: i64, urgency: Urgency) -> i64 {
        let within = match urgency {
            Urgency::Urgent => self.urgent,
            Urgency::Normal => self.normal,
        };
        received_at.saturating_add(i64::try_from(within.as_micros()).unwrap_or(i64::MAX))
    }
}

/// A case as it is opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub response_id: String,
    pub reference: String,
    pub form_id: String,
    pub status: Status,
    pub urgency: Urgency,
    pub topic: Option<String>,
    pub received_at: i64,
    pub due_at: i64,
    pub language: Option<String>,
    pub contact_email: Option<String>,
    /// The phone number's digits.
    pub contact_phone: Option<String>,
    pub survey_response_id: Option<String>,
}

impl NewCase {
    /// The case of complaint `response_id` of form `form_id`, received at `received_at`.
    pub fn of(response_id: &str, form_id: &str, received_at: i64, payload: &Value, due: &DueTimes) -> NewCase {
        let answers = &payload["answers"];
        let text = |v: &Value| v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let urgency = Urgency::of(answers);
        NewCase {
            response_id: response_id.to_owned(),
            reference: complaint_reference(response_id),
            form_id: form_id.to_owned(),
            status: Status::Received,
            urgency,
            topic: topic(answers),
            received_at,
            due_at: due.due_at(received_at, urgency),
            language: text(&payload["meta"]["locale"]),
            contact_email: text(&answers["email"]),
            contact_phone: answers["phone"].as_str().map(phone_digits).filter(|d| !d.is_empty()),
            survey_response_id: text(&payload["hidden"]["survey_response"]),
        }
    }
}

/// The `category` answer: a choice's id (the first, if several were picked).
fn topic(answers: &Value) -> Option<String> {
    match answers.get("category")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Array(picked) => picked.first().and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// The most of the description a list shows.
pub const SUMMARY_CHARS: usize = 140;

/// The description's first [`SUMMARY_CHARS`] characters.
pub fn summary(payload: &Value) -> Option<String> {
    let text = payload["answers"]["description"].as_str()?.trim();
    Some(text.chars().take(SUMMARY_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const HOUR: i64 = 3_600_000_000;

    fn due() -> DueTimes {
        DueTimes { urgent: Duration::from_secs(24 * 3600), normal: Duration::from_secs(5 * 86_400) }
    }

    #[test]
    fn urgency_from_the_answers() {
        for (answers, urgency) in [
            (json!({"urgent": true, "category": "price"}), Urgency::Urgent),
            (json!({"urgent": false, "category": "safety"}), Urgency::Urgent),
            (json!({"category": ["safety", "price"]}), Urgency::Urgent),
            (json!({"urgent": false, "category": "price"}), Urgency::Normal),
            (json!({"urgent": "yes"}), Urgency::Normal),
            (json!({}), Urgency::Normal),
        ] {
            assert_eq!(Urgency::of(&answers), urgency, "{answers}");
        }
    }

    #[test]
    fn due_time_by_urgency() {
        for (urgency, hours) in [(Urgency::Urgent, 24), (Urgency::Normal, 120)] {
            assert_eq!(due().due_at(1_000, urgency), 1_000 + hours * HOUR);
        }
    }

    #[test]
    fn a_case_from_a_payload() {
        let payload = json!({
            "answers": {"category": "safety", "description": "  The stairs are broken  ", "email": " Ana@Shop.Example ",
                        "phone": "+98 ۹۱۲ 345 6789", "urgent": false},
            "hidden": {"survey_response": "s-1"},
            "meta": {"locale": "fa"}
        });
        let c = NewCase::of("c-1", "complaint", 10, &payload, &due());
        assert_eq!(c.reference, complaint_reference("c-1"));
        assert_eq!((c.status, c.urgency, c.topic.as_deref()), (Status::Received, Urgency::Urgent, Some("safety")));
        assert_eq!(c.due_at, 10 + 24 * HOUR);
        assert_eq!(c.language.as_deref(), Some("fa"));
        assert_eq!(c.contact_email.as_deref(), Some("Ana@Shop.Example"));
        assert_eq!(c.contact_phone.as_deref(), Some("989123456789"));
        assert_eq!(c.survey_response_id.as_deref(), Some("s-1"));
        assert_eq!(summary(&payload).as_deref(), Some("The stairs are broken"));

        let anonymous = NewCase::of("c-2", "complaint", 10, &json!({"answers": {"email": "", "category": "price"}}), &due());
        assert_eq!((anonymous.contact_email, anonymous.contact_phone, anonymous.language), (None, None, None));
        assert_eq!(anonymous.due_at, 10 + 120 * HOUR);
        assert_eq!(summary(&json!({"answers": {"description": "x".repeat(300)}})).unwrap().chars().count(), SUMMARY_CHARS);
    }
}
