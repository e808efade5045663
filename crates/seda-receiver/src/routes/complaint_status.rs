//! `POST /complaint-status` `{"reference", "contact"}`: a complainant reads where
//! their complaint stands. Every miss (no such reference, an anonymous case, a wrong
//! contact) gets the same 404, so the answer tells nothing about whose case is whose.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::cases::lookup::{read_reference, Contact};
use crate::cases::state::Status;
use crate::cases::{self, CSAT_FORM};
use crate::error::{AppError, Reason};
use crate::AppState;

use super::export::rfc3339;
use super::{read_limited, status_json};

const MAX_BODY_BYTES: usize = 4 * 1024;

pub async fn post(State(state): State<AppState>, request: Request<Body>) -> Result<Response, AppError> {
    let bytes = read_limited(request.into_body(), MAX_BODY_BYTES).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| AppError::reject(Reason::MalformedJson, format!("the body is not valid JSON: {e}")))?;
    let member = |name: &str| match body.get(name) {
        Some(Value::String(s)) => Ok(s.as_str()),
        _ => Err(AppError::at(Reason::InvalidField, name, format!("send {{\"reference\": \"K7Q4-MZ8P\", \"contact\": \"an email or a phone number's last digits\"}}: {name} is missing or not a string"))),
    };
    let (reference, contact) = (member("reference")?, member("contact")?);
    let miss = || AppError::reject(Reason::NotFound, "no complaint has this reference and contact");
    let reference = read_reference(reference).ok_or_else(miss)?;
    let contact = Contact::read(contact).ok_or_else(miss)?;
    let cases = state.store.cases_by_reference(&reference).await?;
    let case = cases.iter().find(|c| contact.matches(c.contact_email.as_deref(), c.contact_phone.as_deref())).ok_or_else(miss)?;
    let asked = Status::parse(&case.status).is_some_and(Status::is_settled);
    let answered = cases::csat(&state.store, &state.catalog, &case.reference).await?.is_some();
    Ok(status_json(
        StatusCode::OK,
        json!({
            "reference": case.reference, "status": case.status,
            "received_at": rfc3339(case.received_at), "updated_at": rfc3339(case.updated_at),
            "reply": case.public_reply, "reply_at": case.public_reply_at.map(rfc3339),
            "csat": {"form": CSAT_FORM, "asked": asked, "answered": answered},
        }),
    ))
}
