//! Erasure (by response id, complaint reference or contact address) and retention
//! (each form's responses older than its `retention_days`): rows go in one
//! transaction, then the files no row names any longer.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::audit::{self, Actor};
use crate::catalog::Catalog;
use crate::engine::complaint_reference;
use crate::error::{AppError, Reason};
use crate::files::FileStore;
use crate::store::{Erased, Store};
use crate::AppState;

/// What to erase. Read once from the API or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Erasure {
    /// The response with this id (its Idempotency-Key).
    Response(String),
    /// The complaint whose reference code this is (`K7Q4-MZ8P`; case, spaces and dash aside).
    Reference(String),
    /// Every response with this email address (case aside) or phone number (its
    /// digits) in an answer to an email or phone question.
    Contact(String),
}

impl Erasure {
    /// `{response_id | reference | contact}`: exactly one.
    pub fn from_json(value: &Value) -> Result<Erasure, AppError> {
        let field = |k: &str| value.get(k).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let mut given = [("response_id", field("response_id")), ("reference", field("reference")), ("contact", field("contact"))]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)));
        match (given.next(), given.next()) {
            (Some((kind, v)), None) => Ok(match kind {
                "response_id" => Erasure::Response(v),
                "reference" => Erasure::Reference(v),
                _ => Erasure::Contact(v),
            }),
            _ => Err(AppError::reject(Reason::BadQuery, "name exactly one of response_id, reference or contact")),
        }
    }

    /// The audit log's target: a contact address is not written there in clear.
    pub fn audit_target(&self) -> String {
        match self {
            Erasure::Response(id) => format!("response:{id}"),
            Erasure::Reference(code) => format!("reference:{}", normalise_reference(code)),
            Erasure::Contact(address) => format!("contact:sha256:{}", &crate::canonical::sha256_hex(contact_needle(address).as_bytes())[..16]),
        }
    }
}

/// How many responses, and how many stored files, an erasure or retention run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    pub responses: u64,
    pub files: u64,
}

/// Erases what `what` names.
pub async fn erase(store: &Store, files: &Arc<dyn FileStore>, catalog: &Catalog, what: &Erasure) -> Result<Removed, AppError> {
    let ids = match what {
        Erasure::Response(id) => vec![id.clone()],
        Erasure::Reference(code) => {
            let code = normalise_reference(code);
            let mut ids = Vec::new();
            let mut rows = store.response_refs(Some("complaint"));
            while let Some(r) = rows.next().await {
                let r = r?;
                if normalise_reference(&complaint_reference(&r.id)) == code {
                    ids.push(r.id);
                }
            }
            ids
        }
        Erasure::Contact(address) => contact_matches(store, catalog, address).await?,
    };
    let erased = store.delete_responses(&ids).await?;
    remove_files(files, erased).await
}

/// The ids of responses that hold `address` in an email or phone answer: the
/// answers `email` and `phone` (the complaint template's), and any question the
/// response's form types as email or phone.
async fn contact_matches(store: &Store, catalog: &Catalog, address: &str) -> Result<Vec<String>, AppError> {
    let needle = contact_needle(address);
    if needle.is_empty() {
        return Err(AppError::at(Reason::BadQuery, "contact", "a contact is an email address or a phone number"));
    }
    let mut keys_of: HashMap<(String, Option<i64>), Vec<String>> = HashMap::new();
    let mut ids = Vec::new();
    let mut rows = store.response_refs(None);
    while let Some(r) = rows.next().await {
        let r = r?;
        let Ok(payload) = serde_json::from_str::<Value>(&r.payload) else { continue };
        let Some(answers) = payload.get("answers").and_then(Value::as_object) else { continue };
        let form_key = (r.form_id.clone(), r.form_version);
        if !keys_of.contains_key(&form_key) {
            let mut keys = vec!["email".to_owned(), "phone".to_owned()];
            if let Some(form) = catalog.resolve(store, &r.form_id, r.form_version).await? {
                keys.extend(form.contact_keys());
            }
            keys_of.insert(form_key.clone(), keys);
        }
        let held = keys_of[&form_key].iter().filter_map(|k| answers.get(k).and_then(Value::as_str)).any(|v| contact_needle(v) == needle);
        if held {
            ids.push(r.id);
        }
    }
    Ok(ids)
}

/// An email address lowercased, or a phone number's digits.
fn contact_needle(text: &str) -> String {
    if text.contains('@') {
        text.trim().to_lowercase()
    } else {
        text.chars().filter(char::is_ascii_digit).collect()
    }
}

fn normalise_reference(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

async fn remove_files(files: &Arc<dyn FileStore>, erased: Erased) -> Result<Removed, AppError> {
    let count = erased.unreferenced_files.len() as u64;
    for key in &erased.unreferenced_files {
        files.delete(key).await?;
    }
    Ok(Removed { responses: erased.responses, files: count })
}

/// Deletes each form's responses received before `now` less its `retention_days`;
/// what was removed, by form.
pub async fn run_retention(store: &Store, files: &Arc<dyn FileStore>, now: i64) -> Result<Vec<(String, Removed)>, AppError> {
    const BATCH: i64 = 500;
    let mut out = Vec::new();
    for (form_id, days) in store.retention_periods().await? {
        let before = now - days * 86_400 * 1_000_000;
        let mut removed = Removed::default();
        loop {
            let ids = store.response_ids_before(&form_id, before, BATCH).await?;
            if ids.is_empty() {
                break;
            }
            let r = remove_files(files, store.delete_responses(&ids).await?).await?;
            removed.responses += r.responses;
            removed.files += r.files;
            if (ids.len() as i64) < BATCH {
                break;
            }
        }
        if removed.responses > 0 {
            out.push((form_id, removed));
        }
    }
    Ok(out)
}

/// The audit entry's detail for a retention run.
pub fn retention_detail(removed: &[(String, Removed)]) -> Value {
    let forms: serde_json::Map<String, Value> = removed.iter().map(|(f, r)| (f.clone(), json!(r))).collect();
    json!({ "forms": forms })
}

/// How often `serve` applies retention.
pub const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

/// In `serve`: retention now and then every `every`; a run that removed something is
/// in the audit log as the receiver's own (`system`).
pub async fn retention_task(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match run_retention(&state.store, &state.files, crate::now_micros()).await {
            Ok(removed) if removed.is_empty() => {}
            Ok(removed) => {
                tracing::info!(?removed, "retention removed old responses");
                if let Err(e) = audit::record(&state.store, &Actor::System, None, "retention.run", None, Some(retention_detail(&removed))).await {
                    tracing::error!(error = %e, "retention run not audited");
                }
            }
            Err(e) => tracing::error!(error = %e, "retention run failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erasure_names_exactly_one_thing() {
        for (body, expected) in [
            (json!({"response_id": "r-1"}), Some(Erasure::Response("r-1".into()))),
            (json!({"reference": " k7q4-mz8p "}), Some(Erasure::Reference("k7q4-mz8p".into()))),
            (json!({"contact": "Ana@Shop.example"}), Some(Erasure::Contact("Ana@Shop.example".into()))),
            (json!({"response_id": "r-1", "contact": "x@y"}), None),
            (json!({"response_id": ""}), None),
            (json!({}), None),
        ] {
            assert_eq!(Erasure::from_json(&body).ok(), expected, "{body}");
        }
    }

    #[test]
    fn contacts_compare_normalised() {
        assert_eq!(contact_needle(" Ana@Shop.Example "), "ana@shop.example");
        assert_eq!(contact_needle("+98 (912) 345-6789"), "989123456789");
        assert_eq!(normalise_reference(" k7q4 mz8p"), normalise_reference("K7Q4-MZ8P"));
        // The audit log keeps a digest of a contact, not the address.
        assert!(!Erasure::Contact("ana@shop.example".into()).audit_target().contains("ana"));
    }
}
