//! The whole widget: the steps of a form, then the thank-you screen.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::form::Form;

use super::env::Env;
use super::erased::erase;
use super::frame::Frame;
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
    let label = title.clone().unwrap_or_else(|| strings.thank_you.to_owned());
    view! {
        <Frame lang=locale.clone() floating=floating label=label on_close=on_close close_label=strings.close>
            {title.clone().map(|title| view! { <p class="seda-form-title">{title}</p> })}
            {move || match screen.get() {
                Screen::Resume => erase(view! { <Resume /> }),
                Screen::Done => erase(view! { <Thanks /> }),
                Screen::Step(_) => erase(view! { <Step /> }),
            }}
        </Frame>
    }
}
