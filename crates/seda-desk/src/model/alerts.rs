//! `GET /admin/desk/webhooks` and its deliveries: where alerts go, and how each went.

use serde::Deserialize;

/// The events a webhook can be sent.
pub const EVENTS: [&str; 2] = ["complaint.urgent", "survey.detractor"];

/// The webhooks.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct WebhookList {
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
}

impl WebhookList {
    /// `{"webhooks": [...]}`, or the list alone.
    pub fn read(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        if value.is_array() {
            Ok(WebhookList { webhooks: serde_json::from_value(value)? })
        } else {
            serde_json::from_value(value)
        }
    }
}

/// One place alerts are posted to.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    /// `json` or `slack`.
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// The newest deliveries.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct DeliveryList {
    #[serde(default)]
    pub deliveries: Vec<Delivery>,
}

/// One alert sent (or being sent) to one webhook.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Delivery {
    pub id: String,
    #[serde(default)]
    pub webhook_id: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub event: String,
    /// The response the alert is about.
    #[serde(default)]
    pub subject: Option<String>,
    /// `pending`, `delivered` or `failed`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub attempts: i64,
    #[serde(default)]
    pub last_status: Option<i64>,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub next_attempt_at: Option<String>,
    #[serde(default)]
    pub delivered_at: Option<String>,
}

/// A webhook's URL as the form checks it before sending it: http(s) with a host.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        None => Some("scheme"),
        Some(rest) if rest.split(['/', '?', '#']).next().unwrap_or_default().is_empty() => Some("host"),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn webhooks_are_read_in_an_object_or_alone() {
        let one = json!({"id": "w1", "url": "https://hooks.example/a", "format": "slack", "events": ["survey.detractor"]});
        let wrapped = WebhookList::read(json!({"webhooks": [one.clone()]})).unwrap();
        assert_eq!(wrapped, WebhookList::read(json!([one])).unwrap());
        assert_eq!(wrapped.webhooks[0].events, ["survey.detractor"]);
    }

    #[test]
    fn deliveries_are_read_with_their_outcome() {
        let list: DeliveryList = serde_json::from_value(json!({"deliveries": [
            {"id": "d1", "webhook_id": "w1", "url": "https://hooks.example/a", "event": "survey.detractor", "subject": "r1",
             "status": "failed", "attempts": 5, "last_status": 500, "last_error": "server error",
             "created_at": "2026-12-01T10:00:00Z", "next_attempt_at": null, "delivered_at": null}
        ]}))
        .unwrap();
        assert_eq!(list.deliveries[0].last_status, Some(500));
        assert_eq!(list.deliveries[0].status, "failed");
    }

    #[test]
    fn a_webhooks_url_needs_a_scheme_and_a_host() {
        let cases = [("https://hooks.example/x", None), ("http://10.0.0.1:8080", None), ("ftp://x", Some("scheme")), ("https:///x", Some("host")), ("", Some("scheme"))];
        for (url, want) in cases {
            assert_eq!(url_problem(url), want, "{url}");
        }
    }
}
