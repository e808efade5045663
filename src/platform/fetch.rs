//! `fetch` over web-sys: one request, its status and its body as text. Cookies are
//! never sent. (A few lines here instead of an HTTP crate keep the widget small.)

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit};

use super::env::window;

/// The endpoint's answer: status and body (cut to 2000 characters).
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// Sends one request. `Err` means no answer came (offline, DNS, CORS refused).
pub async fn fetch(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Result<Reply, String> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Omit);
    let header_map = Headers::new().map_err(describe)?;
    for (name, value) in headers {
        header_map.set(name, value).map_err(describe)?;
    }
    init.set_headers(&header_map);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(describe)?;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(describe)?
        .unchecked_into();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply { status: response.status(), body: text.chars().take(2_000).collect() })
}

/// A thrown JS value as a message: an Error's message, else its string form.
pub fn describe(e: JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => e.as_string().unwrap_or_else(|| "unknown error".to_owned()),
    }
}
