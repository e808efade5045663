//! Putting a widget on the page: its host element, how it closes (its close button,
//! Escape, `Seda.close()`), the views mounted in it, and the page told.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::env::{console_error, document};
use super::events::{emit_about, emit_error};
use super::fetch::describe;
use super::host::{self, Placement};
use super::{crash, delivery, shell};

thread_local! {
    /// How to close each widget on the page, for `Seda.close()`.
    static OPEN: std::cell::RefCell<Vec<Rc<dyn Fn()>>> = const { std::cell::RefCell::new(Vec::new()) };
    /// How many times the page has called `Seda.close()`: a form mounted before a call
    /// and still starting (reading its form) is not shown.
    pub(super) static CLOSES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
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

/// What [`place`] needs to know of what it shows.
pub(super) struct Shown {
    pub form_id: String,
    /// `data-form` as written: the copy of its first screen is found by it.
    pub form_attribute: String,
    pub seen_key: String,
    pub theme_css: String,
    /// The launcher button's label (`data-mode="launcher"`), in the form's language.
    pub label: String,
    /// Focus moves in once it is shown (it was opened from another form's button).
    pub focus: bool,
    /// It may be closed (a close button when it floats over the page).
    pub closable: bool,
}

/// The views' mounting, given the host, their close function and whether they float.
/// Boxed: one copy of [`place`] serves forms and the complaint-status lookup.
pub(super) type Mount = Box<dyn FnOnce(&host::Host, Option<Rc<dyn Fn()>>, bool)>;

/// Puts a widget on the page, in steps: the host element, how it closes, `mount` (the
/// views), then the page is told.
pub(super) fn place(what: Shown, placement: Placement, mount: Mount) {
    // Where focus was, to give it back when a modal form closes.
    let focus_before = document().active_element();
    let Some(mut host) = add_host(&placement, &what.theme_css) else { return };
    let form_id = what.form_id;
    let closer = closer(&host, &placement, what.seen_key, form_id.clone(), focus_before);
    if !placement.launcher() {
        OPEN.with(|open| open.borrow_mut().push(closer.clone()));
    }
    let on_close = (placement.floating() && what.closable).then_some(closer.clone());
    mount(&host, on_close, placement.floating());
    // The copy of the first screen seda.js may have drawn meanwhile (only ever in the corner).
    let clicked = match placement {
        Placement::Corner => shell::take_over(&what.form_attribute, &host.root),
        _ => None,
    };
    if placement.modal() {
        host::make_modal(&host);
    } else if what.focus {
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
        if let Err(e) = host::add_launcher(&mut host, &what.label, opened) {
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

/// Adds the widget's host element to the page, themed; `None` (reported) when the page refuses it.
fn add_host(placement: &Placement, theme_css: &str) -> Option<host::Host> {
    let host = match host::create(placement) {
        Ok(host) => host,
        Err(e) => {
            let message = format!("could not add the widget to the page: {}", describe(e));
            console_error(&message);
            emit_error(&message, Vec::new());
            return None;
        }
    };
    if let Err(e) = host::apply_theme(&host, theme_css) {
        console_error(&format!("could not apply the theme: {}", describe(e)));
    }
    Some(host)
}

/// How the widget closes: its close button, Escape and `Seda.close()`. Behind a
/// launcher the card hides and the button comes back; otherwise the host goes and focus
/// returns to `focus_before`. Either way the visitor is remembered as having seen it.
fn closer(host: &host::Host, placement: &Placement, seen_key: String, form_id: String, focus_before: Option<web_sys::Element>) -> Rc<dyn Fn()> {
    let element = host.element.clone();
    let launcher = placement.launcher().then(|| host.mount.clone());
    Rc::new(move || {
        if let Some(card) = &launcher {
            if !card.hidden() {
                card.set_hidden(true);
                if let Some(button) = card.previous_element_sibling().and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    button.set_hidden(false);
                    let _ = button.set_attribute("aria-expanded", "false");
                    let _ = button.focus();
                }
                delivery::remember_seen(&seen_key);
                emit_about("dismiss", None, &form_id);
            }
        } else if element.is_connected() {
            element.remove();
            delivery::remember_seen(&seen_key);
            emit_about("dismiss", None, &form_id);
            if let Some(before) = focus_before.as_ref().and_then(|b| b.dyn_ref::<web_sys::HtmlElement>()) {
                let _ = before.focus();
            }
        }
    })
}
