//! One radio or checkbox of a group: the scale's points, the choices, yes/no and the
//! matrix cells all draw their input here, so the view code exists once.

use std::rc::Rc;

use leptos::prelude::*;
use super::erased::{handler, Reactive};


/// What an option input is and does.
pub struct OptionInput {
    /// `radio` or `checkbox`.
    pub kind: &'static str,
    pub class: &'static str,
    /// The group's name (radios with one name move together with the arrow keys).
    pub name: String,
    pub value: String,
    /// `aria-label`, for an input with no `<label>` around it (a matrix cell).
    pub label: Option<String>,
    /// Whether the answer picks this option.
    pub checked: Reactive<bool>,
    /// Called with the input's new `checked` when the visitor changes it.
    pub on_change: Rc<dyn Fn(bool)>,
}

pub fn option_input(option: OptionInput) -> impl IntoView {
    let on_change = option.on_change;
    view! {
        <input
            type=option.kind
            class=option.class
            name=option.name
            value=option.value
            aria-label=option.label
            prop:checked=option.checked
            on:change=handler(move |ev| on_change(event_target_checked(&ev)))
        />
    }
}

/// A labelled choice: the input and its words, as in a list of choices or yes/no.
pub fn choice_option(option: OptionInput, words: String) -> impl IntoView {
    view! {
        <label class="seda-choice">
            {option_input(option)}
            <span>{words}</span>
        </label>
    }
}
