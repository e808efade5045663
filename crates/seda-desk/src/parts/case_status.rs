//! A case's state and the moves it allows, as buttons; closing asks for the root
//! cause first. A move may carry an internal note.

use leptos::html;
use leptos::prelude::*;
use serde_json::json;

use crate::api;
use crate::app::expect_desk;
use crate::cases::{self, CaseDetail};
use crate::parts::case_field::{Attempt, FieldProblem, Said};

#[component]
pub fn CaseStatus(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
    /// Called with what changed, once a change went through (the page reloads the case).
    changed: Callback<Said>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let attempt = Attempt::new();
    let note = RwSignal::new(String::new());
    let closing = RwSignal::new(false);
    let cause = RwSignal::new(String::new());
    let cause_missing = RwSignal::new(false);
    let heading = NodeRef::<html::H2>::new();
    let cause_select = NodeRef::<html::Select>::new();
    let status = move || detail.with(|d| d.case.status.clone());
    let allowed = move || detail.with(|d| d.case.allowed.clone());

    let send = move |to: String| {
        if attempt.pending.get_untracked() {
            return;
        }
        if to == "closed" && cause.get_untracked().is_empty() {
            cause_missing.set(true);
            if let Some(select) = cause_select.get_untracked() {
                let _ = select.focus();
            }
            return;
        }
        cause_missing.set(false);
        let path = detail.with_untracked(|d| api::case_change(&d.case.response_id, "status"));
        let mut body = json!({ "to": to });
        if to == "closed" {
            body["root_cause"] = cause.get_untracked().into();
        }
        let text = note.get_untracked();
        if !text.trim().is_empty() {
            body["note"] = text.trim().into();
        }
        attempt.send("POST", path, body, move || {
            note.set(String::new());
            cause.set(String::new());
            closing.set(false);
            changed.run(Said::new(|lang| cases::moved_words(&to, lang)));
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    };

    let buttons = move || {
        allowed()
            .into_iter()
            .map(|to| {
                let label = cases::move_label(&to, lang());
                let is_close = to == "closed";
                view! {
                    <button type="button" class:desk-primary=!is_close aria-disabled=move || attempt.pending.get().then_some("true")
                        aria-describedby="case-move-problem" aria-expanded=move || is_close.then(|| closing.get().to_string())
                        on:click=move |_| {
                            if is_close {
                                closing.set(true);
                                request_animation_frame(move || {
                                    if let Some(select) = cause_select.get_untracked() {
                                        let _ = select.focus();
                                    }
                                });
                            } else {
                                send(to.clone());
                            }
                        }>
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    let causes = move || {
        detail.with(|d| d.case.root_causes.clone()).into_iter().map(|c| view! { <option value=c.clone()>{cases::root_cause_label(&c, lang())}</option> }).collect_view()
    };
    let cause_problem = Signal::derive(move || {
        if cause_missing.get() {
            Some(lang().pick("Choose the root cause to close the case.", "برای بستن پرونده، علت اصلی را انتخاب کنید.").to_owned())
        } else {
            attempt.at("root_cause").get()
        }
    });
    view! {
        <section class="desk-card desk-case-status" aria-labelledby="case-status-title">
            <h2 id="case-status-title" tabindex="-1" node_ref=heading>{move || lang().pick("Status", "وضعیت")}</h2>
            <p class="desk-case-state">{move || cases::state_label(&status(), lang())}</p>
            <Show when=move || desk.can_change() && !allowed().is_empty()>
                <p class="desk-field">
                    <label for="case-move-note">{move || lang().pick("Note with the change (internal, optional)", "یادداشت همراه تغییر (داخلی، اختیاری)")}</label>
                    <textarea id="case-move-note" rows="2" dir="auto" aria-describedby="case-move-note-problem"
                        aria-invalid=move || attempt.at("note").with(Option::is_some).then_some("true")
                        prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </p>
                <FieldProblem id="case-move-note-problem" text=attempt.at("note")/>
                <div class="desk-actions" role="group" aria-label=move || lang().pick("Move the case", "تغییر وضعیت پرونده")>{buttons}</div>
                <FieldProblem id="case-move-problem" text=attempt.at_or_elsewhere("to", &["to", "note", "root_cause"])/>
                <fieldset class="desk-closing" hidden=move || !closing.get()>
                    <legend>{move || lang().pick("Close the case", "بستن پرونده")}</legend>
                    <p class="desk-field">
                        <label for="case-root-cause">{move || lang().pick("Root cause", "علت اصلی")}</label>
                        <select id="case-root-cause" node_ref=cause_select required aria-describedby="case-root-cause-problem"
                            aria-invalid=move || cause_problem.with(Option::is_some).then_some("true")
                            prop:value=move || cause.get() on:change=move |ev| cause.set(event_target_value(&ev))>
                            <option value="">{move || lang().pick("Choose…", "انتخاب کنید…")}</option>
                            {causes}
                        </select>
                    </p>
                    <FieldProblem id="case-root-cause-problem" text=cause_problem/>
                    <div class="desk-actions">
                        <button type="button" class="desk-primary" aria-disabled=move || attempt.pending.get().then_some("true")
                            on:click=move |_| send("closed".to_owned())>
                            {move || lang().pick("Close the case", "بستن پرونده")}
                        </button>
                        <button type="button" on:click=move |_| {
                            closing.set(false);
                            cause_missing.set(false);
                        }>{move || lang().pick("Cancel", "انصراف")}</button>
                    </div>
                </fieldset>
            </Show>
        </section>
    }
}
