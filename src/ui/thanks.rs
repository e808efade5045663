//! The screen after submitting: thanks, and where the answers went.

use leptos::html;
use leptos::prelude::*;

use super::step::focus_title_when_mounted;
use super::widget::expect_widget;
use super::SendResult;

#[component]
pub fn Thanks(
    /// How the response fared (never a failure: that stays on the last step).
    result: SendResult,
) -> impl IntoView {
    let w = expect_widget();
    let strings = w.strings();
    let thank_you = w.form.with_value(|f| w.session.with_untracked(|s| s.ending(f).cloned()));
    let title = thank_you.as_ref().map_or(strings.thank_you.to_owned(), |t| w.text(&t.title));
    let body = thank_you.as_ref().and_then(|t| t.body.as_ref()).map_or(strings.thank_you_body.to_owned(), |b| w.text(b));
    let note = match result {
        SendResult::Sent => strings.sent,
        SendResult::Queued => strings.queued,
        SendResult::Rejected => strings.rejected,
        SendResult::KeptLocally | SendResult::Failed(_) => strings.saved_on_device,
    };
    let node = NodeRef::<html::Div>::new();
    focus_title_when_mounted(node);
    view! {
        <div class="seda-thanks" node_ref=node>
            <svg class="seda-thanks__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
            <h2 class="seda-title" tabindex="-1">{title}</h2>
            <p>{body}</p>
            <p class="seda-note" role="status">{note}</p>
        </div>
    }
}
