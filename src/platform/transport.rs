//! One attempt to deliver an outbox record, and the last-chance sends at page exit.

use crate::core::endpoint::{multipart, Credentials, Format, Redirect};
use crate::core::outbox::{excerpt, Attempt, Record};
use crate::core::retry::retry_after_ms;

use super::fetch::{begin, fetch, Call, CallError};

/// The most bytes of bodies handed over at page exit (keepalive requests share a
/// 64 KiB budget in browsers).
const KEEPALIVE_BUDGET: usize = 60 * 1024;

/// The body of a `multipart/form-data` record, made from its stored JSON (the same
/// bytes on every attempt); `None` for other formats.
fn multipart_body(record: &Record) -> Option<Vec<u8>> {
    if record.format != Format::Multipart {
        return None;
    }
    let boundary = record.content_type.split_once("boundary=")?.1;
    multipart(&record.body, boundary)
}

fn call<'a>(record: &'a Record, binary: Option<&'a [u8]>) -> Call<'a> {
    let mut call = Call::new("POST", &record.endpoint);
    call.headers = record.headers.iter().map(|(k, v)| (k, v.as_str())).collect();
    call.headers.push(("Content-Type", &record.content_type));
    // Every attempt of one response carries its id, so the endpoint can drop repeats. A
    // form send carries it only in its body's `id`: with no header of its own it stays a
    // CORS simple request, which needs no preflight.
    if record.format.sends_idempotency_key() {
        call.headers.push(("Idempotency-Key", &record.id));
    }
    call.body = Some(&record.body);
    call.binary = binary;
    call.include_credentials = record.credentials == Credentials::Include;
    // Followed only where the endpoint redirects after processing: the answer read is
    // then the final one (a cross-origin final address must allow this origin by CORS,
    // or the browser reports no answer and the send is tried again).
    call.follow_redirects = record.redirect == Redirect::Follow;
    call
}

/// Sends `record` once, abandoning the attempt after its timeout.
pub async fn attempt(record: &Record) -> Attempt {
    let binary = multipart_body(record);
    let mut call = call(record, binary.as_deref());
    call.timeout_ms = Some(record.timeout_ms);
    match fetch(call).await {
        Ok(reply) => match reply.redirected {
            Some(location) => Attempt::Redirected { location },
            None => Attempt::Answered {
                status: reply.status,
                retry_after_ms: reply.retry_after.as_deref().and_then(|v| retry_after_ms(v, js_sys::Date::now() as i64)),
                // Kept with the record and shown in seda:error: the start is enough.
                body: excerpt(&reply.body),
            },
        },
        Err(CallError::Unsendable(reason)) => Attempt::Unsendable(reason),
        Err(CallError::NoAnswer(reason)) => Attempt::NoAnswer(reason),
    }
}

/// At page exit: hands each pending record that fits to a keepalive request, which
/// the browser completes after the page is gone. Its fate is unknown, so the record
/// stays in the outbox until a later confirmed send (the endpoint drops the repeat
/// by its Idempotency-Key, or a form send's `id`). A keepalive fetch rather than sendBeacon: a beacon
/// cannot omit cookies or carry the Idempotency-Key.
pub fn hand_over(records: &[Record]) {
    let mut budget = KEEPALIVE_BUDGET;
    for record in records {
        if record.body.len() > budget {
            continue;
        }
        budget -= record.body.len();
        let binary = multipart_body(record);
        let mut call = call(record, binary.as_deref());
        call.keepalive = true;
        // Started here, synchronously: the page may be gone before any task runs.
        let _ = begin(call);
    }
}
