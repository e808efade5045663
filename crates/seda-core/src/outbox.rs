//! The outbox's records and rules: what is kept, in what order it is sent, and what
//! each attempt's result does to a record. The browser edge stores the records
//! (IndexedDB) and makes the attempts; every decision is made here.

use super::delivery::{classify, Outcome};
use super::endpoint::{encode, Credentials, Endpoint, Format, Redirect, DEFAULT_TIMEOUT_MS};
use super::json::{self, Value};
use super::names::Named;
use super::pairs::Pairs;
use super::response::Response;
use super::retry::backoff_ms;

/// At most this many responses wait in one browser...
pub const MAX_RECORDS: usize = 500;
/// ...and at most this many bytes of them.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Refused responses are kept apart from those waiting, the newest this many of them...
pub const MAX_REFUSED: usize = 50;
/// ...within this many bytes.
pub const MAX_REFUSED_BYTES: usize = 8 * 1024 * 1024;
/// How much of an endpoint's answer is kept and shown (console, `seda:error`).
pub const EXCERPT_CHARS: usize = 200;

/// One finished response waiting for its endpoint, stored as JSON in IndexedDB.
/// Only `id`, `endpoint`, `body` and `created_at` are required when reading, so a
/// record written by an older widget is still sent rather than stranded.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub form_id: String,
    pub endpoint: String,
    pub format: Format,
    pub headers: Pairs<String>,
    pub credentials: Credentials,
    pub timeout_ms: u64,
    /// Whether a redirect is followed (only a final 2xx then counts as delivered).
    pub redirect: Redirect,
    /// The exact bytes to send; every attempt sends the same.
    pub body: String,
    pub content_type: String,
    /// Milliseconds since the epoch: the sending order.
    pub created_at: i64,
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    pub next_at: i64,
    pub state: State,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
}

named_enum! {
    pub enum State {
        /// Waiting to be sent (again).
        Pending = "pending",
        /// The endpoint refused it for good (a 4xx other than 408 and 429). Kept, not retried.
        Failed = "failed",
    }
}

/// What one attempt came back with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The endpoint answered with this status (and maybe a Retry-After, in ms); `body` is
    /// the start of its answer, already cut by [`excerpt`] where it came in.
    Answered { status: u16, retry_after_ms: Option<u64>, body: String },
    /// No answer: offline, refused, timed out.
    NoAnswer(String),
    /// The endpoint answered with a redirect, which is not followed (unless the record
    /// says [`Redirect::Follow`]): a POST that the
    /// browser follows turns into a bodyless GET, whose 2xx says nothing of the response.
    /// `location` is the new address, when the browser could learn it.
    Redirected { location: Option<String> },
    /// The request could not even be made from the record (a header value no browser
    /// sends, a URL with a password): sending it again cannot help.
    Unsendable(String),
}

/// What the attempt did to the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// 2xx: remove the record.
    Delivered,
    /// Try again at `next_at`.
    WillRetry,
    /// Permanently refused: keep the record apart, stop trying, tell the site.
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
            redirect: endpoint.redirect,
            body,
            content_type,
            created_at: now_ms,
            attempts: 0,
            next_at: 0,
            state: State::Pending,
            last_status: None,
            last_error: None,
        }
    }

    /// The stored form of the record (IndexedDB keeps it as this JSON text).
    pub fn to_json(&self) -> String {
        let text = |s: &str| Value::from(s);
        Value::object([
            ("id", text(&self.id)),
            ("form_id", text(&self.form_id)),
            ("endpoint", text(&self.endpoint)),
            ("format", text(self.format.name())),
            ("headers", Value::object(self.headers.iter().map(|(k, v)| (k, text(v))))),
            ("credentials", text(self.credentials.name())),
            ("timeout_ms", Value::Number(self.timeout_ms.to_string())),
            ("redirect", text(self.redirect.name())),
            ("body", text(&self.body)),
            ("content_type", text(&self.content_type)),
            ("created_at", Value::from(self.created_at)),
            ("attempts", Value::from(self.attempts)),
            ("next_at", Value::from(self.next_at)),
            ("state", text(self.state.name())),
            ("last_status", Value::from(self.last_status.map(u32::from))),
            ("last_error", Value::from(self.last_error.as_deref())),
        ])
        .to_json()
    }

    /// Reads a stored record. Only `id`, `endpoint`, `body` and `created_at` are
    /// required, and a field of the wrong shape takes its default, so a record
    /// written by an older widget is still sent rather than stranded.
    pub fn from_json(text: &str) -> Option<Record> {
        let v = json::parse(text).ok()?;
        let s = |k: &str| v.get(k).and_then(Value::as_str);
        let n = |k: &str| v.get(k).and_then(Value::as_i64);
        let headers = v.get("headers").and_then(Value::as_object).unwrap_or_default();
        Some(Record {
            id: s("id")?.to_owned(),
            form_id: s("form_id").unwrap_or_default().to_owned(),
            endpoint: s("endpoint")?.to_owned(),
            format: s("format").and_then(Format::from_name).unwrap_or(Format::Json),
            headers: headers.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect(),
            credentials: s("credentials").and_then(Credentials::from_name).unwrap_or(Credentials::Omit),
            timeout_ms: n("timeout_ms").and_then(|t| u64::try_from(t).ok()).unwrap_or(DEFAULT_TIMEOUT_MS),
            redirect: s("redirect").and_then(Redirect::from_name).unwrap_or(Redirect::Error),
            body: s("body")?.to_owned(),
            content_type: s("content_type").unwrap_or("application/json").to_owned(),
            created_at: n("created_at")?,
            attempts: n("attempts").and_then(|a| u32::try_from(a).ok()).unwrap_or(0),
            next_at: n("next_at").unwrap_or(0),
            state: s("state").and_then(State::from_name).unwrap_or(State::Pending),
            last_status: n("last_status").and_then(|st| u16::try_from(st).ok()),
            last_error: s("last_error").map(str::to_owned),
        })
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
            Attempt::Redirected { location } => {
                self.last_status = None;
                self.last_error = Some(format!("redirected to {}", location.as_deref().unwrap_or("another address")));
                None
            }
            Attempt::Unsendable(reason) => {
                self.last_status = None;
                self.last_error = Some(reason);
                self.state = State::Failed;
                return Settled::Rejected;
            }
        };
        let wait = backoff_ms(self.attempts, jitter).max(retry_after.unwrap_or(0));
        self.next_at = now_ms + wait as i64;
        Settled::WillRetry
    }
}

/// The record to send next: of the pending records that are due, one never tried before
/// those being tried again, then the oldest (by creation, then id); skipping those
/// `tried` says were attempted in this drain already. So a record that keeps failing
/// (a dead or moved endpoint, backing off) never holds up the others. `now_ms: None`
/// takes every pending record as due: a page's first drain tries each one once,
/// whatever its backoff.
pub fn next<'a>(records: &'a [Record], now_ms: Option<i64>, tried: &dyn Fn(&str) -> bool) -> Option<&'a Record> {
    records
        .iter()
        .filter(|r| r.state == State::Pending && now_ms.is_none_or(|now| r.next_at <= now) && !tried(&r.id))
        .min_by(|a, b| (a.attempts > 0, a.created_at, &a.id).cmp(&(b.attempts > 0, b.created_at, &b.id)))
}

/// When the next pending record falls due (ms since the epoch), if any waits.
pub fn next_due_at(records: &[Record]) -> Option<i64> {
    records.iter().filter(|r| r.state == State::Pending).map(|r| r.next_at).min()
}

/// Of the refused records, those to drop: the newest [`MAX_REFUSED`] stay, less any
/// older than records that already take [`MAX_REFUSED_BYTES`] (the newest always stays,
/// however large). Each was reported when it was refused.
pub fn refused_beyond_bounds(refused: &[Record]) -> Vec<&str> {
    // By rank rather than by sorting: at most a few dozen records, and no sort's code in
    // the widget for it.
    refused
        .iter()
        .filter(|r| {
            let (mut newer, mut bytes) = (0usize, 0usize);
            for o in refused.iter().filter(|o| (o.created_at, &o.id) > (r.created_at, &r.id)) {
                newer += 1;
                bytes = bytes.saturating_add(o.body.len());
            }
            newer >= MAX_REFUSED || bytes >= MAX_REFUSED_BYTES
        })
        .map(|r| r.id.as_str())
        .collect()
}

/// The start of an endpoint's answer, for the console and `seda:error`: at most
/// [`EXCERPT_CHARS`] characters, control characters dropped, "…" when cut.
pub fn excerpt(body: &str) -> String {
    let mut chars = body.chars().filter(|c| !c.is_control() || *c == ' ');
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// Whether one more record of `body_len` bytes may be stored. A full outbox refuses
/// the new response (the visitor is told) rather than dropping an old one. Only the
/// records waiting to be sent count: refused ones are kept apart, within their own bounds.
pub fn admit(records: &[Record], body_len: usize) -> Result<(), OutboxFull> {
    let pending = || records.iter().filter(|r| r.state == State::Pending);
    if pending().count() >= MAX_RECORDS {
        return Err(OutboxFull::TooMany);
    }
    let stored: usize = pending().map(|r| r.body.len()).sum();
    if stored + body_len > MAX_BYTES {
        return Err(OutboxFull::TooLarge);
    }
    Ok(())
}
