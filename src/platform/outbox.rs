//! The outbox in IndexedDB: finished responses waiting for their endpoint, and apart
//! from them, within bounds, those the endpoint refused.

use crate::core::outbox::{admit, refused_beyond_bounds, OutboxFull, Record, State};

use super::env::{console_error, window};
use super::idb::{self, IdbError, OUTBOX, REFUSED};

/// Why a response could not be put in the outbox.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Full(#[from] OutboxFull),
    /// No IndexedDB (disabled, or a private mode that refuses it).
    #[error("the outbox is unavailable: {0}")]
    Unavailable(#[from] IdbError),
}

/// Every record waiting to be sent. Values that are not records (written by something
/// else) are reported and left alone.
pub async fn all() -> Result<Vec<Record>, IdbError> {
    read(OUTBOX).await
}

/// Every record waiting to be sent, read one at a time, each in a task of its own: a
/// drain reads what may be many large responses (photos), and reading them in one go
/// held the page's main thread for most of a second.
pub async fn each() -> Result<Vec<Record>, IdbError> {
    let mut records = Vec::new();
    for id in idb::keys(OUTBOX).await? {
        if let Some(json) = idb::get(OUTBOX, &id).await? {
            match Record::from_json(&json) {
                Some(record) => records.push(record),
                None => console_error("outbox: skipping an entry that is not a response record"),
            }
        }
        super::sender::sleep(0).await;
    }
    Ok(records)
}

async fn read(store: &str) -> Result<Vec<Record>, IdbError> {
    let values = idb::all(store).await?;
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
    let existing = all().await?;
    admit(&existing, record.body.len())?;
    save(record).await?;
    ask_to_persist();
    Ok(())
}

pub async fn save(record: &Record) -> Result<(), IdbError> {
    idb::put(OUTBOX, &record.to_json()).await
}

pub async fn remove(id: &str) -> Result<(), IdbError> {
    idb::delete(OUTBOX, &[id]).await
}

/// Moves a record that can never be sent (the endpoint refused it) out of the outbox,
/// into the refused records, of which only the newest are kept.
pub async fn refuse(record: &Record) -> Result<(), IdbError> {
    idb::move_to(OUTBOX, REFUSED, &record.id, &record.to_json()).await?;
    let refused = read(REFUSED).await?;
    let beyond = refused_beyond_bounds(&refused);
    if !beyond.is_empty() {
        idb::delete(REFUSED, &beyond).await?;
    }
    Ok(())
}

/// Moves the refused records an older widget left among the pending ones to their own
/// store (they counted toward the outbox's cap); returns those still pending.
pub async fn set_apart_refused(records: Vec<Record>) -> Result<Vec<Record>, IdbError> {
    let (pending, refused): (Vec<Record>, Vec<Record>) = records.into_iter().partition(|r| r.state == State::Pending);
    for record in &refused {
        refuse(record).await?;
    }
    Ok(pending)
}

/// Asks the browser not to evict the outbox under storage pressure. Browsers grant
/// or refuse quietly; either way the outbox works.
fn ask_to_persist() {
    let _ = window().navigator().storage().persist();
}
