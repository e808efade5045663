//! The entry point `seda.js` calls: read the embed, find the form, show it.
//! Nothing here may throw into the host page: every failure becomes one console
//! error, a `seda:error` event and, for the site owner, a visible error box
//! (drawn only where [`shows_errors`] says the site owner is looking).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::core::answer::Answer;
use crate::core::config::{hidden_values, parse_debug, payload_page_url, pick_locale, shows_errors, string_map, ConfigError, Dataset, EmbedConfig, Mode};
use crate::core::definition;
use crate::core::form::Form;
use crate::core::form_source::FormSource;
use crate::core::json::Value;
use crate::core::offer::offer_from_attribute;
use crate::core::pairs::Pairs;
use crate::core::templates;
use crate::core::theme;
#[cfg(feature = "checklists")]
use crate::ui::checklist::ChecklistWidget;
use crate::ui::{fields, Env, ErrorBox, Pictures, SendResult, Widget};

use super::env::{browser_lang, console_error, document, new_id, now, now_local, page_lang, page_url, resolve_url, today, window};
use super::events::{emit, emit_error};
use super::host::{self, Placement};
use super::place::{place, Shown, CLOSES};
use super::{bundles, crash, delivery, drafts, form_source, shell};

const SETUP_PROBLEM: &str = "The Seda widget could not be shown";

/// Shows the widget one script tag asks for. `dataset_json` is the tag's
/// `dataset` as a JSON object (`{"form": "template:nps", "endpoint": ...}`).
/// `to_full` is seda.js's function that mounts a dataset with the full bundle, for a
/// form a lean build cannot show (see [`bundles`]); `form_json` is the form's JSON
/// when the lean bundle has fetched it already and handed the form over.
#[wasm_bindgen]
pub fn mount(dataset_json: &str, to_full: Option<js_sys::Function>, form_json: Option<String>) {
    crash::install();
    if crash::crashed() {
        // The crash was reported once already; a copy of a first screen would stay inert.
        return shell::remove_all();
    }
    bundles::keep(to_full);
    let tag = string_map(dataset_json).unwrap_or_default();
    // Not leptos's spawn_local: its executor starts with the first mount_to, which
    // comes later, inside start().
    let closes = CLOSES.get();
    wasm_bindgen_futures::spawn_local(async move {
        start(tag, form_json, closes).await;
        // Whatever an earlier page left unsent goes now, whether or not this page shows a
        // form: once the form is shown (or is not to be), in the next task, so neither
        // the sender's code (a chunk) nor the outbox's first read holds it up.
        let later = Closure::once_into_js(drain);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    });
}

/// Sends what waits in the outbox, on a page whose tags show no form now (a manual or
/// later trigger, targeting that keeps the form away): seda.js calls this only when it
/// has seen pending records, so a quiet page downloads nothing.
#[wasm_bindgen]
pub fn drain() {
    crash::install();
    // Not fetched (offline): what waits stays in the outbox for the next page.
    wasm_bindgen_futures::spawn_local(async {
        let _ = delivery::start_sender().await;
    });
}

/// `closes`: [`CLOSES`] when seda.js mounted the form. A `Seda.close()` since then
/// (while the form was being read) means it is not shown.
async fn start(tag: Pairs<String>, form_json: Option<String>, closes: u32) {
    if CLOSES.get() != closes {
        return;
    }
    if host::html_refused() {
        let problem = "this page enforces Trusted Types (require-trusted-types-for 'script'), which the widget does not support yet";
        // No box either: the page refuses the markup it would be drawn from.
        return fail(vec![problem.to_owned()], &Placement::Corner, Some(false));
    }
    match read_tag(tag) {
        Ok(config) => begin(config, form_json, closes).await,
        // A data-debug the reader refused is no answer: the page decides.
        Err((problem, debug)) => fail(vec![problem.to_string()], &Placement::Corner, debug),
    }
}

/// The tag's attributes, read once into the typed configuration (with `data-debug`
/// beside a problem, to say where it is drawn). Nothing past this reads them.
fn read_tag(mut tag: Pairs<String>) -> Result<EmbedConfig, (ConfigError, Option<bool>)> {
    let debug = parse_debug(tag.get("debug").map(String::as_str)).unwrap_or(None);
    // A relative endpoint is relative to the page, like a form's action. One the
    // browser cannot parse is refused (after the checks that say more, such as a port
    // out of range), as no request could be made to it.
    let mut unparsable = None;
    for key in ["endpoint", "statusEndpoint"] {
        if let Some(endpoint) = tag.get(key).map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()) {
            match resolve_url(&endpoint) {
                Some(absolute) => {
                    tag.insert(key, absolute);
                }
                None => unparsable = unparsable.or(Some((key, endpoint))),
            }
        }
    }
    match (EmbedConfig::from_dataset(&tag), unparsable) {
        (Ok(config), None) => Ok(config),
        (Ok(_), Some(("endpoint", url))) => Err((ConfigError::BadEndpoint { url }, debug)),
        (Ok(_), Some((_, url))) => Err((ConfigError::BadStatusEndpoint(Box::new(ConfigError::BadEndpoint { url })), debug)),
        (Err(problem), _) => Err((problem, debug)),
    }
}

/// Finds where the form goes and reads its definition, then [`open`]s it; hands to the
/// full bundle, before it adds anything to the page, a form only that one shows.
async fn begin(config: EmbedConfig, form_json: Option<String>, closes: u32) {
    let placement = match &config.mode {
        Mode::SlideIn => Placement::Corner,
        Mode::Popup => Placement::Popup,
        Mode::Page => Placement::Page,
        Mode::Launcher => Placement::Launcher,
        Mode::Inline { target } => match document().query_selector(target) {
            Ok(Some(element)) => Placement::Inline(element),
            _ => return fail(vec![ConfigError::TargetNotFound { selector: target.clone() }.to_string()], &Placement::Corner, config.debug),
        },
    };
    match &config.form {
        FormSource::Template(name) if !bundles::FULL && templates::full_only(name) => return hand_over(&config, None, &placement),
        // The complaint-status lookup is the full bundle's, and has no form to read.
        FormSource::StatusLookup if bundles::FULL => return super::status::show(config, placement),
        FormSource::StatusLookup => return hand_over(&config, None, &placement),
        _ => {}
    }
    // A site's own form is checked by code fetched for it: fetched now, while the form is
    // (by URL) or read, rather than after.
    if !matches!(config.form, FormSource::Template(_)) {
        wasm_bindgen_futures::spawn_local(async {
            let _ = form_source::fetch_checker().await;
        });
    }
    let json = match form_json {
        Some(json) => json,
        None => match form_source::load(&config.form).await {
            Ok(json) => json,
            Err(problem) => return fail(vec![problem.to_string()], &placement, config.debug),
        },
    };
    let form = match definition::read(&json) {
        Ok(form) => form,
        Err(errors) => return fail(errors.0.iter().map(ToString::to_string).collect(), &placement, config.debug),
    };
    // The full bundle checks a form it is handed.
    if !bundles::can_show(&form) {
        return hand_over(&config, Some(&json), &placement);
    }
    // A built-in template was checked by the tests; a site's own form is checked here,
    // by code fetched for it (src/split.rs).
    let form = match &config.form {
        FormSource::Template(_) => form,
        _ => match form_source::check(form).await {
            Ok((form, problems)) if problems.is_empty() => form,
            Ok((_, problems)) => return fail(problems.iter().map(ToString::to_string).collect(), &placement, config.debug),
            Err(unloaded) => return fail(vec![format!("the widget's form checker could not be fetched ({unloaded})")], &placement, config.debug),
        },
    };
    // A first page with a field the first module does not draw waits for that code, so it
    // is drawn whole (any other form fetches it once shown, for the pages that follow).
    if first_page_chunked(&form) {
        fields::fetch().await;
    }
    // A checklist waits for its saved visit (IndexedDB answers later), so it never shows an
    // empty visit first.
    #[cfg(feature = "checklists")]
    let visit = match form.checklist.is_some() {
        true => super::checklist::saved(&form.id).await,
        false => None,
    };
    #[cfg(not(feature = "checklists"))]
    let visit = None;
    if CLOSES.get() == closes {
        open(form, visit, config, placement);
    }
}

/// The form, read and made ready for this page: what [`show`] draws.
pub(super) struct Ready {
    pub form: Form,
    /// The language it is shown in.
    pub locale: String,
    /// The theme (the form's, the tag's over it) as CSS for the widget's `:host`.
    pub theme_css: String,
    /// The hidden fields' values.
    pub hidden: Pairs<String>,
    /// A checklist's saved visit (JSON), read before it is drawn.
    #[cfg(feature = "checklists")]
    pub visit: Option<String>,
}

/// Shows the form, read and checked. Kept apart from [`start`]'s state machine, as are the
/// other steps below: the browser compiles each wasm function when it first runs, and
/// one function holding every step, used or not, cost the first form about 10 ms.
#[inline(never)]
fn open(mut form: Form, visit: Option<String>, config: EmbedConfig, placement: Placement) {
    if let Some(offer) = &config.offer_complaint {
        if let Err(problem) = offer_from_attribute(&mut form, offer) {
            return fail(vec![problem.to_string()], &placement, config.debug);
        }
    }
    let locale = pick_locale(
        [config.locale.as_deref(), page_lang().as_deref(), browser_lang().as_deref()],
        |locale| form.speaks(locale),
        &form.locale,
    );
    let theme_css = theme::css(&form.theme.clone().overridden_by(&config.theme));
    let hidden = hidden_values(&form, &config.hidden, &window().location().search().unwrap_or_default());
    let ready = Ready {
        form,
        locale,
        theme_css,
        hidden,
        #[cfg(feature = "checklists")]
        visit,
    };
    #[cfg(not(feature = "checklists"))]
    let _: Option<String> = visit;
    // Fetched for the pages that follow, and for the complaint form an offer opens.
    let later_pages_chunked = ready.form.offer_complaint.is_some() || ready.form.questions.iter().any(|q| fields::is_chunked(&q.kind));
    show(ready, config, placement);
    if later_pages_chunked {
        wasm_bindgen_futures::spawn_local(async {
            fields::fetch().await;
        });
    }
}

/// Whether the form's first page has a question the fields' chunk draws
/// ([`crate::ui::fields`]).
fn first_page_chunked(form: &Form) -> bool {
    form.pages.first().is_some_and(|page| page.questions.iter().any(|&i| form.questions.get(i).is_some_and(|q| fields::is_chunked(&q.kind))))
}

/// Has seda.js mount this configuration with the full bundle (a lean build's form that needs it).
fn hand_over(config: &EmbedConfig, form_json: Option<&str>, placement: &Placement) {
    hand_over_dataset(&config.dataset, form_json, placement, config.debug);
}

/// Has seda.js mount `dataset` (a tag's, or the offered form's) with the full bundle.
fn hand_over_dataset(dataset: &Dataset, form_json: Option<&str>, placement: &Placement, debug: Option<bool>) {
    if let Err(problem) = bundles::to_full(dataset.as_pairs(), form_json) {
        fail(vec![problem.to_string()], placement, debug);
    }
}

/// Draws the ready form on the page (see [`place`]).
#[inline(never)]
fn show(ready: Ready, config: EmbedConfig, placement: Placement) {
    let seen_key = config.seen_key();
    let (form_id, theme_css) = (ready.form.id.clone(), ready.theme_css.clone());
    let label = ready.form.strings.word(&ready.locale, "feedback").unwrap_or(crate::core::i18n::strings(&ready.locale).feedback).to_owned();
    // A checklist is a visit's whole record: no close button that could hide it.
    let closable = ready.form.checklist.is_none();
    let (form_attribute, focus) = (config.form_attribute.clone(), config.focus);
    let key = seen_key.clone();
    let what = Shown { form_id, form_attribute, seen_key, theme_css, label, focus, closable };
    place(what, placement, Box::new(move |host, on_close, floating| {
        let env = views_env(&ready, config, key, host, on_close);
        mount_views(host, ready, env, floating);
    }));
}

/// The views' only door to the page: delivery, drafts, the clock, events and the
/// complaint offer's form opened in this one's place (which keeps `config`).
pub(super) fn views_env(ready: &Ready, config: EmbedConfig, seen_key: String, host: &host::Host, on_close: Option<Rc<dyn Fn()>>) -> Env {
    let form_id = ready.form.id.clone();
    let draft_form = form_id.clone();
    Env {
        response_id: new_id(),
        started_at: now(),
        page_url: payload_page_url(&page_url(), &config.page_params),
        now: Rc::new(now),
        deliver: delivery::deliverer(config.endpoint.clone(), form_id.clone(), seen_key),
        on_close,
        draft: drafts::load(&form_id).filter(|draft| draft.fits(&ready.form)),
        keep_draft: Rc::new(move |draft| match draft {
            Some(draft) => drafts::save(&draft),
            None => drafts::discard(&draft_form),
        }),
        hidden: ready.hidden.clone(),
        today: Some(today()),
        now_local: Some(now_local()),
        open_form: Some(open_in_place(host.element.clone(), config)),
        pictures: pictures(),
        follow_delivery: Rc::new(|id: &str, then: Rc<dyn Fn(SendResult)>| {
            super::events::on_settled(id, Rc::new(move |delivered| then(if delivered { SendResult::Sent } else { SendResult::Rejected })));
        }),
        on_answer: Rc::new(move |question: &str, answer: &Answer| {
            // Attached files are described, not copied into the event.
            let answer = match answer {
                Answer::Files(files) => Value::Array(
                    files
                        .iter()
                        .map(|file| Value::object([("name", Value::from(file.name.as_str())), ("type", Value::from(file.mime.as_str())), ("size", Value::from(file.size as i64))]))
                        .collect(),
                ),
                answer => answer.to_value(),
            };
            let detail = Value::object([("form_id", Value::from(form_id.as_str())), ("question_id", Value::from(question)), ("answer", answer)]);
            emit("answer", &detail.to_json());
        }),
    }
}

/// Mounts the form's views (a checklist's, or a survey's and a complaint's) in the host.
fn mount_views(host: &host::Host, ready: Ready, env: Env, floating: bool) {
    #[cfg(feature = "checklists")]
    if ready.form.checklist.is_some() {
        let Ready { form, locale, visit, .. } = ready;
        let _ = host::apply_theme(host, super::checklist::CSS);
        let _ = host.mount.class_list().add_1("seda-cl-page");
        let env = super::checklist::env(env, &form.id, visit);
        let form = Arc::new(form);
        leptos::mount::mount_to(host.mount.clone(), move || view! { <ChecklistWidget form=form locale=locale env=env /> }).forget();
        return;
    }
    let Ready { form, locale, .. } = ready;
    let form = Arc::new(form);
    leptos::mount::mount_to(host.mount.clone(), move || view! { <Widget form=form locale=locale env=env floating=floating /> }).forget();
}

/// Replaces the widget in `element` with another form (a survey's complaint offer):
/// the same tag's configuration, with the form and the hidden values replaced. Once:
/// the widget that offered it is gone then.
#[inline(never)]
fn open_in_place(element: web_sys::HtmlElement, config: EmbedConfig) -> Rc<dyn Fn(&str, Pairs<String>)> {
    let config = std::cell::Cell::new(Some(config));
    Rc::new(move |form: &str, hidden: Pairs<String>| {
        let Some(config) = config.take() else { return };
        let debug = config.debug;
        let next = match config.for_offer(form, hidden) {
            Ok(next) => next,
            Err(problem) => return fail(vec![problem.to_string()], &Placement::Corner, debug),
        };
        element.remove();
        if bundles::FULL {
            wasm_bindgen_futures::spawn_local(begin(next, None, CLOSES.get()));
        } else {
            // A lean build opens the complaint form in the full bundle, through seda.js.
            hand_over_dataset(&next.dataset.offered(&next), None, &Placement::Corner, debug);
        }
    })
}

/// The picture tools attachment questions use (only the builds that have them).
fn pictures() -> Option<Pictures> {
    #[cfg(feature = "attachments")]
    return Some(Pictures {
        prepare: Rc::new(|file| Box::pin(super::pictures::prepare(file))),
        thumbnail: Rc::new(|canvas, file| Box::pin(super::pictures::thumbnail(canvas, file))),
    });
    #[cfg(not(feature = "attachments"))]
    None
}

/// Reports a setup problem: one console error, `seda:error`, and, where
/// [`shows_errors`] says so for the tag's `data-debug`, an error box (otherwise the
/// page is left exactly as it was).
#[inline(never)]
pub(super) fn fail(problems: Vec<String>, placement: &Placement, debug: Option<bool>) {
    console_error(&format!("{SETUP_PROBLEM}:\n{}", problems.join("\n")));
    emit_error(SETUP_PROBLEM, vec![("problems", Value::from(problems.clone()))]);
    if !shows_errors(debug, &page_url()) {
        return;
    }
    if let Ok(host) = host::create(placement) {
        let floating = placement.floating();
        leptos::mount::mount_to(host.mount, move || {
            view! { <ErrorBox title=SETUP_PROBLEM.to_owned() problems=problems floating=floating /> }
        })
        .forget();
    }
}
