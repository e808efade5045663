//! Charts in plain SVG, each with its table: the picture is hidden from screen readers
//! (`aria-hidden`), and the table behind it (a `<details>` under the picture) holds the
//! same figures for screen readers and for copying.

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::plot;

/// How a bar or a line is coloured: by what it means, never by colour alone (the
/// table says the same in words).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Middling,
    Bad,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Plain => "desk-tone-plain",
            Tone::Good => "desk-tone-good",
            Tone::Middling => "desk-tone-middling",
            Tone::Bad => "desk-tone-bad",
        }
    }
}

/// One bar: its label, its value (for the length) and the value as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    pub tone: Tone,
}

/// Horizontal bars, longest value to full width, with their table.
#[component]
pub fn BarChart(
    /// What the chart shows; the table's caption too.
    #[prop(into)]
    caption: Signal<String>,
    /// The bars, top to bottom.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// The table's heading for the values ("Responses", "Score").
    #[prop(into)]
    value_heading: Signal<String>,
) -> impl IntoView {
    let desk = expect_desk();
    let row_height = 28.0;
    let picture = move || {
        let bars = bars.get();
        let max = bars.iter().map(|b| b.value.abs()).fold(0.0_f64, f64::max).max(f64::EPSILON);
        let height = row_height * bars.len() as f64;
        let rects = bars
            .iter()
            .enumerate()
            .map(|(i, bar)| {
                let width = (bar.value.abs() / max * 100.0).clamp(0.0, 100.0);
                let y = i as f64 * row_height + 4.0;
                view! { <rect class=bar.tone.class() x="0" y=y width=format!("{width}%") height=row_height - 8.0 rx="3"/> }
            })
            .collect_view();
        view! {
            <svg class="desk-chart-bars" aria-hidden="true" focusable="false" width="100%" height=height
                preserveAspectRatio="none">{rects}</svg>
        }
    };
    let labels = move || bars.get().into_iter().map(|bar| view! { <li><span>{bar.label}</span><span>{bar.shown}</span></li> }).collect_view();
    let rows = move || {
        bars.get().into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td class="desk-num">{bar.shown}</td></tr> }).collect_view()
    };
    view! {
        <figure class="desk-chart">
            <figcaption>{move || caption.get()}</figcaption>
            <div class="desk-chart-body" aria-hidden="true">
                <ol class="desk-chart-labels">{labels}</ol>
                {picture}
            </div>
            <details class="desk-chart-table">
                <summary>{move || desk.lang().pick("Table of this chart", "جدول این نمودار")}</summary>
                <div class="desk-table-wrap" tabindex="0" role="region" aria-label=move || caption.get()>
                    <table>
                        <caption>{move || caption.get()}</caption>
                        <thead><tr>
                            <th scope="col">{move || desk.lang().pick("Item", "مورد")}</th>
                            <th scope="col" class="desk-num">{move || value_heading.get()}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// One line of a [`LineChart`]: a value (or none) at each of the chart's points.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// The values as written, for the table.
    pub shown: Vec<String>,
}

/// Lines over periods (oldest first), between `low` and `high`, with their table.
#[component]
pub fn LineChart(
    /// What the chart shows; the table's caption too.
    #[prop(into)]
    caption: Signal<String>,
    /// The periods, as written ("2026-W49").
    #[prop(into)]
    points: Signal<Vec<String>>,
    /// The lines.
    #[prop(into)]
    series: Signal<Vec<Series>>,
    /// The bottom and top of the scale (-100 and 100 for NPS, 0 and 100 for a score).
    low: f64,
    high: f64,
) -> impl IntoView {
    let desk = expect_desk();
    let (width, height) = (600.0, 200.0);
    let picture = move || {
        let count = points.with(Vec::len);
        // Time runs in the reading direction: the oldest period on the right in Persian.
        let rtl = desk.lang().dir() == "rtl";
        let x = move |i: usize| plot::across(i, count, width, rtl);
        let y = move |v: f64| height - 10.0 - (v.clamp(low, high) - low) / (high - low) * (height - 20.0);
        let lines = series
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, s)| {
                let coords: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x(i), y(v)))).collect();
                let path = coords.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
                let dots = coords.into_iter().map(|(a, b)| view! { <circle cx=a cy=b r="4"/> }).collect_view();
                view! { <g class=format!("desk-series desk-series-{}", n % 4)><polyline points=path fill="none"/>{dots}</g> }
            })
            .collect_view();
        let zero = (low < 0.0 && high > 0.0).then(|| view! { <line class="desk-axis" x1="0" x2=width y1=y(0.0) y2=y(0.0)/> });
        view! {
            <svg class="desk-chart-lines" aria-hidden="true" focusable="false" viewBox=format!("0 0 {width} {height}")
                preserveAspectRatio="none" direction="ltr">
                <line class="desk-axis" x1="0" x2=width y1=height - 10.0 y2=height - 10.0/>
                {zero}
                {lines}
            </svg>
        }
    };
    // The first and the last period under the picture, at its two ends.
    let ends = move || {
        points.with(|p| match (p.first(), p.last()) {
            (Some(first), Some(last)) if p.len() > 1 => Some(view! { <p class="desk-chart-ends" aria-hidden="true"><span>{first.clone()}</span><span>{last.clone()}</span></p> }),
            _ => None,
        })
    };
    let legend = move || series.get().into_iter().enumerate().map(|(n, s)| view! { <li class=format!("desk-series-{}", n % 4)>{s.name}</li> }).collect_view();
    let heads = move || series.get().into_iter().map(|s| view! { <th scope="col" class="desk-num">{s.name}</th> }).collect_view();
    let rows = move || {
        let all = series.get();
        points
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, point)| {
                let cells = all.iter().map(|s| view! { <td class="desk-num">{s.shown.get(i).cloned().unwrap_or_default()}</td> }).collect_view();
                view! { <tr><th scope="row">{point}</th>{cells}</tr> }
            })
            .collect_view()
    };
    view! {
        <figure class="desk-chart">
            <figcaption>{move || caption.get()}</figcaption>
            <ul class="desk-chart-legend" aria-hidden="true">{legend}</ul>
            {picture}
            {ends}
            <details class="desk-chart-table">
                <summary>{move || desk.lang().pick("Table of this chart", "جدول این نمودار")}</summary>
                <div class="desk-table-wrap" tabindex="0" role="region" aria-label=move || caption.get()>
                    <table>
                        <caption>{move || caption.get()}</caption>
                        <thead><tr><th scope="col">{move || desk.lang().pick("Period", "دوره")}</th>{heads}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
