//! Finding the form definition the embed names: a built-in template, an inline
//! `<script type="application/json">`, or a URL; and checking a site's own.

use wasm_bindgen::JsCast;

use crate::core::form::Form;
use crate::core::form_error::FormError;
use crate::core::form_source::FormSource;
use crate::core::templates;
use crate::split::split;

use super::env::{document, resolve_url};
use super::fetch::{fetch, Call, CallError};

/// What is wrong with the form the embed names, for the site owner.
#[derive(Debug, thiserror::Error)]
pub enum FormSourceError {
    #[error("no template \"{0}\"")]
    NoTemplate(String),
    #[error("data-form=\"{0}\": no element with id \"{0}\" on the page")]
    NoElement(String),
    #[error("data-form=\"{0}\": the element is not a <script type=\"application/json\">")]
    NotScript(String),
    #[error("data-form=\"{0}\": the script's type must be \"application/json\"")]
    NotJsonScript(String),
    #[error("data-form=\"{0}\": not a URL")]
    NotUrl(String),
    #[error("data-form=\"{url}\": could not be fetched ({problem})")]
    Unfetched { url: String, problem: CallError },
    #[error("data-form=\"{url}\": the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("data-form=\"{0}\": the server sent HTML, not a form's JSON")]
    Html(String),
}

/// The definition's JSON text, or a message for the site owner saying what is wrong.
pub async fn load(source: &FormSource) -> Result<String, FormSourceError> {
    match source {
        FormSource::Template(name) => {
            templates::get(name).map(str::to_owned).ok_or_else(|| FormSourceError::NoTemplate(name.clone()))
        }
        FormSource::Inline(id) => inline(id),
        FormSource::Url(url) => from_url(url).await,
        // Drawn by its own view (platform::status), never read as a form.
        FormSource::StatusLookup => Err(FormSourceError::NoTemplate(crate::core::templates::STATUS_LOOKUP.to_owned())),
    }
}

fn inline(id: &str) -> Result<String, FormSourceError> {
    let element = document()
        .get_element_by_id(id)
        .ok_or_else(|| FormSourceError::NoElement(id.to_owned()))?;
    let script = element
        .dyn_into::<web_sys::HtmlScriptElement>()
        .map_err(|_| FormSourceError::NotScript(id.to_owned()))?;
    if !script.type_().eq_ignore_ascii_case("application/json") {
        return Err(FormSourceError::NotJsonScript(id.to_owned()));
    }
    Ok(script.text().unwrap_or_default())
}

async fn from_url(url: &str) -> Result<String, FormSourceError> {
    let absolute = resolve_url(url).ok_or_else(|| FormSourceError::NotUrl(url.to_owned()))?;
    let mut call = Call::new("GET", &absolute);
    call.headers.push(("Accept", "application/json"));
    call.timeout_ms = Some(15_000);
    let reply = fetch(call)
        .await
        .map_err(|problem| FormSourceError::Unfetched { url: url.to_owned(), problem })?;
    if !(200..300).contains(&reply.status) {
        return Err(FormSourceError::Status { url: url.to_owned(), status: reply.status });
    }
    let body = reply.body;
    if body.trim_start().starts_with('<') {
        return Err(FormSourceError::Html(url.to_owned()));
    }
    Ok(body)
}

split! { checker, preload = fetch_checker:
    /// The semantic checks of a site's own form (a built-in template is checked by the
    /// tests): the form back, with what is wrong in it.
    pub fn check(form: Form) -> (Form, Vec<FormError>) {
        let errors = crate::core::check::check(&form);
        (form, errors)
    }
}
