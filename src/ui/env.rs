//! What the views need from the browser edge, given at mount: the views reach the page
//! only through an [`Env`], so they run as well in a test that hands them a fake one.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use crate::core::answer::{Answer, File};
use crate::core::draft::Draft;
use crate::core::form::Form;
use crate::core::i18n::Strings;
use crate::core::pairs::Pairs;
use crate::core::response::Response;
use crate::core::status::Lookup;

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

impl SendResult {
    /// The note that says where the response is.
    pub fn note(&self, strings: &Strings) -> &'static str {
        match self {
            SendResult::Sent => strings.sent,
            SendResult::Queued => strings.queued,
            SendResult::Rejected => strings.rejected,
            SendResult::KeptLocally | SendResult::Failed(_) => strings.saved_on_device,
        }
    }
}

pub type Deliver = Rc<dyn Fn(Response) -> Pin<Box<dyn Future<Output = SendResult>>>>;

/// Why a picked file could not be read for an attachment answer.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The browser could not decode the picture.
    #[error("the picture could not be read")]
    Undecodable,
    /// The downscaled picture could not be encoded as JPEG.
    #[error("the picture could not be converted")]
    Unconvertible,
    /// The browser gave no 2d canvas to draw the picture on.
    #[error("no 2d canvas")]
    NoCanvas,
    /// This build has no attachment questions, so nothing reads files.
    #[error("this build cannot read files")]
    Unsupported,
    /// The browser refused a step; its message.
    #[error("{0}")]
    Browser(String),
}

/// Reads one picked file for an attachment answer (a picture downscaled), or says why not.
pub type PrepareFile = Rc<dyn Fn(web_sys::File) -> Pin<Box<dyn Future<Output = Result<File, FileError>>>>>;

/// Draws a kept file's thumbnail into a canvas.
pub type DrawThumbnail = Rc<dyn Fn(web_sys::HtmlCanvasElement, File) -> Pin<Box<dyn Future<Output = ()>>>>;

/// The browser's picture tools, for attachment questions.
#[derive(Clone)]
pub struct Pictures {
    pub prepare: PrepareFile,
    pub thumbnail: DrawThumbnail,
}

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
    pub on_answer: Rc<dyn Fn(&str, &Answer)>,
    /// The visitor's local time now, `YYYY-MM-DDTHH:MM`, where date-and-time answers start.
    pub now_local: Option<String>,
    /// Opens another form in this one's place (a survey's complaint offer): the
    /// form's `data-form` value and the hidden values it is given.
    pub open_form: Option<Rc<dyn Fn(&str, Pairs<String>)>>,
    /// Calls back once the outbox settles a queued response later, on this page:
    /// (response id, [`SendResult::Sent`] or [`SendResult::Rejected`]).
    pub follow_delivery: Rc<dyn Fn(&str, Rc<dyn Fn(SendResult)>)>,
    /// Reads and draws attached pictures; `None` where the build has no attachment
    /// questions (a picked file is then said to be unreadable).
    pub pictures: Option<Pictures>,
}

/// Looks a case up at the status endpoint: (reference, contact), both as read.
pub type LookUp = Rc<dyn Fn(String, String) -> Pin<Box<dyn Future<Output = Lookup>>>>;

/// What the complaint-status lookup needs from the browser edge, given at mount.
#[derive(Clone)]
pub struct StatusEnv {
    pub lookup: LookUp,
    /// Called when the visitor closes the card; `None` hides the close button.
    pub on_close: Option<Rc<dyn Fn()>>,
    /// The `complaint-csat` form for this reference (its hidden `reference` set), with
    /// the edge that delivers it as any response; `None` when it cannot be asked.
    pub csat: Rc<dyn Fn(&str) -> Option<(Arc<Form>, Env)>>,
}
