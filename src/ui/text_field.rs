//! Typed answers (text, email, phone, number, date) and the consent checkbox.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{Question, QuestionKind};
use crate::core::validate::max_chars;

use super::erased::{erase, handler, reactive, Reactive};
use super::question_parts::{aria_required, optional_mark, parts, Parts};
use super::widget_state::expect_widget;

/// The input's `type`, `inputmode`, `autocomplete` and direction for a question type.
/// Numbers are typed in a text box (with a numeric keyboard) so Persian digits and a
/// decimal comma are accepted as written.
fn input_kind(question: &Question) -> (&'static str, Option<&'static str>, &'static str, Option<&'static str>) {
    match &question.kind {
        QuestionKind::Email(_) => ("email", None, "email", Some("ltr")),
        QuestionKind::Phone(_) => ("tel", None, "tel", Some("ltr")),
        QuestionKind::Number(number) => ("text", Some(if number.decimals > 0 { "decimal" } else { "numeric" }), "off", None),
        QuestionKind::Date(_) => ("date", None, "off", None),
        QuestionKind::Datetime => ("datetime-local", None, "off", None),
        // Typed text runs in the direction of what is typed (Persian or Latin).
        _ => ("text", None, "off", Some("auto")),
    }
}

#[component]
pub fn TextField(
    /// A `text`, `email`, `phone`, `number` or `date` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let Parts { words, ids, described_by } = parts(&question);
    let placeholder = question.placeholder().map(|placeholder| widget.text(placeholder));
    let max = matches!(question.kind, QuestionKind::Text(_) | QuestionKind::Email(_) | QuestionKind::Phone(_)).then(|| max_chars(&question).to_string());
    let required = aria_required(&question);
    let multiline = question.multiline();
    let (kind, inputmode, autocomplete, dir) = input_kind(&question);
    // A date and time that has happened: the picker stops at now.
    let latest = (question.kind == QuestionKind::Datetime).then(|| widget.now_local()).flatten();
    // The field starts with the stored answer (after Back) and is then the visitor's:
    // what they type is stored tidied, but never rewritten under their cursor.
    let initial = widget.session.with_untracked(|session| match session.answer(&question.id) {
        Some(Answer::Text(t)) => t.clone(),
        Some(Answer::Number(n)) => n.to_string(),
        Some(Answer::Decimal(d)) => d.clone(),
        _ => String::new(),
    });
    let question = Arc::new(question);
    let on_input = handler(move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        widget.set_answer(&question, Some(Answer::Text(value)));
    });
    let input_id = ids.input.clone();
    let field = if multiline {
        erase(view! {
            <textarea
                id=input_id
                dir="auto"
                class="seda-input seda-input--long"
                rows="4"
                maxlength=max
                placeholder=placeholder
                aria-required=required
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=initial
                on:input=on_input
            ></textarea>
        })
    } else {
        erase(view! {
            <input
                id=input_id
                class="seda-input"
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                dir=dir
                maxlength=max
                max=latest
                placeholder=placeholder
                aria-required=required
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=initial
                on:input=on_input
            />
        })
    };
    view! {
        <div class="seda-field">
            <h2 class="seda-title" id=ids.title tabindex="-1">
                <label for=ids.input>{words.title}</label>
            </h2>
            {optional_mark(words.optional)}
            {words.description.map(|description| view! { <p class="seda-description" id=ids.description>{description}</p> })}
            {field}
        </div>
    }
}

/// A checkbox whose exact text, as shown, becomes the answer when it is ticked.
#[component]
pub fn Consent(
    /// A `consent` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let Parts { words, ids, described_by } = parts(&question);
    let required = question.required;
    let text = words.title.clone();
    let question = Arc::new(question);
    let q_read = question.clone();
    view! {
        <div class="seda-field seda-consent">
            <label class="seda-choice" id=ids.title tabindex="-1">
                <input
                    type="checkbox"
                    class="seda-choice__input"
                    aria-required=required.then_some("true")
                    aria-invalid=invalid
                    aria-describedby=described_by
                    prop:checked=reactive(move || widget.session.with(|session| session.answer(&q_read.id).is_some()))
                    on:change=handler(move |ev| {
                        let answer = event_target_checked(&ev).then(|| Answer::Text(text.clone()));
                        widget.set_answer(&question, answer);
                    })
                />
                <span>{words.title}</span>
            </label>
            {words.description.map(|description| view! { <p class="seda-description" id=ids.description>{description}</p> })}
        </div>
    }
}
