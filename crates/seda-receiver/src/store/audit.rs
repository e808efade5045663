//! The audit log: every admin action, newest read first.

use sqlx::Row;

use super::Store;
use crate::error::AppError;

/// One admin action.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// Microseconds since 1970 UTC.
    pub at: i64,
    /// `token`, `user:NAME`, `cli` or `system`.
    pub actor: String,
    /// `form.add`, `form.settings`, `erase`, `export`, `user.add`, `sign-in`, ...
    pub action: String,
    /// What it was done to: a form id, a user, what was erased.
    pub target: Option<String>,
    /// The client's address, for actions over HTTP.
    pub client: Option<String>,
    /// More, as JSON text (counts, the new settings).
    pub detail: Option<String>,
}

impl Store {
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), AppError> {
        sqlx::query("INSERT INTO audit_log (id, at, actor, action, target, client, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(crate::secret::random_hex(16))
            .bind(entry.at)
            .bind(&entry.actor)
            .bind(&entry.action)
            .bind(&entry.target)
            .bind(&entry.client)
            .bind(&entry.detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The newest `limit` entries, newest first, optionally of one action only.
    pub async fn audit_entries(&self, limit: i64, action: Option<&str>) -> Result<Vec<AuditEntry>, AppError> {
        let rows = match action {
            Some(a) => {
                sqlx::query("SELECT at, actor, action, target, client, detail FROM audit_log WHERE action = $1 ORDER BY at DESC, id LIMIT $2")
                    .bind(a)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT at, actor, action, target, client, detail FROM audit_log ORDER BY at DESC, id LIMIT $1")
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        Ok(rows
            .iter()
            .map(|r| AuditEntry { at: r.get(0), actor: r.get(1), action: r.get(2), target: r.get(3), client: r.get(4), detail: r.get(5) })
            .collect())
    }
}
