//! The state every view of one checklist shares ([`ChecklistState`], read with
//! [`expect_checklist`]), what a checklist needs from the browser edge
//! ([`ChecklistEnv`]), and each item's own share of the visit ([`ItemState`]). It
//! imports no view, so every checklist view can import it.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::checklist::Checklist;
use crate::core::checklist_text::ChecklistStrings;
use crate::core::form::Form;
use crate::core::i18n::{local_digits, Strings};
use crate::core::locale::language;
use crate::core::pairs::Pairs;
use crate::core::response::Meta;
use crate::core::score::{self, Scorecard};
use crate::core::text::Text;
use crate::core::visit::{Entry, Visit};

use super::env::{Env, SendResult};

/// A photo file made small, as a data URL (`None` when it cannot be read).
pub type ReadPhoto = Rc<dyn Fn(web_sys::File) -> Pin<Box<dyn Future<Output = Option<String>>>>>;

/// What a checklist needs from the browser edge besides the survey's [`Env`].
#[derive(Clone)]
pub struct ChecklistEnv {
    pub base: Env,
    /// The saved visit of this checklist (JSON), if there is one.
    pub saved: Option<String>,
    /// Keeps the visit in progress (JSON), or with `None` discards it; the function
    /// given is told whether it was stored (a later change may be stored instead).
    pub keep: Rc<dyn Fn(Option<String>, Rc<dyn Fn(bool)>)>,
    /// The page's URL query parameters (location, shopper and assignment ids).
    pub params: Pairs<String>,
    pub read_photo: ReadPhoto,
    /// Asks for the device's position; called only on the shopper's request.
    pub locate: Rc<dyn Fn(Rc<dyn Fn(Located)>)>,
}

/// What the browser answered when asked for the position.
pub enum Located {
    /// "lat,lon,accuracy_m".
    At(String),
    /// The shopper or the browser refused it for this site.
    Refused,
    /// No position could be found (no signal, a timeout, no geolocation at all).
    Unavailable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChecklistPhase {
    Answering,
    Sending,
    Failed,
    Done(SendResult),
}

/// One item's share of the visit: its entry and whether it fails. Each item's views read
/// only these, so an answer re-runs the answered item's views and the score, not a
/// check in each of the other items (a checklist may have 300).
#[derive(Clone, Copy)]
pub struct ItemState {
    pub entry: RwSignal<Option<Entry>>,
    pub failed: RwSignal<bool>,
}

/// Shared by every view of one checklist.
#[derive(Clone, Copy)]
pub struct ChecklistState {
    pub form: StoredValue<Arc<Form>>,
    pub locale: StoredValue<String>,
    /// The widget's and the checklist's strings in the locale, the form's over the built-in ones.
    pub words: StoredValue<(&'static Strings, &'static ChecklistStrings)>,
    pub visit: RwSignal<Visit>,
    pub card: Memo<Scorecard>,
    /// Each item's [`ItemState`], in the checklist's item order; see [`ChecklistState::update`].
    pub slots: StoredValue<Vec<ItemState>>,
    pub phase: RwSignal<ChecklistPhase>,
    /// The last save of the visit on the device failed.
    pub unsaved: RwSignal<bool>,
    /// The id of an item's part (its title or comment box) to focus once its section is on
    /// screen (from the review's links).
    pub focus_item: StoredValue<Option<String>>,
    pub env: StoredValue<ChecklistEnv, LocalStorage>,
}

/// The state of the checklist this view is in.
pub fn expect_checklist() -> ChecklistState {
    expect_context::<ChecklistState>()
}

impl ChecklistState {
    /// The checklist's own strings in the widget's locale.
    pub fn labels(&self) -> &'static ChecklistStrings {
        self.words.get_value().1
    }

    /// The widget's strings in the locale (a send's failure, the thanks, a number's error).
    pub fn strings(&self) -> &'static Strings {
        self.words.get_value().0
    }

    pub fn with_checklist<T>(&self, read: impl FnOnce(&Checklist) -> T) -> T {
        self.form.with_value(|form| read(form.checklist.as_deref().expect("a checklist form")))
    }

    pub fn text(&self, text: &Text) -> String {
        let locale = self.locale.read_value();
        self.form.with_value(|form| text.get(&locale, &form.locale).to_owned())
    }

    pub fn digits(&self, number: &str) -> String {
        local_digits(&self.locale.read_value(), number)
    }

    /// A percentage in hundredths for display: rounded to a whole percent.
    pub fn percent(&self, hundredths: Option<i64>) -> String {
        match hundredths {
            Some(hundredths) => {
                let whole = self.digits(&(hundredths + 50).div_euclid(100).to_string());
                if matches!(language(&self.locale.read_value()), "fa" | "ar") { format!("{whole}٪") } else { format!("{whole} %") }
            }
            None => self.labels().no_score.to_owned(),
        }
    }

    pub fn now(&self) -> String {
        self.env.with_value(|env| (env.base.now)())
    }

    /// How the submitted visit fared, kept up to date as the outbox settles a queued one.
    pub fn fate(&self) -> impl Fn() -> SendResult + Copy {
        let phase = self.phase;
        move || match phase.get() {
            ChecklistPhase::Done(result) => result,
            _ => SendResult::Queued,
        }
    }

    /// The clock time of an RFC 3339 stamp in the shopper's time zone; "not yet" for none.
    pub fn clock(&self, at: &str) -> String {
        if at.is_empty() {
            return self.labels().not_yet.to_owned();
        }
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
        let locale = self.locale.get_value();
        String::from(date.to_locale_time_string(&locale))
    }

    /// Changes the visit's answers, comments or photos; the first answer also records the
    /// time in, if not yet done. The items whose entry or failure changed are told.
    pub fn update(&self, change: impl FnOnce(&mut Visit)) {
        let now = self.now();
        self.visit.update(|visit| {
            change(visit);
            if visit.record.time_in.is_empty() && !visit.entries.is_empty() {
                visit.record.time_in = now;
            }
        });
        let failed: Vec<bool> = self.card.with_untracked(|card| card.items.iter().map(|item| item.failed).collect());
        self.visit.with_untracked(|visit| {
            self.slots.with_value(|slots| {
                self.with_checklist(|checklist| {
                    for ((item, slot), failed) in checklist.items().zip(slots).zip(failed) {
                        let entry = visit.entry(&item.id);
                        if slot.entry.with_untracked(|shown| shown.as_ref() != entry) {
                            slot.entry.set(entry.cloned());
                        }
                        if slot.failed.get_untracked() != failed {
                            slot.failed.set(failed);
                        }
                    }
                })
            })
        });
    }

    /// Goes to screen `to` (0 the visit details, then the sections, then the review).
    pub fn go(&self, to: usize) {
        self.visit.update(|visit| visit.section = to);
    }

    /// Closes the visit (its time out, if not recorded) and sends its report.
    pub fn submit(self) {
        let form = self.form.get_value();
        let now = self.now();
        self.visit.update(|visit| {
            if visit.record.time_out.is_empty() {
                visit.record.time_out = now.clone();
            }
        });
        let (meta, hidden) = self.env.with_value(|env| {
            let started_at = self.visit.with_untracked(|visit| visit.started_at.clone());
            (Meta { started_at, submitted_at: now, locale: self.locale.get_value(), page_url: env.base.page_url.clone() }, env.base.hidden.clone())
        });
        let Some(response) = self.visit.with_untracked(|visit| score::response(&form, visit, meta)) else { return };
        let response = response.with_hidden(&form, &hidden);
        let (deliver, keep) = self.env.with_value(|env| (env.base.deliver.clone(), env.keep.clone()));
        self.phase.set(ChecklistPhase::Sending);
        spawn_local(async move {
            let result = deliver(response).await;
            match result {
                SendResult::Failed(_) => self.phase.set(ChecklistPhase::Failed),
                done => {
                    keep(None, Rc::new(|_| {}));
                    if done == SendResult::Queued {
                        let id = self.visit.with_untracked(|visit| visit.response_id.clone());
                        let follow = self.env.with_value(|env| env.base.follow_delivery.clone());
                        follow(&id, Rc::new(move |settled| self.phase.set(ChecklistPhase::Done(settled))));
                    }
                    self.phase.set(ChecklistPhase::Done(done));
                }
            }
        });
    }
}

