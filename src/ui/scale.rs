//! NPS and rating scales: a radio group of numbers with words under the ends.
//! Native radios give arrow-key movement and screen-reader semantics for free.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::form::{Question, NPS_SCALE};

use super::question::{words, GroupHeading, ERROR_ID};
use super::widget::expect_widget;

#[component]
pub fn Scale(
    /// An `nps` or `rating` question.
    question: Question,
    /// Whether the step shows an error for this answer.
    invalid: Signal<bool>,
) -> impl IntoView {
    let w = expect_widget();
    let words = words(&question);
    let scale = question.scale().unwrap_or(NPS_SCALE);
    let labels = question.labels.as_ref().map(|l| (w.text(&l.min), w.text(&l.max)));
    let has_labels = labels.is_some();
    let required = question.required;
    let q = Arc::new(question);
    let options = (scale.min..=scale.max)
        .map(|n| {
            let (q_read, q_write) = (q.clone(), q.clone());
            view! {
                <label class="seda-scale__option">
                    <input
                        type="radio"
                        class="seda-sr-only"
                        name=q.id.clone()
                        value=n.to_string()
                        prop:checked=move || w.session.with(|s| s.answer(&q_read.id).and_then(Answer::as_number) == Some(n))
                        on:change=move |_| w.session.update(|s| s.set_answer(&q_write, Some(Answer::Number(n))))
                    />
                    <span class="seda-scale__point">{n}</span>
                </label>
            }
        })
        .collect_view();
    let described_by = if has_labels { format!("seda-labels {ERROR_ID}") } else { ERROR_ID.to_owned() };
    view! {
        <fieldset
            class="seda-field seda-scale"
            role="radiogroup"
            aria-labelledby="seda-title"
            aria-describedby=described_by
            aria-required=required.then_some("true")
            aria-invalid=move || invalid.get().then_some("true")
        >
            <GroupHeading words=words />
            <div class="seda-scale__options">{options}</div>
            {labels.map(|(min, max)| view! {
                <div class="seda-scale__labels" id="seda-labels">
                    <span>{min}</span>
                    <span>{max}</span>
                </div>
            })}
        </fieldset>
    }
}
