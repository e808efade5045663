//! Alerts: webhooks told when an urgent complaint or an NPS detractor arrives. Each
//! new response's alerts are queued in `webhook_deliveries` as it is stored; a task
//! of `serve` sends them ([`delivery`]), retrying with backoff ([`backoff`]).

pub mod backoff;
pub mod delivery;
pub mod event;
pub mod hook;

use serde_json::Value;

use crate::engine::KnownForm;
use crate::error::AppError;
use crate::routes::rfc3339;
use crate::store::{NewResponse, Store, WebhookRow};
use event::{alerts_for, body, Format, Subject};
use hook::NewWebhook;

/// Queues, for each webhook that wants them, the alerts new response `row` raises.
pub async fn enqueue(store: &Store, row: &NewResponse, payload: &Value, form: Option<&KnownForm>) -> Result<usize, AppError> {
    let subject = Subject {
        id: &row.id,
        form_id: &row.form_id,
        kind: row.kind.as_deref(),
        received_at: rfc3339(row.received_at),
        payload,
        nps_question: form.and_then(|f| f.questions_of_type("nps").into_iter().next()),
        text_questions: form.map(|f| f.questions_of_type("text")).unwrap_or_default(),
    };
    let alerts = alerts_for(&subject);
    if alerts.is_empty() {
        return Ok(0);
    }
    let mut queued = 0;
    for hook in store.webhooks().await? {
        let format = Format::parse(&hook.format).unwrap_or(Format::Json);
        for alert in alerts.iter().filter(|a| hook.events.iter().any(|e| e == a.event.name())) {
            store.enqueue_delivery(&hook.id, alert.event.name(), &alert.subject, &body(format, alert), row.received_at).await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// Stores a checked webhook under a new id.
pub async fn add(store: &Store, hook: &NewWebhook, now: i64) -> Result<WebhookRow, AppError> {
    let row = WebhookRow {
        id: crate::secret::random_hex(8),
        url: hook.url.clone(),
        format: hook.format.name().to_owned(),
        events: hook.events.iter().map(|e| e.name().to_owned()).collect(),
        created_at: now,
    };
    store.add_webhook(&row).await?;
    Ok(row)
}
