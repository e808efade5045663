//! Single choice (radios) or multiple choice (checkboxes).

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::form::Question;

use super::question::{words, GroupHeading, ERROR_ID};
use super::widget::expect_widget;

#[component]
pub fn ChoiceList(
    /// A `choice` question.
    question: Question,
    /// Whether the step shows an error for this answer.
    invalid: Signal<bool>,
) -> impl IntoView {
    let w = expect_widget();
    let words = words(&question);
    let multiple = question.multiple;
    let required = question.required;
    let q = Arc::new(question);
    let options = q
        .choices()
        .iter()
        .map(|choice| {
            let (q_read, q_write) = (q.clone(), q.clone());
            let (id_read, id_write) = (choice.id.clone(), choice.id.clone());
            let toggle = move |ev: leptos::ev::Event| {
                let checked = event_target_checked(&ev);
                w.session.update(|s| {
                    let answer = if multiple {
                        let mut picked = match s.answer(&q_write.id) {
                            Some(Answer::Choices(list)) => list.clone(),
                            _ => Vec::new(),
                        };
                        picked.retain(|c| *c != id_write);
                        if checked {
                            picked.push(id_write.clone());
                        }
                        Answer::Choices(picked)
                    } else {
                        Answer::Text(id_write.clone())
                    };
                    s.set_answer(&q_write, Some(answer));
                });
            };
            view! {
                <label class="seda-choice">
                    <input
                        type=if multiple { "checkbox" } else { "radio" }
                        class="seda-choice__input"
                        name=q.id.clone()
                        value=choice.id.clone()
                        prop:checked=move || w.session.with(|s| s.answer(&q_read.id).is_some_and(|a| a.picks(&id_read)))
                        on:change=toggle
                    />
                    <span>{w.text(&choice.label)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="seda-field seda-choices"
            role=(!multiple).then_some("radiogroup")
            aria-labelledby="seda-title"
            aria-describedby=ERROR_ID
            aria-required=(required && !multiple).then_some("true")
            aria-invalid=move || invalid.get().then_some("true")
        >
            <GroupHeading words=words />
            <div class="seda-choices__list">{options}</div>
        </fieldset>
    }
}
