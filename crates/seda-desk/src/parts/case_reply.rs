//! The public reply: what the complainant reads when they look their complaint up by
//! its reference.

use leptos::prelude::*;
use serde_json::json;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases::CaseDetail;
use crate::parts::case_field::{Attempt, FieldProblem, Said};

#[component]
pub fn CaseReply(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
    /// Called with what changed, once a change went through.
    changed: Callback<Said>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let attempt = Attempt::new();
    let reply = move || detail.with(|d| d.case.public_reply.clone().unwrap_or_default());
    let text = RwSignal::new(String::new());
    Effect::new(move |_| text.set(reply()));
    let anonymous = move || detail.with(|d| d.case.contact_email.is_none() && d.case.contact_phone.is_none());
    let replied_at = move || detail.with(|d| d.case.public_reply_at.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = detail.with_untracked(|d| api::case_change(&d.case.response_id, "reply"));
        let body = json!({ "text": text.get_untracked().trim() });
        attempt.send("PUT", path, body, move || {
            changed.run(Said::new(|lang| lang.pick("The public reply is saved.", "پاسخ عمومی ثبت شد.").to_owned()));
        });
    };
    view! {
        <section class="desk-card" aria-labelledby="case-reply-title">
            <h2 id="case-reply-title">{move || lang().pick("Public reply", "پاسخ عمومی")}</h2>
            <p class="desk-hint" id="case-reply-hint">
                {move || lang().pick(
                    "The complainant reads this reply when they look up their complaint with its reference. Write it for them.",
                    "شاکی این پاسخ را هنگام پیگیری شکایتش با شمارهٔ پیگیری می‌خواند. آن را برای او بنویسید.",
                )}
                <Show when=anonymous>
                    " "{move || lang().pick(
                        "This complaint left no contact, so nobody can look it up.",
                        "این شکایت راه تماسی ندارد، پس کسی نمی‌تواند آن را پیگیری کند.",
                    )}
                </Show>
            </p>
            {move || replied_at().map(|at| view! {
                <p class="desk-meta">{lang().pick("Last saved: ", "آخرین ثبت: ")}{browser::date_time(&at, lang())}</p>
            })}
            <Show when=move || desk.can_change()
                fallback=move || view! { <p class="desk-reply-text" dir="auto">{move || {
                    let r = reply();
                    if r.is_empty() { lang().pick("No reply yet.", "هنوز پاسخی نیست.").to_owned() } else { r }
                }}</p> }>
                <form novalidate on:submit=save>
                    <p class="desk-field">
                        <label for="case-reply">{move || lang().pick("Reply to the complainant", "پاسخ به شاکی")}</label>
                        <textarea id="case-reply" rows="5" maxlength="5000" required dir="auto"
                            aria-describedby="case-reply-hint case-reply-problem"
                            aria-invalid=move || attempt.at("text").with(Option::is_some).then_some("true")
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </p>
                    <FieldProblem id="case-reply-problem" text=attempt.at_or_elsewhere("text", &["text"])/>
                    <button type="submit" class="desk-primary" aria-disabled=move || attempt.pending.get().then_some("true")>
                        {move || lang().pick("Save the reply", "ثبت پاسخ")}
                    </button>
                </form>
            </Show>
        </section>
    }
}
