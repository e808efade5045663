//! One question on a page: the view for its type, and its error message under it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{Question as QuestionDef, QuestionKind};
use crate::core::i18n::answer_error;
use crate::core::validate::AnswerError;

#[cfg(feature = "attachments")]
use super::attachments::Attachments;
use super::choice_list::{ChoiceList, Dropdown, YesNo};
use super::matrix::Matrix;
use super::scale::Scale;
use super::text_field::{Consent, TextField};
use super::rx;
use super::erased::built;
use super::widget::expect_widget;

/// The ids of a question's parts. Every widget has its own shadow root, so they
/// only need to be unique within one form.
pub struct Ids {
    pub title: String,
    pub error: String,
    pub description: String,
    pub input: String,
    pub labels: String,
}

pub fn ids(q: &QuestionDef) -> Ids {
    let id = |part: &str| format!("seda-{}-{part}", q.id);
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

pub fn words(q: &QuestionDef) -> Words {
    let w = expect_widget();
    Words {
        title: w.text(&q.title),
        description: q.description.as_ref().map(|d| w.text(d)),
        optional: (!q.required && q.required_if.is_none() && q.takes_answer() && q.kind != QuestionKind::Consent).then_some(w.strings().optional),
    }
}

/// What every field view starts from: the question's words, the ids of its parts and
/// its `aria-describedby`.
pub struct Parts {
    pub words: Words,
    pub ids: Ids,
    pub described_by: String,
}

pub fn parts(q: &QuestionDef) -> Parts {
    Parts { words: words(q), ids: ids(q), described_by: described_by(q) }
}

/// `aria-describedby`: the description (when there is one) and the error.
pub fn described_by(q: &QuestionDef) -> String {
    let ids = ids(q);
    if q.description.is_some() { format!("{} {}", ids.description, ids.error) } else { ids.error }
}

#[component]
pub fn Question(
    question: QuestionDef,
    /// The errors on this page, by question id (set when the visitor tries to move on).
    errors: RwSignal<Vec<(String, AnswerError)>>,
) -> impl IntoView {
    let w = expect_widget();
    let strings = w.strings();
    let qid: Arc<str> = question.id.as_str().into();
    let error = move || errors.with(|list| list.iter().find(|(id, _)| **id == *qid).map(|(_, e)| *e));
    // `aria-invalid`: one type shared by every field (a closure per field would
    // instantiate the attribute code once each).
    let invalid = {
        let error = error.clone();
        rx(move || error().is_some().then_some("true"))
    };
    // A new answer clears the message about the old one.
    let qid = question.id.clone();
    Effect::new(move |before: Option<(Option<Answer>, Option<Answer>)>| {
        let now = w.session.with(|s| (s.answer(&qid).cloned(), s.answer(&format!("{qid}.other")).cloned()));
        if before.is_some_and(|before| before != now) {
            errors.update(|list| list.retain(|(id, _)| *id != qid));
        }
        now
    });
    let error_id = ids(&question).error;
    let takes_answer = question.takes_answer();
    // Only the spec a view takes is cloned: a clone of the whole kind costs the bundle
    // a clone of every type's fields.
    let field = match &question.kind {
        QuestionKind::Nps(_) | QuestionKind::Rating(_) => built(view! { <Scale question=question invalid=invalid /> }),
        QuestionKind::Choice(_) => built(view! { <ChoiceList question=question invalid=invalid /> }),
        QuestionKind::Dropdown(_) => built(view! { <Dropdown question=question invalid=invalid /> }),
        QuestionKind::YesNo => built(view! { <YesNo question=question invalid=invalid /> }),
        QuestionKind::Matrix(spec) => {
            let spec = spec.clone();
            built(view! { <Matrix question=question spec=spec invalid=invalid /> })
        }
        QuestionKind::Consent => built(view! { <Consent question=question invalid=invalid /> }),
        #[cfg(feature = "attachments")]
        QuestionKind::Attachments(spec) => {
            let spec = spec.clone();
            built(view! { <Attachments question=question spec=spec invalid=invalid /> })
        }
        QuestionKind::Statement => {
            let words = words(&question);
            let ids = ids(&question);
            built(view! {
                <div class="seda-field seda-statement">
                    <h2 class="seda-title" id=ids.title tabindex="-1">{words.title}</h2>
                    {words.description.map(|d| view! { <p class="seda-description">{d}</p> })}
                </div>
            })
        }
        _ => built(view! { <TextField question=question invalid=invalid /> }),
    };
    view! {
        <div class="seda-question">
            {field}
            {takes_answer.then(|| view! {
                <p id=error_id class="seda-error" role="alert">{rx(move || error().map(|e| answer_error(strings, e)).unwrap_or_default())}</p>
            })}
        </div>
    }
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
        {words.optional.map(|o| view! { <span class="seda-optional">{o}</span> })}
        {words.description.map(|d| view! { <p class="seda-description" id=ids.description>{d}</p> })}
    }
}
