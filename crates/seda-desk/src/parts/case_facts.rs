//! What a case is about: the complaint's answers, the survey response it came from,
//! and the rating the complainant gave once it was resolved.

use leptos::prelude::*;

use crate::answers;
use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases::{self, CaseDetail};
use crate::format;

/// The complaint's answers, with a link to the whole response.
#[component]
pub fn CaseAnswers(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let rows = move || {
        let lang = lang();
        detail
            .with(|d| answers::answers_of(&d.response))
            .into_iter()
            .map(|(id, value)| {
                view! {
                    <div class="desk-answer">
                        <dt>{answers::complaint_question(&id, lang)}</dt>
                        <dd dir="auto">{answers::value_text(&value, lang)}</dd>
                    </div>
                }
            })
            .collect_view()
    };
    let href = move || detail.with(|d| format!("/desk/responses/{}", api::segment(&d.case.response_id)));
    view! {
        <section class="desk-card" aria-labelledby="case-answers-title">
            <h2 id="case-answers-title">{move || lang().pick("The complaint", "شکایت")}</h2>
            <dl class="desk-answers">{rows}</dl>
            <p><a href=href>{move || lang().pick("The whole response, with its attachments", "کل پاسخ، با پیوست‌ها")}</a></p>
        </section>
    }
}

/// The survey response the complaint was made from, and the complainant's rating.
#[component]
pub fn CaseLinks(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let survey = move || {
        let lang = lang();
        let Some(s) = detail.with(|d| d.survey_response.clone()) else {
            return view! { <p>{lang.pick("This complaint was not made from a survey.", "این شکایت از یک نظرسنجی نیامده است.")}</p> }.into_any();
        };
        let score = cases::survey_score(&s.answers).map(|n| format::count(n, lang));
        let category = s.nps_category.as_deref().map(|c| cases::nps_category_label(c, lang));
        view! {
            <dl class="desk-facts">
                <div><dt>{lang.pick("Survey", "نظرسنجی")}</dt><dd><bdi>{s.form_id.clone()}</bdi></dd></div>
                <div><dt>{lang.pick("Score given", "امتیاز داده‌شده")}</dt><dd>{score.unwrap_or_else(|| "–".to_owned())}</dd></div>
                <div><dt>{lang.pick("Group", "گروه")}</dt><dd>{category.unwrap_or_else(|| "–".to_owned())}</dd></div>
                <div><dt>{lang.pick("Received", "دریافت")}</dt><dd>{browser::date_time(&s.received_at, lang)}</dd></div>
            </dl>
            <p><a href=format!("/desk/responses/{}", api::segment(&s.id))>{lang.pick("Open the survey response", "دیدن پاسخ نظرسنجی")}</a></p>
        }
        .into_any()
    };
    let csat = move || {
        let lang = lang();
        match detail.with(|d| d.case.csat.clone()) {
            Some(c) => {
                let score = c.score.map_or_else(|| "–".to_owned(), |s| format::number(s, 0, lang));
                let five = format::count(5, lang);
                view! {
                    <p>
                        <strong>{match lang {
                            crate::i18n::Lang::En => format!("{score} of {five}"),
                            crate::i18n::Lang::Fa => format!("{score} از {five}"),
                        }}</strong>
                        " · "{browser::date_time(&c.received_at, lang)}
                    </p>
                }
                .into_any()
            }
            None => view! { <p>{lang.pick("The complainant has not rated the handling.", "شاکی هنوز به رسیدگی امتیاز نداده است.")}</p> }.into_any(),
        }
    };
    view! {
        <section class="desk-card" aria-labelledby="case-survey-title">
            <h2 id="case-survey-title">{move || lang().pick("Survey response", "پاسخ نظرسنجی")}</h2>
            {survey}
        </section>
        <section class="desk-card" aria-labelledby="case-csat-title">
            <h2 id="case-csat-title">{move || lang().pick("Complainant's rating of the handling", "امتیاز شاکی به رسیدگی")}</h2>
            {csat}
        </section>
    }
}
