//! The outbox in IndexedDB: finished responses waiting for their endpoint.

use crate::core::outbox::{admit, OutboxFull, Record};

use super::env::{console_error, window};
use super::idb;

/// Why a response could not be put in the outbox.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Full(#[from] OutboxFull),
    /// No IndexedDB (disabled, or a private mode that refuses it).
    #[error("the outbox is unavailable: {0}")]
    Unavailable(String),
}

/// Every stored record. Values that are not records (written by something else)
/// are reported and left alone.
pub async fn all() -> Result<Vec<Record>, String> {
    let values = idb::all().await?;
    Ok(values
        .iter()
        .filter_map(|json| {
            let record = Record::from_json(json);
            if record.is_none() {
                console_error("outbox: skipping an entry that is not a response record");
            }
            record
        })
        .collect())
}

/// Writes a new record (before its first send), within the outbox's limits.
pub async fn add(record: &Record) -> Result<(), AddError> {
    let existing = all().await.map_err(AddError::Unavailable)?;
    admit(&existing, record.body.len())?;
    save(record).await.map_err(AddError::Unavailable)?;
    ask_to_persist();
    Ok(())
}

pub async fn save(record: &Record) -> Result<(), String> {
    idb::put(&record.to_json()).await
}

pub async fn remove(id: &str) -> Result<(), String> {
    idb::delete(id).await
}

/// Asks the browser not to evict the outbox under storage pressure. Browsers grant
/// or refuse quietly; either way the outbox works.
fn ask_to_persist() {
    let _ = window().navigator().storage().persist();
}
