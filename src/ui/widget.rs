//! The whole widget: the steps of a form, then the thank-you screen.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::form::Form;

use super::env::Env;
use super::erased::{erase, handler};
use super::resume::Resume;
use super::step::Step;
use super::thanks::Thanks;
use super::widget_state::{Phase, WidgetState};

/// What fills the card; a new value redraws it. (How a response fared is not part of
/// it: the thanks screen follows it in [`Phase::Done`] without being drawn again.)
#[derive(Clone, Debug, PartialEq, Eq)]
enum Screen {
    Resume,
    Step(usize),
    Done,
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
    let on_close = env.on_close.clone();
    let state = WidgetState::new(form.clone(), locale.clone(), env);
    let dir = state.dir();
    // Every change is kept at once, so a reload or a closed tab loses nothing. The
    // first run only subscribes: the session as shown is not a change.
    Effect::new(move |ran_before: Option<()>| state.session.with(|session| if ran_before.is_some() { state.keep_draft(session) }));
    provide_context(state);
    let strings = state.strings();
    let title = form.title.as_ref().map(|title| state.text(title));
    let screen = Memo::new(move |_| match state.phase.get() {
        Phase::Resuming => Screen::Resume,
        Phase::Done(_) => Screen::Done,
        _ => Screen::Step(state.session.with(|session| session.page())),
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
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
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
                {title.clone().map(|title| view! { <p class="seda-form-title">{title}</p> })}
                {move || match screen.get() {
                    Screen::Resume => erase(view! { <Resume /> }),
                    Screen::Done => erase(view! { <Thanks /> }),
                    Screen::Step(_) => erase(view! { <Step /> }),
                }}
            </div>
        </div>
    }
}
