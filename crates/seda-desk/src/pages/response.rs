//! One response: every answer under its question, the hidden fields, how it came
//! and how it was checked, its files, and the responses it is tied to.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::model::response::{problem_text, ResponseDetail};
use crate::parts::fetched::{fetched, load};

/// A list of names and values, or a note that there is none.
fn pairs_view(pairs: Vec<(String, String)>, none: (&'static str, &'static str)) -> impl IntoView {
    let desk = expect_desk();
    if pairs.is_empty() {
        return view! { <p>{move || desk.lang().pick(none.0, none.1)}</p> }.into_any();
    }
    let items = pairs.into_iter().map(|(k, v)| view! { <div><dt dir="auto">{k}</dt><dd dir="auto">{v}</dd></div> }).collect_view();
    view! { <dl class="desk-pairs">{items}</dl> }.into_any()
}

fn verification_name(status: &str, lang: crate::i18n::Lang) -> String {
    match status {
        "verified" => lang.pick("Verified against its form", "با فرمش بررسی و تأیید شد").to_owned(),
        "unverified" => lang.pick("Not checked: the form is not known", "بررسی نشد: فرم شناخته نیست").to_owned(),
        "invalid" => lang.pick("Does not fit its form", "با فرمش نمی‌خواند").to_owned(),
        other => other.to_owned(),
    }
}

#[component]
pub fn ResponseView() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let params = use_params_map();
    let id = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    Effect::new(move |_| browser::set_title(&format!("{} {}", lang().pick("Response", "پاسخ"), id.get()), lang()));
    let detail = load(move || {
        let path = format!("/admin/desk/responses/{}", api::segment(&id.get()));
        async move { api::get_as::<ResponseDetail>(&path).await }
    });
    // Read tracked: the whole view is drawn again in the other language.
    let show = move |r: ResponseDetail| {
        let l = desk.lang();
        let answers = r
            .answer_rows(l)
            .into_iter()
            .map(|a| view! { <div><dt dir="auto">{a.title}</dt><dd dir="auto">{a.text}</dd></div> })
            .collect_view();
        let problems = r.verification.problems.iter().map(|p| view! { <li><span dir="auto">{problem_text(p)}</span></li> }).collect_view();
        let has_problems = !r.verification.problems.is_empty();
        let files = r
            .attachments
            .iter()
            .map(|f| {
                let size = format!("{} {}", format::count(f.size, l), lang().pick("bytes", "بایت"));
                let picture = f.is_image().then(|| {
                    let alt = format!("{} {}", lang().pick("Attached photo", "عکس پیوست"), f.file_name);
                    view! { <img class="desk-thumb" src=f.url.clone() alt=alt loading="lazy" width="160" height="120"/> }
                });
                view! {
                    <li>
                        <a href=f.url.clone() dir="auto">{picture}<span>{f.file_name.clone()}</span></a>
                        <span class="desk-muted">{format!(" · {} · {size}", f.content_type)}</span>
                    </li>
                }
            })
            .collect_view();
        let no_files = r.attachments.is_empty();
        let case = r.case.clone().map(|c| {
            let href = format!("/desk/complaints/{}", api::segment(&c.reference));
            view! { <li><A href=href>{format!("{} {}", lang().pick("Complaint case", "پروندهٔ شکایت"), c.reference)}</A>{format!(" · {}", crate::cases::state_label(&c.status, l))}</li> }
        });
        let survey = r.linked.survey_response.clone().map(|s| {
            let href = format!("/desk/responses/{}", api::segment(&s));
            view! { <li><A href=href>{lang().pick("The survey response this complaint came from", "پاسخ نظرسنجی‌ای که این شکایت از آن آمد")}</A></li> }
        });
        let complaints = r
            .linked
            .complaints
            .iter()
            .map(|c| {
                let href = format!("/desk/complaints/{}", api::segment(&c.reference));
                view! { <li><A href=href>{format!("{} {}", lang().pick("Complaint", "شکایت"), c.reference)}</A>{format!(" · {}", crate::cases::state_label(&c.status, l))}</li> }
            })
            .collect_view();
        let no_links = r.case.is_none() && r.linked.survey_response.is_none() && r.linked.complaints.is_empty();
        let received = browser::date_time(&r.received_at, l);
        let version = r.form_version.map(|v| format::count(v, l)).unwrap_or_else(|| "–".into());
        let facts = vec![
            (lang().pick("Form", "فرم").to_owned(), r.form_id.clone()),
            (lang().pick("Version", "نسخه").to_owned(), version),
            (lang().pick("Received", "دریافت").to_owned(), received),
            (lang().pick("Sent as", "قالب ارسال").to_owned(), r.format.clone()),
        ];
        view! {
            {pairs_view(facts, ("", ""))}
            <section aria-labelledby="answers-title">
                <h2 id="answers-title">{move || lang().pick("Answers", "پاسخ‌ها")}</h2>
                <dl class="desk-pairs desk-answers">{answers}</dl>
            </section>
            <section aria-labelledby="hidden-title">
                <h2 id="hidden-title">{move || lang().pick("Hidden fields", "فیلدهای پنهان")}</h2>
                {pairs_view(r.pairs("hidden"), ("None.", "ندارد."))}
            </section>
            <section aria-labelledby="meta-title">
                <h2 id="meta-title">{move || lang().pick("How it was sent", "چگونه فرستاده شد")}</h2>
                {pairs_view(r.pairs("meta"), ("None.", "ندارد."))}
            </section>
            <section aria-labelledby="verification-title">
                <h2 id="verification-title">{move || lang().pick("Verification", "بررسی")}</h2>
                <p>{verification_name(&r.verification.status, l)}</p>
                {has_problems.then(|| view! { <ul class="desk-problems">{problems}</ul> })}
            </section>
            <section aria-labelledby="files-title">
                <h2 id="files-title">{move || lang().pick("Files", "پرونده‌ها")}</h2>
                {if no_files { view! { <p>{move || lang().pick("None.", "ندارد.")}</p> }.into_any() } else { view! { <ul class="desk-files">{files}</ul> }.into_any() }}
            </section>
            <section aria-labelledby="links-title">
                <h2 id="links-title">{move || lang().pick("Tied to", "پیوند با")}</h2>
                {if no_links { view! { <p>{move || lang().pick("Nothing.", "چیزی نیست.")}</p> }.into_any() } else { view! { <ul>{case}{survey}{complaints}</ul> }.into_any() }}
            </section>
        }
    };
    view! {
        <h1>{move || lang().pick("Response", "پاسخ")} " " <span dir="ltr" class="desk-id">{id}</span></h1>
        {fetched(detail, ("the response", "پاسخ"), show)}
    }
}
