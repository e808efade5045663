//! A visit's review: the state with a comment (needed for "has issues" and
//! "rejected"), and the history of reviews.

use leptos::prelude::*;
use serde_json::json;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases;
use crate::i18n::Lang;
use crate::parts::case_field::{Attempt, FieldProblem, Said};
use crate::visits::{self, VisitDetail, REVIEW_STATES};

#[component]
pub fn VisitReview(
    /// The visit as last loaded.
    #[prop(into)]
    detail: Signal<VisitDetail>,
    /// Called with what changed, once a review went through.
    changed: Callback<Said>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let attempt = Attempt::new();
    let current = move || detail.with(|d| d.review.clone());
    let state = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    Effect::new(move |_| state.set(current().state));
    let comment_problem = Signal::derive(move || {
        if missing.get() {
            visits::review_problem(&state.get(), &comment.get(), lang()).map(str::to_owned)
        } else {
            attempt.at("comment").get()
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if attempt.pending.get_untracked() {
            return;
        }
        let (to, text) = (state.get_untracked(), comment.get_untracked());
        if visits::review_problem(&to, &text, Lang::En).is_some() {
            missing.set(true);
            return;
        }
        missing.set(false);
        let path = detail.with_untracked(|d| format!("/admin/desk/visits/{}/review", api::segment(&d.visit.response_id)));
        let mut body = json!({ "state": to });
        if !text.trim().is_empty() {
            body["comment"] = text.trim().into();
        }
        attempt.send("POST", path, body, move || {
            comment.set(String::new());
            changed.run(Said::new(|lang| match lang {
                Lang::En => format!("Review saved: {}.", visits::review_label(&to, lang)),
                Lang::Fa => format!("بررسی ثبت شد: {}.", visits::review_label(&to, lang)),
            }));
        });
    };
    let history = move || {
        let lang = lang();
        let events = detail.with(|d| d.history.clone());
        if events.is_empty() {
            return view! { <p>{lang.pick("Not reviewed yet.", "هنوز بررسی نشده است.")}</p> }.into_any();
        }
        let items = events
            .into_iter()
            .map(|e| {
                let from = e.from.as_deref().map_or_else(|| "–".to_owned(), |s| visits::review_label(s, lang));
                let to = e.to.as_deref().map_or_else(|| "–".to_owned(), |s| visits::review_label(s, lang));
                view! {
                    <li>
                        <p><strong>{from}" "{cases::arrow(lang)}" "{to}</strong></p>
                        <p class="desk-meta">
                            <bdi>{cases::actor_label(e.actor.as_deref(), lang)}</bdi>
                            " · "{browser::date_time(&e.at, lang)}
                        </p>
                        {e.comment.clone().filter(|c| !c.is_empty()).map(|c| view! { <p class="desk-note-text" dir="auto">{c}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="desk-history">{items}</ol> }.into_any()
    };
    view! {
        <section class="desk-card desk-visit-review" aria-labelledby="visit-review-title">
            <h2 id="visit-review-title">{move || lang().pick("Review", "بررسی")}</h2>
            <p>
                <strong>{move || visits::review_label(&current().state, lang())}</strong>
                {move || current().reviewer.map(|r| view! { " · "<bdi>{cases::actor_label(Some(&r), lang())}</bdi> })}
                {move || current().updated_at.map(|at| view! { " · "{browser::date_time(&at, lang())} })}
            </p>
            {move || current().comment.filter(|c| !c.is_empty()).map(|c| view! { <p class="desk-note-text" dir="auto">{c}</p> })}
            <Show when=move || desk.can_change()>
                <form class="desk-no-print" novalidate on:submit=save>
                    <p class="desk-field">
                        <label for="visit-review-state">{move || lang().pick("New state", "وضعیت تازه")}</label>
                        <select id="visit-review-state" aria-describedby="visit-review-state-problem"
                            prop:value=move || state.get() on:change=move |ev| state.set(event_target_value(&ev))>
                            {move || REVIEW_STATES.iter().map(|s| view! {
                                <option value=*s selected=move || state.with(|v| v == s)>{visits::review_label(s, lang())}</option>
                            }).collect_view()}
                        </select>
                    </p>
                    <FieldProblem id="visit-review-state-problem" text=attempt.at("state")/>
                    <p class="desk-field">
                        <label for="visit-review-comment">
                            {move || lang().pick("Comment", "توضیح")}
                            {move || visits::comment_required(&state.get()).then(|| lang().pick(" (required for this state)", " (برای این وضعیت لازم است)"))}
                        </label>
                        <textarea id="visit-review-comment" rows="3" dir="auto" aria-describedby="visit-review-comment-problem"
                            required=move || visits::comment_required(&state.get())
                            aria-invalid=move || comment_problem.with(Option::is_some).then_some("true")
                            prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                    </p>
                    <FieldProblem id="visit-review-comment-problem" text=comment_problem/>
                    <FieldProblem id="visit-review-problem" text=attempt.elsewhere(&["state", "comment"])/>
                    <button type="submit" class="desk-primary" aria-disabled=move || attempt.pending.get().then_some("true")>
                        {move || lang().pick("Save the review", "ثبت بررسی")}
                    </button>
                </form>
            </Show>
            <div class="desk-no-print">
                <h3>{move || lang().pick("Review history", "تاریخچهٔ بررسی")}</h3>
                {history}
            </div>
        </section>
    }
}
