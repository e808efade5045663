//! The survey's three scores as cards: NPS with its interval and its split, CSAT and
//! CES with what they rest on. A score the form does not have is left out.

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::format;
use crate::i18n::Lang;
use crate::model::survey::{signed, Ces, Csat, Metrics, Nps};
use crate::parts::metric_card::MetricCard;

/// The cards of `metrics`, or a note when there is none.
#[component]
pub fn ScoreCards(
    /// The scores.
    metrics: Metrics,
) -> impl IntoView {
    let desk = expect_desk();
    let none = metrics.nps.is_none() && metrics.csat.is_none() && metrics.ces.is_none();
    view! {
        <div class="desk-cards">
            {metrics.nps.map(|nps| view! { <NpsCard nps/> })}
            {metrics.csat.map(|csat| view! { <CsatCard csat/> })}
            {metrics.ces.map(|ces| view! { <CesCard ces/> })}
        </div>
        {none.then(|| view! {
            <p>{move || desk.lang().pick("These responses have no score to show.", "این پاسخ‌ها امتیازی برای نمایش ندارند.")}</p>
        })}
    }
}

/// "8 (40.0%)".
fn share(count: i64, n: i64, lang: Lang) -> String {
    let percent = if n > 0 { 100.0 * count as f64 / n as f64 } else { 0.0 };
    format!("{} ({})", format::count(count, lang), format::percent(percent, lang))
}

#[component]
fn NpsCard(nps: Nps) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let figure = {
        let score = nps.score;
        Signal::derive(move || signed(score, desk.lang()))
    };
    let interval = {
        let nps = nps.clone();
        move || nps.interval(lang())
    };
    let Nps { n, promoters, passives, detractors, .. } = nps;
    view! {
        <MetricCard id="metric-nps" title=Signal::derive(move || lang().pick("Net Promoter Score", "امتیاز خالص مروّج (NPS)").to_owned()) figure>
            <p class="desk-metric-interval" dir="ltr">{interval}</p>
            <dl class="desk-split">
                <div class="desk-split-promoters"><dt>{move || lang().pick("Promoters (9–10)", "مروّجان (۹ تا ۱۰)")}</dt><dd dir="ltr">{move || share(promoters, n, lang())}</dd></div>
                <div class="desk-split-passives"><dt>{move || lang().pick("Passives (7–8)", "خنثی‌ها (۷ تا ۸)")}</dt><dd dir="ltr">{move || share(passives, n, lang())}</dd></div>
                <div class="desk-split-detractors"><dt>{move || lang().pick("Detractors (0–6)", "منتقدان (۰ تا ۶)")}</dt><dd dir="ltr">{move || share(detractors, n, lang())}</dd></div>
            </dl>
            <p class="desk-metric-n">{move || format!("{} {}", lang().pick("Answers:", "تعداد پاسخ:"), format::count(n, lang()))}</p>
        </MetricCard>
    }
}

#[component]
fn CsatCard(csat: Csat) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let Csat { n, satisfied, percent, .. } = csat;
    view! {
        <MetricCard id="metric-csat" title=Signal::derive(move || lang().pick("Customer satisfaction (CSAT)", "رضایت مشتری (CSAT)").to_owned())
            figure=Signal::derive(move || format::percent(percent, desk.lang()))>
            <p>{move || format!("{} {} {} {}", format::count(satisfied, lang()), lang().pick("of", "از"), format::count(n, lang()),
                lang().pick("answered 4 or 5", "پاسخ ۴ یا ۵ دادند"))}</p>
        </MetricCard>
    }
}

#[component]
fn CesCard(ces: Ces) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let Ces { n, mean, .. } = ces;
    view! {
        <MetricCard id="metric-ces" title=Signal::derive(move || lang().pick("Customer effort (CES)", "تلاش مشتری (CES)").to_owned())
            figure=Signal::derive(move || format::number(mean, 1, desk.lang()))>
            <p>{move || format!("{} {} {}", lang().pick("Mean on a 1–7 scale, of", "میانگین در مقیاس ۱ تا ۷، از"), format::count(n, lang()),
                lang().pick("answers", "پاسخ"))}</p>
        </MetricCard>
    }
}
