//! Complaints followed to closure: a case is opened for each new complaint (and on
//! start for complaints stored before cases were kept), moves through its states,
//! has an owner, notes, a public reply and a root cause, and is due by its urgency.
//!
//! The rules are plain functions ([`state`], [`intake`], [`lookup`], [`changes`]); the
//! SQL is in `store/cases.rs` and the routes in `routes/cases.rs`.

pub mod changes;
pub mod intake;
pub mod lookup;
pub mod state;

use serde_json::Value;

use crate::error::{AppError, Reason};
use crate::store::{CaseRow, Store};
use intake::{DueTimes, NewCase};

/// The kind of response a case is opened for.
pub const COMPLAINT: &str = "complaint";

/// Opens the case of a newly stored complaint; whether this call opened it.
pub async fn open(store: &Store, due: &DueTimes, id: &str, form_id: &str, received_at: i64, payload: &Value) -> Result<bool, AppError> {
    store.open_case(&NewCase::of(id, form_id, received_at, payload, due)).await
}

/// Opens a case for every stored complaint without one; how many were opened.
pub async fn backfill(store: &Store, due: &DueTimes) -> Result<usize, AppError> {
    let mut opened = 0;
    for r in store.complaints_without_case().await? {
        let payload: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
        if open(store, due, &r.id, &r.form_id, r.received_at, &payload).await? {
            opened += 1;
        }
    }
    Ok(opened)
}

/// The case a path names: a response id, else a reference code read forgivingly.
pub async fn find(store: &Store, key: &str) -> Result<CaseRow, AppError> {
    if let Some(case) = store.case(key).await? {
        return Ok(case);
    }
    let not_found = || AppError::reject(Reason::NotFound, format!("no complaint has the reference or response id {key:?}"));
    let reference = lookup::read_reference(key).ok_or_else(not_found)?;
    let mut cases = store.cases_by_reference(&reference).await?;
    match cases.len() {
        0 => Err(not_found()),
        1 => Ok(cases.remove(0)),
        _ => Err(AppError::reject(
            Reason::AmbiguousReference,
            format!("{} cases have the reference {reference}: name one by its response id ({})", cases.len(), ids(&cases)),
        )),
    }
}

fn ids(cases: &[CaseRow]) -> String {
    cases.iter().map(|c| c.response_id.as_str()).collect::<Vec<_>>().join(", ")
}

/// The built-in form a complainant rates the handling of a settled case with.
pub const CSAT_FORM: &str = "complaint-csat";

/// A complainant's rating of how their case was handled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csat {
    /// The first rating answer (1-5), if one was given.
    pub score: Option<i64>,
    pub received_at: i64,
}

/// The newest response of [`CSAT_FORM`] whose hidden `reference` is `reference`.
pub async fn csat(store: &Store, catalog: &crate::catalog::Catalog, reference: &str) -> Result<Option<Csat>, AppError> {
    for (text, received_at) in store.responses_mentioning(CSAT_FORM, reference, 50).await? {
        let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
        let given = payload["hidden"]["reference"].as_str().and_then(lookup::read_reference);
        if given.as_deref() != Some(reference) {
            continue;
        }
        let version = payload["form_version"].as_i64();
        let rating = catalog.resolve(store, CSAT_FORM, version).await?.and_then(|f| f.questions_of_type("rating").into_iter().next());
        let answers = &payload["answers"];
        let score = match rating {
            Some(q) => answers[&q].as_i64(),
            // Not known here: the first whole-number answer of 1-5.
            None => answers.as_object().and_then(|a| a.values().filter_map(Value::as_i64).find(|n| (1..=5).contains(n))),
        };
        return Ok(Some(Csat { score, received_at }));
    }
    Ok(None)
}
