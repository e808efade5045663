//! The local inbox: where responses go when no endpoint is configured (the demo,
//! or a site trying Seda out). A JSON array in localStorage under `seda:inbox`.

use super::env::window;

pub const KEY: &str = "seda:inbox";

/// Appends one response (as JSON). Fails when storage is unavailable or full.
pub fn keep(response_json: &str) -> Result<(), String> {
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or("this browser does not allow local storage")?;
    let mut list: Vec<serde_json::Value> = storage
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    list.push(serde_json::from_str(response_json).map_err(|e| e.to_string())?);
    let json = serde_json::Value::Array(list).to_string();
    storage.set_item(KEY, &json).map_err(|_| "local storage is full".to_owned())
}
