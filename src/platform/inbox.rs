//! The local inbox: where responses go when no endpoint is configured (the demo,
//! or a site trying Seda out). A JSON array in localStorage under `seda:inbox`.

use crate::core::json::{self, Value};

use super::env::window;

pub const KEY: &str = "seda:inbox";

/// Appends one response (as JSON). Fails when storage is unavailable or full.
pub fn keep(response_json: &str) -> Result<(), String> {
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or("this browser does not allow local storage")?;
    let mut list = match storage.get_item(KEY).ok().flatten().map(|s| json::parse(&s)) {
        Some(Ok(Value::Array(list))) => list,
        _ => Vec::new(),
    };
    list.push(json::parse(response_json).map_err(|e| e.to_string())?);
    let json = Value::Array(list).to_json();
    storage.set_item(KEY, &json).map_err(|_| "local storage is full".to_owned())
}
