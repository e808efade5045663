//! A survey's comments: searched, filtered by category and score, a page at a time,
//! each linking to its response; what is shown can be downloaded as CSV.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::model::survey::{category_name, comments_csv, CommentPage};
use crate::model::survey_query::{SurveyQuery, COMMENTS_PER_PAGE};
use crate::parts::fetched::{fetched, load};
use crate::parts::pager::Pager;

/// The comments of `form` under the page's choices.
#[component]
pub fn Comments(
    /// The form's id.
    #[prop(into)]
    form: Signal<String>,
    /// The page's choices (the search among them).
    #[prop(into)]
    query: Signal<SurveyQuery>,
    /// Called with the new choices.
    on_change: Callback<SurveyQuery>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let path = Memo::new(move |_| format!("/admin/desk/comments{}", pairs_query(&query.with(|q| q.comments_pairs(&form.get())))));
    let comments = load(move || {
        let path = path.get();
        async move { api::get_as::<CommentPage>(&path).await }
    });
    // The search form's fields, applied together.
    let q = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let score_min = RwSignal::new(String::new());
    let score_max = RwSignal::new(String::new());
    Effect::new(move |_| {
        query.with(|s| {
            q.set(s.q.clone());
            category.set(s.category.clone());
            score_min.set(s.score_min.clone());
            score_max.set(s.score_max.clone());
        })
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = query.get_untracked();
        next.q = q.get_untracked().trim().to_owned();
        next.category = category.get_untracked();
        next.score_min = score_min.get_untracked().trim().to_owned();
        next.score_max = score_max.get_untracked().trim().to_owned();
        next.offset = 0;
        on_change.run(next);
    };
    let on_page = Callback::new(move |offset: u32| {
        let mut next = query.get_untracked();
        next.offset = offset;
        on_change.run(next);
    });
    let score_field = move |id: &'static str, label: (&'static str, &'static str), value: RwSignal<String>| {
        view! {
            <p class="desk-field desk-field-short">
                <label for=id>{move || lang().pick(label.0, label.1)}</label>
                <input id=id type="number" min="0" max="10" inputmode="numeric" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </p>
        }
    };
    // The CSV holds every comment the search found, not only the page on screen.
    let preparing = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let list = move |page: CommentPage| {
        let total = page.total;
        let download = move |_| {
            if preparing.get_untracked() {
                return;
            }
            preparing.set(true);
            failed.set(None);
            let (form, choices, l) = (form.get_untracked(), query.get_untracked(), desk.lang.get_untracked());
            leptos::task::spawn_local(async move {
                match every_comment(&form, &choices).await {
                    Ok(all) => browser::download(&format!("{form}-comments.csv"), "text/csv;charset=utf-8", &comments_csv(&all, l)),
                    Err(e) => failed.set(Some(format!("{}: {e}", l.pick("The CSV could not be made", "فایل CSV ساخته نشد")))),
                }
                preparing.set(false);
            });
        };
        let items = page
            .comments
            .into_iter()
            .map(|c| {
                let l = desk.lang();
                let href = format!("/desk/responses/{}", api::segment(&c.response_id));
                let score = c.score.map(|s| format!("{} {}", lang().pick("Score", "امتیاز"), format::count(s, lang())));
                let category = c.category.clone().map(|k| category_name(&k, lang()).to_owned());
                let when = browser::date_time(&c.received_at, l);
                view! {
                    <li class="desk-comment">
                        <p class="desk-comment-text" dir="auto">{c.text.clone()}</p>
                        <p class="desk-comment-meta">
                            {score.map(|s| view! { <span class="desk-badge">{s}</span> })}
                            {category.map(|k| view! { <span class="desk-badge">{k}</span> })}
                            <span>{when}</span>
                            <A href=href attr:class="desk-comment-link">{move || lang().pick("Open the response", "دیدن پاسخ")}</A>
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="desk-count" id="comments-count">
                {move || format::counted(total, "comment", "comments", "نظر", lang())}
            </p>
            <ol class="desk-comments" aria-labelledby="comments-title">{items}</ol>
            <Pager total=Signal::derive(move || total) offset=Signal::derive(move || query.with(|q| q.offset)) per_page=COMMENTS_PER_PAGE on_page/>
            <button type="button" class="desk-download" on:click=download disabled=move || total == 0 || preparing.get()
                aria-describedby="comments-csv-state">
                {move || lang().pick("Download CSV of these comments", "دریافت CSV این نظرها")}
            </button>
            <p id="comments-csv-state" class="desk-status" role="status">
                {move || if preparing.get() { lang().pick("Preparing the CSV…", "در حال آماده‌سازی CSV…").to_owned() } else { failed.get().unwrap_or_default() }}
            </p>
        }
    };
    view! {
        <section class="desk-card" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || lang().pick("Comments", "نظرها")}</h2>
            <form class="desk-filter-grid" role="search" aria-label=move || lang().pick("Search the comments", "جست‌وجوی نظرها") on:submit=search>
                <p class="desk-field">
                    <label for="comments-q">{move || lang().pick("Words in the comment", "واژه‌هایی در نظر")}</label>
                    <input id="comments-q" type="search" dir="auto" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
                </p>
                <p class="desk-field">
                    <label for="comments-category">{move || lang().pick("Category", "دسته")}</label>
                    <select id="comments-category" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="" selected=move || category.with(String::is_empty)>{move || lang().pick("Any", "همه")}</option>
                        {["promoter", "passive", "detractor"].map(|k| view! {
                            <option value=k selected=move || category.with(|c| c == k)>{move || category_name(k, lang())}</option>
                        })}
                    </select>
                </p>
                {score_field("comments-score-min", ("Lowest score", "کمترین امتیاز"), score_min)}
                {score_field("comments-score-max", ("Highest score", "بیشترین امتیاز"), score_max)}
                <p class="desk-field desk-field-action">
                    <button type="submit" class="desk-primary">{move || lang().pick("Search", "جست‌وجو")}</button>
                </p>
            </form>
            {fetched(comments, ("comments", "نظرها"), list)}
        </section>
    }
}

/// The most comments one request reads (the receiver's largest `limit`).
const CSV_SLICE: u32 = 500;

/// Every comment under `choices`, read `CSV_SLICE` at a time, newest first.
async fn every_comment(form: &str, choices: &SurveyQuery) -> Result<Vec<crate::model::survey::Comment>, api::ApiError> {
    let mut all = Vec::new();
    loop {
        let path = format!("/admin/desk/comments{}", pairs_query(&choices.comments_slice(form, CSV_SLICE, all.len() as u32)));
        let page = api::get_as::<CommentPage>(&path).await?;
        let got = page.comments.len();
        all.extend(page.comments);
        if got == 0 || all.len() as i64 >= page.total {
            return Ok(all);
        }
    }
}

/// `?a=1&b=x` from owned pairs.
pub fn pairs_query(pairs: &[(String, String)]) -> String {
    let borrowed: Vec<(&str, String)> = pairs.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    api::query(&borrowed)
}
