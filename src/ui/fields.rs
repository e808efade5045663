//! The fields of every question type but the scales and statements, in a chunk of their
//! own (see [`crate::split`]): a survey's first screen is most often one scale
//! (NPS, CSAT, CES), and its visitor can answer before this code has arrived. The widget
//! fetches the chunk before it draws a first page that needs it, and otherwise right after
//! it is drawn, so a later page finds it here.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::core::question::{Question, QuestionKind};
use crate::split::split;

#[cfg(feature = "attachments")]
use super::attachments::Attachments;
use super::choice_list::{ChoiceList, Dropdown, YesNo};
use super::erased::{erase, handler, ErasedView, Reactive};
use super::jalali_date::JalaliDate;
use super::matrix::Matrix;
use super::question_parts::{ids, words};
use super::text_field::{Consent, TextField};
use super::widget_state::expect_widget;

/// Whether [`field`] draws this type (the first module draws the scales and statements).
pub fn is_chunked(kind: &QuestionKind) -> bool {
    !matches!(kind, QuestionKind::Nps(_) | QuestionKind::Rating(_) | QuestionKind::Statement)
}

split! { fields, preload = fetch_fields:
    /// The field of `question` (a type [`is_chunked`]); `jalali`: a date is picked by the
    /// Persian calendar (the form is shown in Persian, whose readers date by it, and no
    /// browser's date input shows it).
    fn field(question: Question, invalid: Reactive<Option<&'static str>>, jalali: bool) -> ErasedView {
        // Only the spec a view takes is cloned: a clone of the whole kind costs the bundle
        // a clone of every type's fields.
        match &question.kind {
            QuestionKind::Choice(_) => erase(view! { <ChoiceList question=question invalid=invalid /> }),
            QuestionKind::Dropdown(_) => erase(view! { <Dropdown question=question invalid=invalid /> }),
            QuestionKind::YesNo => erase(view! { <YesNo question=question invalid=invalid /> }),
            QuestionKind::Matrix(spec) => {
                let spec = spec.clone();
                erase(view! { <Matrix question=question spec=spec invalid=invalid /> })
            }
            QuestionKind::Date(_) | QuestionKind::Datetime if jalali => erase(view! { <JalaliDate question=question invalid=invalid /> }),
            QuestionKind::Consent => erase(view! { <Consent question=question invalid=invalid /> }),
            #[cfg(feature = "attachments")]
            QuestionKind::Attachments(spec) => {
                let spec = spec.clone();
                erase(view! { <Attachments question=question spec=spec invalid=invalid /> })
            }
            _ => erase(view! { <TextField question=question invalid=invalid /> }),
        }
    }
}

/// The field of `question` (a type [`is_chunked`]): drawn at once when its chunk is here,
/// else as soon as it arrives; if it cannot be fetched (the visitor went offline), a
/// message in its place and a button that tries again. The answers given stay.
pub fn chunked_field(question: Question, invalid: Reactive<Option<&'static str>>, jalali: bool) -> ErasedView {
    let strings = expect_widget().strings();
    let attempt = RwSignal::new(0u32);
    erase(move || {
        attempt.track();
        let (question, invalid) = (question.clone(), invalid.clone());
        let (title, title_id) = (words(&question).title, ids(&question).title);
        Suspend::new(SendWrapper::new(async move {
            match field(question, invalid, jalali).await {
                Ok(field) => field,
                // The question's title stays, so the page reads as it will, and focus has
                // where to go when the page opens.
                Err(_) => erase(view! {
                    <div class="seda-field seda-unloaded">
                        <h2 class="seda-title" id=title_id tabindex="-1">{title}</h2>
                        <p role="alert">{strings.part_unloaded}</p>
                        <button type="button" class="seda-button" on:click=handler(move |_| attempt.update(|n| *n += 1))>{strings.try_again}</button>
                    </div>
                }),
            }
        }))
    })
}

/// Fetches the fields' chunk, once. One that cannot be fetched is not an error here: a
/// field drawn without it says so in its place ([`chunked_field`]).
pub async fn fetch() {
    let _ = fetch_fields().await;
}
