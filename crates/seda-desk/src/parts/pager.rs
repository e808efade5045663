//! Paging through a long list: which items are shown, and the buttons to the
//! previous and next pages.

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::format;

/// "21–40 of 57", with Previous and Next; `on_page` is given the new first item.
#[component]
pub fn Pager(
    /// How many items there are in all.
    #[prop(into)]
    total: Signal<i64>,
    /// The first item shown, from 0.
    #[prop(into)]
    offset: Signal<u32>,
    /// How many a page shows.
    per_page: u32,
    /// Called with the first item of the page asked for.
    on_page: Callback<u32>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let shown = move || {
        let (total, first) = (total.get(), i64::from(offset.get()));
        if total == 0 {
            return String::new();
        }
        let last = (first + i64::from(per_page)).min(total);
        let l = lang();
        format!("{}–{} {} {}", format::count(first + 1, l), format::count(last, l), l.pick("of", "از"), format::count(total, l))
    };
    let has_previous = move || offset.get() > 0;
    let has_next = move || i64::from(offset.get()) + i64::from(per_page) < total.get();
    view! {
        <nav class="desk-pager" aria-label=move || lang().pick("Pages", "صفحه‌ها")>
            <button type="button" disabled=move || !has_previous()
                on:click=move |_| on_page.run(offset.get_untracked().saturating_sub(per_page))>
                {move || lang().pick("Previous", "قبلی")}
            </button>
            <span class="desk-pager-shown">{shown}</span>
            <button type="button" disabled=move || !has_next()
                on:click=move |_| on_page.run(offset.get_untracked() + per_page)>
                {move || lang().pick("Next", "بعدی")}
            </button>
        </nav>
    }
}
