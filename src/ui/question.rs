//! Picks the view for a question's type.

use leptos::prelude::*;

use crate::core::form::{Question as QuestionDef, QuestionType};

use super::choice_list::ChoiceList;
use super::scale::Scale;
use super::text_field::TextField;
use super::widget::expect_widget;

/// Each field's error message lives in the step's `#seda-error`.
pub const ERROR_ID: &str = "seda-error";

/// The question's title and description, in the widget's locale.
pub struct Words {
    pub title: String,
    pub description: Option<String>,
    /// "(optional)" after the title of a question that may be skipped.
    pub optional: Option<&'static str>,
}

pub fn words(q: &QuestionDef) -> Words {
    let w = expect_widget();
    Words {
        title: w.text(&q.title),
        description: q.description.as_ref().map(|d| w.text(d)),
        optional: (!q.required).then_some(w.strings().optional),
    }
}

#[component]
pub fn Question(
    /// The question on this step.
    question: QuestionDef,
    /// Whether the step shows an error for this question's answer.
    invalid: Signal<bool>,
) -> impl IntoView {
    match question.kind {
        QuestionType::Nps | QuestionType::Rating => view! { <Scale question=question invalid=invalid /> }.into_any(),
        QuestionType::Choice => view! { <ChoiceList question=question invalid=invalid /> }.into_any(),
        QuestionType::Text | QuestionType::Email => view! { <TextField question=question invalid=invalid /> }.into_any(),
    }
}

/// The heading of a question drawn as a group (a scale, a list of choices): the
/// legend that names the group, "(optional)" and the description.
#[component]
pub fn GroupHeading(
    /// The question's words in the widget's locale.
    words: Words,
) -> impl IntoView {
    view! {
        <legend class="seda-legend">
            <h2 class="seda-title" id="seda-title" tabindex="-1">{words.title}</h2>
        </legend>
        {words.optional.map(|o| view! { <span class="seda-optional">{o}</span> })}
        {words.description.map(|d| view! { <p class="seda-description">{d}</p> })}
    }
}
