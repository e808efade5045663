//! Finding the form definition the embed names: a built-in template, an inline
//! `<script type="application/json">`, or a URL.

use wasm_bindgen::JsCast;

use crate::core::form_source::FormSource;
use crate::core::templates;

use super::env::{document, resolve_url};
use super::fetch::{fetch, Call};

/// The definition's JSON text, or a message for the site owner saying what is wrong.
pub async fn load(source: &FormSource) -> Result<String, String> {
    match source {
        FormSource::Template(name) => {
            templates::get(name).map(str::to_owned).ok_or_else(|| format!("no template \"{name}\""))
        }
        FormSource::Inline(id) => inline(id),
        FormSource::Url(url) => from_url(url).await,
    }
}

fn inline(id: &str) -> Result<String, String> {
    let element = document()
        .get_element_by_id(id)
        .ok_or_else(|| format!("data-form=\"{id}\": no element with id \"{id}\" on the page"))?;
    let script = element
        .dyn_into::<web_sys::HtmlScriptElement>()
        .map_err(|_| format!("data-form=\"{id}\": the element is not a <script type=\"application/json\">"))?;
    if !script.type_().eq_ignore_ascii_case("application/json") {
        return Err(format!("data-form=\"{id}\": the script's type must be \"application/json\""));
    }
    Ok(script.text().unwrap_or_default())
}

async fn from_url(url: &str) -> Result<String, String> {
    let absolute = resolve_url(url).ok_or_else(|| format!("data-form=\"{url}\": not a URL"))?;
    let mut call = Call::new("GET", &absolute);
    call.headers.push(("Accept", "application/json"));
    call.timeout_ms = Some(15_000);
    let reply = fetch(call)
        .await
        .map_err(|e| format!("data-form=\"{url}\": could not be fetched ({e})"))?;
    if !(200..300).contains(&reply.status) {
        return Err(format!("data-form=\"{url}\": the server answered {}", reply.status));
    }
    let body = reply.body;
    if body.trim_start().starts_with('<') {
        return Err(format!("data-form=\"{url}\": the server sent HTML, not a form's JSON"));
    }
    Ok(body)
}
