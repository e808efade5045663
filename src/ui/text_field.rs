//! One-line or multi-line text, and email.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::form::{Question, QuestionType};
use crate::core::validate::max_chars;

use super::question::{words, ERROR_ID};
use super::widget::expect_widget;

#[component]
pub fn TextField(
    /// A `text` or `email` question.
    question: Question,
    /// Whether the step shows an error for this answer.
    invalid: Signal<bool>,
) -> impl IntoView {
    let w = expect_widget();
    let words = words(&question);
    let placeholder = question.placeholder.as_ref().map(|p| w.text(p));
    let max = max_chars(&question).to_string();
    let required = question.required;
    let email = question.kind == QuestionType::Email;
    let multiline = question.multiline;
    // The field starts with the stored answer (after Back) and is then the visitor's:
    // what they type is stored tidied, but never rewritten under their cursor.
    let initial = w.session.with_untracked(|s| s.answer(&question.id).and_then(Answer::as_text).unwrap_or_default().to_owned());
    let q = Arc::new(question);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        w.session.update(|s| s.set_answer(&q, Some(Answer::Text(value))));
    };
    let described_by = if words.description.is_some() { format!("seda-description {ERROR_ID}") } else { ERROR_ID.to_owned() };
    let aria_invalid = move || invalid.get().then_some("true");
    let field = if multiline {
        view! {
            <textarea
                id="seda-input"
                class="seda-input seda-input--long"
                rows="4"
                maxlength=max
                placeholder=placeholder
                aria-required=required.then_some("true")
                aria-invalid=aria_invalid
                aria-describedby=described_by
                prop:value=initial
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id="seda-input"
                class="seda-input"
                type=if email { "email" } else { "text" }
                autocomplete=if email { "email" } else { "off" }
                dir=email.then_some("ltr")
                maxlength=max
                placeholder=placeholder
                aria-required=required.then_some("true")
                aria-invalid=aria_invalid
                aria-describedby=described_by
                prop:value=initial
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="seda-field">
            <h2 class="seda-title" tabindex="-1">
                <label for="seda-input">{words.title}</label>
            </h2>
            {words.optional.map(|o| view! { <span class="seda-optional">{o}</span> })}
            {words.description.map(|d| view! { <p class="seda-description" id="seda-description">{d}</p> })}
            {field}
        </div>
    }
}
