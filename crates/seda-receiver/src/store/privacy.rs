//! Form settings (allowed origins, retention), and deleting responses with their
//! files' records: erasure, retention, and the SQLite backup.

use std::path::Path;

use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::Row;

use super::Store;
use crate::error::{AppError, Reason};
use crate::form_settings::FormSettings;

/// A stored response as erasure reads it.
#[derive(Clone, Debug)]
pub struct ResponseRef {
    pub id: String,
    pub form_id: String,
    pub form_version: Option<i64>,
    pub payload: String,
}

/// What deleting responses came to: how many rows went, and the file keys no row
/// names any longer (their bytes can go from the file store).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    pub responses: u64,
    pub unreferenced_files: Vec<String>,
}

impl Store {
    pub async fn form_settings(&self, form_id: &str) -> Result<Option<FormSettings>, AppError> {
        if !super::storable(form_id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT allowed_origins, retention_days FROM form_settings WHERE form_id = $1")
            .bind(form_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| settings_of(r.get(0), r.get(1))).transpose()
    }

    /// Replaces form `form_id`'s settings.
    pub async fn set_form_settings(&self, form_id: &str, settings: &FormSettings, now: i64) -> Result<(), AppError> {
        let origins = settings.allowed_origins.as_ref().map(|o| serde_json::to_string(o).unwrap_or_else(|_| "[]".into()));
        sqlx::query(
            "INSERT INTO form_settings (form_id, allowed_origins, retention_days, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (form_id) DO UPDATE SET allowed_origins = excluded.allowed_origins, retention_days = excluded.retention_days, updated_at = excluded.updated_at",
        )
        .bind(form_id)
        .bind(origins)
        .bind(settings.retention_days)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Each form with a retention period, and the period in days.
    pub async fn retention_periods(&self) -> Result<Vec<(String, i64)>, AppError> {
        let rows = sqlx::query("SELECT form_id, retention_days FROM form_settings WHERE retention_days IS NOT NULL ORDER BY form_id")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Up to `limit` ids of form `form_id`'s responses received before `before`.
    pub async fn response_ids_before(&self, form_id: &str, before: i64, limit: i64) -> Result<Vec<String>, AppError> {
        let rows = sqlx::query("SELECT id FROM responses WHERE form_id = $1 AND received_at < $2 ORDER BY received_at LIMIT $3")
            .bind(form_id)
            .bind(before)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Every stored response (of `kind` only, when given), one row at a time.
    pub fn response_refs<'a>(&'a self, kind: Option<&'a str>) -> BoxStream<'a, Result<ResponseRef, AppError>> {
        let query = match kind {
            Some(k) => sqlx::query("SELECT id, form_id, form_version, payload FROM responses WHERE kind = $1").bind(k),
            None => sqlx::query("SELECT id, form_id, form_version, payload FROM responses"),
        };
        query
            .fetch(&self.pool)
            .map(|row| {
                let r = row?;
                Ok(ResponseRef { id: r.get(0), form_id: r.get(1), form_version: r.get(2), payload: r.get(3) })
            })
            .boxed()
    }

    /// Deletes the responses `ids`, their attachments' records, cases and alerts, in one transaction.
    pub async fn delete_responses(&self, ids: &[String]) -> Result<Erased, AppError> {
        let mut erased = Erased::default();
        let mut keys = Vec::new();
        let mut tx = self.pool.begin().await?;
        for id in ids.iter().filter(|id| super::storable(id)) {
            let rows = sqlx::query("SELECT storage_key FROM attachments WHERE response_id = $1").bind(id).fetch_all(&mut *tx).await?;
            keys.extend(rows.iter().map(|r| r.get::<String, _>(0)));
            sqlx::query("DELETE FROM attachments WHERE response_id = $1").bind(id).execute(&mut *tx).await?;
            // A complaint's case and the alerts about a response go with it.
            sqlx::query("DELETE FROM case_events WHERE response_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM cases WHERE response_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM webhook_deliveries WHERE subject = $1").bind(id).execute(&mut *tx).await?;
            erased.responses += sqlx::query("DELETE FROM responses WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected();
        }
        keys.sort();
        keys.dedup();
        // A file is content-addressed, so another response may hold the same bytes.
        for key in keys {
            let still = sqlx::query("SELECT COUNT(*) FROM attachments WHERE storage_key = $1").bind(&key).fetch_one(&mut *tx).await?.get::<i64, _>(0);
            if still == 0 {
                erased.unreferenced_files.push(key);
            }
        }
        tx.commit().await?;
        Ok(erased)
    }

    /// A consistent copy of a SQLite database into the new file `path`, taken while
    /// others read and write (`VACUUM INTO`).
    pub async fn backup_into(&self, path: &Path) -> Result<(), AppError> {
        let mut conn = self.pool.acquire().await?;
        if !conn.backend_name().eq_ignore_ascii_case("sqlite") {
            return Err(AppError::reject(Reason::BadQuery, "backup copies a SQLite database; for PostgreSQL use pg_dump"));
        }
        if path.exists() {
            return Err(AppError::reject(Reason::BadQuery, format!("{} exists already: name a new file", path.display())));
        }
        let target = path.to_str().ok_or_else(|| AppError::reject(Reason::BadQuery, "the backup's path is not UTF-8"))?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(&mut *conn).await?;
        Ok(())
    }
}

fn settings_of(origins: Option<String>, retention_days: Option<i64>) -> Result<FormSettings, AppError> {
    let allowed_origins = origins
        .map(|o| serde_json::from_str(&o).map_err(|e| AppError::Internal(format!("a stored allowed_origins does not read: {e}"))))
        .transpose()?;
    Ok(FormSettings { allowed_origins, retention_days })
}
