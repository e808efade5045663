//! What the desk reads: the forms with their responses, a form's payloads in a time
//! window, and one response with everything stored about it.

use sqlx::Row;

use super::{storable, NewAttachment, Store};
use crate::error::AppError;

/// The responses of one form version (`None` for responses without one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormTally {
    pub form_id: String,
    pub version: Option<i64>,
    pub kind: Option<String>,
    pub responses: i64,
    pub last_received_at: i64,
}

/// A stored response with its receipt, as the desk shows one.
#[derive(Clone, Debug)]
pub struct ResponseRecord {
    pub id: String,
    pub form_id: String,
    pub form_version: Option<i64>,
    pub kind: Option<String>,
    pub received_at: i64,
    pub format: String,
    pub payload: String,
    pub verification: String,
    pub problems: String,
    pub figures: Option<String>,
    pub checklist: Option<String>,
}

impl Store {
    /// How many responses each form version has, and when the last came.
    pub async fn form_tallies(&self) -> Result<Vec<FormTally>, AppError> {
        let rows = sqlx::query(
            "SELECT form_id, form_version, MAX(kind), COUNT(*), MAX(received_at) FROM responses GROUP BY form_id, form_version ORDER BY form_id, form_version",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| FormTally { form_id: r.get(0), version: r.get(1), kind: r.get(2), responses: r.get(3), last_received_at: r.get(4) })
            .collect())
    }

    /// Every registered (form id, version).
    pub async fn registered_forms(&self) -> Result<Vec<(String, i64)>, AppError> {
        let rows = sqlx::query("SELECT form_id, version FROM forms ORDER BY form_id, version").fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Form `form_id`'s responses (of `version`, or all) received in `from..to`,
    /// newest first: (id, received_at, payload), at most `limit`.
    pub async fn form_payloads(&self, form_id: &str, version: Option<i64>, from: i64, to: i64, limit: i64) -> Result<Vec<(String, i64, String)>, AppError> {
        if !storable(form_id) {
            return Ok(Vec::new());
        }
        let query = match version {
            Some(v) => sqlx::query(
                "SELECT id, received_at, payload FROM responses WHERE form_id = $1 AND received_at >= $2 AND received_at < $3 AND form_version = $4 \
                 ORDER BY received_at DESC, id LIMIT $5",
            )
            .bind(form_id)
            .bind(from)
            .bind(to)
            .bind(v)
            .bind(limit),
            None => sqlx::query(
                "SELECT id, received_at, payload FROM responses WHERE form_id = $1 AND received_at >= $2 AND received_at < $3 \
                 ORDER BY received_at DESC, id LIMIT $4",
            )
            .bind(form_id)
            .bind(from)
            .bind(to)
            .bind(limit),
        };
        let rows = query.fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }

    /// The response stored under `id`.
    pub async fn response_record(&self, id: &str) -> Result<Option<ResponseRecord>, AppError> {
        if !storable(id) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT id, form_id, form_version, kind, received_at, format, payload, verification, problems, figures, checklist FROM responses WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| ResponseRecord {
            id: r.get(0),
            form_id: r.get(1),
            form_version: r.get(2),
            kind: r.get(3),
            received_at: r.get(4),
            format: r.get(5),
            payload: r.get(6),
            verification: r.get(7),
            problems: r.get(8),
            figures: r.get(9),
            checklist: r.get(10),
        }))
    }

    /// The file stored as part `part` of response `id`.
    pub async fn attachment(&self, id: &str, part: &str) -> Result<Option<NewAttachment>, AppError> {
        if !storable(id) || !storable(part) {
            return Ok(None);
        }
        Ok(self.attachments(id).await?.into_iter().find(|a| a.part == part))
    }
}

/// A case as another response's view names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRef {
    pub response_id: String,
    pub reference: String,
    pub status: String,
}

/// The case a complaint response opened, and the complaints filed after a survey response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseLinks {
    pub case: Option<CaseRef>,
    pub complaints: Vec<CaseRef>,
}

impl Store {
    /// Reads the `cases` table (`response_id`, `reference`, `status`,
    /// `survey_response_id`): the case whose `response_id` is `response_id`, and the
    /// cases whose `survey_response_id` is it, oldest first:
    ///
    /// ```sql
    /// SELECT response_id, reference, status FROM cases WHERE response_id = $1;
    /// SELECT response_id, reference, status FROM cases WHERE survey_response_id = $1 ORDER BY received_at;
    /// ```
    ///
    /// The schema here has no `cases` table yet (it comes with migration
    /// 0003_cases.sql), so there is no case and no complaint to link.
    pub async fn case_links(&self, response_id: &str) -> Result<CaseLinks, AppError> {
        let _ = response_id;
        Ok(CaseLinks::default())
    }
}
