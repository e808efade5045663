//! NPS and rating scales: a radio group of numbers, stars or faces, with words under
//! the ends. Native radios give arrow-key movement and screen-reader semantics.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{Display, Question, QuestionKind, NPS_SCALE};
use crate::core::i18n::fill;

use super::erased::{erase, reactive, Reactive};
use super::option::{option_input, OptionInput};
use super::question_parts::{described_by, ids, words, GroupHeading};
use super::widget_state::expect_widget;

/// Mouths of the faces on a 5-point scale, worst to best (a 3-point scale uses the
/// 1st, 3rd and 5th). Drawn, not emoji: emoji fonts differ from phone to phone.
const MOUTHS: [&str; 5] = ["M8 17q4-4 8 0", "M8 16.5q4-2 8 0", "M8 16h8", "M8 15.5q4 2 8 0", "M7.5 14.5q4.5 4.5 9 0"];

#[component]
pub fn Scale(
    /// An `nps` or `rating` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let words = words(&question);
    let ids = ids(&question);
    let scale = question.scale().unwrap_or(NPS_SCALE);
    let labels = question.labels().map(|labels| (widget.text(&labels.min), widget.text(&labels.max)));
    let described_by = if labels.is_some() { format!("{} {}", ids.labels, described_by(&question)) } else { described_by(&question) };
    let labels_id = ids.labels.clone();
    let title_id = ids.title.clone();
    let required = question.required;
    let display = match &question.kind {
        QuestionKind::Rating(r) => r.display,
        _ => Display::Numbers,
    };
    let points = scale.max - scale.min + 1;
    let question = Arc::new(question);
    // The score picked, read where it is needed (a memo per scale costs more code than
    // the few comparisons it would save).
    let picked = move |question: &Question| widget.session.with(|session| session.answer(&question.id).and_then(Answer::as_number));
    let options = (scale.min..=scale.max)
        .map(|score| {
            let (q_read, q_write, q_star) = (question.clone(), question.clone(), question.clone());
            let mouth = MOUTHS[((score - scale.min) * if points == 3 { 2 } else { 1 }).clamp(0, 4) as usize];
            let drawn = match display {
                Display::Numbers => erase(view! { <span class="seda-scale__point">{widget.digits(&score.to_string())}</span> }),
                Display::Stars => erase(view! {
                    <span class="seda-scale__point seda-scale__point--star" class:seda-on=reactive(move || picked(&q_star).is_some_and(|chosen| chosen >= score))>
                        <span aria-hidden="true">"★"</span>
                        <span class="seda-sr-only">{fill(strings.stars, &[("n", score.to_string()), ("total", scale.max.to_string())])}</span>
                    </span>
                }),
                Display::Smileys => erase(view! {
                    <span class="seda-scale__point seda-scale__point--face">
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <circle cx="12" cy="12" r="10" />
                            <circle cx="8.5" cy="10" r="1.2" class="seda-eye" />
                            <circle cx="15.5" cy="10" r="1.2" class="seda-eye" />
                            <path d=mouth />
                        </svg>
                        <span class="seda-sr-only">{widget.digits(&score.to_string())}</span>
                    </span>
                }),
            };
            view! {
                <label class="seda-scale__option">
                    {option_input(OptionInput {
                        kind: "radio",
                        class: "seda-sr-only",
                        name: question.id.clone(),
                        value: score.to_string(),
                        label: None,
                        checked: reactive(move || picked(&q_read) == Some(score)),
                        on_change: Rc::new(move |_| widget.set_answer(&q_write, Some(Answer::Number(score)))),
                    })}
                    {drawn}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="seda-field seda-scale"
            class:seda-scale--icons=display != Display::Numbers
            role="radiogroup"
            aria-labelledby=title_id
            aria-describedby=described_by
            aria-required=required.then_some("true")
            aria-invalid=invalid
        >
            <GroupHeading words=words ids=ids />
            <div class="seda-scale__options">{options}</div>
            {labels.map(|(min, max)| view! {
                <div class="seda-scale__labels" id=labels_id>
                    <span>{min}</span>
                    <span>{max}</span>
                </div>
            })}
        </fieldset>
    }
}
