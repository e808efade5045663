//! What happens to a submitted response: into the outbox and sent (or kept in the
//! browser's inbox without an endpoint), with the events the page hears about it.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use crate::core::endpoint::Endpoint;
use crate::core::json::Value;
use crate::core::outbox::{Attempt, Record, Settled};
use crate::core::response::Response;
use crate::split::split;
use crate::ui::{Deliver, SendResult};

use super::env::{console_error, window};
use super::events::{emit, emit_about, emit_error};
use super::outbox::{self, AddError};
use super::{drafts, inbox, sender, transport};

/// Notes that the visitor answered or dismissed a form, for `data-recontact`.
pub fn remember_seen(key: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, &(js_sys::Date::now() as i64).to_string());
    }
}

/// Puts each response in the outbox and sends it, or keeps it in the local inbox
/// when no endpoint is configured. The draft goes once the response is stored.
#[inline(never)]
pub fn deliverer(endpoint: Option<Endpoint>, form_id: String, seen_key: String) -> Deliver {
    Rc::new(move |response: Response| {
        let (endpoint, form_id) = (endpoint.clone(), form_id.clone());
        remember_seen(&seen_key);
        let complaint = response.reference.clone().map(|code| {
            Value::object([("id", Value::from(response.id.as_str())), ("form_id", Value::from(form_id.as_str())), ("reference", Value::from(code))]).to_json()
        });
        Box::pin(async move {
            let id = response.id.clone();
            let result = match sending(response, endpoint, form_id).await {
                Ok(sending) => sending.await,
                Err(unloaded) => not_sent(format!("the widget's code that sends could not be fetched ({unloaded}): the answers stay on screen"), &id, None),
            };
            // A complaint is acknowledged (with its code) once it is sent or safely stored.
            if let (Some(detail), false) = (complaint, matches!(result, SendResult::Failed(_))) {
                emit("complaint", &detail);
            }
            result
        })
    })
}

split! { send:
    /// [`send`], in the chunk that holds the outbox and the sender (see [`crate::split`]).
    fn sending(response: Response, endpoint: Option<Endpoint>, form_id: String) -> Pin<Box<dyn Future<Output = SendResult>>> {
        Box::pin(send(response, endpoint, form_id))
    }
}

split! { send:
    /// Starts the sender ([`sender::start`]), from the same chunk.
    pub fn start_sender() -> () {
        sender::start()
    }
}

/// Stores and sends one response (see [`deliverer`]).
async fn send(response: Response, endpoint: Option<Endpoint>, form_id: String) -> SendResult {
    let json = response.to_json();
    emit("submit", &json);
    let id = response.id.clone();
    let Some(endpoint) = endpoint else {
        return match inbox::keep(&json) {
            Ok(()) => {
                drafts::discard(&form_id);
                emit_about("complete", Some(&id), &form_id);
                SendResult::KeptLocally
            }
            Err(problem) => not_sent(format!("could not keep the response in this browser: {problem}"), &id, None),
        };
    };
    let record = Record::new(&response, &endpoint, js_sys::Date::now() as i64);
    match outbox::add(&record).await {
        Ok(()) => {
            drafts::discard(&form_id);
            sender::run(false).await;
            match sender::settled(&record.id) {
                Some(Settled::Delivered) => SendResult::Sent,
                Some(Settled::Rejected) => SendResult::Rejected,
                _ => {
                    let message = "not sent yet: the response is saved on this device and will be sent automatically";
                    emit_error(message, vec![("response_id", Value::from(id)), ("will_retry", Value::from(true))]);
                    SendResult::Queued
                }
            }
        }
        Err(AddError::Full(problem)) => not_sent(format!("the response was not stored: {problem}"), &id, None),
        // No IndexedDB here: send directly; on failure the answers stay on
        // screen with "Try again".
        Err(AddError::Unavailable(reason)) => match transport::attempt(&record).await {
            Attempt::Answered { status: 200..=299, .. } => {
                drafts::discard(&form_id);
                emit_about("complete", Some(&id), &form_id);
                SendResult::Sent
            }
            Attempt::Answered { status, body, .. } => {
                not_sent(format!("the endpoint answered {status}: {body} ({reason})"), &id, Some(status))
            }
            Attempt::Redirected { location } => not_sent(
                format!("the endpoint redirects to {}: set data-endpoint to the new address ({reason})", location.as_deref().unwrap_or("another address")),
                &id,
                None,
            ),
            Attempt::Unsendable(problem) | Attempt::NoAnswer(problem) => not_sent(format!("the endpoint could not be reached: {problem} ({reason})"), &id, None),
        },
    }
}

/// Reports a response that is neither sent nor stored: the visitor keeps the
/// answers on screen and can try again.
fn not_sent(message: String, id: &str, status: Option<u16>) -> SendResult {
    console_error(&message);
    let mut extra = vec![("response_id", Value::from(id))];
    extra.extend(status.map(|s| ("status", Value::from(u32::from(s)))));
    emit_error(&message, extra);
    SendResult::Failed(message)
}
