//! The visit report (`GET /admin/desk/visit-report`, approved visits only): score by
//! location, by location and section, the trend by location, the standards most
//! often failed and the critical failures. Every chart has its table behind it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Deserialize;
use serde_json::Value;

use crate::api::{self, ApiError};
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::Lang;
use crate::parts::case_field::FieldProblem;
use crate::parts::chart::{Bar, BarChart, LineChart, Series, Tone};
use crate::parts::problem::ProblemNote;
use crate::visit_report::{name, Report, ReportFilter};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct FormEntry {
    form_id: String,
    kind: Option<String>,
    title: Value,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct Forms {
    forms: Vec<FormEntry>,
}

#[component]
pub fn VisitReport() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Visit report", "گزارش بازدیدها"), lang()));
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| ReportFilter::read(|k| q.get(k))));
    let report = LocalResource::new(move || {
        let pairs = filter.get().pairs();
        async move { api::get_as::<Report>(&format!("/admin/desk/visit-report{}", api::query(&pairs))).await }
    });
    let forms = LocalResource::new(|| async {
        api::get_as::<Forms>("/admin/desk/forms").await.map(|f| f.forms.into_iter().filter(|f| f.kind.as_deref() == Some("checklist")).collect::<Vec<_>>()).unwrap_or_default()
    });
    let replace = browser::use_replace();
    let set = move |change: fn(&mut ReportFilter, String), value: String| {
        let mut f = filter.get_untracked();
        change(&mut f, value);
        replace(&format!("/desk/visits/report{}", api::query(&f.pairs())));
    };
    let (set_form, set_period, set_from, set_to) = (set.clone(), set.clone(), set.clone(), set);
    // A bad query parameter is told next to its field; any other problem above the report.
    let problem = move || report.get().and_then(Result::err);
    let at = move |path: &'static str| {
        Signal::derive(move || problem().filter(|e| e.path() == Some(path)).map(|e| field_words(&e, lang())))
    };
    let form_options = move || {
        let lang = lang();
        let mut list = forms.get().unwrap_or_default();
        let chosen = filter.with(|f| f.form.clone());
        if !chosen.is_empty() && !list.iter().any(|f| f.form_id == chosen) {
            list.push(FormEntry { form_id: chosen, ..FormEntry::default() });
        }
        list.into_iter()
            .map(|f| {
                let id = f.form_id.clone();
                view! { <option value=f.form_id.clone() selected=move || filter.with(|x| x.form == id)>{name(&f.title, &f.form_id, lang)}</option> }
            })
            .collect_view()
    };
    let status = move || match report.get() {
        None => lang().pick("Loading the report…", "در حال بارگذاری گزارش…").to_owned(),
        Some(Ok(r)) => format::counted(r.visits, "approved visit", "approved visits", "بازدید تأییدشده", lang()),
        Some(Err(_)) => lang().pick("The report could not be made.", "گزارش ساخته نشد.").to_owned(),
    };
    let body = move || {
        let _ = lang();
        report.get().map(|answer| match answer {
            Ok(r) => view! { <ReportBody report=r/> }.into_any(),
            Err(e) if matches!(e.path(), Some("form" | "period" | "from" | "to")) => ().into_any(),
            Err(e) => view! { <ProblemNote error=e/> }.into_any(),
        })
    };
    view! {
        <p class="desk-back"><a href="/desk/visits">{move || lang().pick("← All visits", "→ همهٔ بازدیدها")}</a></p>
        <h1>{move || lang().pick("Visit report", "گزارش بازدیدها")}</h1>
        <p class="desk-hint">{move || lang().pick("Approved visits only.", "فقط بازدیدهای تأییدشده.")}</p>
        <form class="desk-filters" aria-label=move || lang().pick("Choose the report", "انتخاب گزارش") on:submit=move |ev| ev.prevent_default()>
            <p class="desk-field">
                <label for="report-form">{move || lang().pick("Checklist", "چک‌لیست")}</label>
                <select id="report-form" aria-describedby="report-form-problem" prop:value=move || filter.with(|f| f.form.clone())
                    on:change=move |ev| set_form(|f, v| f.form = v, event_target_value(&ev))>
                    <option value="">{move || lang().pick("Choose…", "انتخاب کنید…")}</option>
                    {form_options}
                </select>
                <FieldProblem id="report-form-problem" text=at("form")/>
            </p>
            <p class="desk-field">
                <label for="report-period">{move || lang().pick("Trend by", "روند بر پایهٔ")}</label>
                <select id="report-period" aria-describedby="report-period-problem" prop:value=move || filter.with(|f| f.period.clone())
                    on:change=move |ev| set_period(|f, v| f.period = v, event_target_value(&ev))>
                    <option value="" selected=move || filter.with(|f| f.period.is_empty())>{move || lang().pick("Default", "پیش‌فرض")}</option>
                    <option value="week" selected=move || filter.with(|f| f.period == "week")>{move || lang().pick("Week", "هفته")}</option>
                    <option value="month" selected=move || filter.with(|f| f.period == "month")>{move || lang().pick("Month", "ماه")}</option>
                </select>
                <FieldProblem id="report-period-problem" text=at("period")/>
            </p>
            <p class="desk-field">
                <label for="report-from">{move || lang().pick("From", "از")}</label>
                <input id="report-from" type="date" aria-describedby="report-from-problem" prop:value=move || filter.with(|f| f.from.clone())
                    on:change=move |ev| set_from(|f, v| f.from = v, event_target_value(&ev))/>
                <FieldProblem id="report-from-problem" text=at("from")/>
            </p>
            <p class="desk-field">
                <label for="report-to">{move || lang().pick("To (inclusive)", "تا (با خودش)")}</label>
                <input id="report-to" type="date" aria-describedby="report-to-problem" prop:value=move || filter.with(|f| f.to.clone())
                    on:change=move |ev| set_to(|f, v| f.to = v, event_target_value(&ev))/>
                <FieldProblem id="report-to-problem" text=at("to")/>
            </p>
        </form>
        <p class="desk-status" role="status">{status}</p>
        {body}
    }
}

fn field_words(error: &ApiError, lang: Lang) -> String {
    let lead = lang.pick("This choice is not valid.", "این انتخاب معتبر نیست.");
    match error {
        ApiError::Problem { detail, .. } if !detail.is_empty() => format!("{lead} ({detail})"),
        _ => lead.to_owned(),
    }
}

#[component]
fn ReportBody(report: Report) -> impl IntoView {
    let lang = expect_desk().lang.get_untracked();
    let head = |en, fa| lang.pick(en, fa);
    let bars: Vec<Bar> =
        report.score_bars(lang).into_iter().map(|b| Bar { label: b.label, value: b.score, shown: b.shown, tone: Tone::Plain }).collect();
    let trend = report.trend(lang);
    let points = trend.periods;
    let series: Vec<Series> = trend
        .lines
        .into_iter()
        .map(|line| Series { shown: line.values.iter().map(|v| format::maybe(*v, 1, lang)).collect(), name: line.name, values: line.values })
        .collect();
    let section_heads =
        report.sections.iter().map(|s| view! { <th scope="col" class="desk-num">{name(&s.title, &s.id, lang)}</th> }).collect_view();
    let section_rows = report
        .section_rows(lang)
        .into_iter()
        .map(|(label, visits, cells)| {
            let cells = cells.into_iter().map(|c| view! { <td class="desk-num">{c}</td> }).collect_view();
            view! { <tr><th scope="row">{label}</th><td class="desk-num">{visits}</td>{cells}</tr> }
        })
        .collect_view();
    let no_failures = report.most_failed.is_empty();
    let failed_rows = report
        .most_failed
        .iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row" dir="auto">{name(&f.title, &f.item, lang)}</th>
                    <td dir="auto">{report.section_name(&f.section, lang)}</td>
                    <td class="desk-num">{format::count(f.failed, lang)}</td>
                    <td class="desk-num">{format::count(f.answered, lang)}</td>
                    <td class="desk-num">{f.rate.map_or_else(|| "–".to_owned(), |r| format::percent(r, lang))}</td>
                </tr>
            }
        })
        .collect_view();
    let critical_rows = report
        .critical
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/desk/visits/{}", api::segment(&c.response_id))>{browser::date_time(&c.received_at, lang)}</a></th>
                    <td dir="auto">{report.location_name(&c.location, lang)}</td>
                    <td dir="auto">{name(&c.title, &c.item, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let none = |en, fa| view! { <p>{lang.pick(en, fa)}</p> };
    view! {
        <section aria-labelledby="report-scores-title">
            <h2 id="report-scores-title">{head("Score by location", "امتیاز هر محل")}</h2>
            {if bars.is_empty() {
                none("No approved visits in this period.", "در این دوره بازدید تأییدشده‌ای نیست.").into_any()
            } else {
                view! { <BarChart caption=head("Mean score by location, best first", "میانگین امتیاز هر محل، بهترین نخست").to_owned()
                    bars=bars value_heading=head("Score", "امتیاز").to_owned()/> }.into_any()
            }}
        </section>
        <section aria-labelledby="report-sections-title">
            <h2 id="report-sections-title">{head("Score by location and section", "امتیاز هر محل در هر بخش")}</h2>
            <div class="desk-table-wrap">
                <table>
                    <caption>{head("Mean section scores", "میانگین امتیاز بخش‌ها")}</caption>
                    <thead><tr>
                        <th scope="col">{head("Location", "محل")}</th>
                        <th scope="col" class="desk-num">{head("Visits", "بازدیدها")}</th>
                        {section_heads}
                    </tr></thead>
                    <tbody>{section_rows}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="report-trend-title">
            <h2 id="report-trend-title">{head("Trend by location", "روند هر محل")}</h2>
            {if points.is_empty() {
                none("No periods to show.", "دوره‌ای برای نمایش نیست.").into_any()
            } else {
                view! { <LineChart caption=head("Mean score by period and location", "میانگین امتیاز در هر دوره و محل").to_owned()
                    points=points series=series low=0.0 high=100.0/> }.into_any()
            }}
        </section>
        <section aria-labelledby="report-failed-title">
            <h2 id="report-failed-title">{head("Standards most often failed", "استانداردهایی که بیشتر رعایت نشدند")}</h2>
            {no_failures.then(|| none("No standard was failed.", "هیچ استانداردی نقض نشد."))}
            <div class="desk-table-wrap" hidden=no_failures>
                <table>
                    <caption>{head("The ten items failed most often, with how often", "ده موردی که بیشتر رعایت نشدند، با نرخ آن")}</caption>
                    <thead><tr>
                        <th scope="col">{head("Item", "مورد")}</th>
                        <th scope="col">{head("Section", "بخش")}</th>
                        <th scope="col" class="desk-num">{head("Failed", "رعایت‌نشده")}</th>
                        <th scope="col" class="desk-num">{head("Answered", "پاسخ‌داده")}</th>
                        <th scope="col" class="desk-num">{head("Rate", "نرخ")}</th>
                    </tr></thead>
                    <tbody>{failed_rows}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="report-critical-title">
            <h2 id="report-critical-title">{head("Critical failures", "خطاهای حیاتی")}</h2>
            {if report.critical.is_empty() {
                none("No critical failures.", "خطای حیاتی‌ای نیست.").into_any()
            } else {
                view! {
                    <div class="desk-table-wrap">
                        <table>
                            <caption>{head("Visits where a critical standard was missed", "بازدیدهایی که در آن‌ها یک استاندارد حیاتی رعایت نشد")}</caption>
                            <thead><tr>
                                <th scope="col">{head("Visit", "بازدید")}</th>
                                <th scope="col">{head("Location", "محل")}</th>
                                <th scope="col">{head("Item", "مورد")}</th>
                            </tr></thead>
                            <tbody>{critical_rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
