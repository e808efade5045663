//! Visits (responses of kind `checklist`) with their review, and the reviews'
//! history. A visit without a `visit_reviews` row is `received`.

use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::Store;
use crate::error::AppError;

/// A stored visit with its review.
#[derive(Clone, Debug)]
pub struct StoredVisit {
    pub id: String,
    pub form_id: String,
    pub form_version: Option<i64>,
    pub received_at: i64,
    pub payload: String,
    /// `match` or `mismatch`; `None` when the form was not known.
    pub figures: Option<String>,
    /// The figures scored here when it was received, as JSON.
    pub checklist: Option<String>,
    pub review: Option<StoredReview>,
}

/// A visit's review now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredReview {
    pub state: String,
    pub reviewer: String,
    pub comment: Option<String>,
    pub updated_at: i64,
}

/// One change of a visit's review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewEvent {
    pub at: i64,
    pub actor: String,
    pub from_state: String,
    pub to_state: String,
    pub comment: Option<String>,
}

/// Which visits to read; empty texts and `i64::MIN`/`MAX` bounds mean any.
#[derive(Clone, Debug)]
pub struct VisitFilter {
    pub form_id: String,
    /// A review state, `received` included for visits without a review.
    pub state: String,
    pub from: i64,
    /// Exclusive.
    pub to: i64,
}

impl Default for VisitFilter {
    fn default() -> Self {
        VisitFilter { form_id: String::new(), state: String::new(), from: i64::MIN, to: i64::MAX }
    }
}

const VISIT_COLUMNS: &str = "r.id, r.form_id, r.form_version, r.received_at, r.payload, r.figures, r.checklist, \
     v.state, v.reviewer, v.comment, v.updated_at FROM responses r LEFT JOIN visit_reviews v ON v.response_id = r.id";

impl Store {
    /// The visits `filter` lets through, newest first, one row at a time.
    pub fn visits<'a>(&'a self, filter: &'a VisitFilter) -> BoxStream<'a, Result<StoredVisit, AppError>> {
        // One text for both databases: each filter is a parameter that may say "any".
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {VISIT_COLUMNS} WHERE r.kind = 'checklist' AND ($1 = '' OR r.form_id = $1) \
             AND ($2 = '' OR COALESCE(v.state, 'received') = $2) AND r.received_at >= $3 AND r.received_at < $4 \
             ORDER BY r.received_at DESC, r.id"
        )))
        .bind(&filter.form_id)
        .bind(&filter.state)
        .bind(filter.from)
        .bind(filter.to)
        .fetch(&self.pool)
        .map(|row| Ok(stored_visit(&row?)))
        .boxed()
    }

    /// Visit `id`, if it is one.
    pub async fn visit(&self, id: &str) -> Result<Option<StoredVisit>, AppError> {
        if !super::storable(id) {
            return Ok(None);
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {VISIT_COLUMNS} WHERE r.id = $1 AND r.kind = 'checklist'")))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(stored_visit))
    }

    /// Visit `id`'s review history, oldest first.
    pub async fn review_events(&self, id: &str) -> Result<Vec<ReviewEvent>, AppError> {
        let rows = sqlx::query("SELECT at, actor, from_state, to_state, comment FROM review_events WHERE response_id = $1 ORDER BY at, id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| ReviewEvent { at: r.get(0), actor: r.get(1), from_state: r.get(2), to_state: r.get(3), comment: r.get(4) }).collect())
    }

    /// Sets visit `id`'s review to `review` and records `event`, in one transaction,
    /// only if the review is still `seen` (as read before): false when another
    /// reviewer changed it in between.
    pub async fn set_review(&self, id: &str, seen: Option<&StoredReview>, review: &StoredReview, event: &ReviewEvent) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        let changed = match seen {
            None => sqlx::query(
                "INSERT INTO visit_reviews (response_id, state, reviewer, comment, updated_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (response_id) DO NOTHING",
            )
            .bind(id)
            .bind(&review.state)
            .bind(&review.reviewer)
            .bind(&review.comment)
            .bind(review.updated_at)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            Some(seen) => sqlx::query(
                "UPDATE visit_reviews SET state = $2, reviewer = $3, comment = $4, updated_at = $5 \
                 WHERE response_id = $1 AND state = $6 AND updated_at = $7",
            )
            .bind(id)
            .bind(&review.state)
            .bind(&review.reviewer)
            .bind(&review.comment)
            .bind(review.updated_at)
            .bind(&seen.state)
            .bind(seen.updated_at)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
        };
        if changed != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO review_events (id, response_id, at, actor, from_state, to_state, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(crate::secret::random_hex(16))
            .bind(id)
            .bind(event.at)
            .bind(&event.actor)
            .bind(&event.from_state)
            .bind(&event.to_state)
            .bind(&event.comment)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}

fn stored_visit(r: &AnyRow) -> StoredVisit {
    let state: Option<String> = r.get(7);
    StoredVisit {
        id: r.get(0),
        form_id: r.get(1),
        form_version: r.get(2),
        received_at: r.get(3),
        payload: r.get(4),
        figures: r.get(5),
        checklist: r.get(6),
        review: state.map(|state| StoredReview { state, reviewer: r.get(8), comment: r.get(9), updated_at: r.get(10) }),
    }
}
