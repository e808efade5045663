//! The local inbox: where responses go when no endpoint is configured (the demo,
//! or a site trying Seda out). A JSON array in localStorage under `seda:inbox`.

use crate::core::json::{self, SyntaxError, Value};

use super::env::window;

pub const KEY: &str = "seda:inbox";

/// Why a response could not be kept in the local inbox.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("this browser does not allow local storage")]
    NoStorage,
    /// The response was not JSON (never so for one the widget made).
    #[error("{0}")]
    NotJson(SyntaxError),
    #[error("local storage is full")]
    Full,
}

/// Appends one response (as JSON). Fails when storage is unavailable or full.
pub fn keep(response_json: &str) -> Result<(), InboxError> {
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or(InboxError::NoStorage)?;
    let mut list = match storage.get_item(KEY).ok().flatten().map(|s| json::parse(&s)) {
        Some(Ok(Value::Array(list))) => list,
        _ => Vec::new(),
    };
    list.push(json::parse(response_json).map_err(InboxError::NotJson)?);
    let json = Value::Array(list).to_json();
    storage.set_item(KEY, &json).map_err(|_| InboxError::Full)
}
