//! A checklist's last screen, once submitted: thanks, where the report went, its result.

use std::rc::Rc;

use leptos::prelude::*;

use crate::core::score::{Outcome, FULL};

use super::checklist_nav::focus_when_mounted;
use super::checklist_state::expect_checklist;

/// After submitting: thanks, where the report went, and its result.
#[component]
pub fn ChecklistDone() -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let strings = state.strings();
    let (title, body) = state.form.with_value(|f| {
        let t = f.thank_you.first();
        (
            t.map_or(strings.thank_you.to_owned(), |t| state.text(&t.title)),
            t.and_then(|t| t.body.as_ref()).map_or(strings.thank_you_body.to_owned(), |b| state.text(b)),
        )
    });
    let fate = state.fate();
    let note = move || fate().note(strings);
    let summary = state.card.with_untracked(|card| {
        let outcome = state.with_checklist(|c| match card.outcome {
            Outcome::CriticalFail => labels.outcome_critical.to_owned(),
            Outcome::SectionFail => labels.outcome_section.to_owned(),
            Outcome::Band(i) => c.bands[i].label.as_ref().map_or(c.bands[i].id.clone(), |l| state.text(l)),
            Outcome::Unbanded => String::new(),
        });
        format!("{} {} {outcome}", labels.overall_score, state.percent(card.overall.map(|o| o.min(FULL * 10))))
    });
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-title".to_owned()));
    view! {
        <div class="seda-thanks seda-cl-section" node_ref=node>
            <h2 class="seda-title" tabindex="-1">{title}</h2>
            <p>{body}</p>
            <p class="seda-cl-summary">{summary}</p>
            <p class="seda-note" role="status">{note}</p>
        </div>
    }
}
