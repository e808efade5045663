//! The outbox's records and rules: what is kept, in what order it is sent, and what
//! each attempt's result does to a record. The browser edge stores the records
//! (IndexedDB) and makes the attempts; every decision is made here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::delivery::{classify, Outcome};
use super::endpoint::{encode, Credentials, Endpoint, Format};
use super::response::Response;
use super::retry::backoff_ms;

/// At most this many responses wait in one browser...
pub const MAX_RECORDS: usize = 500;
/// ...and at most this many bytes of them.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// One finished response waiting for its endpoint, stored as JSON in IndexedDB.
/// Only `id`, `endpoint`, `body` and `created_at` are required when reading, so a
/// record written by an older widget is still sent rather than stranded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub form_id: String,
    pub endpoint: String,
    #[serde(default = "json")]
    pub format: Format,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default = "omit")]
    pub credentials: Credentials,
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
    /// The exact bytes to send; every attempt sends the same.
    pub body: String,
    #[serde(default = "json_type")]
    pub content_type: String,
    /// Milliseconds since the epoch: the sending order.
    pub created_at: i64,
    #[serde(default)]
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    #[serde(default)]
    pub next_at: i64,
    #[serde(default = "pending")]
    pub state: State,
    #[serde(default)]
    pub last_status: Option<u16>,
    #[serde(default)]
    pub last_error: Option<String>,
}

fn json() -> Format {
    Format::Json
}
fn omit() -> Credentials {
    Credentials::Omit
}
fn default_timeout() -> u64 {
    super::endpoint::DEFAULT_TIMEOUT_MS
}
fn json_type() -> String {
    "application/json".to_owned()
}
fn pending() -> State {
    State::Pending
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting to be sent (again).
    Pending,
    /// The endpoint refused it for good (a 4xx other than 408 and 429). Kept, not retried.
    Failed,
}

/// What one attempt came back with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The endpoint answered with this status (and maybe a Retry-After, in ms).
    Answered { status: u16, retry_after_ms: Option<u64>, body: String },
    /// No answer: offline, refused, timed out.
    NoAnswer(String),
}

/// What the attempt did to the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// 2xx: remove the record.
    Delivered,
    /// Try again at `next_at`.
    WillRetry,
    /// Permanently refused: keep the record, stop trying, tell the site.
    Rejected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutboxFull {
    #[error("{MAX_RECORDS} responses are already waiting to be sent from this device")]
    TooMany,
    #[error("the responses waiting on this device already take {MAX_BYTES} bytes")]
    TooLarge,
}

impl Record {
    pub fn new(response: &Response, endpoint: &Endpoint, now_ms: i64) -> Self {
        let (content_type, body) = encode(response, endpoint.format);
        Record {
            id: response.id.clone(),
            form_id: response.form_id.clone(),
            endpoint: endpoint.url.clone(),
            format: endpoint.format,
            headers: endpoint.headers.clone(),
            credentials: endpoint.credentials,
            timeout_ms: endpoint.timeout_ms,
            body,
            content_type: content_type.to_owned(),
            created_at: now_ms,
            attempts: 0,
            next_at: 0,
            state: State::Pending,
            last_status: None,
            last_error: None,
        }
    }

    /// Applies an attempt's result. `jitter` is a random number in [0, 1).
    pub fn settle(&mut self, attempt: Attempt, now_ms: i64, jitter: f64) -> Settled {
        self.attempts += 1;
        let retry_after = match attempt {
            Attempt::Answered { status, retry_after_ms, body } => {
                self.last_status = Some(status);
                match classify(status) {
                    Outcome::Accepted => return Settled::Delivered,
                    Outcome::Permanent => {
                        self.state = State::Failed;
                        self.last_error = Some(body);
                        return Settled::Rejected;
                    }
                    Outcome::Retry => {
                        self.last_error = Some(body);
                        retry_after_ms
                    }
                }
            }
            Attempt::NoAnswer(reason) => {
                self.last_status = None;
                self.last_error = Some(reason);
                None
            }
        };
        let wait = backoff_ms(self.attempts, jitter).max(retry_after.unwrap_or(0));
        self.next_at = now_ms + wait as i64;
        Settled::WillRetry
    }
}

/// The record to send next: the oldest pending one (by creation, then id). Sends are
/// serial and in order, so a newer record waits while an older one backs off.
pub fn next(records: &[Record]) -> Option<&Record> {
    records
        .iter()
        .filter(|r| r.state == State::Pending)
        .min_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)))
}

/// Whether one more record of `body_len` bytes may be stored. A full outbox refuses
/// the new response (the visitor is told) rather than dropping an old one.
pub fn admit(records: &[Record], body_len: usize) -> Result<(), OutboxFull> {
    if records.len() >= MAX_RECORDS {
        return Err(OutboxFull::TooMany);
    }
    let stored: usize = records.iter().map(|r| r.body.len()).sum();
    if stored + body_len > MAX_BYTES {
        return Err(OutboxFull::TooLarge);
    }
    Ok(())
}
