//! The whole widget: the steps of a form, then the thank-you screen.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::answer::Answer;
use crate::core::draft::Draft;
use crate::core::form::Form;
use crate::core::i18n::{self, is_rtl};
use crate::core::locale::language;
use crate::core::response::{Meta, Response};
use crate::core::session::Session;
use crate::core::text::{pipe, Text};

use super::erased::built;
use super::resume::Resume;
use super::step::Step;
use super::thanks::Thanks;
use super::{handler, Env, SendResult};

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

/// What fills the card; a new value redraws it. (How a response fared is not part of
/// it: the thanks screen follows it in [`Phase::Done`] without being drawn again.)
#[derive(Clone, Debug, PartialEq, Eq)]
enum Screen {
    Resume,
    Step(usize),
    Done,
}

/// Shared by every view of one widget.
#[derive(Clone, Copy)]
pub struct WidgetState {
    pub form: StoredValue<Arc<Form>>,
    pub locale: StoredValue<String>,
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
    pub fn strings(&self) -> &'static i18n::Strings {
        i18n::strings(&self.locale.read_value())
    }

    /// A form's text in the widget's locale (the form's own locale as fallback), with
    /// `{name}` filled in from a hidden field or an earlier answer. It stays text:
    /// nothing in it is ever read as HTML.
    pub fn text(&self, text: &Text) -> String {
        let locale = self.locale.read_value();
        self.form.with_value(|f| {
            let s = text.get(&locale, &f.locale);
            if !s.contains('{') {
                return s.to_owned();
            }
            self.session.with_untracked(|session| pipe(s, |name| session.pipe_value(f, &locale, name)))
        })
    }

    /// Digits as the locale writes them (Persian digits in Persian).
    pub fn digits(&self, s: &str) -> String {
        if language(&self.locale.read_value()) == "fa" { i18n::persian_digits(s) } else { s.to_owned() }
    }

    /// The stored answer to a question, untracked (to build on it in a handler).
    pub fn answer(self, question_id: &str) -> Option<crate::core::answer::Answer> {
        self.session.with_untracked(|s| s.answer(question_id).cloned())
    }

    /// Stores (or with `None` clears) the answer to a question.
    pub fn set_answer(self, q: &crate::core::question::Question, answer: Option<crate::core::answer::Answer>) {
        self.session.update(|s| s.set_answer(q, answer));
    }

    pub fn response_id(&self) -> String {
        self.identity.get_value().0
    }

    /// The visitor's local time when the form was shown, `YYYY-MM-DDTHH:MM`.
    pub fn now_local(&self) -> Option<String> {
        self.env.with_value(|env| env.now_local.clone())
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
            follow(&self.response_id(), std::rc::Rc::new(move |r| self.phase.set(Phase::Done(r))));
        }
    }

    /// Opens another form in this one's place, when the edge can (a survey's complaint offer).
    pub fn open_form(&self) -> Option<std::rc::Rc<dyn Fn(&str, crate::core::pairs::Pairs<String>)>> {
        self.env.with_value(|env| env.open_form.clone())
    }

    /// Builds the response from the answers and hands it to the edge.
    /// Tells the page (`seda:answer`) the answers given on `page`, as the visitor moves on.
    pub fn report_answers(self, page: usize) {
        let form = self.form.get_value();
        let answers: Vec<(String, Answer)> = self.session.with_untracked(|s| {
            s.visible(&form, page).into_iter().filter_map(|q| Some((q.id.clone(), s.answer(&q.id)?.clone()))).collect()
        });
        self.env.with_value(|env| answers.iter().for_each(|(id, a)| (env.on_answer)(id, a)));
    }

    pub fn submit(self) {
        let form = self.form.get_value();
        let (id, started_at) = self.identity.get_value();
        let response = self.env.with_value(|env| {
            let meta = Meta { started_at, submitted_at: (env.now)(), locale: self.locale.get_value(), page_url: env.page_url.clone() };
            self.session.with_untracked(|s| Response::new(id, &form, s.final_answers(&form), meta).with_hidden(&form, s.hidden()))
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
            let hidden = self.session.with_untracked(|s| s.hidden().clone());
            let mut session = Session::resume(&form, draft.path, draft.answers, hidden);
            if let Some(today) = self.env.with_value(|env| env.today) {
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
    fn keep_draft(self, session: &Session) {
        if session.answers().is_empty() {
            return;
        }
        let (response_id, started_at) = self.identity.get_value();
        let form = self.form.get_value();
        // Attached files are not kept in a draft: localStorage is small and synchronous.
        let answers = session.answers().iter().filter(|(_, a)| !matches!(a, Answer::Files(_))).map(|(k, a)| (k, a.clone())).collect();
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

pub fn expect_widget() -> WidgetState {
    expect_context::<WidgetState>()
}

/// One form, rendered in its locale, in a card or inline.
#[component]
pub fn Widget(
    /// The checked form definition.
    form: Arc<Form>,
    /// The locale to show, already chosen from the embed, page and browser.
    locale: String,
    /// The edge: delivery, clock and closing.
    env: Env,
    /// Fixed to the corner of the viewport (otherwise inline in the page).
    #[prop(optional)]
    floating: bool,
) -> impl IntoView {
    let dir = if is_rtl(&locale) { "rtl" } else { "ltr" };
    let on_close = env.on_close.clone();
    let first_phase = if env.draft.is_some() { Phase::Resuming } else { Phase::Answering };
    let mut session = Session::new(&form, env.hidden.clone());
    if let Some(today) = env.today {
        session.set_today(today);
    }
    if let Some(now) = &env.now_local {
        session.set_now(&form, now);
    }
    let state = WidgetState {
        form: StoredValue::new(form.clone()),
        locale: StoredValue::new(locale.clone()),
        session: RwSignal::new(session),
        phase: RwSignal::new(first_phase),
        interacted: StoredValue::new(false),
        identity: StoredValue::new((env.response_id.clone(), env.started_at.clone())),
        env: StoredValue::new_local(env),
    };
    // Every change is kept at once, so a reload or a closed tab loses nothing. The
    // first run only subscribes: the session as shown is not a change.
    Effect::new(move |ran_before: Option<()>| state.session.with(|s| if ran_before.is_some() { state.keep_draft(s) }));
    provide_context(state);
    let strings = state.strings();
    let title = form.title.as_ref().map(|t| state.text(t));
    let screen = Memo::new(move |_| match state.phase.get() {
        Phase::Resuming => Screen::Resume,
        Phase::Done(_) => Screen::Done,
        _ => Screen::Step(state.session.with(|s| s.page())),
    });
    let close = on_close.clone().map(|close| {
        view! {
            <button type="button" class="seda-close" aria-label=strings.close on:click=handler(move |_| close())>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" />
                </svg>
            </button>
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(close) = &on_close {
                close();
            }
        }
    };
    view! {
        <div
            class="seda-root"
            class:seda-floating=floating
            dir=dir
            lang=locale.clone()
            role=floating.then_some("dialog")
            aria-label=floating.then(|| title.clone().unwrap_or_else(|| strings.thank_you.to_owned()))
            on:keydown=on_keydown
        >
            <div class="seda-card">
                {close}
                {title.clone().map(|t| view! { <p class="seda-form-title">{t}</p> })}
                {move || match screen.get() {
                    Screen::Resume => built(view! { <Resume /> }),
                    Screen::Done => built(view! { <Thanks /> }),
                    Screen::Step(_) => built(view! { <Step /> }),
                }}
            </div>
        </div>
    }
}
