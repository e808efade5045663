//! One step of a form: its question, the step count, the error, Back and Next/Submit.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::fill;
use crate::core::validate::AnswerError;

use super::erased::{erase, handler, reactive};
use super::question::Question;
use super::widget_state::{expect_widget, Phase};

#[component]
pub fn Step() -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let form = widget.form.get_value();
    let (page, first, total) = widget.session.with_untracked(|session| (session.page(), session.is_first(), session.progress(&form).1));
    // Where this page leads can change as it is answered (a jump, a page that
    // appears): the button and the progress follow.
    // Read where they are shown: the text only changes when the value does.
    let last = move || widget.session.with(|session| session.is_last(&widget.form.get_value()));
    let progress = move || widget.session.with(|session| session.progress(&widget.form.get_value()));
    let page_title = form.pages[page].title.as_ref().map(|title| widget.text(title));
    let errors = RwSignal::new(Vec::<(String, AnswerError)>::new());
    // The questions shown on this page, as the answers so far decide (a question
    // can appear or go as the visitor answers one above it): for each of the page's
    // questions, whether it is shown.
    let shown = Memo::new(move |_| {
        let form = widget.form.get_value();
        widget.session.with(|session| {
            let visible = session.visible(&form, page);
            form.pages[page].questions.iter().map(|&i| visible.iter().any(|question| std::ptr::eq(*question, &form.questions[i]))).collect::<Vec<_>>()
        })
    });
    // A question is made when it appears (so a title that quotes an earlier answer is
    // current) and removed when it goes; the others keep their state.
    let questions = form.pages[page]
        .questions
        .iter()
        .enumerate()
        .map(|(at, &i)| {
            let on = Memo::new(move |_| shown.with(|shown| shown[at]));
            move || on.get().then(|| erase(view! { <Question question=widget.form.with_value(|form| form.questions[i].clone()) errors=errors /> }))
        })
        .collect::<Vec<_>>();
    let node = NodeRef::<html::Form>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if widget.phase.get_untracked() == Phase::Sending {
            return;
        }
        widget.interacted.set_value(true);
        let form = widget.form.get_value();
        match widget.session.try_update(|session| session.advance(&form)).unwrap_or(Ok(false)) {
            Err(list) => {
                // Focus goes to the first question that needs attention: its box, or
                // for a group (a scale, choices) its heading.
                let first = list.first().map(|(id, _)| id.clone());
                errors.set(list);
                if let (Some(id), Some(el)) = (first, node.get_untracked()) {
                    let el: &web_sys::Element = el.unchecked_ref();
                    let target = ["input", "title"]
                        .into_iter()
                        .find_map(|part| el.query_selector(&format!("[id=\"seda-{id}-{part}\"]")).ok().flatten());
                    if let Some(target) = target {
                        let _ = target.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
            }
            Ok(finished) => {
                widget.report_answers(page);
                if finished {
                    widget.submit();
                }
            }
        }
    };
    let back = move |_| {
        widget.interacted.set_value(true);
        widget.session.update(|session| session.back());
    };
    widget.focus_title_when_mounted(node);
    let sending = move || widget.phase.get() == Phase::Sending;
    let progress_text = reactive(move || {
        let (n, total) = progress();
        fill(strings.step_of, &[("n", widget.digits(&n.to_string())), ("total", widget.digits(&total.to_string()))])
    });

    view! {
        <form class="seda-step" novalidate node_ref=node on:submit=on_submit>
            {(total > 1).then(|| view! {
                <div class="seda-progress">
                    <span class="seda-progress__text">{progress_text}</span>
                    <span class="seda-progress__track" aria-hidden="true">
                        <span class="seda-progress__bar" style:width=reactive(move || {
                            let (n, total) = progress();
                            format!("{}%", n * 100 / total.max(1))
                        })></span>
                    </span>
                </div>
            })}
            {page_title.map(|title| view! { <h2 class="seda-title seda-page-title" tabindex="-1">{title}</h2> })}
            {questions}
            {move || match widget.phase.get() {
                Phase::Failed => Some(view! {
                    <div class="seda-alert" role="alert">
                        <p class="seda-alert__title">{strings.send_failed}</p>
                        <p>{strings.send_failed_body}</p>
                        <button type="button" class="seda-button" on:click=handler(move |_| widget.submit())>{strings.try_again}</button>
                    </div>
                }.into_any()),
                Phase::TooLarge => Some(view! {
                    <div class="seda-alert" role="alert"><p class="seda-alert__title">{strings.too_large}</p></div>
                }.into_any()),
                _ => None,
            }}
            <div class="seda-actions">
                {(!first).then(|| view! {
                    <button type="button" class="seda-button seda-button--quiet" on:click=handler(back)>{strings.back}</button>
                })}
                <button type="submit" class="seda-button seda-button--primary" aria-disabled=reactive(move || sending().then_some("true"))>
                    {reactive(move || if sending() { strings.sending } else if last() { strings.submit } else { strings.next })}
                </button>
            </div>
        </form>
    }
}
