//! What the desk reads about surveys: a form's NPS, CSAT and CES with their trend and
//! breakdown, and its comments. The figures are computed here in Rust from the
//! payloads the store reads (filtered by form, version and time in SQL), so they are
//! the same on SQLite and PostgreSQL.

pub mod comments;
pub mod fold;
pub mod query;
pub mod stats;
pub mod survey;

/// The most responses one report reads; a request over it is refused (422) and asks
/// for a narrower window or one version.
pub const MAX_REPORT_ROWS: i64 = 100_000;
