//! A webhook as someone asks for it, checked: an http(s) URL, a format, and one or
//! more events.

use serde_json::Value;

use super::event::{Event, Format};
use crate::error::{AppError, Reason};

/// The longest webhook URL taken.
pub const MAX_URL_CHARS: usize = 2000;

/// A webhook to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewWebhook {
    pub url: String,
    pub format: Format,
    pub events: Vec<Event>,
}

impl NewWebhook {
    /// Checks each part; an error names the member at fault (`url`, `format`, `events[1]`).
    pub fn check(url: &str, format: &str, events: &[&str]) -> Result<NewWebhook, AppError> {
        let url = check_url(url)?;
        let format = Format::parse(format).ok_or_else(|| AppError::at(Reason::InvalidField, "format", format!("{format:?} is not a format: json or slack")))?;
        if events.is_empty() {
            return Err(AppError::at(Reason::InvalidField, "events", format!("name one or more events: {}", event_names())));
        }
        let mut checked = Vec::new();
        for (i, name) in events.iter().enumerate() {
            let event = Event::parse(name)
                .ok_or_else(|| AppError::at(Reason::InvalidField, format!("events[{i}]"), format!("{name:?} is not an event: {}", event_names())))?;
            if !checked.contains(&event) {
                checked.push(event);
            }
        }
        Ok(NewWebhook { url, format, events: checked })
    }

    /// `{"url", "format" (default json), "events": [...]}`.
    pub fn from_json(body: &Value) -> Result<NewWebhook, AppError> {
        let url = body.get("url").and_then(Value::as_str).ok_or_else(|| AppError::at(Reason::InvalidField, "url", "the webhook's URL is needed, as a string"))?;
        let format = match body.get("format") {
            None | Some(Value::Null) => "json",
            Some(v) => v.as_str().ok_or_else(|| AppError::at(Reason::InvalidField, "format", "must be \"json\" or \"slack\""))?,
        };
        let events = body.get("events").and_then(Value::as_array).ok_or_else(|| AppError::at(Reason::InvalidField, "events", "must be a list of event names"))?;
        let mut names = Vec::new();
        for (i, e) in events.iter().enumerate() {
            names.push(e.as_str().ok_or_else(|| AppError::at(Reason::InvalidField, format!("events[{i}]"), "must be a string"))?);
        }
        NewWebhook::check(url, format, &names)
    }
}

fn event_names() -> String {
    Event::ALL.map(Event::name).join(", ")
}

/// An absolute http or https URL with a host.
fn check_url(text: &str) -> Result<String, AppError> {
    let bad = |why: &str| AppError::at(Reason::InvalidField, "url", format!("{why}: give an http:// or https:// URL"));
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_URL_CHARS {
        return Err(bad(&format!("the URL must be 1 to {MAX_URL_CHARS} characters")));
    }
    let url = reqwest::Url::parse(text).map_err(|e| bad(&format!("{text:?} is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(&format!("{:?} URLs are not sent to", url.scheme())));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("the URL has no host"));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn webhooks_are_checked_with_paths() {
        for (body, expected) in [
            (json!({"url": "https://hooks.slack.com/services/T/B/x", "format": "slack", "events": ["complaint.urgent"]}), Ok(())),
            (json!({"url": "http://127.0.0.1:9000/alerts", "events": ["survey.detractor", "complaint.urgent"]}), Ok(())),
            (json!({"url": "ftp://example.com/x", "events": ["complaint.urgent"]}), Err("url")),
            (json!({"url": "javascript:alert(1)", "events": ["complaint.urgent"]}), Err("url")),
            (json!({"url": "example.com/hook", "events": ["complaint.urgent"]}), Err("url")),
            (json!({"url": "", "events": ["complaint.urgent"]}), Err("url")),
            (json!({"events": ["complaint.urgent"]}), Err("url")),
            (json!({"url": "https://x.example", "format": "xml", "events": ["complaint.urgent"]}), Err("format")),
            (json!({"url": "https://x.example", "events": []}), Err("events")),
            (json!({"url": "https://x.example", "events": "complaint.urgent"}), Err("events")),
            (json!({"url": "https://x.example", "events": ["complaint.urgent", "visit.failed"]}), Err("events[1]")),
            (json!({"url": "https://x.example", "events": [3]}), Err("events[0]")),
        ] {
            let got = NewWebhook::from_json(&body).map(|_| ()).map_err(|e| match e {
                AppError::Rejected { reason: Reason::InvalidField, path: Some(p), .. } => p,
                other => panic!("{other:?}"),
            });
            assert_eq!(got, expected.map_err(str::to_owned), "{body}");
        }
    }

    #[test]
    fn events_are_kept_once_in_order() {
        let hook = NewWebhook::check("https://x.example/a b", "json", &["survey.detractor", "complaint.urgent", "survey.detractor"]).unwrap();
        assert_eq!(hook.events, vec![Event::SurveyDetractor, Event::ComplaintUrgent]);
        assert_eq!(hook.url, "https://x.example/a%20b");
    }
}
