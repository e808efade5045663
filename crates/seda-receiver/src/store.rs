//! The database: SQLite or PostgreSQL behind one pool (`sqlx::Any`, the driver picked
//! from the URL), so every query below is written once and the same tests run on
//! both. Each write is one transaction.

use std::borrow::Cow;
use std::path::Path;
use std::str::FromStr;

use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, Row, SqlSafeStr};

use crate::error::AppError;

// Accounts, the audit log, form settings with erasure and retention, what the desk
// reads, complaints' cases, webhooks, visits with their reviews, and the rate limits
// receivers share, each in its own file under store/.
mod accounts;
mod audit;
mod cases;
mod limits;
mod privacy;
mod reports;
mod visits;
mod webhooks;

pub use accounts::{SessionRow, UserRow};
pub use audit::AuditEntry;
pub use cases::{CaseEvent, CaseFilter, CaseRow, ResponseBrief, Uncased};
pub use privacy::{Erased, ResponseRef};
pub use reports::{CaseLinks, CaseRef, FormTally, ResponseRecord};
pub use visits::{ReviewEvent, StoredReview, StoredVisit, VisitFilter};
pub use webhooks::{AttemptEnd, DeliveryRow, WebhookRow};

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// PostgreSQL, which several receivers may share (SQLite is one receiver's file).
    shared: bool,
}

/// A response to keep, as the ingest path has checked it.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub id: String,
    pub form_id: String,
    pub form_version: Option<i64>,
    pub kind: Option<String>,
    pub received_at: i64,
    pub format: &'static str,
    pub body_sha256: String,
    pub payload: String,
    pub verification: &'static str,
    pub problems: String,
    pub figures: Option<&'static str>,
    pub checklist: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NewAttachment {
    pub part: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
}

/// What storing a response came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receipt {
    /// First receipt of this key: stored.
    Created,
    /// The key is stored with the same body: nothing new.
    Replayed,
    /// The key is stored with a different body.
    Conflict,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredForm {
    pub form_id: String,
    pub version: i64,
    pub definition: String,
    pub sha256: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAdded {
    Created,
    Unchanged,
    Conflict,
}

/// One stored response, as exports read it.
#[derive(Clone, Debug)]
pub struct StoredResponse {
    pub id: String,
    pub form_version: Option<i64>,
    pub received_at: i64,
    pub format: String,
    pub payload: String,
    pub verification: String,
    pub problems: String,
    pub figures: Option<String>,
    pub checklist: Option<String>,
}

/// A stored response as the demo page lists it.
#[derive(Clone, Debug)]
pub struct RecentResponse {
    pub id: String,
    pub form_id: String,
    pub received_at: i64,
    pub format: String,
    pub verification: String,
    pub payload: String,
}

static MIGRATIONS: [(i64, &str, &str); 6] = [
    (1, "responses and forms", include_str!("../migrations/0001_responses_and_forms.sql")),
    (2, "accounts, audit and form settings", include_str!("../migrations/0002_accounts_audit_settings.sql")),
    (3, "cases", include_str!("../migrations/0003_cases.sql")),
    (4, "webhooks", include_str!("../migrations/0004_webhooks.sql")),
    (5, "visit reviews", include_str!("../migrations/0005_reviews.sql")),
    (6, "rate limits", include_str!("../migrations/0006_rate_limits.sql")),
];

impl Store {
    /// Opens (creating a SQLite file and its folder if need be) and migrates the
    /// database at `url`: `sqlite://PATH` or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Store, AppError> {
        sqlx::any::install_default_drivers();
        let mut url = url.to_owned();
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let path = path.split('?').next().unwrap_or_default();
            if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            if !url.contains("mode=") {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str("mode=rwc");
            }
        }
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
                        // A 2xx is sent only once the row is durable: WAL, and every
                        // commit synced to disk. Concurrent writers wait their turn.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let migrations = MIGRATIONS
            .iter()
            .map(|(v, name, sql)| Migration::new(*v, Cow::Borrowed(*name), MigrationType::Simple, (*sql).into_sql_str(), false))
            .collect();
        Migrator::with_migrations(migrations).run(&pool).await?;
        let store = Store { pool, shared: url.starts_with("postgres") };
        if store.shared {
            store.unlog_rate_limits().await?;
        }
        Ok(store)
    }

    /// Whether other receivers may use this database too (PostgreSQL).
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), AppError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// The body hash stored under `id`, if any.
    pub async fn body_hash(&self, id: &str) -> Result<Option<String>, AppError> {
        if !storable(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT body_sha256 FROM responses WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// Stores `r` with its attachments unless its key is already stored, in one
    /// transaction; otherwise compares the body hashes. The primary key decides a
    /// race between two receivers: the loser's insert does nothing and it compares.
    pub async fn insert_response(&self, r: &NewResponse, attachments: &[NewAttachment]) -> Result<Receipt, AppError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO responses (id, form_id, form_version, kind, received_at, format, body_sha256, payload, verification, problems, figures, checklist) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&r.id)
        .bind(&r.form_id)
        .bind(r.form_version)
        .bind(&r.kind)
        .bind(r.received_at)
        .bind(r.format)
        .bind(&r.body_sha256)
        .bind(&r.payload)
        .bind(r.verification)
        .bind(&r.problems)
        .bind(r.figures)
        .bind(&r.checklist)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            tx.rollback().await?;
            return Ok(match self.body_hash(&r.id).await? {
                Some(hash) if hash == r.body_sha256 => Receipt::Replayed,
                Some(_) => Receipt::Conflict,
                None => return Err(AppError::Internal(format!("response {} neither inserted nor found", r.id))),
            });
        }
        for a in attachments {
            sqlx::query(
                "INSERT INTO attachments (response_id, part, file_name, content_type, size, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&r.id)
            .bind(&a.part)
            .bind(&a.file_name)
            .bind(&a.content_type)
            .bind(a.size)
            .bind(&a.sha256)
            .bind(&a.storage_key)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Receipt::Created)
    }

    /// The attachments stored with response `id`, in part order.
    pub async fn attachments(&self, id: &str) -> Result<Vec<NewAttachment>, AppError> {
        let rows = sqlx::query(
            "SELECT part, file_name, content_type, size, sha256, storage_key FROM attachments WHERE response_id = $1 ORDER BY part",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| NewAttachment {
                part: r.get(0),
                file_name: r.get(1),
                content_type: r.get(2),
                size: r.get(3),
                sha256: r.get(4),
                storage_key: r.get(5),
            })
            .collect())
    }

    /// How many responses are stored under `id` (0 or 1), for tests and checks.
    pub async fn count_responses(&self, id: Option<&str>) -> Result<i64, AppError> {
        let row = match id {
            Some(id) => sqlx::query("SELECT COUNT(*) FROM responses WHERE id = $1").bind(id).fetch_one(&self.pool).await?,
            None => sqlx::query("SELECT COUNT(*) FROM responses").fetch_one(&self.pool).await?,
        };
        Ok(row.get::<i64, _>(0))
    }

    /// Registers a form version.
    pub async fn add_form(&self, form: &StoredForm, now: i64) -> Result<FormAdded, AppError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO forms (form_id, version, definition, sha256, registered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (form_id, version) DO NOTHING",
        )
        .bind(&form.form_id)
        .bind(form.version)
        .bind(&form.definition)
        .bind(&form.sha256)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        if inserted == 1 {
            return Ok(FormAdded::Created);
        }
        let same = self.form(&form.form_id, Some(form.version)).await?.is_some_and(|f| f.sha256 == form.sha256);
        Ok(if same { FormAdded::Unchanged } else { FormAdded::Conflict })
    }

    /// Form `form_id` at `version`, or its highest version.
    pub async fn form(&self, form_id: &str, version: Option<i64>) -> Result<Option<StoredForm>, AppError> {
        if !storable(form_id) {
            return Ok(None);
        }
        let query = match version {
            Some(v) => sqlx::query("SELECT form_id, version, definition, sha256 FROM forms WHERE form_id = $1 AND version = $2").bind(form_id).bind(v),
            None => sqlx::query("SELECT form_id, version, definition, sha256 FROM forms WHERE form_id = $1 ORDER BY version DESC LIMIT 1")
                .bind(form_id),
        };
        let row = query.fetch_optional(&self.pool).await?;
        Ok(row.map(|r| StoredForm { form_id: r.get(0), version: r.get(1), definition: r.get(2), sha256: r.get(3) }))
    }

    /// Form `form_id`'s stored responses received at `since` or later, oldest
    /// first, one row at a time.
    pub fn responses(&self, form_id: String, since: i64) -> BoxStream<'static, Result<StoredResponse, AppError>> {
        let pool = self.pool.clone();
        let (tx, rx) = tokio::sync::mpsc::channel(32);
        if !storable(&form_id) {
            return futures_util::stream::empty().boxed();
        }
        tokio::spawn(async move {
            let mut rows = sqlx::query(
                "SELECT id, form_version, received_at, format, payload, verification, problems, figures, checklist \
                 FROM responses WHERE form_id = $1 AND received_at >= $2 ORDER BY received_at, id",
            )
            .bind(form_id)
            .bind(since)
            .fetch(&pool);
            while let Some(row) = rows.next().await {
                let item = row.map(|r| stored_response(&r)).map_err(AppError::from);
                let failed = item.is_err();
                if tx.send(item).await.is_err() || failed {
                    break;
                }
            }
        });
        // Fused: a body encoder may poll once more after the end.
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) }).fuse().boxed()
    }
}

impl Store {
    /// The `limit` newest responses of any form, newest first (the demo's view).
    pub async fn recent_responses(&self, limit: i64) -> Result<Vec<RecentResponse>, AppError> {
        let rows = sqlx::query(
            "SELECT id, form_id, received_at, format, verification, payload FROM responses ORDER BY received_at DESC, id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| RecentResponse {
                id: r.get(0),
                form_id: r.get(1),
                received_at: r.get(2),
                format: r.get(3),
                verification: r.get(4),
                payload: r.get(5),
            })
            .collect())
    }
}

/// PostgreSQL text cannot hold NUL: a key with one is in no table (and asking would fail).
fn storable(key: &str) -> bool {
    !key.contains('\0')
}

fn stored_response(r: &AnyRow) -> StoredResponse {
    StoredResponse {
        id: r.get(0),
        form_version: r.get(1),
        received_at: r.get(2),
        format: r.get(3),
        payload: r.get(4),
        verification: r.get(5),
        problems: r.get(6),
        figures: r.get(7),
        checklist: r.get(8),
    }
}
