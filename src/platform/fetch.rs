//! `fetch` over web-sys: one request, its status, body and Retry-After. A few lines
//! here instead of an HTTP crate keep the widget small and give full control of
//! timeouts, credentials and keepalive.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCredentials, RequestInit};

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
}

impl<'a> Call<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Call { method, url, headers: Vec::new(), body: None, binary: None, include_credentials: false, timeout_ms: None, keepalive: false }
    }
}

/// The endpoint's answer (the body cut to 2000 characters).
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
}

/// Sends `call` and waits for the answer. `Err` means no answer came (offline,
/// DNS, CORS refused, timed out). On a page that has replaced `window.fetch` (a
/// wrapper, a broken polyfill) the request goes by XMLHttpRequest instead.
pub async fn fetch(call: Call<'_>) -> Result<Reply, String> {
    if !native_fetch() {
        return by_xhr(&call).await;
    }
    let timeout_ms = call.timeout_ms;
    let (pending, timer) = begin(call)?;
    let result = answer(pending).await;
    if let Some(id) = timer {
        window().clear_timeout_with_handle(id);
    }
    result.map_err(|e| match timeout_ms {
        Some(ms) if e.contains("abort") => format!("no answer within {} s", ms / 1000),
        _ => e,
    })
}

/// Puts the request on the wire now (synchronously) and returns its promise and
/// the timeout's timer.
pub fn begin(call: Call<'_>) -> Result<(js_sys::Promise, Option<i32>), String> {
    let init = RequestInit::new();
    init.set_method(call.method);
    init.set_credentials(if call.include_credentials { RequestCredentials::Include } else { RequestCredentials::Omit });
    if call.keepalive {
        // Not in web-sys's RequestInit yet.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    }
    let headers = Headers::new().map_err(describe)?;
    for (name, value) in &call.headers {
        headers.set(name, value).map_err(describe)?;
    }
    init.set_headers(&headers);
    if let Some(bytes) = call.binary {
        init.set_body(&js_sys::Uint8Array::from(bytes));
    } else if let Some(body) = call.body {
        init.set_body(&JsValue::from_str(body));
    }
    let mut timer = None;
    if let Some(ms) = call.timeout_ms {
        let controller = AbortController::new().map_err(describe)?;
        init.set_signal(Some(&controller.signal()));
        let abort = Closure::once_into_js(move || controller.abort());
        timer = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), ms.min(i32::MAX as u64) as i32)
            .ok();
    }
    let request = Request::new_with_str_and_init(call.url, &init).map_err(describe)?;
    Ok((window().fetch_with_request(&request), timer))
}

async fn answer(pending: js_sys::Promise) -> Result<Reply, String> {
    let response: web_sys::Response = JsFuture::from(pending).await.map_err(describe)?.unchecked_into();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.map_err(describe)?.as_string().unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply { status: response.status(), body: text, retry_after })
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

async fn by_xhr(call: &Call<'_>) -> Result<Reply, String> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(describe)?;
    xhr.open_with_async(call.method, call.url, true).map_err(describe)?;
    for (name, value) in &call.headers {
        xhr.set_request_header(name, value).map_err(describe)?;
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
    match call.binary {
        Some(bytes) => xhr.send_with_opt_js_u8_array(Some(&js_sys::Uint8Array::from(bytes))).map_err(describe)?,
        None => xhr.send_with_opt_str(call.body).map_err(describe)?,
    }
    JsFuture::from(done).await.map_err(describe)?;
    Ok(Reply {
        status: xhr.status().map_err(describe)?,
        body: xhr.response_text().ok().flatten().unwrap_or_default(),
        retry_after: xhr.get_response_header("Retry-After").ok().flatten(),
    })
}
