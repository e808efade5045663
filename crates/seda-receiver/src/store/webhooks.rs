//! Webhooks and their deliveries. A delivery is claimed by a compare-and-set on its
//! `next_attempt_at` (moved past the send's timeout), so of several receivers on one
//! database exactly one sends it; one that dies mid-send leaves it to be claimed again.

use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

use super::Store;
use crate::error::AppError;

/// A webhook as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookRow {
    pub id: String,
    pub url: String,
    /// `json` or `slack`.
    pub format: String,
    pub events: Vec<String>,
    pub created_at: i64,
}

/// One alert to one webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    /// The webhook's URL (empty once the webhook is gone).
    pub url: String,
    pub event: String,
    pub subject: String,
    pub body: String,
    /// pending, delivered or failed.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttemptEnd {
    Delivered { status: i64, at: i64 },
    /// Try again at `next_attempt_at`.
    Retry { status: Option<i64>, error: String, next_attempt_at: i64 },
    Failed { status: Option<i64>, error: String },
}

const DELIVERY_COLUMNS: &str = "d.id, d.webhook_id, COALESCE(w.url, ''), d.event, d.subject, d.body, d.status, d.attempts, d.next_attempt_at, \
     d.last_status, d.last_error, d.created_at, d.delivered_at";

impl Store {
    pub async fn add_webhook(&self, hook: &WebhookRow) -> Result<(), AppError> {
        sqlx::query("INSERT INTO webhooks (id, url, format, events, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&hook.id)
            .bind(&hook.url)
            .bind(&hook.format)
            .bind(serde_json::to_string(&hook.events).unwrap_or_else(|_| "[]".into()))
            .bind(hook.created_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every webhook, oldest first.
    pub async fn webhooks(&self) -> Result<Vec<WebhookRow>, AppError> {
        let rows = sqlx::query("SELECT id, url, format, events, created_at FROM webhooks ORDER BY created_at, id").fetch_all(&self.pool).await?;
        Ok(rows
            .iter()
            .map(|r| WebhookRow {
                id: r.get(0),
                url: r.get(1),
                format: r.get(2),
                events: serde_json::from_str(&r.get::<String, _>(3)).unwrap_or_default(),
                created_at: r.get(4),
            })
            .collect())
    }

    /// Removes a webhook and its deliveries; whether there was one.
    pub async fn remove_webhook(&self, id: &str) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1").bind(id).execute(&mut *tx).await?;
        let removed = sqlx::query("DELETE FROM webhooks WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        Ok(removed == 1)
    }

    /// Queues `body` for webhook `webhook_id`, due now; nothing when this alert about
    /// `subject` is queued for it already.
    pub async fn enqueue_delivery(&self, webhook_id: &str, event: &str, subject: &str, body: &str, now: i64) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, webhook_id, event, subject, body, status, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6) ON CONFLICT (webhook_id, event, subject) DO NOTHING",
        )
        .bind(crate::secret::random_hex(16))
        .bind(webhook_id)
        .bind(event)
        .bind(subject)
        .bind(body)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest `limit` deliveries, of one status when given.
    pub async fn deliveries(&self, status: Option<&str>, limit: i64) -> Result<Vec<DeliveryRow>, AppError> {
        let base = format!("SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id");
        let rows = match status {
            Some(s) => sqlx::query(AssertSqlSafe(format!("{base} WHERE d.status = $1 ORDER BY d.created_at DESC, d.id LIMIT $2"))).bind(s).bind(limit).fetch_all(&self.pool).await?,
            None => sqlx::query(AssertSqlSafe(format!("{base} ORDER BY d.created_at DESC, d.id LIMIT $1"))).bind(limit).fetch_all(&self.pool).await?,
        };
        Ok(rows.iter().map(delivery_row).collect())
    }

    pub async fn delivery(&self, id: &str) -> Result<Option<DeliveryRow>, AppError> {
        let sql = format!("SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1");
        Ok(sqlx::query(AssertSqlSafe(sql.clone())).bind(id).fetch_optional(&self.pool).await?.as_ref().map(delivery_row))
    }

    /// Claims one pending delivery due at `now` for this sender until `lease_until`,
    /// counting the attempt.
    pub async fn claim_delivery(&self, now: i64, lease_until: i64) -> Result<Option<DeliveryRow>, AppError> {
        let sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT 8"
        );
        let rows = sqlx::query(AssertSqlSafe(sql.clone())).bind(now).fetch_all(&self.pool).await?;
        for r in &rows {
            let mut d = delivery_row(r);
            let claimed = sqlx::query(
                "UPDATE webhook_deliveries SET next_attempt_at = $1, attempts = attempts + 1 WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3",
            )
            .bind(lease_until)
            .bind(&d.id)
            .bind(d.next_attempt_at)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if claimed == 1 {
                d.attempts += 1;
                d.next_attempt_at = lease_until;
                return Ok(Some(d));
            }
        }
        Ok(None)
    }

    /// Records how attempt `attempts` of delivery `id` ended.
    pub async fn end_attempt(&self, id: &str, end: &AttemptEnd) -> Result<(), AppError> {
        let query = match end {
            AttemptEnd::Delivered { status, at } => {
                sqlx::query("UPDATE webhook_deliveries SET status = 'delivered', last_status = $1, last_error = NULL, delivered_at = $2 WHERE id = $3")
                    .bind(*status)
                    .bind(*at)
            }
            AttemptEnd::Retry { status, error, next_attempt_at } => {
                sqlx::query("UPDATE webhook_deliveries SET last_status = $1, last_error = $2, next_attempt_at = $3 WHERE id = $4")
                    .bind(*status)
                    .bind(error.clone())
                    .bind(*next_attempt_at)
            }
            AttemptEnd::Failed { status, error } => {
                sqlx::query("UPDATE webhook_deliveries SET status = 'failed', last_status = $1, last_error = $2 WHERE id = $3").bind(*status).bind(error.clone())
            }
        };
        query.bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Makes a delivery pending again, due now, with its attempts counted afresh;
    /// whether there was one.
    pub async fn retry_delivery(&self, id: &str, now: i64) -> Result<bool, AppError> {
        let done = sqlx::query("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, delivered_at = NULL WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(done == 1)
    }
}

fn delivery_row(r: &AnyRow) -> DeliveryRow {
    DeliveryRow {
        id: r.get(0),
        webhook_id: r.get(1),
        url: r.get(2),
        event: r.get(3),
        subject: r.get(4),
        body: r.get(5),
        status: r.get(6),
        attempts: r.get(7),
        next_attempt_at: r.get(8),
        last_status: r.get(9),
        last_error: r.get(10),
        created_at: r.get(11),
        delivered_at: r.get(12),
    }
}
