//! What every question's view starts from: its words in the widget's locale, the ids
//! of its parts, its `aria-describedby`, and the heading of a question drawn as a group.

use leptos::prelude::*;

use crate::core::question::{Question, QuestionType};

use super::widget_state::expect_widget;

/// The ids of a question's parts. Every widget has its own shadow root, so they
/// only need to be unique within one form.
pub struct Ids {
    pub title: String,
    pub error: String,
    pub description: String,
    pub input: String,
    pub labels: String,
}

pub fn ids(question: &Question) -> Ids {
    let id = |part: &str| format!("seda-{}-{part}", question.id);
    Ids { title: id("title"), error: id("error"), description: id("description"), input: id("input"), labels: id("labels") }
}

/// The question's title and description, in the widget's locale, with `{name}`
/// filled in from hidden fields and earlier answers.
pub struct Words {
    pub title: String,
    pub description: Option<String>,
    /// "(optional)" after the title of a question that may be skipped.
    pub optional: Option<&'static str>,
}

pub fn words(question: &Question) -> Words {
    let widget = expect_widget();
    let optional = !question.required && question.required_if.is_none() && question.takes_answer() && question.question_type() != QuestionType::Consent;
    Words {
        title: widget.text(&question.title),
        description: question.description.as_ref().map(|description| widget.text(description)),
        optional: optional.then_some(widget.strings().optional),
    }
}

/// What every field view starts from: the question's words, the ids of its parts and
/// its `aria-describedby`.
pub struct Parts {
    pub words: Words,
    pub ids: Ids,
    pub described_by: String,
}

pub fn parts(question: &Question) -> Parts {
    Parts { words: words(question), ids: ids(question), described_by: described_by(question) }
}

/// `aria-describedby`: the description (when there is one) and the error.
pub fn described_by(question: &Question) -> String {
    let ids = ids(question);
    if question.description.is_some() { format!("{} {}", ids.description, ids.error) } else { ids.error }
}

/// The heading of a question drawn as a group (a scale, a list of choices): the
/// legend that names the group, "(optional)" and the description.
#[component]
pub fn GroupHeading(
    /// The question's words in the widget's locale.
    words: Words,
    /// The ids of the question's parts.
    ids: Ids,
) -> impl IntoView {
    view! {
        <legend class="seda-legend">
            <h2 class="seda-title" id=ids.title tabindex="-1">{words.title}</h2>
        </legend>
        {words.optional.map(|optional| view! { <span class="seda-optional">{optional}</span> })}
        {words.description.map(|description| view! { <p class="seda-description" id=ids.description>{description}</p> })}
    }
}
