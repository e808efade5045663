//! The desk's survey routes: the forms with responses, a survey's report, and its
//! comments. The figures are computed in `reports/`; these handlers read the query
//! and the rows.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::error::{AppError, Reason};
use crate::reports::comments::{comments, CommentQuery, CATEGORIES};
use crate::reports::query::{Params, Window};
use crate::reports::survey::{report, Row, SurveyQuery};
use crate::reports::MAX_REPORT_ROWS;
use crate::AppState;

use super::export::rfc3339;
use super::status_json;

/// `{"forms": [...]}`: every form with responses or registered, by id.
pub async fn forms(_: Admin, State(state): State<AppState>) -> Result<Response, AppError> {
    #[derive(Default)]
    struct Entry {
        versions: BTreeSet<i64>,
        responses: i64,
        last: Option<i64>,
        kind: Option<String>,
    }
    let mut forms: BTreeMap<String, Entry> = BTreeMap::new();
    for t in state.store.form_tallies().await? {
        let e = forms.entry(t.form_id).or_default();
        e.versions.extend(t.version);
        e.responses += t.responses;
        e.last = e.last.max(Some(t.last_received_at));
        e.kind = e.kind.take().or(t.kind);
    }
    for (form_id, version) in state.store.registered_forms().await? {
        forms.entry(form_id).or_default().versions.insert(version);
    }
    let mut list = Vec::with_capacity(forms.len());
    for (form_id, e) in forms {
        let known = state.catalog.resolve(&state.store, &form_id, None).await?;
        let kind = known.as_ref().map(|f| f.kind().to_owned()).or(e.kind);
        list.push(json!({
            "form_id": form_id, "kind": kind, "title": known.as_ref().and_then(|f| f.title()),
            "versions": e.versions, "responses": e.responses, "last_received_at": e.last.map(rfc3339),
        }));
    }
    Ok(status_json(StatusCode::OK, json!({ "forms": list })))
}

/// `GET /admin/desk/surveys/{form_id}?version=&from=&to=&period=&by=&FILTERS`.
pub async fn survey(_: Admin, State(state): State<AppState>, Path(form_id): Path<String>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let version = p.integer("version", 1, i64::from(u32::MAX))?;
    let window = p.window()?;
    let period = p.period()?;
    let by = p.dimension("by")?;
    let q = SurveyQuery { version, period, by, filters: p.filters()? };
    let form = state.catalog.resolve(&state.store, &form_id, version).await?;
    let rows = rows(&state, &form_id, version, window, form.is_some()).await?;
    Ok(status_json(StatusCode::OK, report(&form_id, form.as_deref(), &rows, &q)))
}

/// `GET /admin/desk/comments?form=&version=&q=&category=&score_min=&score_max=&FILTERS&limit=&offset=`.
pub async fn list_comments(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let form_id = p.take("form").ok_or_else(|| AppError::at(Reason::BadQuery, "form", "name the form: ?form=ID"))?;
    let version = p.integer("version", 1, i64::from(u32::MAX))?;
    let window = p.window()?;
    let search = p.take("q");
    if search.as_ref().is_some_and(|s| s.chars().count() > 200) {
        return Err(AppError::at(Reason::BadQuery, "q", "q is at most 200 characters"));
    }
    let category = p.take("category");
    if let Some(c) = category.as_deref().filter(|c| !CATEGORIES.contains(c)) {
        return Err(AppError::at(Reason::BadQuery, "category", format!("category is promoter, passive or detractor, not {c:?}")));
    }
    let (limit, offset) = p.page(50, 500)?;
    let q = CommentQuery {
        q: search,
        category,
        score_min: p.integer("score_min", 0, 10)?,
        score_max: p.integer("score_max", 0, 10)?,
        limit,
        offset,
        filters: p.filters()?,
    };
    let form = state.catalog.resolve(&state.store, &form_id, version).await?;
    let rows = rows(&state, &form_id, version, window, form.is_some()).await?;
    Ok(status_json(StatusCode::OK, comments(form.as_deref(), &rows, &q)))
}

/// The form's responses in the window, newest first: 404 for a form neither known nor
/// answered, 422 over [`MAX_REPORT_ROWS`].
async fn rows(state: &AppState, form_id: &str, version: Option<i64>, window: Window, known: bool) -> Result<Vec<Row>, AppError> {
    let stored = state.store.form_payloads(form_id, version, window.from, window.to, MAX_REPORT_ROWS + 1).await?;
    if stored.len() as i64 > MAX_REPORT_ROWS {
        return Err(AppError::at(
            Reason::TooManyResponses,
            "from",
            format!("more than {MAX_REPORT_ROWS} responses match: narrow the window (from, to) or pick a version"),
        ));
    }
    if stored.is_empty() && !known && state.store.form_payloads(form_id, None, i64::MIN, i64::MAX, 1).await?.is_empty() {
        return Err(AppError::reject(Reason::NotFound, format!("there is no form {form_id:?} and no response to it")));
    }
    Ok(stored
        .into_iter()
        .map(|(id, received_at, payload)| Row { id, received_at, payload: serde_json::from_str::<Value>(&payload).unwrap_or(Value::Null) })
        .collect())
}
