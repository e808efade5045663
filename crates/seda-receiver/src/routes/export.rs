//! `GET /export?form=ID&format=jsonl|csv[&since=RFC3339]`: a form's stored
//! responses, oldest first, streamed a row at a time (never built in memory).

use std::collections::HashSet;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::auth::Admin;
use crate::canonical::compact;
use crate::error::{AppError, Reason};
use crate::reports::query::Params;
use crate::store::StoredResponse;
use crate::AppState;

/// The checklist figures flattened into CSV columns (and each section's score).
const FIGURES: [&str; 7] = ["outcome", "pass", "band", "score", "earned", "possible", "method"];

pub async fn get(admin: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let form = p.take("form").ok_or_else(|| AppError::at(Reason::BadQuery, "form", "name the form: ?form=ID"))?;
    let (format, since_text) = (p.take("format"), p.take("since"));
    let since = match since_text.as_deref() {
        None => i64::MIN,
        Some(s) => {
            let t = OffsetDateTime::parse(s, &Rfc3339).map_err(|_| AppError::at(Reason::BadQuery, "since", "must be an RFC 3339 time such as 2026-11-23T10:00:00Z"))?;
            (t.unix_timestamp_nanos() / 1_000) as i64
        }
    };
    let format = format.as_deref().unwrap_or("jsonl");
    let detail = serde_json::json!({"format": format, "since": since_text});
    admin.audit(&state, "export", Some(&form), Some(detail)).await?;
    match format {
        "jsonl" => {
            let lines = state.store.responses(form.clone(), since).map_ok(|r| Bytes::from(jsonl_line(&r)));
            Ok(streamed(Body::from_stream(lines), "application/x-ndjson", &form, "jsonl"))
        }
        "csv" => {
            let columns = csv_columns(&state, &form, since).await?;
            let header = Bytes::from(csv_row(columns.names.iter().map(|n| Cell::Plain(n.clone()))));
            let rows = state.store.responses(form.clone(), since).map_ok(move |r| Bytes::from(csv_record(&columns, &r)));
            let body = futures_util::stream::once(async { Ok::<_, AppError>(header) }).chain(rows).fuse();
            Ok(streamed(Body::from_stream(body), "text/csv; charset=utf-8", &form, "csv"))
        }
        other => Err(AppError::at(Reason::BadQuery, "format", format!("{other:?} is not a format: use jsonl or csv"))),
    }
}

fn streamed(body: Body, content_type: &'static str, form: &str, ext: &str) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let name: String = form.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) fn rfc3339(micros: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// The payload as received, with the receipt: one line of JSON.
fn jsonl_line(r: &StoredResponse) -> String {
    let problems: Value = serde_json::from_str(&r.problems).unwrap_or(Value::Array(Vec::new()));
    let mut verification = serde_json::json!({"status": r.verification, "problems": problems});
    if let Some(f) = &r.figures {
        verification["figures"] = Value::from(f.as_str());
    }
    if let Some(c) = r.checklist.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok()) {
        verification["checklist"] = c;
    }
    let receipt = serde_json::json!({"id": r.id, "received_at": rfc3339(r.received_at), "format": r.format, "verification": verification});
    // The receipt's members, then the payload's text as it came (compacted to one line).
    let mut line = receipt.to_string();
    line.pop();
    line.push_str(",\"payload\":");
    line.push_str(&compact(&r.payload));
    line.push_str("}\n");
    line
}

struct Columns {
    names: Vec<String>,
    hidden: Vec<String>,
    answers: Vec<String>,
    sections: Vec<String>,
    checklist: bool,
}

const FIXED: [&str; 12] = [
    "id", "received_at", "form_version", "kind", "verification", "figures", "reference", "nps_category",
    "meta.started_at", "meta.submitted_at", "meta.locale", "meta.page_url",
];

/// A column per question (from the form when it is known, else from the answers
/// stored), per hidden field, and per checklist figure.
async fn csv_columns(state: &AppState, form_id: &str, since: i64) -> Result<Columns, AppError> {
    let known = state.catalog.resolve(&state.store, form_id, None).await?;
    let (mut hidden, mut answers, mut sections, mut checklist) = match &known {
        Some(f) => (f.hidden_fields(), f.answer_keys(), f.section_ids(), f.kind() == "checklist"),
        None => Default::default(),
    };
    if known.is_none() {
        // A first pass over the rows for the keys, holding only the keys.
        let (mut seen_h, mut seen_a, mut seen_s) = (HashSet::new(), HashSet::new(), HashSet::new());
        let mut rows = state.store.responses(form_id.to_owned(), since);
        while let Some(r) = rows.next().await {
            let p: Value = serde_json::from_str(&r?.payload).unwrap_or_default();
            let keys = |v: &Value| v.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
            for k in keys(&p["hidden"]) {
                if seen_h.insert(k.clone()) {
                    hidden.push(k);
                }
            }
            for k in keys(&p["answers"]) {
                if seen_a.insert(k.clone()) {
                    answers.push(k);
                }
            }
            if let Some(c) = p.get("checklist") {
                checklist = true;
                for s in c["sections"].as_array().into_iter().flatten().filter_map(|s| s["id"].as_str()) {
                    if seen_s.insert(s.to_owned()) {
                        sections.push(s.to_owned());
                    }
                }
            }
        }
    }
    let mut names: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    names.extend(hidden.iter().map(|h| format!("hidden.{h}")));
    names.extend(answers.iter().map(|a| format!("answers.{a}")));
    if checklist {
        names.extend(FIGURES.iter().map(|f| format!("checklist.{f}")));
        names.extend(sections.iter().map(|s| format!("checklist.sections.{s}.score")));
    }
    Ok(Columns { names, hidden, answers, sections, checklist })
}

enum Cell {
    /// Text a person typed: guarded against spreadsheet formulas.
    Text(String),
    Plain(String),
}

fn csv_record(columns: &Columns, r: &StoredResponse) -> String {
    let p: Value = serde_json::from_str(&r.payload).unwrap_or_default();
    let text = |v: &Value| match v {
        Value::String(s) => Cell::Text(s.clone()),
        other => Cell::Plain(answer_text(other)),
    };
    let mut cells = vec![
        Cell::Plain(r.id.clone()),
        Cell::Plain(rfc3339(r.received_at)),
        Cell::Plain(r.form_version.map(|v| v.to_string()).unwrap_or_default()),
        text(&p["kind"]),
        Cell::Plain(r.verification.clone()),
        Cell::Plain(r.figures.clone().unwrap_or_default()),
        text(&p["reference"]),
        text(&p["nps_category"]),
    ];
    for k in ["started_at", "submitted_at", "locale", "page_url"] {
        cells.push(text(&p["meta"][k]));
    }
    cells.extend(columns.hidden.iter().map(|h| text(&p["hidden"][h])));
    cells.extend(columns.answers.iter().map(|a| text(&p["answers"][a])));
    if columns.checklist {
        // The figures scored here when the form is known; else those sent.
        let figures: Value = r.checklist.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_else(|| p["checklist"].clone());
        cells.extend(FIGURES.iter().map(|f| text(&figures[*f])));
        for s in &columns.sections {
            let section = figures["sections"].as_array().into_iter().flatten().find(|x| x["id"].as_str() == Some(s));
            cells.push(Cell::Plain(section.map(|x| answer_text(&x["score"])).unwrap_or_default()));
        }
    }
    csv_row(cells.into_iter())
}

/// An answer in one cell: a list joined with "; ", a file by its name, a matrix as
/// `row=column; ...`.
fn answer_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::Object(_) => i["name"].as_str().unwrap_or_default().to_owned(),
                other => answer_text(other),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(m) => m.iter().map(|(k, v)| format!("{k}={}", answer_text(v))).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn csv_row(cells: impl Iterator<Item = Cell>) -> String {
    let mut out = String::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = match cell {
            // A leading = + - @ would run as a formula in a spreadsheet.
            Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
            Cell::Text(s) | Cell::Plain(s) => s,
        };
        if value.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&value.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&value);
        }
    }
    out.push_str("\r\n");
    out
}
