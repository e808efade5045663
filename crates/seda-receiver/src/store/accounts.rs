//! Users and their sessions.

use sqlx::Row;

use super::Store;
use crate::error::AppError;

/// A user as stored: the role is `admin` or `viewer`.
#[derive(Clone, Debug)]
pub struct UserRow {
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: i64,
}

/// The user a live session belongs to.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub user_name: String,
    pub role: String,
    pub expires_at: i64,
}

impl Store {
    /// Adds a user; `false` when the name is taken.
    pub async fn add_user(&self, user: &UserRow) -> Result<bool, AppError> {
        let added = sqlx::query("INSERT INTO users (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING")
            .bind(&user.name)
            .bind(&user.password_hash)
            .bind(&user.role)
            .bind(user.created_at)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(added == 1)
    }

    pub async fn user(&self, name: &str) -> Result<Option<UserRow>, AppError> {
        if !super::storable(name) {
            return Ok(None);
        }
        let row = sqlx::query("SELECT name, password_hash, role, created_at FROM users WHERE name = $1").bind(name).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| UserRow { name: r.get(0), password_hash: r.get(1), role: r.get(2), created_at: r.get(3) }))
    }

    /// Every user, by name (without their hashes).
    pub async fn users(&self) -> Result<Vec<UserRow>, AppError> {
        let rows = sqlx::query("SELECT name, role, created_at FROM users ORDER BY name").fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| UserRow { name: r.get(0), password_hash: String::new(), role: r.get(1), created_at: r.get(2) }).collect())
    }

    /// Removes a user and signs them out everywhere; `false` when there is no such user.
    pub async fn remove_user(&self, name: &str) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE user_name = $1").bind(name).execute(&mut *tx).await?;
        let removed = sqlx::query("DELETE FROM users WHERE name = $1").bind(name).execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        Ok(removed == 1)
    }

    /// Keeps a new session (by its token's hash), dropping sessions that have expired.
    pub async fn add_session(&self, token_sha256: &str, user_name: &str, now: i64, expires_at: i64) -> Result<(), AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO sessions (token_sha256, user_name, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_sha256)
            .bind(user_name)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user of the session with this token hash, if it has not expired at `now`.
    pub async fn session(&self, token_sha256: &str, now: i64) -> Result<Option<SessionRow>, AppError> {
        let row = sqlx::query(
            "SELECT s.user_name, u.role, s.expires_at FROM sessions s JOIN users u ON u.name = s.user_name \
             WHERE s.token_sha256 = $1 AND s.expires_at > $2",
        )
        .bind(token_sha256)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| SessionRow { user_name: r.get(0), role: r.get(1), expires_at: r.get(2) }))
    }

    /// Ends a session; whether there was one.
    pub async fn remove_session(&self, token_sha256: &str) -> Result<bool, AppError> {
        let removed = sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1").bind(token_sha256).execute(&self.pool).await?.rows_affected();
        Ok(removed > 0)
    }
}
