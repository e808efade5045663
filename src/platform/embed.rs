//! The entry point `seda.js` calls: read the embed, find the form, show it.
//! Nothing here may throw into the host page: every failure becomes one console
//! error, a `seda:error` event and, for the site owner, a visible error box
//! (drawn only where [`shows_errors`] says the site owner is looking).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::core::config::{hidden_values, payload_page_url, pick_locale, shows_errors, string_map, ConfigError, EmbedConfig, FormSource, Mode};
use crate::core::answer::Answer;
use crate::core::json::Value;
use crate::core::theme;
use crate::core::pairs::Pairs;
use crate::core::endpoint::Endpoint;
use crate::core::form::{self, Form};
use crate::core::outbox::{Attempt, Record, Settled};
use crate::core::response::Response;
use crate::core::templates;
#[cfg(feature = "checklists")]
use crate::ui::checklist::ChecklistWidget;
use crate::ui::{Deliver, Env, ErrorBox, Pictures, SendResult, Widget};

use super::env::{browser_lang, console_error, document, new_id, now, now_local, page_lang, page_url, resolve_url, today, window};
use super::events::{emit, emit_about, emit_error};
use super::fetch::describe;
use super::host::{self, Placement};
use super::outbox::{self, AddError};
use super::{bundles, crash, drafts, form_source, inbox, sender, shell, transport};

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
    let data = string_map(dataset_json).unwrap_or_default();
    // Not leptos's spawn_local: its executor starts with the first mount_to, which
    // comes later, inside start().
    wasm_bindgen_futures::spawn_local(start(data, form_json, CLOSES.get()));
    // Whatever an earlier page left unsent goes now, whether or not this page shows a
    // form: in the next task, so the outbox's first read does not hold up a form that
    // is ready to show in this one.
    let later = Closure::once_into_js(sender::start);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
}

/// Sends what waits in the outbox, on a page whose tags show no form now (a manual or
/// later trigger, targeting that keeps the form away): seda.js calls this only when it
/// has seen pending records, so a quiet page downloads nothing.
#[wasm_bindgen]
pub fn drain() {
    crash::install();
    sender::start();
}

/// `closes`: [`CLOSES`] when seda.js mounted the form. A `Seda.close()` since then
/// (while the form was being read) means it is not shown.
async fn start(mut data: Pairs<String>, form_json: Option<String>, closes: u32) {
    if CLOSES.get() != closes {
        return;
    }
    // A relative endpoint is relative to the page, like a form's action. One the
    // browser cannot parse is refused below (after the checks that say more, such as a
    // port out of range), as no request could be made to it.
    let mut unparsable = None;
    if let Some(endpoint) = data.get("endpoint").filter(|e| !e.trim().is_empty()) {
        match resolve_url(endpoint.trim()) {
            Some(absolute) => {
                data.insert("endpoint", absolute);
            }
            None => unparsable = Some(endpoint.trim().to_owned()),
        }
    }
    if host::html_refused() {
        let problem = "this page enforces Trusted Types (require-trusted-types-for 'script'), which the widget does not support yet";
        return fail(vec![problem.to_owned()], &Placement::Corner, false);
    }
    let boxes = shows_errors(data.get("debug").map(String::as_str), &page_url());
    let fail = |problems: Vec<String>, placement: &Placement| fail(problems, placement, boxes);
    let config = match (EmbedConfig::from_dataset(&data), unparsable) {
        (Ok(config), None) => config,
        (Ok(_), Some(url)) => return fail(vec![ConfigError::BadEndpoint { url }.to_string()], &Placement::Corner),
        (Err(e), _) => return fail(vec![e.to_string()], &Placement::Corner),
    };
    let placement = match &config.mode {
        Mode::SlideIn => Placement::Corner,
        Mode::Popup => Placement::Popup,
        Mode::Page => Placement::Page,
        Mode::Launcher => Placement::Launcher,
        Mode::Inline { target } => match document().query_selector(target) {
            Ok(Some(element)) => Placement::Inline(element),
            _ => return fail(vec![ConfigError::TargetNotFound { selector: target.clone() }.to_string()], &Placement::Corner),
        },
    };
    // A lean build hands over what only the full one has, before it adds anything to the page.
    if let FormSource::Template(name) = &config.form {
        if !bundles::FULL && templates::full_only(name) {
            return hand_over(&data, None, &placement, boxes);
        }
    }
    let json = match form_json {
        Some(json) => json,
        None => match form_source::load(&config.form).await {
            Ok(json) => json,
            Err(problem) => return fail(vec![problem], &placement),
        },
    };
    if CLOSES.get() == closes {
        open(json, data, config, placement, boxes);
    }
}

/// Reads the form and shows it. Kept apart from [`start`]'s state machine, as are the
/// other steps below: the browser compiles each wasm function when it first runs, and
/// one function holding every step, used or not, cost the first form about 10 ms.
#[inline(never)]
fn open(json: String, data: Pairs<String>, config: EmbedConfig, placement: Placement, boxes: bool) {
    let fail = |problems: Vec<String>, placement: &Placement| fail(problems, placement, boxes);
    let mut form = match form::parse(&json) {
        Ok(form) => form,
        Err(errors) => return fail(errors.0.iter().map(ToString::to_string).collect(), &placement),
    };
    if !bundles::can_show(&form) {
        return hand_over(&data, Some(&json), &placement, boxes);
    }
    if let Some(offer) = data.get("offerComplaint").filter(|v| !v.trim().is_empty()) {
        if let Err(problem) = crate::core::complaint::offer_from_attribute(&mut form, offer) {
            return fail(vec![problem], &placement);
        }
    }
    let locale = pick_locale(
        [config.locale.as_deref(), page_lang().as_deref(), browser_lang().as_deref()],
        |l| form.speaks(l),
        &form.locale,
    );
    let theme = match theme::with_attributes(form.theme.clone(), &data) {
        Ok(theme) => theme::css(&theme),
        Err(problem) => return fail(vec![problem], &placement),
    };
    let hidden = hidden_values(&form, &data, &window().location().search().unwrap_or_default());
    // What seda.js reads to honour data-recontact: keyed by the tag's data-form, which
    // it knows before it loads anything.
    let seen_key = format!("seda:seen:{}", data.get("form").map_or("", |f| f.trim()));
    show(form, locale, config, placement, hidden, seen_key, theme, data);
}

/// Has seda.js mount `data` with the full bundle (a lean build's form that needs it).
fn hand_over(data: &Pairs<String>, form_json: Option<&str>, placement: &Placement, boxes: bool) {
    if let Err(problem) = bundles::to_full(data, form_json) {
        fail(vec![problem], placement, boxes);
    }
}

thread_local! {
    /// How to close each widget on the page, for `Seda.close()`.
    static OPEN: std::cell::RefCell<Vec<Rc<dyn Fn()>>> = const { std::cell::RefCell::new(Vec::new()) };
    /// How many times the page has called `Seda.close()`: a form mounted before a call
    /// and still starting (reading its form) is not shown.
    static CLOSES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Closes every widget on the page (`Seda.close()`), as its close button would, and
/// keeps those still starting from showing.
#[wasm_bindgen]
pub fn close() {
    CLOSES.set(CLOSES.get().wrapping_add(1));
    for closer in OPEN.with(|open| std::mem::take(&mut *open.borrow_mut())) {
        closer();
    }
}

/// Notes that the visitor answered or dismissed a form, for `data-recontact`.
fn remember_seen(key: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, &(js_sys::Date::now() as i64).to_string());
    }
}

#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn show(
    form: Form,
    locale: String,
    config: EmbedConfig,
    placement: Placement,
    hidden: Pairs<String>,
    seen_key: String,
    theme: String,
    data: Pairs<String>,
) {
    let floating = placement.floating();
    // Where focus was, to give it back when a modal form closes.
    let before = document().active_element();
    let mut host = match host::create(&placement) {
        Ok(host) => host,
        Err(e) => {
            let message = format!("could not add the widget to the page: {}", describe(e));
            console_error(&message);
            return emit_error(&message, Vec::new());
        }
    };
    if let Err(e) = host::apply_theme(&host, &theme) {
        console_error(&format!("could not apply the theme: {}", describe(e)));
    }
    let form_id = form.id.clone();
    let closer: Rc<dyn Fn()> = {
        let (element, form_id, seen_key) = (host.element.clone(), form_id.clone(), seen_key.clone());
        let before = before.clone();
        let launcher = placement.launcher().then(|| host.mount.clone());
        Rc::new(move || {
            if let Some(card) = &launcher {
                // Behind a launcher, closing hides the card and brings the button back.
                if !card.hidden() {
                    card.set_hidden(true);
                    if let Some(button) = card.previous_element_sibling().and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                        button.set_hidden(false);
                        let _ = button.set_attribute("aria-expanded", "false");
                        let _ = button.focus();
                    }
                    remember_seen(&seen_key);
                    emit_about("dismiss", None, &form_id);
                }
            } else if element.is_connected() {
                element.remove();
                remember_seen(&seen_key);
                emit_about("dismiss", None, &form_id);
                if let Some(el) = before.as_ref().and_then(|b| b.dyn_ref::<web_sys::HtmlElement>()) {
                    let _ = el.focus();
                }
            }
        })
    };
    if !placement.launcher() {
        OPEN.with(|open| open.borrow_mut().push(closer.clone()));
    }
    // A checklist is a visit's whole record: no close button that could hide it.
    let on_close = (floating && form.checklist.is_none()).then_some(closer.clone());
    let draft = drafts::load(&form.id).filter(|d| d.fits(&form));
    let draft_form = form.id.clone();
    let env = Env {
        response_id: new_id(),
        started_at: now(),
        page_url: payload_page_url(&page_url(), &config.page_params),
        now: Rc::new(now),
        deliver: deliverer(config.endpoint, form.id.clone(), seen_key),
        on_close,
        draft,
        keep_draft: Rc::new(move |draft| match draft {
            Some(d) => drafts::save(&d),
            None => drafts::discard(&draft_form),
        }),
        hidden,
        today: Some(today()),
        now_local: Some(now_local()),
        open_form: Some(open_in_place(host.element.clone(), data.clone())),
        pictures: pictures(),
        follow_delivery: Rc::new(|id: &str, then: Rc<dyn Fn(SendResult)>| {
            super::events::on_settled(id, Rc::new(move |delivered| then(if delivered { SendResult::Sent } else { SendResult::Rejected })));
        }),
        on_answer: {
            let form_id = form.id.clone();
            Rc::new(move |question: &str, answer: &Answer| {
                // Attached files are described, not copied into the event.
                let answer = match answer {
                    Answer::Files(files) => Value::Array(
                        files
                            .iter()
                            .map(|f| Value::object([("name", Value::from(f.name.as_str())), ("type", Value::from(f.mime.as_str())), ("size", Value::from(f.size as i64))]))
                            .collect(),
                    ),
                    a => a.to_value(),
                };
                let detail = Value::object([
                    ("form_id", Value::from(form_id.as_str())),
                    ("question_id", Value::from(question)),
                    ("answer", answer),
                ]);
                emit("answer", &detail.to_json());
            })
        },
    };
    let form = Arc::new(form);
    let modal = placement.modal();
    let label = crate::core::i18n::strings(&locale).feedback;
    #[cfg(feature = "checklists")]
    if form.checklist.is_some() {
        let _ = host::apply_theme(&host, super::checklist::CSS);
        let _ = host.mount.class_list().add_1("seda-cl-page");
        let env = super::checklist::env(env, &form.id);
        leptos::mount::mount_to(host.mount.clone(), move || view! { <ChecklistWidget form=form locale=locale env=env /> }).forget();
    } else {
        leptos::mount::mount_to(host.mount.clone(), move || view! { <Widget form=form locale=locale env=env floating=floating /> }).forget();
    }
    #[cfg(not(feature = "checklists"))]
    leptos::mount::mount_to(host.mount.clone(), move || view! { <Widget form=form locale=locale env=env floating=floating /> }).forget();
    // The copy of the first screen seda.js may have drawn meanwhile (only ever in the corner).
    let clicked = match (&placement, data.get("form")) {
        (Placement::Corner, Some(spec)) => shell::take_over(spec.trim(), &host.root),
        _ => None,
    };
    if modal {
        host::make_modal(&host);
    } else if data.get("focus").is_some() {
        // Opened from another form's button, which is gone: focus moves into this one.
        host::focus_first(&host.root, ".seda-title");
    }
    emit_about("ready", None, &form_id);
    if placement.launcher() {
        let form_id = form_id.clone();
        let opened = move || {
            OPEN.with(|open| open.borrow_mut().push(closer.clone()));
            emit_about("shown", None, &form_id);
        };
        if let Err(e) = host::add_launcher(&mut host, label, opened) {
            console_error(&format!("could not add the launcher: {}", describe(e)));
        }
    } else {
        emit_about("shown", None, &form_id);
    }
    // The page's other instance (the other bundle) may have failed while this one read the form.
    crash::follow();
    // What the visitor clicked in the copy (Next, Close) happens now, after `seda:shown`.
    if let Some(button) = clicked {
        button.click();
    }
}

/// Replaces the widget in `element` with another form (a survey's complaint offer):
/// the same tag's attributes, with `data-form` and the hidden values replaced.
#[inline(never)]
fn open_in_place(element: web_sys::HtmlElement, data: Pairs<String>) -> Rc<dyn Fn(&str, Pairs<String>)> {
    Rc::new(move |form: &str, hidden: Pairs<String>| {
        let carried_over = |k: &str| !k.starts_with("hidden") && !matches!(k, "trigger" | "offerComplaint");
        let mut next: Pairs<String> = data.iter().filter(|(k, _)| carried_over(k)).map(|(k, v)| (k, v.clone())).collect();
        next.insert("form", form.to_owned());
        if next.get("mode").is_some_and(|m| m.trim() == "launcher") {
            // The launcher was already opened: the complaint shows at once, in the corner.
            next.insert("mode", "slide-in".to_owned());
        }
        next.insert("focus", "true".to_owned());
        for (id, value) in hidden.iter() {
            let mut key = "hidden".to_owned();
            key.extend(id.chars().next().map(|c| c.to_ascii_uppercase()));
            key.push_str(id.get(1..).unwrap_or_default());
            next.insert(key, value.clone());
        }
        element.remove();
        if bundles::FULL {
            wasm_bindgen_futures::spawn_local(start(next, None, CLOSES.get()));
        } else {
            // A lean build opens the complaint form in the full bundle, through seda.js.
            hand_over(&next, None, &Placement::Corner, shows_errors(next.get("debug").map(String::as_str), &page_url()));
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

/// Puts each response in the outbox and sends it, or keeps it in the local inbox
/// when no endpoint is configured. The draft goes once the response is stored.
#[inline(never)]
fn deliverer(endpoint: Option<Endpoint>, form_id: String, seen_key: String) -> Deliver {
    Rc::new(move |response: Response| {
        let (endpoint, form_id) = (endpoint.clone(), form_id.clone());
        remember_seen(&seen_key);
        let complaint = response.reference.clone().map(|code| {
            Value::object([("id", Value::from(response.id.as_str())), ("form_id", Value::from(form_id.as_str())), ("reference", Value::from(code))]).to_json()
        });
        let sending = send(response, endpoint, form_id);
        Box::pin(async move {
            let result = sending.await;
            // A complaint is acknowledged (with its code) once it is sent or safely stored.
            if let (Some(detail), false) = (complaint, matches!(result, SendResult::Failed(_))) {
                emit("complaint", &detail);
            }
            result
        })
    })
}

/// Stores and sends one response (see [`deliverer`]).
async fn send(response: Response, endpoint: Option<Endpoint>, form_id: String) -> SendResult {
    {
        {
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
                    Err(e) => not_sent(format!("could not keep the response in this browser: {e}"), &id, None),
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
                Err(AddError::Full(e)) => not_sent(format!("the response was not stored: {e}"), &id, None),
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
                    Attempt::Unsendable(e) | Attempt::NoAnswer(e) => not_sent(format!("the endpoint could not be reached: {e} ({reason})"), &id, None),
                },
            }
        }
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

/// Reports a setup problem: one console error, `seda:error`, and, when `boxes`,
/// an error box (otherwise the page is left exactly as it was).
#[inline(never)]
fn fail(problems: Vec<String>, placement: &Placement, boxes: bool) {
    console_error(&format!("{SETUP_PROBLEM}:\n{}", problems.join("\n")));
    emit_error(SETUP_PROBLEM, vec![("problems", Value::from(problems.clone()))]);
    if !boxes {
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
