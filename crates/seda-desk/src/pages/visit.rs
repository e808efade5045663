//! One visit's score card (`GET /admin/desk/visits/{id}`): the total, band and
//! result, the visit record, each section with its items, and the review. It prints
//! on A4 as the report a store manager is given (see the print CSS).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::i18n::{text_in, Lang};
use crate::parts::changing::changing;
use crate::parts::problem::ProblemNote;
use crate::parts::visit_card::{points_text, VisitSections};
use crate::parts::visit_review::VisitReview;
use crate::visits::{self, Position, VisitDetail};

#[component]
pub fn Visit() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let visit = changing::<VisitDetail>(Memo::new(move |_| format!("/admin/desk/visits/{}", api::segment(&id.get()))));
    let (loaded, failed, changed) = (visit.loaded, visit.failed, visit.changed);
    let place = move || {
        loaded.with(|d| {
            d.as_ref().map(|d| {
                let label = text_in(&d.visit.location_label, lang());
                if label.is_empty() {
                    d.visit.location.clone().unwrap_or_default()
                } else {
                    label
                }
            })
        })
    };
    Effect::new(move |_| {
        let title = match place() {
            Some(p) if !p.is_empty() => format!("{} · {p}", lang().pick("Visit", "بازدید")),
            _ => lang().pick("Visit", "بازدید").to_owned(),
        };
        browser::set_title(&title, lang());
    });
    let detail = Signal::derive(move || loaded.get().unwrap_or_default());
    let status = move || {
        visit.status(lang(), ("The visit could not be loaded.", "بازدید بارگذاری نشد."), ("Loading the visit…", "در حال بارگذاری بازدید…"))
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <p class="desk-back desk-no-print"><a href="/desk/visits">{move || lang().pick("← All visits", "→ همهٔ بازدیدها")}</a></p>
        <h1>
            {move || lang().pick("Visit", "بازدید")}
            {move || place().filter(|p| !p.is_empty()).map(|p| view! { " · "<span dir="auto">{p}</span> })}
        </h1>
        <p class="desk-status desk-no-print" role="status">{status}</p>
        {move || failed.get().map(|error| view! { <ProblemNote error=error/> })}
        <Show when=move || loaded.with(Option::is_some)>
            <p class="desk-no-print">
                <button type="button" on:click=print>{move || lang().pick("Print", "چاپ")}</button>
            </p>
            <VisitHead detail=detail/>
            <VisitRecord detail=detail/>
            <h2 class="desk-sections-title">{move || lang().pick("Sections", "بخش‌ها")}</h2>
            <VisitSections card=Signal::derive(move || detail.with(|d| d.scorecard.clone()))/>
            <VisitReview detail=detail changed=changed/>
        </Show>
    }
}

/// The total, the band and the result.
#[component]
fn VisitHead(detail: Signal<VisitDetail>) -> impl IntoView {
    let desk = expect_desk();
    let facts = move || {
        let lang = desk.lang();
        let card = detail.with(|d| d.scorecard.clone());
        let mismatch = detail.with(|d| d.visit.figures.as_deref() == Some("mismatch"));
        let method = match card.method.as_str() {
            "weighted" => lang.pick("weighted by section", "وزن‌دار بر پایهٔ بخش"),
            "pooled" => lang.pick("all items pooled", "همهٔ موارد با هم"),
            _ => "",
        };
        view! {
            <dl class="desk-facts desk-visit-total">
                <div><dt>{lang.pick("Score", "امتیاز")}</dt><dd class="desk-big">{visits::score_text(card.score, lang)}</dd></div>
                <div><dt>{lang.pick("Band", "رده")}</dt><dd>{visits::band_words(card.band.as_deref(), &card.band_label, lang)}</dd></div>
                <div><dt>{lang.pick("Result", "نتیجه")}</dt>
                    <dd><strong class:desk-fail=card.pass == Some(false)>{visits::pass_words(card.pass, lang)}</strong>
                        " · "{visits::outcome_words(&card.outcome, card.band.as_deref(), &card.band_label, lang)}</dd></div>
                <div><dt>{lang.pick("Points", "امتیازها")}</dt><dd>{points_text(card.earned, card.possible, lang)}
                    {(!method.is_empty()).then(|| view! { " ("{method}")" })}</dd></div>
            </dl>
            {mismatch.then(|| view! {
                <p class="desk-hint">{lang.pick(
                    "The figures the phone showed differed from these; this card is the receiver's own scoring of the answers.",
                    "ارقامی که گوشی نشان داد با این‌ها فرق داشت؛ این کارنامه امتیازدهی خود سرور به پاسخ‌هاست.",
                )}</p>
            })}
        }
    };
    view! {
        <section class="desk-card" aria-labelledby="visit-total-title">
            <h2 id="visit-total-title">{move || desk.lang().pick("Result", "نتیجه")}</h2>
            {facts}
        </section>
    }
}

/// Where, who and when, and the position if the shopper shared it.
#[component]
fn VisitRecord(detail: Signal<VisitDetail>) -> impl IntoView {
    let desk = expect_desk();
    let facts = move || {
        let lang = desk.lang();
        let (record, visit) = detail.with(|d| (d.record.clone(), d.visit.clone()));
        let text = |v: Option<String>| v.filter(|s| !s.is_empty()).unwrap_or_else(|| "–".to_owned());
        let time = |v: Option<String>| v.filter(|s| !s.is_empty()).map_or_else(|| "–".to_owned(), |t| browser::date_time(&t, lang));
        let position = Position::from_value(&record.geo);
        let label = text_in(&visit.location_label, lang);
        let place = if label.is_empty() { text(record.location.clone().or(visit.location.clone())) } else { label };
        view! {
            <dl class="desk-facts">
                <div><dt>{lang.pick("Location", "محل")}</dt><dd><bdi>{place}</bdi></dd></div>
                <div><dt>{lang.pick("Shopper", "خریدار پنهان")}</dt><dd><bdi>{text(record.shopper.or(visit.shopper))}</bdi></dd></div>
                <div><dt>{lang.pick("Assignment", "مأموریت")}</dt><dd><bdi>{text(record.assignment.or(visit.assignment))}</bdi></dd></div>
                <div><dt>{lang.pick("Time in", "زمان ورود")}</dt><dd>{time(record.time_in.or(visit.time_in))}</dd></div>
                <div><dt>{lang.pick("Time out", "زمان خروج")}</dt><dd>{time(record.time_out.or(visit.time_out))}</dd></div>
                <div><dt>{lang.pick("Staff served by", "کارکنان")}</dt><dd dir="auto">{text(record.staff)}</dd></div>
                <div><dt>{lang.pick("Received", "دریافت")}</dt><dd>{browser::date_time(&visit.received_at, lang)}</dd></div>
                <div><dt>{lang.pick("Position", "موقعیت")}</dt>
                    <dd>{match position {
                        Some(p) => view! {
                            <span>{p.text(lang)}</span>" "
                            <a class="desk-no-print" href=p.map_url() target="_blank" rel="noopener">{map_words(lang)}</a>
                        }.into_any(),
                        None => lang.pick("Not shared", "به اشتراک گذاشته نشد").into_any(),
                    }}</dd></div>
            </dl>
        }
    };
    view! {
        <section class="desk-card" aria-labelledby="visit-record-title">
            <h2 id="visit-record-title">{move || desk.lang().pick("The visit", "مشخصات بازدید")}</h2>
            {facts}
        </section>
    }
}

fn map_words(lang: Lang) -> &'static str {
    lang.pick("On OpenStreetMap (opens a new tab)", "در OpenStreetMap (در زبانهٔ تازه)")
}
