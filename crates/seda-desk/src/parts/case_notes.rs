//! Internal notes on a case: the ones written so far, and a form to add one. The
//! complainant never sees them.

use leptos::prelude::*;
use serde_json::json;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases::{self, CaseDetail};
use crate::parts::case_field::{Attempt, FieldProblem, Said};

#[component]
pub fn CaseNotes(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
    /// Called with what changed, once a change went through.
    changed: Callback<Said>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let attempt = Attempt::new();
    let text = RwSignal::new(String::new());
    let notes = move || {
        let lang = lang();
        let notes: Vec<_> = detail.with(|d| d.history.iter().filter(|e| e.action == "note").cloned().collect());
        if notes.is_empty() {
            return view! { <p>{lang.pick("No notes yet.", "هنوز یادداشتی نیست.")}</p> }.into_any();
        }
        let items = notes
            .into_iter()
            .map(|note| {
                view! {
                    <li>
                        <p class="desk-meta">
                            <bdi>{cases::actor_label(note.actor.as_deref(), lang)}</bdi>
                            " · "{browser::date_time(&note.at, lang)}
                        </p>
                        <p class="desk-note-text" dir="auto">{note.text.clone().unwrap_or_default()}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="desk-notes">{items}</ul> }.into_any()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = detail.with_untracked(|d| api::case_change(&d.case.response_id, "notes"));
        let body = json!({ "text": text.get_untracked().trim() });
        attempt.send("POST", path, body, move || {
            text.set(String::new());
            changed.run(Said::new(|lang| lang.pick("The note is added.", "یادداشت افزوده شد.").to_owned()));
        });
    };
    view! {
        <section class="desk-card" aria-labelledby="case-notes-title">
            <h2 id="case-notes-title">{move || lang().pick("Internal notes", "یادداشت‌های داخلی")}</h2>
            {notes}
            <Show when=move || desk.can_change()>
                <form novalidate on:submit=add>
                    <p class="desk-field">
                        <label for="case-note">{move || lang().pick("New note (only the desk sees it)", "یادداشت تازه (فقط کارکنان می‌بینند)")}</label>
                        <textarea id="case-note" rows="3" maxlength="5000" required dir="auto" aria-describedby="case-note-problem"
                            aria-invalid=move || attempt.at("text").with(Option::is_some).then_some("true")
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </p>
                    <FieldProblem id="case-note-problem" text=attempt.at_or_elsewhere("text", &["text"])/>
                    <button type="submit" aria-disabled=move || attempt.pending.get().then_some("true")>{move || lang().pick("Add the note", "افزودن یادداشت")}</button>
                </form>
            </Show>
        </section>
    }
}
