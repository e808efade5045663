//! Complaints' cases and their history. A case is opened with `ON CONFLICT DO
//! NOTHING`, so two receivers opening the same one agree; a status move names the
//! state it moves from, so of two people moving one case at once only one moves it.

use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

use super::Store;
use crate::cases::intake::NewCase;
use crate::error::AppError;

/// A case as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    pub response_id: String,
    pub reference: String,
    pub form_id: String,
    pub status: String,
    pub urgency: String,
    pub topic: Option<String>,
    pub owner: Option<String>,
    pub received_at: i64,
    pub due_at: i64,
    pub public_reply: Option<String>,
    pub public_reply_at: Option<i64>,
    pub root_cause: Option<String>,
    pub language: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub survey_response_id: Option<String>,
    pub updated_at: i64,
}

/// One entry of a case's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseEvent {
    pub at: i64,
    pub actor: String,
    /// received, status, owner, note, reply or root_cause.
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub text: Option<String>,
}

/// Which cases a list shows (`status`: a state name, `open` for all but closed, or none for all).
#[derive(Clone, Debug, Default)]
pub struct CaseFilter {
    pub status: Option<String>,
    pub open_only: bool,
    /// `Some(None)`: cases without an owner.
    pub owner: Option<Option<String>>,
    pub urgency: Option<String>,
}

/// A complaint response without a case.
#[derive(Clone, Debug)]
pub struct Uncased {
    pub id: String,
    pub form_id: String,
    pub received_at: i64,
    pub payload: String,
}

/// A stored response in brief: what a case shows of a linked one.
#[derive(Clone, Debug)]
pub struct ResponseBrief {
    pub id: String,
    pub form_id: String,
    pub received_at: i64,
    pub payload: String,
}

const CASE_COLUMNS: &str = "c.response_id, c.reference, c.form_id, c.status, c.urgency, c.topic, c.owner, c.received_at, c.due_at, \
     c.public_reply, c.public_reply_at, c.root_cause, c.language, c.contact_email, c.contact_phone, c.survey_response_id, c.updated_at";

impl Store {
    /// Opens `case` with its `received` event unless it is open already; whether it was opened.
    pub async fn open_case(&self, case: &NewCase) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        let opened = sqlx::query(
            "INSERT INTO cases (response_id, reference, form_id, status, urgency, topic, owner, received_at, due_at, \
             language, contact_email, contact_phone, survey_response_id, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, $11, $12, $7) ON CONFLICT (response_id) DO NOTHING",
        )
        .bind(&case.response_id)
        .bind(&case.reference)
        .bind(&case.form_id)
        .bind(case.status.name())
        .bind(case.urgency.name())
        .bind(&case.topic)
        .bind(case.received_at)
        .bind(case.due_at)
        .bind(&case.language)
        .bind(&case.contact_email)
        .bind(&case.contact_phone)
        .bind(&case.survey_response_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if opened == 1 {
            let event = CaseEvent {
                at: case.received_at,
                actor: "system".into(),
                action: "received".into(),
                from_status: None,
                to_status: Some(case.status.name().into()),
                text: None,
            };
            add_event(&mut tx, &case.response_id, &event).await?;
        }
        tx.commit().await?;
        Ok(opened == 1)
    }

    /// Complaint responses that have no case (stored before cases were kept).
    pub async fn complaints_without_case(&self) -> Result<Vec<Uncased>, AppError> {
        let rows = sqlx::query(
            "SELECT r.id, r.form_id, r.received_at, r.payload FROM responses r LEFT JOIN cases c ON c.response_id = r.id \
             WHERE r.kind = 'complaint' AND c.response_id IS NULL ORDER BY r.received_at",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| Uncased { id: r.get(0), form_id: r.get(1), received_at: r.get(2), payload: r.get(3) }).collect())
    }

    pub async fn case(&self, response_id: &str) -> Result<Option<CaseRow>, AppError> {
        if !super::storable(response_id) {
            return Ok(None);
        }
        let row = sqlx::query(AssertSqlSafe(format!("SELECT {CASE_COLUMNS} FROM cases c WHERE c.response_id = $1")))
            .bind(response_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(case_row))
    }

    /// The cases with this reference (as stored: `K7Q4-MZ8P`); two ids may share one.
    pub async fn cases_by_reference(&self, reference: &str) -> Result<Vec<CaseRow>, AppError> {
        let rows = sqlx::query(AssertSqlSafe(format!("SELECT {CASE_COLUMNS} FROM cases c WHERE c.reference = $1 ORDER BY c.received_at")))
            .bind(reference)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(case_row).collect())
    }

    /// The cases `filter` lets through with their complaints' payloads: overdue first
    /// (longest overdue first), then by due time, closed last.
    pub async fn case_list(&self, filter: &CaseFilter, now: i64) -> Result<Vec<(CaseRow, String)>, AppError> {
        let mut sql = format!("SELECT {CASE_COLUMNS}, r.payload FROM cases c JOIN responses r ON r.id = c.response_id WHERE 1 = 1");
        let mut binds: Vec<String> = Vec::new();
        let mut param = |sql: &mut String, clause: &str, value: &str| {
            binds.push(value.to_owned());
            sql.push_str(&clause.replace('?', &format!("${}", binds.len() + 1)));
        };
        if let Some(status) = &filter.status {
            param(&mut sql, " AND c.status = ?", status);
        }
        if filter.open_only {
            sql.push_str(" AND c.status <> 'closed'");
        }
        match &filter.owner {
            Some(Some(owner)) => param(&mut sql, " AND c.owner = ?", owner),
            Some(None) => sql.push_str(" AND c.owner IS NULL"),
            None => {}
        }
        if let Some(urgency) = &filter.urgency {
            param(&mut sql, " AND c.urgency = ?", urgency);
        }
        sql.push_str(
            " ORDER BY CASE WHEN c.status = 'closed' THEN 2 WHEN c.status <> 'resolved' AND c.due_at < $1 THEN 0 ELSE 1 END, \
             c.due_at, c.received_at, c.response_id",
        );
        let mut query = sqlx::query(AssertSqlSafe(sql.clone())).bind(now);
        for b in &binds {
            query = query.bind(b);
        }
        let rows = query.fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| (case_row(r), r.get(17))).collect())
    }

    /// A case's history, oldest first.
    pub async fn case_history(&self, response_id: &str) -> Result<Vec<CaseEvent>, AppError> {
        let rows = sqlx::query("SELECT at, actor, action, from_status, to_status, text FROM case_events WHERE response_id = $1 ORDER BY at, id")
            .bind(response_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| CaseEvent { at: r.get(0), actor: r.get(1), action: r.get(2), from_status: r.get(3), to_status: r.get(4), text: r.get(5) })
            .collect())
    }

    /// Moves a case from `from` to `to` (setting its root cause when given), with
    /// `events`; `false` when it was no longer in `from`.
    pub async fn move_case(&self, id: &str, from: &str, to: &str, root_cause: Option<&str>, now: i64, events: &[CaseEvent]) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE cases SET status = $1, root_cause = COALESCE($2, root_cause), updated_at = $3 WHERE response_id = $4 AND status = $5",
        )
        .bind(to)
        .bind(root_cause)
        .bind(now)
        .bind(id)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        for e in events {
            add_event(&mut tx, id, e).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Gives a case to `owner` (or to no one).
    pub async fn set_case_owner(&self, id: &str, owner: Option<&str>, now: i64, event: &CaseEvent) -> Result<(), AppError> {
        self.change_case(id, "UPDATE cases SET owner = $1, updated_at = $2 WHERE response_id = $3", owner, now, event).await
    }

    /// Sets the reply the complainant reads.
    pub async fn set_case_reply(&self, id: &str, text: &str, now: i64, event: &CaseEvent) -> Result<(), AppError> {
        self.change_case(id, "UPDATE cases SET public_reply = $1, public_reply_at = $2, updated_at = $2 WHERE response_id = $3", Some(text), now, event)
            .await
    }

    /// Adds an internal note.
    pub async fn add_case_note(&self, id: &str, now: i64, event: &CaseEvent) -> Result<(), AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE response_id = $2").bind(now).bind(id).execute(&mut *tx).await?;
        add_event(&mut tx, id, event).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn change_case(&self, id: &str, sql: &'static str, value: Option<&str>, now: i64, event: &CaseEvent) -> Result<(), AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(sql).bind(value).bind(now).bind(id).execute(&mut *tx).await?;
        add_event(&mut tx, id, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Up to `limit` responses of form `form_id` whose payload mentions `needle`, in any
    /// letter case and with or without its dashes, newest first (the caller checks
    /// where): `(payload, received_at)` of each.
    pub async fn responses_mentioning(&self, form_id: &str, needle: &str, limit: i64) -> Result<Vec<(String, i64)>, AppError> {
        // A needle of letters, digits and dashes needs no LIKE escaping.
        if !needle.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Ok(Vec::new());
        }
        // LOWER on both sides: LIKE ignores ASCII case on SQLite but not on PostgreSQL.
        let needle = needle.to_ascii_lowercase();
        let sql = "SELECT payload, received_at FROM responses WHERE form_id = $1 AND (LOWER(payload) LIKE $2 OR LOWER(payload) LIKE $3) \
                   ORDER BY received_at DESC, id LIMIT $4";
        let rows = sqlx::query(sql)
            .bind(form_id)
            .bind(format!("%{needle}%"))
            .bind(format!("%{}%", needle.replace('-', "")))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Response `id` in brief.
    pub async fn response_brief(&self, id: &str) -> Result<Option<ResponseBrief>, AppError> {
        if !super::storable(id) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT id, form_id, received_at, payload FROM responses WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| ResponseBrief { id: r.get(0), form_id: r.get(1), received_at: r.get(2), payload: r.get(3) }))
    }
}

async fn add_event(tx: &mut Transaction<'_, Any>, id: &str, e: &CaseEvent) -> Result<(), AppError> {
    sqlx::query("INSERT INTO case_events (id, response_id, at, actor, action, from_status, to_status, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(crate::secret::random_hex(16))
        .bind(id)
        .bind(e.at)
        .bind(&e.actor)
        .bind(&e.action)
        .bind(&e.from_status)
        .bind(&e.to_status)
        .bind(&e.text)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn case_row(r: &AnyRow) -> CaseRow {
    CaseRow {
        response_id: r.get(0),
        reference: r.get(1),
        form_id: r.get(2),
        status: r.get(3),
        urgency: r.get(4),
        topic: r.get(5),
        owner: r.get(6),
        received_at: r.get(7),
        due_at: r.get(8),
        public_reply: r.get(9),
        public_reply_at: r.get(10),
        root_cause: r.get(11),
        language: r.get(12),
        contact_email: r.get(13),
        contact_phone: r.get(14),
        survey_response_id: r.get(15),
        updated_at: r.get(16),
    }
}
