//! The state every view of one widget shares: the form, the locale, the session and
//! where the visitor is ([`Phase`]); provided by [`Widget`](super::widget::Widget) and
//! read with [`expect_widget`]. It imports no view, so every view can import it.

use std::rc::Rc;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::core::answer::Answer;
use crate::core::draft::Draft;
use crate::core::form::Form;
use crate::core::question::Question;
use crate::core::i18n;
use crate::core::pairs::Pairs;
use crate::core::response::{Meta, Response};
use crate::core::session::Session;
use crate::core::text::{pipe, Text};

use super::env::{Env, Pictures, SendResult};

/// Where the visitor is in the widget's life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// A draft was found: the visitor chooses to continue it or start over.
    Resuming,
    Answering,
    Sending,
    /// Sending failed; the answers are still on screen and "Try again" resends.
    Failed,
    /// The response is over [`MAX_RESPONSE_BYTES`](crate::core::response::MAX_RESPONSE_BYTES):
    /// nothing is stored or sent, and the visitor is asked to shorten the answers.
    TooLarge,
    Done(SendResult),
}

/// Shared by every view of one widget.
#[derive(Clone, Copy)]
pub struct WidgetState {
    pub form: StoredValue<Arc<Form>>,
    pub locale: StoredValue<String>,
    /// The widget's strings in the locale, the form's over the built-in ones.
    strings: StoredValue<&'static i18n::Strings>,
    pub session: RwSignal<Session>,
    pub phase: RwSignal<Phase>,
    /// Set by the first move the visitor makes: from then on each new step takes
    /// the focus (never before, so showing the widget does not steal it from the page).
    pub interacted: StoredValue<bool>,
    /// The response's id and start time: new, or the draft's when it is continued.
    identity: StoredValue<(String, String)>,
    env: StoredValue<Env, LocalStorage>,
}

impl WidgetState {
    /// The state of a widget showing `form` in `locale`, answered afresh (or, once the
    /// visitor says so, from `env`'s draft).
    pub fn new(form: Arc<Form>, locale: String, env: Env) -> Self {
        let first_phase = if env.draft.is_some() { Phase::Resuming } else { Phase::Answering };
        let mut session = Session::new(&form, env.hidden.clone());
        if let Some(today) = env.today {
            session.set_today(today);
        }
        if let Some(now) = &env.now_local {
            session.set_now(&form, now);
        }
        WidgetState {
            strings: StoredValue::new(form.strings.widget(&locale)),
            form: StoredValue::new(form),
            locale: StoredValue::new(locale),
            session: RwSignal::new(session),
            phase: RwSignal::new(first_phase),
            interacted: StoredValue::new(false),
            identity: StoredValue::new((env.response_id.clone(), env.started_at.clone())),
            env: StoredValue::new_local(env),
        }
    }

    pub fn strings(&self) -> &'static i18n::Strings {
        self.strings.get_value()
    }

    /// A form's text in the widget's locale (the form's own locale as fallback), with
    /// `{name}` filled in from a hidden field or an earlier answer. It stays text:
    /// nothing in it is ever read as HTML.
    pub fn text(&self, text: &Text) -> String {
        let locale = self.locale.read_value();
        self.form.with_value(|form| {
            let written = text.get(&locale, &form.locale);
            if !written.contains('{') {
                return written.to_owned();
            }
            self.session.with_untracked(|session| pipe(written, |name| session.pipe_value(form, &locale, name)))
        })
    }

    /// Digits as the locale writes them (Persian digits in Persian, Arabic-Indic in Arabic).
    pub fn digits(&self, number: &str) -> String {
        i18n::local_digits(&self.locale.read_value(), number)
    }

    /// The stored answer to a question, untracked (to build on it in a handler).
    pub fn answer(self, question_id: &str) -> Option<Answer> {
        self.session.with_untracked(|session| session.answer(question_id).cloned())
    }

    /// Stores (or with `None` clears) the answer to a question.
    pub fn set_answer(self, question: &Question, answer: Option<Answer>) {
        self.session.update(|session| session.set_answer(question, answer));
    }

    pub fn response_id(&self) -> String {
        self.identity.get_value().0
    }

    /// The visitor's local time when the form was shown, `YYYY-MM-DDTHH:MM`.
    pub fn now_local(&self) -> Option<String> {
        self.env.with_value(|env| env.now_local.clone())
    }

    /// Today on the visitor's calendar, in days since 1970-01-01.
    pub fn today(&self) -> Option<i64> {
        self.env.with_value(|env| env.today)
    }

    /// The browser's picture tools, for attachment questions (see [`Env::pictures`]).
    pub fn pictures(&self) -> Option<Pictures> {
        self.env.with_value(|env| env.pictures.clone())
    }

    /// The page URL the form is answered on.
    pub fn page_url(&self) -> String {
        self.env.with_value(|env| env.page_url.clone())
    }

    /// How the submitted response fared, kept up to date: a queued one is followed until
    /// the outbox settles it on this page.
    pub fn fate(&self) -> impl Fn() -> SendResult + Copy {
        let phase = self.phase;
        move || match phase.get() {
            Phase::Done(result) => result,
            _ => SendResult::Queued,
        }
    }

    /// Follows a queued response (see [`Self::fate`]).
    fn follow(self, result: &SendResult) {
        if *result == SendResult::Queued {
            let follow = self.env.with_value(|env| env.follow_delivery.clone());
            follow(&self.response_id(), Rc::new(move |settled| self.phase.set(Phase::Done(settled))));
        }
    }

    /// Opens another form in this one's place, when the edge can (a survey's complaint offer).
    pub fn open_form(&self) -> Option<Rc<dyn Fn(&str, Pairs<String>)>> {
        self.env.with_value(|env| env.open_form.clone())
    }

    /// Tells the page (`seda:answer`) the answers given on `page`, as the visitor moves on.
    pub fn report_answers(self, page: usize) {
        let form = self.form.get_value();
        let answers: Vec<(String, Answer)> = self.session.with_untracked(|session| {
            session.visible(&form, page).into_iter().filter_map(|question| Some((question.id.clone(), session.answer(&question.id)?.clone()))).collect()
        });
        self.env.with_value(|env| answers.iter().for_each(|(id, answer)| (env.on_answer)(id, answer)));
    }

    /// Builds the response from the answers and hands it to the edge.
    pub fn submit(self) {
        let form = self.form.get_value();
        let (id, started_at) = self.identity.get_value();
        let response = self.env.with_value(|env| {
            let meta = Meta { started_at, submitted_at: (env.now)(), locale: self.locale.get_value(), page_url: env.page_url.clone() };
            self.session.with_untracked(|session| Response::new(id, &form, session.final_answers(&form), meta).with_hidden(&form, session.hidden()))
        });
        if !response.fits() {
            return self.phase.set(Phase::TooLarge);
        }
        let deliver = self.env.with_value(|env| env.deliver.clone());
        self.phase.set(Phase::Sending);
        spawn_local(async move {
            let result = deliver(response).await;
            self.follow(&result);
            self.phase.set(match result {
                SendResult::Failed(_) => Phase::Failed,
                done => Phase::Done(done),
            });
        });
    }
}

impl WidgetState {
    /// Continues the saved draft: its answers, step and response id.
    pub fn resume(self) {
        if let Some(draft) = self.env.with_value(|env| env.draft.clone()) {
            let form = self.form.get_value();
            self.identity.set_value((draft.response_id, draft.started_at));
            let hidden = self.session.with_untracked(|session| session.hidden().clone());
            let mut session = Session::resume(&form, draft.path, draft.answers, hidden);
            if let Some(today) = self.today() {
                session.set_today(today);
            }
            if let Some(now) = self.now_local() {
                session.set_now(&form, &now);
            }
            self.session.set(session);
        }
        self.interacted.set_value(true);
        self.phase.set(Phase::Answering);
    }

    /// Drops the saved draft and starts afresh.
    pub fn start_over(self) {
        self.env.with_value(|env| (env.keep_draft)(None));
        self.interacted.set_value(true);
        self.phase.set(Phase::Answering);
    }

    /// Saves the form in progress (nothing while no question is answered).
    pub fn keep_draft(self, session: &Session) {
        if session.answers().is_empty() {
            return;
        }
        let (response_id, started_at) = self.identity.get_value();
        let form = self.form.get_value();
        // Attached files are not kept in a draft: localStorage is small and synchronous.
        let answers = session.answers().iter().filter(|(_, answer)| !matches!(answer, Answer::Files(_))).map(|(id, answer)| (id, answer.clone())).collect();
        self.env.with_value(|env| {
            (env.keep_draft)(Some(Draft {
                form_id: form.id.clone(),
                form_version: form.version,
                response_id,
                started_at,
                path: session.path().to_vec(),
                answers,
                saved_at: (env.now)(),
            }))
        });
    }
}

impl WidgetState {
    /// Moves focus to the first `.seda-title` inside `node` once it is on the page, if
    /// the visitor has already interacted (so screen readers hear the new screen).
    pub fn focus_title_when_mounted<E>(self, node: NodeRef<E>)
    where
        E: html::ElementType,
        E::Output: JsCast + Clone + 'static,
    {
        Effect::new(move |_| {
            let Some(element) = node.get() else { return };
            let element: &web_sys::Element = element.unchecked_ref();
            if self.interacted.get_value() {
                if let Ok(Some(title)) = element.query_selector(".seda-title") {
                    let _ = title.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        });
    }
}

/// The state of the widget this view is in.
pub fn expect_widget() -> WidgetState {
    expect_context::<WidgetState>()
}

