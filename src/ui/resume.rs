//! "Continue where you left off?": offered when a draft of this form was saved.

use leptos::html;
use leptos::prelude::*;

use super::erased::handler;
use super::widget_state::expect_widget;

#[component]
pub fn Resume() -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let node = NodeRef::<html::Div>::new();
    widget.focus_title_when_mounted(node);
    view! {
        <div class="seda-resume" role="group" aria-labelledby="seda-resume-title" node_ref=node>
            <h2 class="seda-title" id="seda-resume-title" tabindex="-1">{strings.resume}</h2>
            <div class="seda-actions">
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| widget.start_over())>
                    {strings.start_over}
                </button>
                <button type="button" class="seda-button seda-button--primary" on:click=handler(move |_| widget.resume())>
                    {strings.resume_continue}
                </button>
            </div>
        </div>
    }
}
