//! A checklist's review: the scores, what still needs doing, time out and submit.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::fill;
use crate::core::score::{problems, Problem};

use super::checklist_nav::focus_when_mounted;
use super::checklist_state::{expect_checklist, ChecklistPhase};
use super::erased::{erase, handler, reactive};

/// The review: the scores, what still needs doing (each a link to it), time out, submit.
#[component]
pub fn Review() -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let total = state.with_checklist(|c| c.sections.len());
    // (screen, id of the element the link focuses, "Section › item: problem")
    let list = Memo::new(move |_| {
        state.with_checklist(|c| {
            let items: Vec<_> = c.sections.iter().flat_map(|sec| sec.items.iter().map(move |i| (sec, i))).collect();
            state.visit.with(|v| {
                state.card.with(|card| {
                    problems(c, v, card)
                        .into_iter()
                        .map(|(si, ii, p)| {
                            let (sec, item) = items[ii];
                            let what = match p {
                                Problem::Unanswered => labels.unanswered,
                                Problem::PhotoMissing => labels.photo_missing,
                                Problem::CommentMissing { .. } => labels.comment_missing,
                            };
                            let part = if matches!(p, Problem::CommentMissing { .. }) { "comment" } else { "title" };
                            (si + 1, format!("seda-cl-{}-{part}", item.id), format!("{} › {}: {what}", state.text(&sec.title), state.text(&item.title)))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let sections = state.with_checklist(|c| {
        c.sections
            .iter()
            .enumerate()
            .map(|(i, sec)| {
                let name = state.text(&sec.title);
                view! {
                    <li class="seda-cl-review__section">
                        <span>{name}</span>
                        <span class:seda-cl-fail=reactive(move || state.card.with(|c| c.sections[i].failed))>{reactive(move || state.percent(state.card.with(|c| c.sections[i].score)))}</span>
                    </li>
                }
            })
            .collect_view()
    });
    let time_out = reactive(move || state.visit.with(|v| state.clock(&v.record.time_out)));
    let sending = move || state.phase.get() == ChecklistPhase::Sending;
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-cl-section__title".to_owned()));
    let submit = move |_| {
        if sending() {
            return;
        }
        if list.with_untracked(|l| l.is_empty()) {
            state.submit();
        } else if let Some(el) = node.get_untracked() {
            let el: &web_sys::Element = el.unchecked_ref();
            if let Ok(Some(first)) = el.query_selector(".seda-cl-problems button") {
                let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{labels.review}</h2>
            <ul class="seda-cl-review">{sections}</ul>
            {move || {
                let problems = list.get();
                if problems.is_empty() {
                    return erase(view! { <p class="seda-note seda-cl-ready" role="status">{labels.ready}</p> });
                }
                let heading = fill(labels.to_fix, &[("n", state.digits(&problems.len().to_string()))]);
                let rows = problems
                    .into_iter()
                    .map(|(screen, id, words)| {
                        let go = move |_| {
                            state.focus_item.set_value(Some(id.clone()));
                            state.go(screen);
                        };
                        view! { <li><button type="button" class="seda-cl-link" on:click=handler(go)>{words}</button></li> }
                    })
                    .collect_view();
                erase(view! {
                    <div class="seda-cl-problems">
                        <h3 class="seda-cl-problems__title">{heading}</h3>
                        <ul>{rows}</ul>
                    </div>
                })
            }}
            <div class="seda-cl-field seda-cl-time">
                <button type="button" class="seda-button seda-button--quiet"
                    on:click=handler(move |_| { let now = state.now(); state.visit.update(|v| v.record.time_out = now) })>{labels.record_time_out}</button>
                <span class="seda-cl-time__value">{labels.time_out} ": " {time_out}</span>
            </div>
            {move || (state.phase.get() == ChecklistPhase::Failed).then(|| {
                let strings = state.strings();
                view! {
                    <div class="seda-alert" role="alert">
                        <p class="seda-alert__title">{strings.send_failed}</p>
                        <p>{strings.send_failed_body}</p>
                    </div>
                }
            })}
            <div class="seda-actions seda-cl-nav">
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| state.go(total))>{labels.back}</button>
                <button type="button" class="seda-button seda-button--primary"
                    aria-disabled=reactive(move || sending().then_some("true"))
                    on:click=handler(submit)>{reactive(move || if sending() { labels.sending } else { labels.submit })}</button>
            </div>
        </div>
    }
}
