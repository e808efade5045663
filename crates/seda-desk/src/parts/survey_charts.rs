//! The survey's charts: how the answers spread over each scale, the scores period by
//! period, and the breakdown by one dimension (its table downloadable as CSV).

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::Lang;
use crate::model::survey::{breakdown_csv, dimension_name, signed, Breakdown, Count, Metrics, TrendRow};
use crate::parts::chart::{Bar, BarChart, LineChart, Series, Tone};

/// A period ("2026-W49") kept left to right inside right-to-left text, where it would
/// otherwise read "W49-2026".
fn period_name(period: &str, lang: Lang) -> String {
    format!("\u{2066}{}\u{2069}", format::digits(period, lang))
}

/// Bars of one scale's answers, coloured by what `tone` makes of each value.
fn bars(distribution: &[Count], tone: fn(i64) -> Tone, lang: Lang) -> Vec<Bar> {
    distribution
        .iter()
        .map(|c| Bar { label: format::count(c.value, lang), value: c.count as f64, shown: format::count(c.count, lang), tone: tone(c.value) })
        .collect()
}

fn nps_tone(value: i64) -> Tone {
    match value {
        9.. => Tone::Good,
        7..=8 => Tone::Middling,
        _ => Tone::Bad,
    }
}

fn csat_tone(value: i64) -> Tone {
    match value {
        4.. => Tone::Good,
        3 => Tone::Middling,
        _ => Tone::Bad,
    }
}

/// A chart of answers a scale's value for each score the form has.
#[component]
pub fn Distributions(
    /// The scores with their distributions.
    metrics: Metrics,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let heading = Signal::derive(move || lang().pick("Answers", "پاسخ‌ها").to_owned());
    let nps = metrics.nps.map(|m| {
        let d = m.distribution;
        let caption = Signal::derive(move || lang().pick("NPS answers, 0 to 10", "پاسخ‌های NPS، ۰ تا ۱۰").to_owned());
        view! { <BarChart caption bars=Signal::derive(move || bars(&d, nps_tone, desk.lang())) value_heading=heading/> }
    });
    let csat = metrics.csat.map(|m| {
        let d = m.distribution;
        let caption = Signal::derive(move || lang().pick("CSAT answers, 1 to 5", "پاسخ‌های CSAT، ۱ تا ۵").to_owned());
        view! { <BarChart caption bars=Signal::derive(move || bars(&d, csat_tone, desk.lang())) value_heading=heading/> }
    });
    let ces = metrics.ces.map(|m| {
        let d = m.distribution;
        let caption = Signal::derive(move || lang().pick("CES answers, 1 to 7", "پاسخ‌های CES، ۱ تا ۷").to_owned());
        view! { <BarChart caption bars=Signal::derive(move || bars(&d, |_| Tone::Plain, desk.lang())) value_heading=heading/> }
    });
    view! { <div class="desk-charts">{nps}{csat}{ces}</div> }
}

/// The scores period by period, one chart a score (their scales differ).
#[component]
pub fn Trend(
    /// The periods, oldest first.
    trend: Vec<TrendRow>,
    /// Which scores the form has: NPS, CSAT, CES.
    has: (bool, bool, bool),
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    if trend.is_empty() {
        return view! { <p>{move || lang().pick("No responses in these periods.", "در این دوره‌ها پاسخی نیست.")}</p> }.into_any();
    }
    let periods = {
        let trend = trend.clone();
        Signal::derive(move || trend.iter().map(|t| period_name(&t.period, desk.lang())).collect::<Vec<_>>())
    };
    let line = move |name: (&'static str, &'static str), pick: fn(&TrendRow) -> Option<f64>, trend: Vec<TrendRow>| {
        Signal::derive(move || {
            let l = desk.lang();
            let values: Vec<Option<f64>> = trend.iter().map(pick).collect();
            let shown = values.iter().map(|v| v.map_or("–".into(), |v| signed(v, l))).collect();
            vec![Series { name: l.pick(name.0, name.1).to_owned(), values, shown }]
        })
    };
    let (nps, csat, ces) = has;
    let nps = nps.then(|| {
        let series = line(("NPS", "NPS"), |t| t.figures.nps, trend.clone());
        view! { <LineChart caption=Signal::derive(move || lang().pick("NPS by period", "NPS در هر دوره").to_owned()) points=periods series low=-100.0 high=100.0/> }
    });
    let csat = csat.then(|| {
        let series = line(("CSAT %", "CSAT ٪"), |t| t.figures.csat, trend.clone());
        view! { <LineChart caption=Signal::derive(move || lang().pick("CSAT by period", "CSAT در هر دوره").to_owned()) points=periods series low=0.0 high=100.0/> }
    });
    let ces = ces.then(|| {
        let series = line(("CES", "CES"), |t| t.figures.ces, trend.clone());
        view! { <LineChart caption=Signal::derive(move || lang().pick("CES by period", "CES در هر دوره").to_owned()) points=periods series low=1.0 high=7.0/> }
    });
    let counts = {
        let trend = trend.clone();
        Signal::derive(move || {
            let l = desk.lang();
            trend
                .iter()
                .map(|t| Bar { label: period_name(&t.period, l), value: t.figures.responses as f64, shown: format::count(t.figures.responses, l), tone: Tone::Plain })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="desk-charts">
            {nps}{csat}{ces}
            <BarChart caption=Signal::derive(move || lang().pick("Responses by period", "پاسخ‌ها در هر دوره").to_owned()) bars=counts
                value_heading=Signal::derive(move || lang().pick("Responses", "پاسخ‌ها").to_owned())/>
        </div>
    }
    .into_any()
}

/// The breakdown: a table of every figure a value of the dimension, NPS as bars when
/// the form has it, and the table as CSV.
#[component]
pub fn BreakdownView(
    /// The rows.
    breakdown: Breakdown,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let by = breakdown.by.clone();
    let caption = {
        let by = by.clone();
        Signal::derive(move || format!("{} {}", lang().pick("By", "بر پایهٔ"), dimension_name(&by, desk.lang())))
    };
    let has_nps = breakdown.rows.iter().any(|r| r.figures.nps.is_some());
    let chart = has_nps.then(|| {
        let rows = breakdown.rows.clone();
        let bars = Signal::derive(move || {
            let l = desk.lang();
            rows.iter()
                .filter_map(|r| {
                    let nps = r.figures.nps?;
                    let tone = if nps > 0.0 { Tone::Good } else if nps < 0.0 { Tone::Bad } else { Tone::Middling };
                    Some(Bar { label: r.label(l), value: nps, shown: signed(nps, l), tone })
                })
                .collect::<Vec<_>>()
        });
        view! { <BarChart caption=Signal::derive(move || format!("NPS · {}", caption.get())) bars value_heading=Signal::derive(|| "NPS".to_owned())/> }
    });
    let rows = {
        let rows = breakdown.rows.clone();
        move || {
            let l = desk.lang();
            let cell = move |x: Option<f64>| x.map_or("–".to_owned(), |x| signed(x, l));
            rows.iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row" dir="auto">{r.label(l)}</th>
                            <td class="desk-num">{format::count(r.figures.responses, l)}</td>
                            <td class="desk-num" dir="ltr">{cell(r.figures.nps)}</td>
                            <td class="desk-num" dir="ltr">{cell(r.figures.csat)}</td>
                            <td class="desk-num" dir="ltr">{cell(r.figures.ces)}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    let download = move |_| {
        let l = desk.lang.get_untracked();
        browser::download(&format!("{}-breakdown.csv", breakdown.by.replace('.', "-")), "text/csv;charset=utf-8", &breakdown_csv(&breakdown, l));
    };
    view! {
        {chart}
        <div class="desk-table-wrap" tabindex="0" role="region" aria-labelledby="breakdown-caption">
            <table id="breakdown-table">
                <caption id="breakdown-caption">{move || caption.get()}</caption>
                <thead><tr>
                    <th scope="col">{move || dimension_name(&by, lang())}</th>
                    <th scope="col" class="desk-num">{move || lang().pick("Responses", "پاسخ‌ها")}</th>
                    <th scope="col" class="desk-num">"NPS"</th>
                    <th scope="col" class="desk-num">{move || lang().pick("CSAT %", "CSAT ٪")}</th>
                    <th scope="col" class="desk-num">"CES"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <button type="button" class="desk-download" on:click=download>
            {move || lang().pick("Download CSV of the breakdown", "دریافت CSV تفکیک")}
        </button>
    }
}
