//! The desk's complaints: the case list, a case in full, and the changes people make
//! to it (status, owner, notes, the public reply), each written in the case's history
//! and in the audit log; and the users a case may be given to.

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::cases::changes::{self, Move};
use crate::cases::intake::{summary, Urgency};
use crate::cases::lookup::fold_for_search;
use crate::cases::state::Status;
use crate::cases::{self, Csat};
use crate::error::{AppError, Reason};
use crate::reports::query::Params;
use crate::store::{CaseEvent, CaseFilter, CaseRow};
use crate::{now_micros, AppState};

use super::export::rfc3339;
use super::{read_limited, status_json};

const MAX_BODY_BYTES: usize = 64 * 1024;
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// `GET /admin/desk/users`: who a case may be given to.
pub async fn users(_: Admin, State(state): State<AppState>) -> Result<Response, AppError> {
    let users: Vec<Value> = state.store.users().await?.into_iter().map(|u| json!({"name": u.name, "role": u.role})).collect();
    Ok(status_json(StatusCode::OK, json!({ "users": users })))
}

/// `GET /admin/desk/complaints?status=open|all|STATE&owner=NAME|none&urgency=&q=&limit=&offset=`.
pub async fn list(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let mut param = |name: &str| p.take(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut filter = CaseFilter::default();
    match param("status").as_deref().unwrap_or("open") {
        "open" => filter.open_only = true,
        "all" => {}
        s => {
            let status = Status::parse(s).ok_or_else(|| bad_query("status", &format!("{s:?} is not open, all or a state")))?;
            filter.status = Some(status.name().to_owned());
        }
    }
    filter.owner = param("owner").map(|o| (o != "none").then_some(o));
    if let Some(u) = param("urgency") {
        filter.urgency = Some(Urgency::parse(&u).ok_or_else(|| bad_query("urgency", "must be urgent or normal"))?.name().to_owned());
    }
    let needle = param("q").as_deref().map(fold_for_search);
    let (limit, offset) = p.page(DEFAULT_LIMIT, MAX_LIMIT)?;
    let now = now_micros();
    let mut rows = state.store.case_list(&filter, now).await?;
    if let Some(needle) = &needle {
        rows.retain(|(case, payload)| matches_search(case, payload, needle));
    }
    let total = rows.len();
    let cases: Vec<Value> = rows.iter().skip(offset).take(limit).map(|(case, payload)| list_item(case, payload, now)).collect();
    Ok(status_json(StatusCode::OK, json!({"total": total, "now": rfc3339(now), "cases": cases})))
}

fn bad_query(name: &str, why: &str) -> AppError {
    AppError::at(Reason::BadQuery, name, format!("{name}: {why}"))
}

/// The search looks in the reference, response id, topic, owner and the description.
fn matches_search(case: &CaseRow, payload: &str, needle: &str) -> bool {
    let payload: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
    let texts: [Option<&str>; 5] =
        [Some(&case.reference), Some(&case.response_id), case.topic.as_deref(), case.owner.as_deref(), payload["answers"]["description"].as_str()];
    for text in texts.into_iter().flatten() {
        if fold_for_search(text).contains(needle) {
            return true;
        }
    }
    false
}

fn list_item(case: &CaseRow, payload: &str, now: i64) -> Value {
    let payload: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
    json!({
        "reference": case.reference, "response_id": case.response_id, "status": case.status, "urgency": case.urgency,
        "topic": case.topic, "owner": case.owner, "received_at": rfc3339(case.received_at), "due_at": rfc3339(case.due_at),
        "overdue": overdue(case, now), "summary": summary(&payload), "language": case.language,
    })
}

fn overdue(case: &CaseRow, now: i64) -> bool {
    Status::parse(&case.status).is_some_and(|s| s.overdue(case.due_at, now))
}

/// `GET /admin/desk/complaints/{reference or response id}`.
pub async fn get(_: Admin, State(state): State<AppState>, Path(key): Path<String>) -> Result<Response, AppError> {
    let case = cases::find(&state.store, &key).await?;
    Ok(status_json(StatusCode::OK, detail(&state, &case).await?))
}

/// The case in full: its columns, its complaint, the survey response it came from, and its history.
async fn detail(state: &AppState, case: &CaseRow) -> Result<Value, AppError> {
    let now = now_micros();
    let csat = cases::csat(&state.store, &state.catalog, &case.reference).await?;
    let response = state.store.response_brief(&case.response_id).await?;
    let payload = response.and_then(|r| serde_json::from_str::<Value>(&r.payload).ok()).unwrap_or(Value::Null);
    let survey = match &case.survey_response_id {
        Some(id) => state.store.response_brief(id).await?.map(|r| {
            let p: Value = serde_json::from_str(&r.payload).unwrap_or(Value::Null);
            json!({"id": r.id, "form_id": r.form_id, "received_at": rfc3339(r.received_at), "answers": p["answers"], "nps_category": p["nps_category"]})
        }),
        None => None,
    };
    let history: Vec<Value> = state.store.case_history(&case.response_id).await?.iter().map(event_json).collect();
    Ok(json!({
        "case": case_json(case, now, &state.settings.root_causes, csat.as_ref()),
        "response": payload, "survey_response": survey, "history": history,
    }))
}

fn case_json(case: &CaseRow, now: i64, root_causes: &[String], csat: Option<&Csat>) -> Value {
    let allowed: Vec<&str> = Status::parse(&case.status).map(|s| s.moves().iter().map(|m| m.name()).collect()).unwrap_or_default();
    json!({
        "response_id": case.response_id, "reference": case.reference, "form_id": case.form_id, "status": case.status,
        "urgency": case.urgency, "topic": case.topic, "owner": case.owner,
        "received_at": rfc3339(case.received_at), "due_at": rfc3339(case.due_at),
        "public_reply": case.public_reply, "public_reply_at": case.public_reply_at.map(rfc3339),
        "root_cause": case.root_cause, "language": case.language,
        "contact_email": case.contact_email, "contact_phone": case.contact_phone,
        "survey_response_id": case.survey_response_id, "updated_at": rfc3339(case.updated_at),
        "overdue": overdue(case, now), "allowed": allowed, "root_causes": root_causes,
        "csat": csat.map(|c| json!({"score": c.score, "received_at": rfc3339(c.received_at)})),
    })
}

fn event_json(e: &CaseEvent) -> Value {
    json!({"at": rfc3339(e.at), "actor": e.actor, "action": e.action, "from": e.from_status, "to": e.to_status, "text": e.text})
}

/// `POST …/{ref}/status` `{"to", "root_cause"?, "note"?}`.
pub async fn status(admin: Admin, State(state): State<AppState>, Path(key): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    let body = read_object(request).await?;
    let to = string_member(&body, "to")?.ok_or_else(|| AppError::at(Reason::InvalidField, "to", "name the state to move to"))?;
    let root_cause = string_member(&body, "root_cause")?;
    let note = string_member(&body, "note")?;
    let case = cases::find(&state.store, &key).await?;
    let from = Status::parse(&case.status).ok_or_else(|| AppError::Internal(format!("case {} has the unknown state {:?}", case.response_id, case.status)))?;
    let step = Move::check(from, to, root_cause, case.root_cause.is_some(), note, &state.settings.root_causes)?;
    let now = now_micros();
    let actor = admin.actor.to_string();
    let mut events = vec![event(now, &actor, "status", Some(step.from), Some(step.to), None)];
    if let Some(cause) = &step.root_cause {
        events.push(event(now, &actor, "root_cause", None, None, Some(cause)));
    }
    if let Some(text) = &step.note {
        events.push(event(now, &actor, "note", None, None, Some(text)));
    }
    // History is read by time: a microsecond apart, the move, its cause and its note keep their order.
    for (i, e) in events.iter_mut().enumerate() {
        e.at += i as i64;
    }
    let to = step.to.name();
    if !state.store.move_case(&case.response_id, from.name(), to, step.root_cause.as_deref(), now, &events).await? {
        // Someone moved it meanwhile: check the move again from where it is now.
        let moved = cases::find(&state.store, &case.response_id).await?;
        let now_in = Status::parse(&moved.status).unwrap_or(from);
        Move::check(now_in, to, step.root_cause.as_deref(), moved.root_cause.is_some(), None, &state.settings.root_causes)?;
        return Err(AppError::at(Reason::InvalidTransition, "to", format!("the case moved to {} meanwhile: try again", moved.status)));
    }
    let detail = json!({"response_id": case.response_id, "from": from.name(), "to": to, "root_cause": step.root_cause});
    changed(admin, state, &case.response_id, "case.status", &case.reference, detail).await
}

/// `PUT …/{ref}/owner` `{"owner": NAME | null}`.
pub async fn owner(admin: Admin, State(state): State<AppState>, Path(key): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    let body = read_object(request).await?;
    if !body.contains_key("owner") {
        return Err(AppError::at(Reason::InvalidField, "owner", "give the owner's user name, or null for no one"));
    }
    let owner = string_member(&body, "owner")?.map(str::trim).filter(|o| !o.is_empty());
    if let Some(name) = owner {
        if state.store.user(name).await?.is_none() {
            return Err(AppError::at(Reason::InvalidField, "owner", format!("there is no user named {name:?}")));
        }
    }
    let case = cases::find(&state.store, &key).await?;
    let now = now_micros();
    // The history names both owners (`from`, `to`); `text` keeps the new one, as it did.
    let change = CaseEvent { from_status: case.owner.clone(), to_status: owner.map(str::to_owned), ..event(now, &admin.actor.to_string(), "owner", None, None, owner) };
    state.store.set_case_owner(&case.response_id, owner, now, &change).await?;
    let detail = json!({"response_id": case.response_id, "from": case.owner, "to": owner});
    changed(admin, state, &case.response_id, "case.owner", &case.reference, detail).await
}

/// `POST …/{ref}/notes` `{"text"}`: an internal note.
pub async fn note(admin: Admin, State(state): State<AppState>, Path(key): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    let text = text_body(request).await?;
    let case = cases::find(&state.store, &key).await?;
    let now = now_micros();
    state.store.add_case_note(&case.response_id, now, &event(now, &admin.actor.to_string(), "note", None, None, Some(&text))).await?;
    let detail = json!({"response_id": case.response_id, "characters": text.chars().count()});
    changed(admin, state, &case.response_id, "case.note", &case.reference, detail).await
}

/// `PUT …/{ref}/reply` `{"text"}`: the reply the complainant reads.
pub async fn reply(admin: Admin, State(state): State<AppState>, Path(key): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    let text = text_body(request).await?;
    let case = cases::find(&state.store, &key).await?;
    let now = now_micros();
    state.store.set_case_reply(&case.response_id, &text, now, &event(now, &admin.actor.to_string(), "reply", None, None, Some(&text))).await?;
    let detail = json!({"response_id": case.response_id, "characters": text.chars().count()});
    changed(admin, state, &case.response_id, "case.reply", &case.reference, detail).await
}

/// Audits a change and answers with the case as it is now.
async fn changed(admin: Admin, state: AppState, id: &str, action: &str, reference: &str, audited: Value) -> Result<Response, AppError> {
    admin.audit(&state, action, Some(reference), Some(audited)).await?;
    let case = state.store.case(id).await?.ok_or_else(|| AppError::reject(Reason::NotFound, "the case is gone"))?;
    Ok(status_json(StatusCode::OK, detail(&state, &case).await?))
}

fn event(at: i64, actor: &str, action: &str, from: Option<Status>, to: Option<Status>, text: Option<&str>) -> CaseEvent {
    CaseEvent {
        at,
        actor: actor.to_owned(),
        action: action.to_owned(),
        from_status: from.map(|s| s.name().to_owned()),
        to_status: to.map(|s| s.name().to_owned()),
        text: text.map(str::to_owned),
    }
}

async fn read_object(request: Request<Body>) -> Result<serde_json::Map<String, Value>, AppError> {
    let bytes = read_limited(request.into_body(), MAX_BODY_BYTES).await?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(AppError::reject(Reason::MalformedJson, "the body must be a JSON object")),
        Err(e) => Err(AppError::reject(Reason::MalformedJson, format!("the body is not valid JSON: {e}"))),
    }
}

/// A member that is a string, null or absent.
fn string_member<'a>(body: &'a serde_json::Map<String, Value>, name: &str) -> Result<Option<&'a str>, AppError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(AppError::at(Reason::InvalidField, name, "must be a string")),
    }
}

async fn text_body(request: Request<Body>) -> Result<String, AppError> {
    let body = read_object(request).await?;
    changes::text(string_member(&body, "text")?.unwrap_or_default(), "text")
}
