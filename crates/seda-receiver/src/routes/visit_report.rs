//! `GET /admin/desk/visit-report?form=&period=week|month&from=&to=`: approved
//! visits only, per location (mean score, per section, a trend), the standards most
//! often failed and every critical failure. The words are the form's newest version's.

use std::collections::BTreeSet;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::auth::Admin;
use crate::error::{AppError, Reason};
use crate::reports::query::{Params, Window};
use crate::store::VisitFilter;
use crate::visits::report::{aggregate, ReportVisit};
use crate::visits::review::ReviewState;
use crate::AppState;

use super::export::rfc3339;
use super::status_json;
use super::visits::Forms;

pub async fn get(_: Admin, State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let mut p = Params::read(raw.as_deref())?;
    let period = p.period()?;
    let Window { from, to } = p.window()?;
    let form_asked = p.take("form");
    let filter = VisitFilter { form_id: form_asked.clone().unwrap_or_default(), state: ReviewState::Approved.name().into(), from, to };
    let mut forms = Forms::new(&state);
    let (mut visits, mut form_ids): (Vec<ReportVisit>, BTreeSet<String>) = (Vec::new(), BTreeSet::new());
    // A location's label, and an item's title, from the first visit that has them.
    let mut location_labels: Vec<(String, Value)> = Vec::new();
    let mut item_titles: Vec<(String, Value)> = Vec::new();
    let mut rows = state.store.visits(&filter);
    while let Some(row) = rows.next().await {
        let row = row?;
        form_ids.insert(row.form_id.clone());
        if let Some((_, view)) = forms.get(&row.form_id, row.form_version).await? {
            add_missing(&mut location_labels, view.locations.iter().cloned());
            add_missing(&mut item_titles, view.items.iter().map(|i| (i.id.clone(), i.title.clone())));
        }
        visits.push(forms.visit(row).await?.report_visit());
    }
    if form_ids.len() > 1 {
        let names = form_ids.into_iter().collect::<Vec<_>>().join(", ");
        return Err(AppError::at(Reason::BadQuery, "form", format!("the approved visits are to several forms ({names}): name one with ?form=ID")));
    }
    let form_id = form_asked.or_else(|| form_ids.into_iter().next());
    // The newest version's words come first; an older version's fill in what it lacks.
    let newest = match &form_id {
        Some(id) => forms.get(id, None).await?,
        None => None,
    };
    let (mut sections, older_locations, older_items) = (Vec::new(), location_labels, item_titles);
    let (mut location_labels, mut item_titles) = (Vec::new(), Vec::new());
    if let Some((_, view)) = &newest {
        sections = view.sections.iter().map(|s| (s.id.clone(), s.title.clone())).collect();
        location_labels = view.locations.clone();
        item_titles = view.items.iter().map(|i| (i.id.clone(), i.title.clone())).collect();
    }
    add_missing(&mut location_labels, older_locations.into_iter());
    add_missing(&mut item_titles, older_items.into_iter());
    add_missing(&mut sections, visits.iter().flat_map(|v| v.sections.iter().map(|(id, _)| (id.clone(), Value::Null))));
    let section_ids: Vec<String> = sections.iter().map(|(id, _)| id.clone()).collect();
    let location_ids: Vec<String> = location_labels.iter().map(|(id, _)| id.clone()).collect();
    let report = aggregate(&visits, period, &section_ids, &location_ids);

    let find = |list: &[(String, Value)], id: &str| list.iter().find(|(k, _)| k == id).map_or(Value::Null, |(_, v)| v.clone());
    let locations: Vec<Value> = report
        .locations
        .iter()
        .map(|l| {
            let sections: Vec<Value> = l.sections.iter().map(|(id, score)| json!({"id": id, "title": find(&sections, id), "score": score})).collect();
            let trend: Vec<Value> =
                l.trend.iter().map(|t| json!({"period": t.bucket.label, "start": t.bucket.first_day(), "visits": t.visits, "score": t.score})).collect();
            json!({"id": l.id, "label": find(&location_labels, &l.id), "visits": l.visits, "score": l.score, "sections": sections, "trend": trend})
        })
        .collect();
    let most_failed: Vec<Value> = report
        .most_failed
        .iter()
        .map(|f| json!({"item": f.item, "title": find(&item_titles, &f.item), "section": f.section, "failed": f.failed, "answered": f.answered, "rate": f.rate}))
        .collect();
    let critical: Vec<Value> = report
        .critical
        .iter()
        .map(|c| json!({"response_id": c.response_id, "location": c.location, "item": c.item, "title": find(&item_titles, &c.item), "received_at": rfc3339(c.received_at)}))
        .collect();
    Ok(status_json(
        StatusCode::OK,
        json!({
            "form_id": form_id,
            "period": period.name(),
            "visits": report.visits,
            "locations": locations,
            "sections": sections.iter().map(|(id, title)| json!({"id": id, "title": title})).collect::<Vec<_>>(),
            "most_failed": most_failed,
            "critical": critical,
        }),
    ))
}

/// Appends the pairs whose id `list` does not have yet.
fn add_missing(list: &mut Vec<(String, Value)>, more: impl Iterator<Item = (String, Value)>) {
    for (id, v) in more {
        if !list.iter().any(|(k, _)| *k == id) {
            list.push((id, v));
        }
    }
}
