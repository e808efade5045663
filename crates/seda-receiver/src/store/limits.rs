//! The rate limits' buckets in the database, for receivers that share one
//! (`crate::limits`). One statement takes a request's turn, so that two receivers
//! never both pass the last request a bucket allows.

use sqlx::Row;

use super::Store;
use crate::error::AppError;

impl Store {
    /// Takes a turn for `client` under limit `scope` at `now`, where the limit lets one
    /// request through every `interval` and a burst of `period / interval` at once (all in
    /// microseconds): `None` when the request passes, else how long until one would.
    pub async fn take_turn(&self, scope: &str, client: &str, now: i64, interval: i64, period: i64) -> Result<Option<i64>, AppError> {
        // GCRA: with start = max(tat, now), a request passes when start + interval is at
        // most one period ahead, and moves tat there. Both SET expressions read the row
        // as it was, on SQLite as on PostgreSQL; the upsert holds the row's lock.
        let row = sqlx::query(
            "INSERT INTO rate_limits (scope, client, tat, passed) VALUES ($1, $2, $3 + $4, 1) \
             ON CONFLICT (scope, client) DO UPDATE SET \
             passed = CASE WHEN (CASE WHEN rate_limits.tat > $3 THEN rate_limits.tat ELSE $3 END) + $4 - $3 <= $5 THEN 1 ELSE 0 END, \
             tat = CASE WHEN (CASE WHEN rate_limits.tat > $3 THEN rate_limits.tat ELSE $3 END) + $4 - $3 <= $5 \
                   THEN (CASE WHEN rate_limits.tat > $3 THEN rate_limits.tat ELSE $3 END) + $4 ELSE rate_limits.tat END \
             RETURNING tat, passed",
        )
        .bind(scope)
        .bind(client)
        .bind(now)
        .bind(interval)
        .bind(period)
        .fetch_one(&self.pool)
        .await?;
        let (tat, passed): (i64, i64) = (row.try_get("tat")?, row.try_get("passed")?);
        // At most one interval: a turn comes back every interval. (Receivers' clocks, and
        // requests taken out of the order of their `now`, would otherwise add their skew.)
        Ok((passed == 0).then(|| (tat + interval - period - now).clamp(0, interval)))
    }

    /// On PostgreSQL, makes the buckets' table UNLOGGED (once; receivers starting
    /// together may both ask): the buckets are worth nothing after a crash, and a table
    /// without WAL spares every request's turn a disk flush. A limit from one address
    /// under 64 clients cost a third of the throughput with the flush (bench/RECEIVER.md).
    pub(super) async fn unlog_rate_limits(&self) -> Result<(), AppError> {
        let persistence: String = sqlx::query_scalar("SELECT relpersistence::text FROM pg_class WHERE oid = 'rate_limits'::regclass").fetch_one(&self.pool).await?;
        if persistence == "p" {
            sqlx::query("ALTER TABLE rate_limits SET UNLOGGED").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Forgets the buckets that have filled up again by `now`: a missing one is full.
    pub async fn prune_rate_limits(&self, now: i64) -> Result<u64, AppError> {
        Ok(sqlx::query("DELETE FROM rate_limits WHERE tat <= $1").bind(now).execute(&self.pool).await?.rows_affected())
    }
}
