//! A survey's results: the choices (kept in the address, so a view can be shared),
//! the scores, their spread, the trend, the breakdown and the comments.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::text_in;
use crate::model::forms::FormList;
use crate::model::survey::SurveyReport;
use crate::model::survey_query::SurveyQuery;
use crate::parts::comments::{pairs_query, Comments};
use crate::parts::fetched::{fetched, load};
use crate::parts::score_cards::ScoreCards;
use crate::parts::survey_charts::{BreakdownView, Distributions, Trend};
use crate::parts::survey_filters::SurveyFilters;

#[component]
pub fn Survey() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let params = use_params_map();
    let form = Signal::derive(move || params.with(|p| p.get("form").unwrap_or_default()));
    let address = use_query_map();
    let query = Memo::new(move |_| address.with(|a| SurveyQuery::from_pairs(a.latest_values().map(|(n, v)| (n.as_ref(), v)))));
    let replace = browser::use_replace();
    let on_change = Callback::new(move |next: SurveyQuery| {
        replace(&format!("/desk/surveys/{}{}", api::segment(&form.get_untracked()), pairs_query(&next.to_pairs())));
    });

    // The form's title and versions come from the list of forms.
    let forms = load(|| api::get_as::<FormList>("/admin/desk/forms"));
    let summary = Memo::new(move |_| forms.ok().and_then(|list| list.forms.into_iter().find(|f| f.form_id == form.get())));
    let title = move || {
        summary.with(|s| s.as_ref().map(|s| text_in(&s.title, lang())).filter(|t| !t.is_empty())).unwrap_or_else(|| form.get())
    };
    Effect::new(move |_| browser::set_title(&title(), lang()));
    let versions = Signal::derive(move || summary.with(|s| s.as_ref().map(|s| s.versions.clone()).unwrap_or_default()));

    // A memo: paging through the comments changes the address, not the report's call.
    let report_path = Memo::new(move |_| format!("/admin/desk/surveys/{}{}", api::segment(&form.get()), pairs_query(&query.with(SurveyQuery::report_pairs))));
    let report = load(move || {
        let path = report_path.get();
        async move { api::get_as::<SurveyReport>(&path).await }
    });
    let dimensions = Signal::derive(move || report.ok().map(|r| r.dimensions).unwrap_or_default());

    let results = move |r: SurveyReport| {
        let has = (r.metrics.nps.is_some(), r.metrics.csat.is_some(), r.metrics.ces.is_some());
        let responses = r.responses;
        let breakdown = r.breakdown.clone();
        view! {
            <p class="desk-count" id="survey-responses">
                {move || format::counted(responses, "response", "responses", "پاسخ", lang())}
            </p>
            <section aria-labelledby="scores-title">
                <h2 id="scores-title">{move || lang().pick("Scores", "امتیازها")}</h2>
                <ScoreCards metrics=r.metrics.clone()/>
            </section>
            <section aria-labelledby="spread-title">
                <h2 id="spread-title">{move || lang().pick("How the answers spread", "پراکندگی پاسخ‌ها")}</h2>
                <Distributions metrics=r.metrics/>
            </section>
            <section aria-labelledby="trend-title">
                <h2 id="trend-title">{move || lang().pick("Trend", "روند")}</h2>
                <Trend trend=r.trend has/>
            </section>
            {breakdown.map(|breakdown| view! {
                <section aria-labelledby="breakdown-title">
                    <h2 id="breakdown-title">{move || lang().pick("Breakdown", "تفکیک")}</h2>
                    <BreakdownView breakdown/>
                </section>
            })}
        }
    };

    view! {
        <h1>{title}</h1>
        <SurveyFilters query=query versions dimensions on_change/>
        {fetched(report, ("the results", "نتیجه‌ها"), results)}
        <Comments form query=query on_change/>
    }
}
