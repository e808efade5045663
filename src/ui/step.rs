//! One step of a form: its question, the step count, the error, Back and Next/Submit.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::{answer_error, fill};
use crate::core::validate::AnswerError;

use super::question::Question;
use super::widget::{expect_widget, Phase};

/// Moves focus to the first `.seda-title` inside `node` once it is on the page, if
/// the visitor has already interacted (so screen readers hear the new step).
pub fn focus_title_when_mounted<E>(node: NodeRef<E>)
where
    E: html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let w = expect_widget();
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let el: &web_sys::Element = el.unchecked_ref();
        if w.interacted.get_value() {
            if let Ok(Some(title)) = el.query_selector(".seda-title") {
                let _ = title.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
}

#[component]
pub fn Step() -> impl IntoView {
    let w = expect_widget();
    let strings = w.strings();
    let form = w.form.get_value();
    let (index, first, last, (n, total)) =
        w.session.with_untracked(|s| (s.step(), s.is_first(), s.is_last(&form), s.progress(&form)));
    let question = form.questions[index].clone();
    let error = RwSignal::new(None::<AnswerError>);
    let qid = question.id.clone();
    let answer = Memo::new(move |_| w.session.with(|s| s.answer(&qid).cloned()));
    // A new answer clears the message about the old one.
    Effect::watch(move || answer.get(), move |_, _, _| error.set(None), false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if w.phase.get_untracked() == Phase::Sending {
            return;
        }
        w.interacted.set_value(true);
        let form = w.form.get_value();
        let was_last = w.session.with_untracked(|s| s.is_last(&form));
        match w.session.try_update(|s| s.advance(&form)).unwrap_or(Ok(())) {
            Err(e) => error.set(Some(e)),
            Ok(()) if was_last => w.submit(),
            Ok(()) => {}
        }
    };
    let back = move |_| {
        w.interacted.set_value(true);
        w.session.update(|s| s.back());
    };
    let node = NodeRef::<html::Form>::new();
    focus_title_when_mounted(node);
    let sending = move || w.phase.get() == Phase::Sending;
    let invalid = Signal::derive(move || error.get().is_some());

    view! {
        <form class="seda-step" novalidate node_ref=node on:submit=on_submit>
            {(total > 1).then(|| view! {
                <div class="seda-progress">
                    <span class="seda-progress__text">
                        {fill(strings.step_of, &[("n", n.to_string()), ("total", total.to_string())])}
                    </span>
                    <span class="seda-progress__track" aria-hidden="true">
                        <span class="seda-progress__bar" style:width=format!("{}%", n * 100 / total)></span>
                    </span>
                </div>
            })}
            <Question question=question invalid=invalid />
            <p id="seda-error" class="seda-error" role="alert">
                {move || error.get().map(|e| answer_error(strings, e))}
            </p>
            {move || match w.phase.get() {
                Phase::Failed => Some(view! {
                    <div class="seda-alert" role="alert">
                        <p class="seda-alert__title">{strings.send_failed}</p>
                        <p>{strings.send_failed_body}</p>
                        <button type="button" class="seda-button" on:click=move |_| w.submit()>{strings.try_again}</button>
                    </div>
                }.into_any()),
                Phase::TooLarge => Some(view! {
                    <div class="seda-alert" role="alert"><p class="seda-alert__title">{strings.too_large}</p></div>
                }.into_any()),
                _ => None,
            }}
            <div class="seda-actions">
                {(!first).then(|| view! {
                    <button type="button" class="seda-button seda-button--quiet" on:click=back>{strings.back}</button>
                })}
                <button type="submit" class="seda-button seda-button--primary" aria-disabled=move || sending().then_some("true")>
                    {move || if sending() { strings.sending } else if last { strings.submit } else { strings.next }}
                </button>
            </div>
        </form>
    }
}
