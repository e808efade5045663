//! The survey page's choices: which version, which days, weeks or months, the
//! breakdown's dimension and the filters. Each change is applied at once (and kept in
//! the page's address by the page).

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::format;
use crate::model::survey::dimension_name;
use crate::model::survey_query::SurveyQuery;

/// The filter bar.
#[component]
pub fn SurveyFilters(
    /// The choices now.
    #[prop(into)]
    query: Signal<SurveyQuery>,
    /// The form's versions with responses.
    #[prop(into)]
    versions: Signal<Vec<i64>>,
    /// What the responses can be broken down and filtered by.
    #[prop(into)]
    dimensions: Signal<Vec<String>>,
    /// Called with the new choices.
    on_change: Callback<SurveyQuery>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    // Each control changes one member and starts the comments from their first page.
    let change = move |edit: Box<dyn FnOnce(&mut SurveyQuery)>| {
        let mut q = query.get_untracked();
        edit(&mut q);
        q.offset = 0;
        on_change.run(q);
    };
    let version_options = move || {
        let chosen = query.with(|q| q.version.clone());
        versions
            .get()
            .into_iter()
            .map(|v| {
                let value = v.to_string();
                let selected = value == chosen;
                view! { <option value=value selected=selected>{format!("{} {}", lang().pick("Version", "نسخهٔ"), format::count(v, lang()))}</option> }
            })
            .collect_view()
    };
    let by_options = move || {
        let chosen = query.with(|q| q.by.clone());
        dimensions
            .get()
            .into_iter()
            .map(|d| {
                let selected = d == chosen;
                view! { <option value=d.clone() selected=selected>{dimension_name(&d, lang())}</option> }
            })
            .collect_view()
    };
    let filter_fields = move || {
        dimensions
            .get()
            .into_iter()
            .map(|d| {
                let id = format!("filter-{}", d.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                let name = d.clone();
                let label = dimension_name(&d, lang());
                let value = query.with(|q| q.filter(&d).to_owned());
                view! {
                    <p class="desk-field">
                        <label for=id.clone()>{label}</label>
                        <input id=id type="text" dir="auto" prop:value=value
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let name = name.clone();
                                change(Box::new(move |q| q.set_filter(&name, &value)));
                            }/>
                    </p>
                }
            })
            .collect_view()
    };
    let any_chosen = move || query.with(|q| *q != SurveyQuery::default());
    view! {
        <section class="desk-card desk-filters" aria-labelledby="filters-title">
            <h2 id="filters-title">{move || lang().pick("Which responses", "کدام پاسخ‌ها")}</h2>
            <form class="desk-filter-grid" on:submit=|ev| ev.prevent_default()>
                <p class="desk-field">
                    <label for="filter-version">{move || lang().pick("Version", "نسخه")}</label>
                    <select id="filter-version" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(Box::new(move |q| q.version = v));
                    }>
                        <option value="" selected=move || query.with(|q| q.version.is_empty())>{move || lang().pick("All versions", "همهٔ نسخه‌ها")}</option>
                        {version_options}
                    </select>
                </p>
                <p class="desk-field">
                    <label for="filter-from">{move || lang().pick("From", "از تاریخ")}</label>
                    <input id="filter-from" type="date" prop:value=move || query.with(|q| q.from.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |q| q.from = v)); }/>
                </p>
                <p class="desk-field">
                    <label for="filter-to">{move || lang().pick("To", "تا تاریخ")}</label>
                    <input id="filter-to" type="date" prop:value=move || query.with(|q| q.to.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |q| q.to = v)); }/>
                </p>
                <p class="desk-field">
                    <label for="filter-period">{move || lang().pick("Trend by", "روند بر پایهٔ")}</label>
                    <select id="filter-period" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(Box::new(move |q| q.period = v));
                    }>
                        <option value="" selected=move || query.with(|q| q.period.is_empty())>{move || lang().pick("Week (default)", "هفته (پیش‌فرض)")}</option>
                        <option value="week" selected=move || query.with(|q| q.period == "week")>{move || lang().pick("Week", "هفته")}</option>
                        <option value="month" selected=move || query.with(|q| q.period == "month")>{move || lang().pick("Month", "ماه")}</option>
                    </select>
                </p>
                <p class="desk-field">
                    <label for="filter-by">{move || lang().pick("Break down by", "تفکیک بر پایهٔ")}</label>
                    <select id="filter-by" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(Box::new(move |q| q.by = v));
                    }>
                        <option value="" selected=move || query.with(|q| q.by.is_empty())>{move || lang().pick("No breakdown", "بدون تفکیک")}</option>
                        {by_options}
                    </select>
                </p>
                {filter_fields}
            </form>
            <button type="button" class="desk-link-button" hidden=move || !any_chosen()
                on:click=move |_| on_change.run(SurveyQuery::default())>
                {move || lang().pick("Clear all choices", "پاک کردن همهٔ انتخاب‌ها")}
            </button>
        </section>
    }
}
