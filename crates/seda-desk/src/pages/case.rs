//! One complaint case (`GET /admin/desk/complaints/{reference}`): what it is about,
//! where it stands and what was done, and the changes an admin may make. Each change
//! reloads the case and is announced; the forms stay in place, so focus is not lost.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases::{self, CaseDetail};
use crate::parts::case_facts::{CaseAnswers, CaseLinks};
use crate::parts::case_history::CaseHistory;
use crate::parts::case_notes::CaseNotes;
use crate::parts::case_owner::CaseOwner;
use crate::parts::case_reply::CaseReply;
use crate::parts::case_status::CaseStatus;
use crate::parts::changing::changing;
use crate::parts::problem::ProblemNote;

#[component]
pub fn Case() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.with(|p| p.get("reference").unwrap_or_default()));
    let case = changing::<CaseDetail>(Memo::new(move |_| format!("/admin/desk/complaints/{}", api::segment(&reference.get()))));
    let (loaded, failed, changed) = (case.loaded, case.failed, case.changed);
    Effect::new(move |_| {
        let title = match loaded.with(|d| d.as_ref().map(|d| d.case.reference.clone())) {
            Some(r) => format!("{} {r}", lang().pick("Complaint", "شکایت")),
            None => lang().pick("Complaint", "شکایت").to_owned(),
        };
        browser::set_title(&title, lang());
    });
    let detail = Signal::derive(move || loaded.get().unwrap_or_default());
    let status = move || {
        case.status(lang(), ("The case could not be loaded.", "پرونده بارگذاری نشد."), ("Loading the case…", "در حال بارگذاری پرونده…"))
    };
    view! {
        <p class="desk-back"><a href="/desk/complaints">{move || lang().pick("← All complaints", "→ همهٔ شکایت‌ها")}</a></p>
        <h1>
            {move || lang().pick("Complaint", "شکایت")}" "
            <bdi dir="ltr">{move || loaded.with(|d| d.as_ref().map(|d| d.case.reference.clone())).unwrap_or_else(|| reference.get())}</bdi>
        </h1>
        <p class="desk-status" role="status">{status}</p>
        {move || failed.get().map(|error| view! { <ProblemNote error=error/> })}
        <Show when=move || loaded.with(Option::is_some)>
            <Show when=move || !desk.can_change()>
                <p class="desk-hint">{move || lang().pick(
                    "You can read this case; only an admin can change it.",
                    "شما می‌توانید این پرونده را بخوانید؛ فقط مدیر می‌تواند آن را تغییر دهد.",
                )}</p>
            </Show>
            <div class="desk-case">
                <div class="desk-case-side">
                    <CaseSummary detail=detail/>
                    <CaseStatus detail=detail changed=changed/>
                    <CaseOwner detail=detail changed=changed/>
                </div>
                <div class="desk-case-main">
                    <CaseAnswers detail=detail/>
                    <CaseReply detail=detail changed=changed/>
                    <CaseNotes detail=detail changed=changed/>
                    <CaseLinks detail=detail/>
                    <CaseHistory detail=detail/>
                </div>
            </div>
        </Show>
    }
}

/// The case at a glance: when it came, when it is due, how urgent, who can be told.
#[component]
fn CaseSummary(detail: Signal<CaseDetail>) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let facts = move || {
        let lang = lang();
        let case = detail.with(|d| d.case.clone());
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let due = cases::due_words(&case.status, &case.due_at, now, lang);
        let contact = [case.contact_email.clone(), case.contact_phone.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        view! {
            <dl class="desk-facts">
                <div><dt>{lang.pick("Urgency", "فوریت")}</dt>
                    <dd><span class:desk-urgent=case.urgency == "urgent">{cases::urgency_label(&case.urgency, lang)}</span></dd></div>
                <div><dt>{lang.pick("Topic", "موضوع")}</dt><dd>{case.topic.clone().unwrap_or_else(|| "–".to_owned())}</dd></div>
                <div><dt>{lang.pick("Received", "دریافت")}</dt><dd>{browser::date_time(&case.received_at, lang)}</dd></div>
                <div><dt>{lang.pick("Due", "مهلت")}</dt>
                    <dd>
                        {due.map(|w| view! { <strong class="desk-due" class:desk-due-over=case.overdue>{w}</strong><br/> })}
                        {browser::date_time(&case.due_at, lang)}
                    </dd></div>
                {case.root_cause.clone().map(|c| view! {
                    <div><dt>{lang.pick("Root cause", "علت اصلی")}</dt><dd>{cases::root_cause_label(&c, lang)}</dd></div>
                })}
                <div><dt>{lang.pick("Contact", "راه تماس")}</dt>
                    <dd><bdi dir="ltr">{if contact.is_empty() { lang.pick("None (anonymous)", "ندارد (ناشناس)").to_owned() } else { contact }}</bdi></dd></div>
                <div><dt>{lang.pick("Language", "زبان")}</dt><dd>{case.language.clone().unwrap_or_else(|| "–".to_owned())}</dd></div>
                <div><dt>{lang.pick("Last change", "آخرین تغییر")}</dt><dd>{browser::date_time(&case.updated_at, lang)}</dd></div>
            </dl>
        }
    };
    view! {
        <section class="desk-card" aria-labelledby="case-summary-title">
            <h2 id="case-summary-title">{move || lang().pick("At a glance", "در یک نگاه")}</h2>
            {facts}
        </section>
    }
}
