//! `fetch` over web-sys: one request, its status, body and Retry-After. A few lines
//! here instead of an HTTP crate keep the widget small and give full control of
//! timeouts, credentials and keepalive.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCredentials, RequestInit, RequestRedirect, ResponseType};

use super::env::window;

/// One request.
pub struct Call<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: Vec<(&'a str, &'a str)>,
    pub body: Option<&'a str>,
    /// A binary body, sent instead of `body` (a multipart response with files).
    pub binary: Option<&'a [u8]>,
    /// Send cookies (only when the site asks: `data-endpoint-credentials="include"`).
    pub include_credentials: bool,
    /// Abandon the attempt after this long.
    pub timeout_ms: Option<u64>,
    /// Let the request outlive the page (for sends at `pagehide`).
    pub keepalive: bool,
    /// Follow a redirect (a GET of a form may; a POST of a response only to an endpoint
    /// that redirects after processing, `data-endpoint-redirect="follow"`: elsewhere the
    /// browser would follow it as a bodyless GET, whose 2xx says nothing).
    pub follow_redirects: bool,
}

impl<'a> Call<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Call {
            method,
            url,
            headers: Vec::new(),
            body: None,
            binary: None,
            include_credentials: false,
            timeout_ms: None,
            keepalive: false,
            follow_redirects: true,
        }
    }
}

/// The server's answer.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
    /// `Some` when the server answered with a redirect that was not followed: the new
    /// address, when the browser could learn it.
    pub redirected: Option<Option<String>>,
}

/// Why a call brought no answer.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// The request could not be made at all (the browser refused its URL or a header):
    /// trying again will not help.
    #[error("the request could not be made: {0}")]
    Unsendable(String),
    /// Offline, DNS, CORS refused, timed out: worth trying again.
    #[error("{0}")]
    NoAnswer(String),
}

/// Sends `call` and waits for the answer. On a page that has replaced `window.fetch`
/// (a wrapper, a broken polyfill) the request goes by XMLHttpRequest instead.
pub async fn fetch(call: Call<'_>) -> Result<Reply, CallError> {
    if !native_fetch() {
        return by_xhr(&call).await;
    }
    let (timeout_ms, follow, url) = (call.timeout_ms, call.follow_redirects, call.url.to_owned());
    let (pending, timer) = begin(call)?;
    let result = answer(pending).await;
    if let Some(id) = timer {
        window().clear_timeout_with_handle(id);
    }
    let mut reply = result.map_err(describe).map_err(|e| match timeout_ms {
        Some(ms) if e.contains("abort") => CallError::NoAnswer(format!("no answer within {} s", ms / 1000)),
        _ => CallError::NoAnswer(e),
    })?;
    if !follow && reply.redirected.is_some() {
        reply.redirected = Some(where_it_redirects(&url).await);
    }
    Ok(reply)
}

/// Where `url` redirects to: a manual redirect hides its `Location`, so a HEAD request
/// (no body, no cookies, a redirect followed as HEAD) finds out, within a few seconds:
/// the sender waits for it. `None` when the browser cannot read it (the new address
/// does not allow this origin to look) or it takes longer.
async fn where_it_redirects(url: &str) -> Option<String> {
    const PROBE_MS: i32 = 5_000;
    let init = RequestInit::new();
    init.set_method("HEAD");
    init.set_credentials(RequestCredentials::Omit);
    let controller = AbortController::new().ok()?;
    init.set_signal(Some(&controller.signal()));
    let request = Request::new_with_str_and_init(url, &init).ok()?;
    let abort = Closure::once_into_js(move || controller.abort());
    let timer = window().set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), PROBE_MS).ok();
    let answered = JsFuture::from(window().fetch_with_request(&request)).await;
    if let Some(id) = timer {
        window().clear_timeout_with_handle(id);
    }
    let response: web_sys::Response = answered.ok()?.unchecked_into();
    let location = response.url();
    (response.redirected() && !location.is_empty()).then_some(location)
}

/// Puts the request on the wire now (synchronously) and returns its promise and
/// the timeout's timer.
pub fn begin(call: Call<'_>) -> Result<(js_sys::Promise, Option<i32>), CallError> {
    let unsendable = |e: JsValue| CallError::Unsendable(describe(e));
    let init = RequestInit::new();
    init.set_method(call.method);
    if !call.follow_redirects {
        init.set_redirect(RequestRedirect::Manual);
    }
    init.set_credentials(if call.include_credentials { RequestCredentials::Include } else { RequestCredentials::Omit });
    if call.keepalive {
        // Not in web-sys's RequestInit yet.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    }
    let headers = Headers::new().map_err(unsendable)?;
    for (name, value) in &call.headers {
        headers.set(name, value).map_err(unsendable)?;
    }
    init.set_headers(&headers);
    if let Some(bytes) = call.binary {
        init.set_body(&js_sys::Uint8Array::from(bytes));
    } else if let Some(body) = call.body {
        init.set_body(&JsValue::from_str(body));
    }
    let mut timer = None;
    if let Some(ms) = call.timeout_ms {
        let controller = AbortController::new().map_err(unsendable)?;
        init.set_signal(Some(&controller.signal()));
        let abort = Closure::once_into_js(move || controller.abort());
        timer = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), ms.min(i32::MAX as u64) as i32)
            .ok();
    }
    let request = match Request::new_with_str_and_init(call.url, &init) {
        Ok(request) => request,
        Err(e) => {
            if let Some(id) = timer {
                window().clear_timeout_with_handle(id);
            }
            return Err(unsendable(e));
        }
    };
    Ok((window().fetch_with_request(&request), timer))
}

/// The reply to a fetch, or what the browser threw.
async fn answer(pending: js_sys::Promise) -> Result<Reply, JsValue> {
    let response: web_sys::Response = JsFuture::from(pending).await?.unchecked_into();
    if response.type_() == ResponseType::Opaqueredirect {
        return Ok(Reply { status: 0, body: String::new(), retry_after: None, redirected: Some(None) });
    }
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await?.as_string().unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply { status: response.status(), body: text, retry_after, redirected: None })
}

/// A thrown JS value as a message: an Error's message, else its string form.
pub fn describe(e: JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => e.as_string().unwrap_or_else(|| "unknown error".to_owned()),
    }
}

/// Whether `window.fetch` is still the browser's own.
fn native_fetch() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| String::from(f.to_string()).contains("[native code]"))
}

/// The request by XMLHttpRequest, which always follows redirects: one that was
/// followed shows in `responseURL`, and its answer (to a GET the browser made of the
/// POST) is not taken as the endpoint's.
async fn by_xhr(call: &Call<'_>) -> Result<Reply, CallError> {
    let unsendable = |e: JsValue| CallError::Unsendable(describe(e));
    let xhr = web_sys::XmlHttpRequest::new().map_err(unsendable)?;
    xhr.open_with_async(call.method, call.url, true).map_err(unsendable)?;
    for (name, value) in &call.headers {
        xhr.set_request_header(name, value).map_err(unsendable)?;
    }
    xhr.set_with_credentials(call.include_credentials);
    if let Some(ms) = call.timeout_ms {
        xhr.set_timeout(ms.min(u32::MAX as u64) as u32);
    }
    let timeout_s = call.timeout_ms.unwrap_or(0) / 1000;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let loaded = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = reject.clone();
        let error = Closure::once_into_js(move || {
            let _ = failed.call1(&JsValue::NULL, &JsValue::from_str("the request failed"));
        });
        let timeout = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&format!("no answer within {timeout_s} s")));
        });
        xhr.set_onload(Some(loaded.unchecked_ref()));
        xhr.set_onerror(Some(error.unchecked_ref()));
        xhr.set_ontimeout(Some(timeout.unchecked_ref()));
    });
    let sent = match call.binary {
        Some(bytes) => xhr.send_with_opt_js_u8_array(Some(&js_sys::Uint8Array::from(bytes))),
        None => xhr.send_with_opt_str(call.body),
    };
    sent.map_err(unsendable)?;
    JsFuture::from(done).await.map_err(|e| CallError::NoAnswer(describe(e)))?;
    let asked = web_sys::Url::new(call.url).map(|u| u.href()).unwrap_or_else(|_| call.url.to_owned());
    let answered = xhr.response_url();
    if !call.follow_redirects && !answered.is_empty() && answered != asked {
        return Ok(Reply { status: 0, body: String::new(), retry_after: None, redirected: Some(Some(answered)) });
    }
    Ok(Reply {
        status: xhr.status().map_err(|e| CallError::NoAnswer(describe(e)))?,
        body: xhr.response_text().ok().flatten().unwrap_or_default(),
        retry_after: xhr.get_response_header("Retry-After").ok().flatten(),
        redirected: None,
    })
}
