//! Mystery-shop visits (`GET /admin/desk/visits`): filtered by location, shopper,
//! review state and period (kept in the query string), each with its score, band,
//! result and critical failures in words, and its review state.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::{text_in, Lang};
use crate::parts::pager::Pager;
use crate::parts::problem::ProblemNote;
use crate::visits::{self, VisitFilter, VisitList, VisitRow, REVIEW_STATES, VISITS_PER_PAGE};

#[component]
pub fn Visits() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Visits", "بازدیدها"), lang()));
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| VisitFilter::read(|k| q.get(k))));
    let list = LocalResource::new(move || {
        let pairs = filter.get().api_pairs();
        async move { api::get_as::<VisitList>(&format!("/admin/desk/visits{}", api::query(&pairs))).await }
    });
    let replace = browser::use_replace();
    let set = move |change: fn(&mut VisitFilter, String), value: String| {
        let mut f = filter.get_untracked();
        change(&mut f, value);
        // Other filters, other visits: back to the first page.
        f.offset = 0;
        replace(&format!("/desk/visits{}", api::query(&f.pairs())));
    };
    let page_replace = browser::use_replace();
    let on_page = Callback::new(move |offset: u32| {
        let mut f = filter.get_untracked();
        f.offset = offset;
        page_replace(&format!("/desk/visits{}", api::query(&f.pairs())));
    });
    let (set_location, set_shopper, set_state, set_from, set_to) = (set.clone(), set.clone(), set.clone(), set.clone(), set);
    let places = move || {
        let lang = lang();
        list.get().and_then(Result::ok).map(|l| l.locations).unwrap_or_default().into_iter().map(|p| {
            let label = visits::band_words(Some(&p.id), &p.label, lang);
            let id = p.id.clone();
            view! { <option value=p.id.clone() selected=move || filter.with(|f| f.location == id)>{label}</option> }
        }).collect_view()
    };
    let shoppers = move || {
        list.get().and_then(Result::ok).map(|l| l.shoppers).unwrap_or_default().into_iter().map(|s| {
            let id = s.clone();
            view! { <option value=s.clone() selected=move || filter.with(|f| f.shopper == id)>{s.clone()}</option> }
        }).collect_view()
    };
    let states = move || {
        REVIEW_STATES.iter().map(|s| view! {
            <option value=*s selected=move || filter.with(|f| f.state == *s)>{visits::review_label(s, lang())}</option>
        }).collect_view()
    };
    let status = move || match list.get() {
        None => lang().pick("Loading visits…", "در حال بارگذاری بازدیدها…").to_owned(),
        Some(Ok(l)) => format::counted(l.total, "visit", "visits", "بازدید", lang()),
        Some(Err(_)) => lang().pick("The visits could not be loaded.", "بازدیدها بارگذاری نشدند.").to_owned(),
    };
    let body = move || {
        let _ = lang();
        list.get().map(|answer| match answer {
            Ok(l) => {
                let total = l.total;
                view! {
                    <VisitTable rows=l.visits/>
                    <Pager total=Signal::derive(move || total) offset=Signal::derive(move || filter.with(|f| f.offset)) per_page=VISITS_PER_PAGE on_page/>
                }
                .into_any()
            }
            Err(error) => view! { <ProblemNote error=error/> }.into_any(),
        })
    };
    view! {
        <h1>{move || lang().pick("Visits", "بازدیدها")}</h1>
        <p><a href="/desk/visits/report">{move || lang().pick("The report: scores by location, section and period", "گزارش: امتیازها بر پایهٔ محل، بخش و دوره")}</a></p>
        <form class="desk-filters" role="search" aria-label=move || lang().pick("Filter visits", "فیلتر بازدیدها")
            on:submit=move |ev| ev.prevent_default()>
            <p class="desk-field">
                <label for="visits-location">{move || lang().pick("Location", "محل")}</label>
                <select id="visits-location" prop:value=move || filter.with(|f| f.location.clone())
                    on:change=move |ev| set_location(|f, v| f.location = v, event_target_value(&ev))>
                    <option value="">{move || lang().pick("All locations", "همهٔ محل‌ها")}</option>
                    {places}
                </select>
            </p>
            <p class="desk-field">
                <label for="visits-shopper">{move || lang().pick("Shopper", "خریدار پنهان")}</label>
                <select id="visits-shopper" prop:value=move || filter.with(|f| f.shopper.clone())
                    on:change=move |ev| set_shopper(|f, v| f.shopper = v, event_target_value(&ev))>
                    <option value="">{move || lang().pick("All shoppers", "همهٔ خریداران")}</option>
                    {shoppers}
                </select>
            </p>
            <p class="desk-field">
                <label for="visits-state">{move || lang().pick("Review", "بررسی")}</label>
                <select id="visits-state" prop:value=move || filter.with(|f| f.state.clone())
                    on:change=move |ev| set_state(|f, v| f.state = v, event_target_value(&ev))>
                    <option value="">{move || lang().pick("Any state", "هر وضعیت")}</option>
                    {states}
                </select>
            </p>
            <p class="desk-field">
                <label for="visits-from">{move || lang().pick("From", "از")}</label>
                <input id="visits-from" type="date" prop:value=move || filter.with(|f| f.from.clone())
                    on:change=move |ev| set_from(|f, v| f.from = v, event_target_value(&ev))/>
            </p>
            <p class="desk-field">
                <label for="visits-to">{move || lang().pick("To (inclusive)", "تا (با خودش)")}</label>
                <input id="visits-to" type="date" prop:value=move || filter.with(|f| f.to.clone())
                    on:change=move |ev| set_to(|f, v| f.to = v, event_target_value(&ev))/>
            </p>
        </form>
        <p class="desk-status" role="status">{status}</p>
        {body}
    }
}

/// The visits as a table that reads as cards on a phone.
#[component]
fn VisitTable(rows: Vec<VisitRow>) -> impl IntoView {
    let lang = expect_desk().lang.get_untracked();
    if rows.is_empty() {
        return view! { <p>{lang.pick("No visits match these filters.", "هیچ بازدیدی با این فیلترها نیست.")}</p> }.into_any();
    }
    let head = |en, fa| lang.pick(en, fa);
    let body = rows
        .into_iter()
        .map(|v| {
            let place = text_in(&v.location_label, lang);
            let place = if place.is_empty() { v.location.clone().unwrap_or_else(|| "–".to_owned()) } else { place };
            let critical = match (v.critical_failures, lang) {
                (0, _) => lang.pick("None", "هیچ").to_owned(),
                (n, Lang::En) => format!("{n} critical"),
                (n, Lang::Fa) => format!("{} مورد حیاتی", format::count(n, lang)),
            };
            let mismatch = v.figures.as_deref() == Some("mismatch");
            let any_critical = v.critical_failures > 0;
            view! {
                <tr>
                    <th scope="row" data-label=head("Visit", "بازدید")>
                        <a href=format!("/desk/visits/{}", api::segment(&v.response_id))>{browser::date_time(&v.received_at, lang)}</a>
                    </th>
                    <td data-label=head("Location", "محل")>{place}</td>
                    <td data-label=head("Shopper", "خریدار پنهان")><bdi>{v.shopper.clone().unwrap_or_else(|| "–".to_owned())}</bdi></td>
                    <td data-label=head("Score", "امتیاز") class="desk-num">{visits::score_text(v.score, lang)}</td>
                    <td data-label=head("Band", "رده")>{visits::band_words(v.band.as_deref(), &v.band_label, lang)}</td>
                    <td data-label=head("Result", "نتیجه")>
                        <span class:desk-fail=v.pass == Some(false)>{visits::pass_words(v.pass, lang)}</span>
                    </td>
                    <td data-label=head("Critical failures", "خطاهای حیاتی")>
                        <span class:desk-fail=any_critical>{critical}</span>
                    </td>
                    <td data-label=head("Review", "بررسی")>
                        {visits::review_label(&v.state, lang)}
                        {mismatch.then(|| view! { <br/><small>{head("The phone's figures differed", "ارقام گوشی متفاوت بود")}</small> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="desk-table-wrap">
            <table class="desk-stack desk-visits">
                <caption class="desk-visually-hidden">{head("Mystery-shop visits, newest first", "بازدیدهای خرید پنهان، تازه‌ترین نخست")}</caption>
                <thead><tr>
                    <th scope="col">{head("Visit", "بازدید")}</th>
                    <th scope="col">{head("Location", "محل")}</th>
                    <th scope="col">{head("Shopper", "خریدار پنهان")}</th>
                    <th scope="col" class="desk-num">{head("Score", "امتیاز")}</th>
                    <th scope="col">{head("Band", "رده")}</th>
                    <th scope="col">{head("Result", "نتیجه")}</th>
                    <th scope="col">{head("Critical failures", "خطاهای حیاتی")}</th>
                    <th scope="col">{head("Review", "بررسی")}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
