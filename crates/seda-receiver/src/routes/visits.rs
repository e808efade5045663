//! The desk's mystery-shop visits: the list with its filters, one visit's score
//! card, its photos, and its review (states as in ODK Central).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::engine::{ChecklistView, KnownForm};
use crate::error::{AppError, Reason};
use crate::reports::query::{Params, Window};
use crate::store::{ReviewEvent, StoredReview, VisitFilter};
use crate::visits::card::Visit;
use crate::visits::photo::{self, PhotoError};
use crate::visits::review::{self, Decision, ReviewError, ReviewState};
use crate::{now_micros, AppState};

use super::export::rfc3339;
use super::{read_limited, status_json};

const MAX_REVIEW_BODY_BYTES: usize = 64 * 1024;

/// A form and its words, read once per request.
pub(super) type FormWords = Option<(Arc<KnownForm>, Arc<ChecklistView>)>;

/// The forms a request's visits are to, each resolved once.
pub(super) struct Forms<'a> {
    state: &'a AppState,
    read: HashMap<(String, Option<i64>), FormWords>,
}

impl<'a> Forms<'a> {
    pub(super) fn new(state: &'a AppState) -> Self {
        Forms { state, read: HashMap::new() }
    }

    /// Form `form_id` at `version` (the highest when `None`), if it is a known checklist.
    pub(super) async fn get(&mut self, form_id: &str, version: Option<i64>) -> Result<FormWords, AppError> {
        let key = (form_id.to_owned(), version);
        if let Some(words) = self.read.get(&key) {
            return Ok(words.clone());
        }
        let form = self.state.catalog.resolve(&self.state.store, form_id, version).await?;
        let words = form.and_then(|f| {
            let view = f.checklist_view()?;
            Some((f, Arc::new(view)))
        });
        self.read.insert(key, words.clone());
        Ok(words)
    }

    /// A stored visit read with its form.
    pub(super) async fn visit(&mut self, row: crate::store::StoredVisit) -> Result<Visit, AppError> {
        let words = self.get(&row.form_id, row.form_version).await?;
        Ok(Visit::new(row, words))
    }
}

/// The most visits one answer lists, and how many it lists unless asked.
const MAX_LIMIT: usize = 500;
const DEFAULT_LIMIT: usize = 100;

/// `GET /admin/desk/visits`: newest first, `limit` from `offset` of `total`.
pub async fn list(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let review_state = match p.take("state") {
        None => String::new(),
        Some(s) => ReviewState::parse(&s)
            .ok_or_else(|| AppError::at(Reason::BadQuery, "state", format!("{s:?} is not a review state: received, has_issues, approved or rejected")))?
            .name()
            .to_owned(),
    };
    let Window { from, to } = p.window()?;
    let (limit, offset) = p.page(DEFAULT_LIMIT, MAX_LIMIT)?;
    let (location_asked, shopper_asked) = (p.take("location"), p.take("shopper"));
    let filter = VisitFilter { form_id: p.take("form").unwrap_or_default(), state: review_state, from, to };
    let mut forms = Forms::new(&state);
    let (mut visits, mut shoppers, mut seen, mut total) = (Vec::new(), BTreeSet::new(), BTreeSet::new(), 0);
    let mut known: Vec<(String, Value)> = Vec::new();
    let mut rows = state.store.visits(&filter);
    while let Some(row) = rows.next().await {
        let visit = forms.visit(row?).await?;
        // The filters' choices come from every visit the other filters let through.
        if let Some((_, view)) = forms.get(&visit.row.form_id, visit.row.form_version).await? {
            for (id, label) in &view.locations {
                if !known.iter().any(|(k, _)| k == id) {
                    known.push((id.clone(), label.clone()));
                }
            }
        }
        let (location, shopper) = (visit.location(), visit.record_text("shopper"));
        if !location.is_empty() {
            seen.insert(location.to_owned());
        }
        if !shopper.is_empty() {
            shoppers.insert(shopper.to_owned());
        }
        if location_asked.as_deref().is_some_and(|l| l != location) || shopper_asked.as_deref().is_some_and(|s| s != shopper) {
            continue;
        }
        if (offset..offset.saturating_add(limit)).contains(&total) {
            visits.push(visit.summary());
        }
        total += 1;
    }
    let mut locations: Vec<Value> = known.iter().map(|(id, label)| json!({"id": id, "label": label})).collect();
    locations.extend(seen.iter().filter(|id| !known.iter().any(|(k, _)| k == *id)).map(|id| json!({"id": id, "label": null})));
    Ok(status_json(StatusCode::OK, json!({"total": total, "visits": visits, "locations": locations, "shoppers": shoppers})))
}

/// `GET /admin/desk/visits/{id}`.
pub async fn detail(_: Admin, State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    Ok(status_json(StatusCode::OK, detail_json(&state, &id).await?))
}

async fn found(state: &AppState, id: &str) -> Result<Visit, AppError> {
    let row = state.store.visit(id).await?.ok_or_else(|| AppError::at(Reason::NotFound, "id", format!("no visit has the id {id:?}")))?;
    Forms::new(state).visit(row).await
}

async fn detail_json(state: &AppState, id: &str) -> Result<Value, AppError> {
    let visit = found(state, id).await?;
    let history: Vec<Value> = state
        .store
        .review_events(id)
        .await?
        .into_iter()
        .map(|e| json!({"at": rfc3339(e.at), "actor": e.actor, "from": e.from_state, "to": e.to_state, "comment": e.comment}))
        .collect();
    Ok(json!({
        "visit": visit.summary(),
        "scorecard": visit.scorecard(),
        "record": visit.record(),
        "review": visit.review(),
        "history": history,
    }))
}

/// `GET /admin/desk/visits/{id}/photos/{item}/{n}`: the photo decoded, with the
/// headers of `/admin/files`.
pub async fn photo(_: Admin, State(state): State<AppState>, Path((id, item, n)): Path<(String, String, String)>) -> Result<Response, AppError> {
    let visit = found(&state, &id).await?;
    let photos = photo::photos(&visit.payload, &item);
    let Some(p) = n.parse::<usize>().ok().and_then(|n| photos.get(n)) else {
        return Err(AppError::at(Reason::NotFound, "n", format!("item {item:?} of this visit has {} photo(s), numbered from 0", photos.len())));
    };
    let image = photo::decode(p.data).map_err(|e| {
        let path = format!("checklist.items.{item}.photo");
        match e {
            PhotoError::NotImage(_) | PhotoError::Mismatch(_) => AppError::at(Reason::UnsupportedMediaType, path, format!("{e}: not served")),
            PhotoError::NotDataUrl | PhotoError::NotBase64 => AppError::at(Reason::NotFound, path, format!("the photo cannot be read: {e}")),
        }
    })?;
    let mut response = image.bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(image.content_type));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// `POST /admin/desk/visits/{id}/review` `{"state", "comment"?}` → the visit as `GET` answers it.
pub async fn review(admin: Admin, State(state): State<AppState>, Path(id): Path<String>, request: Request<Body>) -> Result<Response, AppError> {
    let bytes = read_limited(request.into_body(), MAX_REVIEW_BODY_BYTES).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::reject(Reason::MalformedJson, format!("send {{\"state\", \"comment\"}}: {e}")))?;
    let to = body
        .get("state")
        .and_then(Value::as_str)
        .and_then(ReviewState::parse)
        .ok_or_else(|| AppError::at(Reason::InvalidInput, "state", "state must be received, has_issues, approved or rejected"))?;
    let comment = match body.get("comment") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.as_str()),
        Some(_) => return Err(AppError::at(Reason::InvalidInput, "comment", "a comment is a string")),
    };
    // Another reviewer may change the visit between reading and writing: read again.
    for _ in 0..3 {
        let visit = found(&state, &id).await?;
        let seen = visit.row.review.clone();
        let decision = review::decide(visit.state(), to, comment).map_err(|e| match e {
            ReviewError::CommentRequired(_) | ReviewError::CommentTooLong => AppError::at(Reason::InvalidInput, "comment", e.to_string()),
        })?;
        let Decision::Record { from, to, comment } = decision else {
            return Ok(status_json(StatusCode::OK, detail_json(&state, &id).await?));
        };
        let (at, actor) = (now_micros().max(seen.as_ref().map_or(i64::MIN, |r| r.updated_at + 1)), admin.actor.to_string());
        let new = StoredReview { state: to.name().into(), reviewer: actor.clone(), comment: comment.clone(), updated_at: at };
        let event = ReviewEvent { at, actor, from_state: from.name().into(), to_state: to.name().into(), comment: comment.clone() };
        if state.store.set_review(&id, seen.as_ref(), &new, &event).await? {
            admin.audit(&state, "visit.review", Some(&id), Some(json!({"from": from.name(), "to": to.name(), "comment": comment}))).await?;
            return Ok(status_json(StatusCode::OK, detail_json(&state, &id).await?));
        }
    }
    Err(AppError::reject(Reason::Unavailable, "the review kept changing while it was being saved: try again"))
}
