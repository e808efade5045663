//! The complaint-status lookup on the page (`template:complaint-status`, the full
//! bundle's): its card, the lookup's request to the status endpoint, and the
//! `complaint-csat` form it asks once a case is resolved, delivered to the tag's
//! endpoint as any response (through the outbox).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::config::{pick_locale, EmbedConfig};
use crate::core::definition;
use crate::core::endpoint::{Credentials, DEFAULT_TIMEOUT_MS};
use crate::core::locale::language;
use crate::core::pairs::Pairs;
use crate::core::status::{self, Lookup, CSAT_FORM};
use crate::core::templates;
use crate::core::theme::{self, Theme};
use crate::ui::status_lookup::StatusLookup;
use crate::ui::{Env, LookUp, StatusEnv};

use super::embed::{views_env, Ready};
use super::place::{place, Shown};
use super::env::{browser_lang, console_error, page_lang};
use super::fetch::{fetch, Call};
use super::host::{self, Placement};

/// The lookup's own styles, over the widget's (style/lookup.css, minified).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/lookup.css"));

/// Shows the lookup the tag asks for (its `status_endpoint` is set: the tag was read so).
pub fn show(config: EmbedConfig, placement: Placement) {
    let locale = pick_locale(
        [config.locale.as_deref(), page_lang().as_deref(), browser_lang().as_deref()],
        |locale| matches!(language(locale), "en" | "fa" | "ar"),
        "en",
    );
    let theme_css = theme::css(&Theme::default().overridden_by(&config.theme));
    let what = Shown {
        form_id: templates::STATUS_LOOKUP.to_owned(),
        form_attribute: config.form_attribute.clone(),
        seen_key: config.seen_key(),
        theme_css,
        label: crate::core::i18n::strings(&locale).feedback.to_owned(),
        focus: config.focus,
        closable: true,
    };
    place(what, placement, Box::new(move |host, on_close, floating| {
        let _ = host::apply_theme(host, CSS);
        let element = host.clone();
        let csat_locale = locale.clone();
        let csat_config = config.clone();
        let env = StatusEnv {
            lookup: lookup(&config),
            on_close,
            csat: Rc::new(move |reference: &str| csat(&csat_config, &element, &csat_locale, reference)),
        };
        leptos::mount::mount_to(host.mount.clone(), move || view! { <StatusLookup locale=locale env=env floating=floating /> }).forget();
    }));
}

/// Posts `{"reference", "contact"}` to the status endpoint, with the tag's endpoint
/// options (headers, credentials, time limit); a failure is logged for the site owner.
fn lookup(config: &EmbedConfig) -> LookUp {
    let url = config.status_endpoint.clone().unwrap_or_default();
    let endpoint = config.endpoint.clone();
    Rc::new(move |reference: String, contact: String| {
        let (url, endpoint) = (url.clone(), endpoint.clone());
        Box::pin(async move {
            let body = status::request_body(&reference, &contact);
            let mut call = Call::new("POST", &url);
            call.headers = vec![("Content-Type", "application/json"), ("Accept", "application/json")];
            call.timeout_ms = Some(endpoint.as_ref().map_or(DEFAULT_TIMEOUT_MS, |e| e.timeout_ms));
            if let Some(endpoint) = &endpoint {
                call.headers.extend(endpoint.headers.iter().map(|(name, value)| (name, value.as_str())));
                call.include_credentials = endpoint.credentials == Credentials::Include;
            }
            call.body = Some(&body);
            // A redirected POST would come back as a GET without the body.
            call.follow_redirects = false;
            let found = match fetch(call).await {
                Ok(reply) if reply.redirected.is_some() => Lookup::Failed(format!("{url} redirects: set data-status-endpoint to the new address")),
                Ok(reply) => Lookup::from_answer(reply.status, &reply.body),
                Err(problem) => Lookup::Failed(format!("{url} could not be reached: {problem}")),
            };
            if let Lookup::Failed(problem) = &found {
                console_error(&format!("[seda] complaint status: {problem}"));
            }
            found
        })
    })
}

/// The `complaint-csat` form for `reference`, with the edge that delivers it to the tag's
/// endpoint (no draft: it is one question, asked of one case).
fn csat(config: &EmbedConfig, host: &host::Host, locale: &str, reference: &str) -> Option<(Arc<crate::core::form::Form>, Env)> {
    let form = definition::read(templates::get(CSAT_FORM)?).ok()?;
    let hidden = Pairs::from([("reference", reference.to_owned())]);
    let ready = Ready {
        form,
        locale: locale.to_owned(),
        theme_css: String::new(),
        hidden,
        #[cfg(feature = "checklists")]
        visit: None,
    };
    let mut env = views_env(&ready, config.clone(), config.seen_key(), host, None);
    env.draft = None;
    env.keep_draft = Rc::new(|_| {});
    env.open_form = None;
    Some((Arc::new(ready.form), env))
}
