//! Drains the outbox: serially, one tab at a time, the oldest due record first (one never
//! tried before those being tried again), so a record that keeps failing never holds up
//! the others. Runs whenever the script loads on a page of the site (whether or not it
//! shows a form), after each submit, on the `online` event and when the next record is
//! due; hands what is left to keepalive requests at `pagehide`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::json::Value;
use crate::core::outbox::{next, next_due_at, Attempt, Record, Settled, State};

use super::env::{console_error, share, shared, window};
use super::events::{emit_about, emit_error};
use super::{outbox, transport};

const LOCK: &str = "seda-outbox";
const LEASE_KEY: &str = "seda:sender";
const LEASE_MS: i64 = 30_000;
/// When another tab holds the lock, look again this much later in case it closed.
const OTHER_TAB_RETRY_MS: i32 = 5_000;

thread_local! {
    static DRAINING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static HOOKED: Cell<bool> = const { Cell::new(false) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
    /// Pending records as last read, for the synchronous hand-over at pagehide.
    static PENDING: RefCell<Vec<Record>> = const { RefCell::new(Vec::new()) };
    /// How each record this page attempted was settled, for the widget that submitted it.
    static SETTLED: RefCell<HashMap<String, Settled>> = RefCell::new(HashMap::new());
    /// The records whose redirect this page has reported (once each, not at every retry).
    static REDIRECTS_REPORTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static TAB: String = super::env::new_id();
    /// Where this instance names the records it settled and hears those another tab or
    /// instance settled (see [`settled_elsewhere`]); `None` without BroadcastChannel.
    static SETTLED_ELSEWHERE: Option<web_sys::BroadcastChannel> = settled_elsewhere();
    /// This instance's hand-over of [`PENDING`] at page exit.
    static HAND_OVER: JsValue = Closure::<dyn Fn()>::new(|| {
        if !super::crash::crashed() {
            PENDING.with(|p| transport::hand_over(&p.borrow()));
        }
    })
    .into_js_value();
}

/// The BroadcastChannel on which each instance names the records it settled.
const CHANNEL: &str = "seda-outbox";

/// What the page's instances share (see [`start`]), under `Symbol.for(PAGE)` on window.
const PAGE: &str = "seda:sender";
/// The member of that object: the hand-over of the latest view of the outbox.
const LATEST: &str = "handOver";

/// Listens for `online` and `pagehide` and starts a drain: what an earlier page left
/// unsent goes now, ignoring its backoff.
///
/// A page can run two instances of the widget (the lean and the full bundle), each
/// with its own sender; their drains exclude each other through the same cross-tab
/// lock. The listeners are installed once per page, by the first instance: two
/// `pagehide` hand-overs would send every pending record twice. Each instance puts
/// the hand-over of the outbox as it last read it in the page's shared object, so the
/// one listener hands over the freshest view, whichever instance read it.
pub fn start() {
    if window().indexed_db().ok().flatten().is_none() {
        return;
    }
    SETTLED_ELSEWHERE.with(|_| {});
    if !HOOKED.replace(true) && !shared(PAGE).is_object() {
        share(PAGE, &js_sys::Object::new());
        listen("online", || kick(true));
        listen("pagehide", || {
            let latest = js_sys::Reflect::get(&shared(PAGE), &JsValue::from_str(LATEST));
            if let Some(f) = latest.ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                let _ = f.call0(&JsValue::NULL);
            }
        });
    }
    kick(true);
}

/// The channel on which instances name the records they settled, each dropping from its
/// view of what is pending every record another tab (or the page's other instance) names.
/// A tab that waits while another sends reads the outbox only when it next gets the lock:
/// without this, its hand-over at `pagehide` sent again responses the other tab had
/// delivered (or that were refused, and are never to be sent again).
fn settled_elsewhere() -> Option<web_sys::BroadcastChannel> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let heard = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        if let Some(id) = e.data().as_string() {
            PENDING.with(|p| p.borrow_mut().retain(|r| r.id != id));
        }
    });
    channel.set_onmessage(Some(heard.as_ref().unchecked_ref()));
    heard.forget();
    Some(channel)
}

/// Keeps `records` as this page's view of what is pending, for the hand-over at exit;
/// the drain then works on that view (no copy of what may be many large bodies).
fn remember(records: Vec<Record>) {
    PENDING.with(|p| *p.borrow_mut() = records.into_iter().filter(|r| r.state == State::Pending).collect());
    HAND_OVER.with(|f| js_sys::Reflect::set(&shared(PAGE), &JsValue::from_str(LATEST), f)).ok();
}

/// Starts a drain in the background (never after the widget has failed: the
/// outbox keeps its records for the next page).
pub fn kick(force: bool) {
    if !super::crash::crashed() {
        wasm_bindgen_futures::spawn_local(run(force));
    }
}

/// How `id` fared in this page's attempts, if it was attempted.
pub fn settled(id: &str) -> Option<Settled> {
    SETTLED.with(|s| s.borrow().get(id).copied())
}

/// Drains the outbox and returns when done. A call during a drain waits for that
/// drain, which then runs once more so it sees whatever the caller added.
pub async fn run(force: bool) {
    if DRAINING.get() {
        AGAIN.set(true);
        while DRAINING.get() {
            sleep(50).await;
        }
        return;
    }
    DRAINING.set(true);
    let mut force = force;
    loop {
        AGAIN.set(false);
        with_lock(force).await;
        // A run asked for meanwhile sends what is due (a new record is due at once).
        force = false;
        if !AGAIN.get() {
            break;
        }
    }
    DRAINING.set(false);
}

/// Runs one drain while holding the cross-tab lock: Web Locks where the browser has
/// them, else a lease in localStorage. Without the lock, another tab is sending.
async fn with_lock(force: bool) {
    let locks = js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("locks")).unwrap_or(JsValue::UNDEFINED);
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        return with_lease(force).await;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let body = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(async move {
            if lock.is_null() {
                Ok(JsValue::FALSE)
            } else {
                drain(force, &|| {}).await;
                Ok(JsValue::TRUE)
            }
        })
    });
    match request.call3(&locks, &JsValue::from_str(LOCK), &options, &body) {
        Ok(promise) => match JsFuture::from(js_sys::Promise::from(promise)).await {
            Ok(got) if got.is_falsy() => schedule(OTHER_TAB_RETRY_MS),
            Ok(_) => {}
            Err(e) => console_error(&format!("outbox: {}", super::fetch::describe(e))),
        },
        Err(_) => with_lease(force).await,
    }
}

/// The fallback lock: a lease in localStorage. localStorage has no compare-and-set,
/// so a tab writes its claim, waits a random moment for any rival's write to land,
/// and goes ahead only if the claim is still its own.
async fn with_lease(force: bool) {
    let Some(storage) = window().local_storage().ok().flatten() else {
        return drain(force, &|| {}).await;
    };
    let mine = TAB.with(|t| t.clone());
    let held_by_other = |storage: &web_sys::Storage| {
        storage.get_item(LEASE_KEY).ok().flatten().is_some_and(|lease| {
            let (tab, until) = lease.split_once(' ').unwrap_or(("", "0"));
            // Whole milliseconds: formatting and parsing floats would cost the wasm 14 KB.
            tab != mine && until.parse::<i64>().unwrap_or(0) > js_sys::Date::now() as i64
        })
    };
    let claim = || {
        let _ = storage.set_item(LEASE_KEY, &format!("{mine} {}", js_sys::Date::now() as i64 + LEASE_MS));
    };
    if held_by_other(&storage) {
        return schedule(OTHER_TAB_RETRY_MS);
    }
    claim();
    sleep(50 + (js_sys::Math::random() * 100.0) as i32).await;
    if held_by_other(&storage) {
        return schedule(OTHER_TAB_RETRY_MS);
    }
    // Renewed before each attempt, so a long drain keeps its claim.
    drain(force, &claim).await;
    if !held_by_other(&storage) {
        let _ = storage.remove_item(LEASE_KEY);
    }
}

/// Sends due records one by one until none is due, then sets a timer for the next.
/// `force` takes every pending record as due, each once. The outbox is read once: while
/// this drain holds the lock no other sender changes it, and what this page adds asks
/// for another run. `before_each` runs before every attempt (the lease renews itself there).
async fn drain(force: bool, before_each: &dyn Fn()) {
    let records = match outbox::each().await {
        Ok(records) => outbox::set_apart_refused(records).await,
        Err(e) => Err(e),
    };
    match records {
        Ok(records) => remember(records),
        Err(e) => return console_error(&format!("outbox: {e}")),
    };
    // The ids attempted in this drain (a Vec: a few at a time, and no second set type in the wasm).
    let mut tried: Vec<String> = Vec::new();
    while !super::crash::crashed() {
        let now = js_sys::Date::now() as i64;
        let chosen = PENDING.with(|p| {
            let pending = p.borrow();
            next(&pending, (!force).then_some(now), &|id| tried.iter().any(|t| t == id)).cloned().ok_or_else(|| next_due_at(&pending))
        });
        let mut record = match chosen {
            Ok(record) => record,
            Err(due_at) => {
                if let Some(at) = due_at {
                    schedule((at - now).clamp(0, i32::MAX as i64) as i32);
                }
                return;
            }
        };
        tried.push(record.id.clone());
        before_each();
        let attempt = transport::attempt(&record).await;
        let redirected = match &attempt {
            Attempt::Redirected { location } => Some(location.clone()),
            _ => None,
        };
        let settled = record.settle(attempt, js_sys::Date::now() as i64, js_sys::Math::random());
        let stored = match settled {
            Settled::Delivered => outbox::remove(&record.id).await,
            Settled::WillRetry => outbox::save(&record).await,
            Settled::Rejected => outbox::refuse(&record).await,
        };
        PENDING.with(|p| {
            let mut pending = p.borrow_mut();
            pending.retain(|r| r.id != record.id);
            if settled == Settled::WillRetry {
                pending.push(record.clone());
            }
        });
        SETTLED.with(|s| s.borrow_mut().insert(record.id.clone(), settled));
        if settled != Settled::WillRetry {
            SETTLED_ELSEWHERE.with(|c| c.as_ref().map(|c| c.post_message(&JsValue::from_str(&record.id))));
        }
        match redirected {
            Some(location) => report_redirect(&record, location.as_deref()),
            None => report(&record, settled),
        }
        if let Err(e) = stored {
            return console_error(&format!("outbox: {e}"));
        }
        // Each send in a task of its own: a drain of many large records must not hold
        // the page's main thread in one long task.
        sleep(0).await;
    }
}

fn report(record: &Record, settled: Settled) {
    match settled {
        Settled::Delivered => emit_about("complete", Some(&record.id), &record.form_id),
        Settled::Rejected => {
            let (message, extra) = match record.last_status {
                Some(status) => (
                    format!("the endpoint refused response {} with {status}; it is kept on this device and not sent again", record.id),
                    Some(("status", Value::from(u32::from(status)))),
                ),
                None => (
                    format!(
                        "response {} cannot be sent ({}); it is kept on this device and not sent again",
                        record.id,
                        record.last_error.as_deref().unwrap_or_default()
                    ),
                    None,
                ),
            };
            console_error(&message);
            // Cut already where the answer came in (transport::attempt).
            let body = Value::from(record.last_error.as_deref().unwrap_or_default());
            let mut fields = vec![("response_id", Value::from(record.id.as_str())), ("refused", Value::from(true))];
            fields.extend(extra);
            fields.push(("body", body));
            emit_error(&message, fields);
        }
        Settled::WillRetry => {}
    }
}

/// A redirected send is a setup problem (the endpoint has moved): the site owner hears
/// of it once a page, with the new address; the record waits and is tried again.
fn report_redirect(record: &Record, location: Option<&str>) {
    if REDIRECTS_REPORTED.with(|r| r.borrow().contains(&record.id)) {
        return;
    }
    REDIRECTS_REPORTED.with(|r| r.borrow_mut().push(record.id.clone()));
    let to = location.map_or_else(|| "another address (the browser does not say which)".to_owned(), |l| format!("\"{l}\""));
    let problem = format!(
        "data-endpoint=\"{}\" redirects to {to}: set data-endpoint to the new address. Redirects are not followed, as a browser \
         would resend the response without its body; response {} is kept on this device and tried again later",
        record.endpoint, record.id
    );
    console_error(&problem);
    let mut fields = vec![("problems", Value::from(vec![problem.clone()])), ("response_id", Value::from(record.id.as_str()))];
    fields.extend(location.map(|l| ("location", Value::from(l))));
    emit_error("The Seda widget cannot send to its endpoint", fields);
}

/// Runs a drain in `ms`, plus up to a quarter second of jitter so tabs waiting on
/// the same record do not wake together (one timer at a time: the latest call wins).
fn schedule(ms: i32) {
    let ms = ms.saturating_add((js_sys::Math::random() * 250.0) as i32);
    if let Some(old) = TIMER.take() {
        window().clear_timeout_with_handle(old);
    }
    let again = Closure::once_into_js(move || {
        TIMER.set(None);
        kick(false);
    });
    TIMER.set(window().set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), ms.max(0)).ok());
}

fn listen(event: &str, f: impl Fn() + 'static) {
    let f = Closure::<dyn Fn()>::new(f);
    let _ = window().add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
