//! Leptos views over the core. They read the session and form, and reach the page
//! only through the [`Env`] the platform gives them.

#[cfg(feature = "attachments")]
pub mod attachments;
#[cfg(feature = "checklists")]
pub mod checklist;
#[cfg(feature = "checklists")]
pub mod checklist_item;
pub mod choice_list;
pub mod erased;
pub mod error_box;
pub mod matrix;
pub mod option;
pub mod question;
pub mod resume;
pub mod scale;
pub mod step;
pub mod text_field;
pub mod thanks;
pub mod widget;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use crate::core::draft::Draft;
use crate::core::pairs::Pairs;
use crate::core::response::Response;

pub use error_box::ErrorBox;
pub use widget::Widget;

/// How a submitted response fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendResult {
    /// The endpoint answered 2xx.
    Sent,
    /// Stored on this device; the outbox sends it when the endpoint can be reached.
    Queued,
    /// Stored on this device, but the endpoint refused it for good (a 4xx).
    Rejected,
    /// No endpoint is configured: the response was kept in this browser.
    KeptLocally,
    /// It did not reach the endpoint (the message is for the console, not the visitor).
    Failed(String),
}

/// A reactive attribute, property or child. tachys instantiates its effect code once
/// per type: one boxed type per value type, rather than one per closure, keeps the
/// wasm small.
pub type Rx<T> = Arc<dyn Fn() -> T + Send + Sync>;

/// Boxes a closure as an [`Rx`].
pub fn rx<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Rx<T> {
    Arc::new(f)
}

/// An event handler. Like [`Rx`], one boxed type per event type instead of one per
/// closure, so tachys' listener code exists once.
pub type Handler<E> = Box<dyn FnMut(E)>;

/// Boxes a closure as a [`Handler`].
pub fn handler<E>(f: impl FnMut(E) + 'static) -> Handler<E> {
    Box::new(f)
}

pub type Deliver = Rc<dyn Fn(Response) -> Pin<Box<dyn Future<Output = SendResult>>>>;

/// What the views need from the browser edge, given at mount.
#[derive(Clone)]
pub struct Env {
    /// The response's id, made when the form was first shown.
    pub response_id: String,
    pub started_at: String,
    pub page_url: String,
    /// The current time, RFC 3339.
    pub now: Rc<dyn Fn() -> String>,
    pub deliver: Deliver,
    /// Called when the visitor closes the widget; `None` hides the close button.
    pub on_close: Option<Rc<dyn Fn()>>,
    /// A saved draft of this very form, offered as "Continue where you left off?".
    pub draft: Option<Draft>,
    /// Keeps the form in progress, called on every change; `None` discards it.
    pub keep_draft: Rc<dyn Fn(Option<Draft>)>,
    /// The hidden fields' values (`data-hidden-*`, URL parameters).
    pub hidden: Pairs<String>,
    /// Today, in days since 1970-01-01 (the visitor's calendar), for date bounds.
    pub today: Option<i64>,
    /// Called for each answer on a page the visitor moves on from (question id, answer).
    pub on_answer: Rc<dyn Fn(&str, &crate::core::answer::Answer)>,
    /// The visitor's local time now, `YYYY-MM-DDTHH:MM`, where date-and-time answers start.
    pub now_local: Option<String>,
    /// Opens another form in this one's place (a survey's complaint offer): the
    /// form's `data-form` value and the hidden values it is given.
    pub open_form: Option<Rc<dyn Fn(&str, Pairs<String>)>>,
    /// Calls back once the outbox settles a queued response later, on this page:
    /// (response id, [`SendResult::Sent`] or [`SendResult::Rejected`]).
    pub follow_delivery: Rc<dyn Fn(&str, Rc<dyn Fn(SendResult)>)>,
}

impl SendResult {
    /// The note that says where the response is.
    pub fn note(&self, strings: &crate::core::i18n::Strings) -> &'static str {
        match self {
            SendResult::Sent => strings.sent,
            SendResult::Queued => strings.queued,
            SendResult::Rejected => strings.rejected,
            SendResult::KeptLocally | SendResult::Failed(_) => strings.saved_on_device,
        }
    }
}
