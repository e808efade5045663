//! What every question's view starts from: its words in the widget's locale, the ids
//! of its parts, its `aria-describedby`, and the heading of a question drawn as a group.

use leptos::prelude::*;

use crate::core::question::{Question, QuestionType};

use super::erased::{reactive, Reactive};
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
    /// "(optional)" after the title of a question that may be skipped: always, or (with
    /// `required_if`) while its condition does not hold. `None` for one that never may be.
    pub optional: Option<Reactive<Option<&'static str>>>,
}

pub fn words(question: &Question) -> Words {
    let widget = expect_widget();
    let mark = widget.strings().optional;
    let may_skip = !question.required && question.takes_answer() && question.question_type() != QuestionType::Consent;
    let optional = may_skip.then(|| match question.required_if {
        None => reactive(move || Some(mark)),
        Some(_) => {
            let question = question.clone();
            reactive(move || widget.session.with(|session| (!session.is_required(&widget.form.get_value(), &question)).then_some(mark)))
        }
    });
    Words {
        title: widget.text(&question.title),
        description: question.description.as_ref().map(|description| widget.text(description)),
        optional,
    }
}

/// `aria-required` of a question's field: it follows `required_if` as the answers above change.
pub fn aria_required(question: &Question) -> Reactive<Option<&'static str>> {
    let widget = expect_widget();
    if question.required_if.is_some() {
        let question = question.clone();
        reactive(move || widget.session.with(|session| session.is_required(&widget.form.get_value(), &question).then_some("true")))
    } else {
        let required = question.required.then_some("true");
        reactive(move || required)
    }
}

/// "(optional)" after a question's title, while it may be skipped.
pub fn optional_mark(optional: Option<Reactive<Option<&'static str>>>) -> impl IntoView {
    optional.map(|optional| move || optional().map(|mark| view! { <span class="seda-optional">{mark}</span> }))
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
        {optional_mark(words.optional)}
        {words.description.map(|description| view! { <p class="seda-description" id=ids.description>{description}</p> })}
    }
}
