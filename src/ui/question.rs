//! One question on a page: the view for its type, and its error message under it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{Question as QuestionDef, QuestionKind};
use crate::core::i18n::answer_error;
use crate::core::locale::language;
use crate::core::validate::AnswerError;

use super::erased::{erase, reactive};
use super::fields::chunked_field;
use super::question_parts::{ids, words};
use super::scale::Scale;
use super::widget_state::expect_widget;

#[component]
pub fn Question(
    question: QuestionDef,
    /// The errors on this page, by question id (set when the visitor tries to move on).
    errors: RwSignal<Vec<(String, AnswerError)>>,
) -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let question_id: Arc<str> = question.id.as_str().into();
    let error = move || errors.with(|list| list.iter().find(|(id, _)| **id == *question_id).map(|(_, error)| *error));
    // `aria-invalid`: one type shared by every field (a closure per field would
    // instantiate the attribute code once each).
    let invalid = {
        let error = error.clone();
        reactive(move || error().is_some().then_some("true"))
    };
    // A new answer clears the message about the old one.
    let question_id = question.id.clone();
    Effect::new(move |before: Option<(Option<Answer>, Option<Answer>)>| {
        let now = widget.session.with(|session| (session.answer(&question_id).cloned(), session.answer(&format!("{question_id}.other")).cloned()));
        if before.is_some_and(|before| before != now) {
            errors.update(|list| list.retain(|(id, _)| *id != question_id));
        }
        now
    });
    let error_id = ids(&question).error;
    let takes_answer = question.takes_answer();
    let field = match &question.kind {
        QuestionKind::Nps(_) | QuestionKind::Rating(_) => erase(view! { <Scale question=question invalid=invalid /> }),
        QuestionKind::Statement => {
            let words = words(&question);
            let ids = ids(&question);
            erase(view! {
                <div class="seda-field seda-statement">
                    <h2 class="seda-title" id=ids.title tabindex="-1">{words.title}</h2>
                    {words.description.map(|description| view! { <p class="seda-description">{description}</p> })}
                </div>
            })
        }
        _ => {
            let jalali = language(&widget.locale.read_value()) == "fa";
            chunked_field(question, invalid, jalali)
        }
    };
    view! {
        <div class="seda-question">
            {field}
            {takes_answer.then(|| view! {
                <p id=error_id class="seda-error" role="alert">{reactive(move || error().map(|error| answer_error(strings, error)).unwrap_or_default())}</p>
            })}
        </div>
    }
}
