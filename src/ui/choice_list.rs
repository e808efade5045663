//! Single choice (radios), multiple choice (checkboxes), a drop-down list, and yes/no.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{Choice, Question, QuestionKind, OTHER};

use super::erased::{handler, reactive, Reactive};
use super::option::{choice_option, OptionInput};
use super::question_parts::{GroupHeading, Parts, optional_mark, parts};
use super::widget_state::expect_widget;

/// The choices in the order shown: the form's, or shuffled (the same order for
/// the whole response, so Back does not reshuffle) with "Other" last.
fn ordered(question: &Question, seed: &str) -> Vec<Choice> {
    let mut list = question.choices().to_vec();
    if matches!(&question.kind, QuestionKind::Choice(choice) if choice.shuffle) {
        // xorshift seeded from the response id: varied across visitors, stable for one.
        let mut state = seed.bytes().fold(0x9e37_79b9_7f4a_7c15_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)) | 1;
        for i in (1..list.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            list.swap(i, (state % (i as u64 + 1)) as usize);
        }
    }
    list
}

/// The label of a question's "Other" option, when it has one.
fn other_label(question: &Question) -> Option<String> {
    let widget = expect_widget();
    question.other().map(|label| label.map_or(widget.strings().other.to_owned(), |label| widget.text(label)))
}

/// The text box for "Other", shown while "Other" is picked.
fn other_box(question: Arc<Question>, label: String, id: String) -> impl IntoView {
    let widget = expect_widget();
    let (q_show, q_write) = (question.clone(), question.clone());
    let shown = move || widget.session.with(|session| session.answer(&q_show.id).is_some_and(|answer| answer.picks(OTHER)));
    let initial = widget.session.with_untracked(|session| session.other_text(&question).unwrap_or_default().to_owned());
    let placeholder = widget.strings().other_placeholder;
    move || {
        let (q_write, initial, id) = (q_write.clone(), initial.clone(), id.clone());
        shown().then(|| view! {
            <input
                id=id
                class="seda-input seda-other"
                type="text"
                maxlength="500"
                aria-label=label.clone()
                placeholder=placeholder
                prop:value=initial
                on:input=handler(move |ev| widget.session.update(|session| session.set_other(&q_write, &event_target_value(&ev))))
            />
        })
    }
}

#[component]
pub fn ChoiceList(
    /// A `choice` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let Parts { words, ids, described_by } = parts(&question);
    let title_id = ids.title.clone();
    let other_id = format!("{}-other", ids.input);
    let multiple = question.multiple();
    let required = question.required;
    let mut choices = ordered(&question, &widget.response_id());
    let other_label = other_label(&question);
    if let Some(label) = &other_label {
        choices.push(Choice { id: OTHER.to_owned(), label: crate::core::text::Text::Plain(label.clone()) });
    }
    let question = Arc::new(question);
    let options = choices
        .iter()
        .map(|choice| {
            let (q_read, q_write) = (question.clone(), question.clone());
            let (id_read, id_write) = (choice.id.clone(), choice.id.clone());
            let toggle = move |checked: bool| {
                let answer = if multiple {
                    let mut picked = match widget.answer(&q_write.id) {
                        Some(Answer::Choices(list)) => list,
                        _ => Vec::new(),
                    };
                    picked.retain(|choice| *choice != id_write);
                    if checked {
                        picked.push(id_write.clone());
                    }
                    Answer::Choices(picked)
                } else {
                    Answer::Text(id_write.clone())
                };
                widget.set_answer(&q_write, Some(answer));
            };
            let input = OptionInput {
                kind: if multiple { "checkbox" } else { "radio" },
                class: "seda-choice__input",
                name: question.id.clone(),
                value: choice.id.clone(),
                label: None,
                checked: reactive(move || widget.session.with(|session| session.answer(&q_read.id).is_some_and(|answer| answer.picks(&id_read)))),
                on_change: Rc::new(toggle),
            };
            choice_option(input, widget.text(&choice.label))
        })
        .collect_view();
    let other_box = other_label.map(|label| other_box(question.clone(), label, other_id));
    view! {
        <fieldset
            class="seda-field seda-choices"
            role=(!multiple).then_some("radiogroup")
            aria-labelledby=title_id
            aria-describedby=described_by
            aria-required=(required && !multiple).then_some("true")
            aria-invalid=invalid
        >
            <GroupHeading words=words ids=ids />
            <div class="seda-choices__list">{options}</div>
            {other_box}
        </fieldset>
    }
}

#[component]
pub fn YesNo(
    /// A `yes_no` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let Parts { words, ids, described_by } = parts(&question);
    let title_id = ids.title.clone();
    let required = question.required;
    let question = Arc::new(question);
    let options = [(true, strings.yes), (false, strings.no)]
        .into_iter()
        .map(|(value, label)| {
            let (q_read, q_write) = (question.clone(), question.clone());
            let input = OptionInput {
                kind: "radio",
                class: "seda-choice__input",
                name: question.id.clone(),
                value: (if value { "yes" } else { "no" }).to_owned(),
                label: None,
                checked: reactive(move || widget.session.with(|session| session.answer(&q_read.id) == Some(&Answer::Bool(value)))),
                on_change: Rc::new(move |_| widget.set_answer(&q_write, Some(Answer::Bool(value)))),
            };
            choice_option(input, label.to_owned())
        })
        .collect_view();
    view! {
        <fieldset
            class="seda-field seda-choices seda-yes-no"
            role="radiogroup"
            aria-labelledby=title_id
            aria-describedby=described_by
            aria-required=required.then_some("true")
            aria-invalid=invalid
        >
            <GroupHeading words=words ids=ids />
            <div class="seda-choices__list seda-choices__list--row">{options}</div>
        </fieldset>
    }
}

#[component]
pub fn Dropdown(
    /// A `dropdown` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let Parts { words, ids, described_by } = parts(&question);
    let placeholder = question.placeholder().map_or(widget.strings().choose.to_owned(), |placeholder| widget.text(placeholder));
    let picked = widget.session.with_untracked(|session| session.answer(&question.id).and_then(Answer::as_text).map(str::to_owned));
    let options = question
        .choices()
        .iter()
        .map(|choice| {
            let selected = picked.as_deref() == Some(choice.id.as_str());
            view! { <option value=choice.id.clone() selected=selected>{widget.text(&choice.label)}</option> }
        })
        .collect_view();
    let required = question.required;
    let other = other_label(&question);
    let other_option = other.clone().map(|label| view! { <option value=OTHER selected=picked.as_deref() == Some(OTHER)>{label}</option> });
    let other_id = format!("{}-other", ids.input);
    let question = Arc::new(question);
    let other_box = other.map(|label| other_box(question.clone(), label, other_id));
    view! {
        <div class="seda-field">
            <h2 class="seda-title" id=ids.title tabindex="-1">
                <label for=ids.input.clone()>{words.title}</label>
            </h2>
            {optional_mark(words.optional)}
            {words.description.map(|description| view! { <p class="seda-description" id=ids.description>{description}</p> })}
            <select
                id=ids.input
                class="seda-input seda-select"
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=described_by
                on:change=handler(move |ev| {
                    let value = event_target_value(&ev);
                    widget.set_answer(&question, (!value.is_empty()).then_some(Answer::Text(value)));
                })
            >
                <option value="" selected=picked.is_none()>{placeholder}</option>
                {options}
                {other_option}
            </select>
            {other_box}
        </div>
    }
}
