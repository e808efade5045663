//! The queue of complaint cases (`GET /admin/desk/complaints`): overdue first, each
//! row's due time in words and as a date, filters kept in the query string so a view
//! can be bookmarked and the back button returns to it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::cases::{self, CaseList, CaseRow, QueueFilter, PAGE, STATES};
use crate::parts::problem::ProblemNote;
use crate::when;

#[component]
pub fn Complaints() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Complaints", "شکایت‌ها"), lang()));
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| QueueFilter::read(|k| q.get(k))));
    let list = LocalResource::new(move || {
        let pairs = filter.get().api_pairs();
        async move { api::get_as::<CaseList>(&format!("/admin/desk/complaints{}", api::query(&pairs))).await }
    });
    let replace = browser::use_replace();
    let go = move |f: QueueFilter| replace(&format!("/desk/complaints{}", api::query(&f.page_pairs())));
    let status_text = move || match list.get() {
        None => lang().pick("Loading cases…", "در حال بارگذاری پرونده‌ها…").to_owned(),
        Some(Ok(l)) => cases::page_words(filter.with(|f| f.offset), l.cases.len(), l.total, lang()),
        Some(Err(_)) => lang().pick("The cases could not be loaded.", "پرونده‌ها بارگذاری نشدند.").to_owned(),
    };
    let filters_go = go.clone();
    let body = move || {
        // Read here so the table is written again when the language changes.
        let _ = lang();
        list.get().map(|answer| match answer {
            Ok(l) => {
                let now = when::parse_rfc3339(&l.now).unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64);
                let (offset, total) = (filter.with(|f| f.offset), l.total);
                let shown = l.cases.len() as i64;
                let go_prev = go.clone();
                let go_next = go.clone();
                view! {
                    <QueueTable rows=l.cases now=now/>
                    <nav class="desk-pager" aria-label=move || lang().pick("Pages of cases", "صفحه‌های پرونده‌ها")>
                        <Show when=move || { offset > 0 }>
                            {
                                let go = go_prev.clone();
                                view! { <button type="button" on:click=move |_| go(QueueFilter { offset: (offset - PAGE).max(0), ..filter.get_untracked() })>
                                    {move || lang().pick("Previous page", "صفحهٔ قبل")}
                                </button> }
                            }
                        </Show>
                        <Show when=move || { offset + shown < total }>
                            {
                                let go = go_next.clone();
                                view! { <button type="button" on:click=move |_| go(QueueFilter { offset: offset + PAGE, ..filter.get_untracked() })>
                                    {move || lang().pick("Next page", "صفحهٔ بعد")}
                                </button> }
                            }
                        </Show>
                    </nav>
                }
                .into_any()
            }
            Err(error) => view! { <ProblemNote error=error/> }.into_any(),
        })
    };
    view! {
        <h1>{move || lang().pick("Complaints", "شکایت‌ها")}</h1>
        <QueueFilters filter=filter go=filters_go/>
        <p class="desk-status" role="status">{status_text}</p>
        {body}
    }
}

/// The filters: selects apply at once, the search on Enter or its button.
#[component]
fn QueueFilters(filter: Memo<QueueFilter>, go: impl Fn(QueueFilter) + Clone + 'static) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let q = RwSignal::new(filter.get_untracked().q);
    Effect::new(move |_| q.set(filter.with(|f| f.q.clone())));
    let me = move || desk.me.with(|m| m.as_ref().and_then(|m| m.name.clone()));
    let set = {
        let go = go.clone();
        move |change: fn(&mut QueueFilter, String), value: String| {
            let mut f = filter.get_untracked();
            change(&mut f, value);
            f.offset = 0;
            go(f);
        }
    };
    let (set_status, set_owner, set_urgency) = (set.clone(), set.clone(), set.clone());
    let status_options = move || {
        let mut options = vec![("".to_owned(), lang().pick("Open (not closed)", "باز (بسته‌نشده)").to_owned())];
        options.push(("all".to_owned(), lang().pick("All", "همه").to_owned()));
        options.extend(STATES.iter().map(|s| ((*s).to_owned(), cases::state_label(s, lang()))));
        options
            .into_iter()
            .map(|(value, label)| {
                let selected = filter.with(|f| f.status == value || (value.is_empty() && f.status == "open"));
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="desk-filters" role="search" aria-label=move || lang().pick("Filter cases", "فیلتر پرونده‌ها")
            on:submit=move |ev| {
                ev.prevent_default();
                set(|f, v| f.q = v, q.get_untracked());
            }>
            <p class="desk-field">
                <label for="queue-status">{move || lang().pick("Status", "وضعیت")}</label>
                <select id="queue-status" prop:value=move || filter.with(|f| if f.status == "open" { String::new() } else { f.status.clone() })
                    on:change=move |ev| set_status(|f, v| f.status = v, event_target_value(&ev))>
                    {status_options}
                </select>
            </p>
            <p class="desk-field">
                <label for="queue-owner">{move || lang().pick("Owner", "مسئول")}</label>
                <select id="queue-owner" prop:value=move || filter.with(|f| f.owner.clone())
                    on:change=move |ev| set_owner(|f, v| f.owner = v, event_target_value(&ev))>
                    <option value="" selected=move || filter.with(|f| f.owner.is_empty())>{move || lang().pick("Anyone", "هر کس")}</option>
                    {move || me().map(|name| {
                        let selected = filter.with(|f| f.owner == name);
                        view! { <option value=name.clone() selected=selected>{lang().pick("Me", "خودم")}" ("<bdi>{name.clone()}</bdi>")"</option> }
                    })}
                    <option value="none" selected=move || filter.with(|f| f.owner == "none")>{move || lang().pick("Nobody yet", "هنوز هیچ‌کس")}</option>
                    {move || filter.with(|f| (!f.owner.is_empty() && f.owner != "none" && Some(f.owner.clone()) != me()).then(|| f.owner.clone()))
                        .map(|other| view! { <option value=other.clone() selected=true>{other.clone()}</option> })}
                </select>
            </p>
            <p class="desk-field">
                <label for="queue-urgency">{move || lang().pick("Urgency", "فوریت")}</label>
                <select id="queue-urgency" prop:value=move || filter.with(|f| f.urgency.clone())
                    on:change=move |ev| set_urgency(|f, v| f.urgency = v, event_target_value(&ev))>
                    <option value="" selected=move || filter.with(|f| f.urgency.is_empty())>{move || lang().pick("Any", "همه")}</option>
                    <option value="urgent" selected=move || filter.with(|f| f.urgency == "urgent")>{move || cases::urgency_label("urgent", lang())}</option>
                    <option value="normal" selected=move || filter.with(|f| f.urgency == "normal")>{move || cases::urgency_label("normal", lang())}</option>
                </select>
            </p>
            <p class="desk-field desk-field-grow">
                <label for="queue-q">{move || lang().pick("Search", "جستجو")}</label>
                <span class="desk-inline">
                    <input id="queue-q" type="search" dir="auto" prop:value=move || q.get()
                        on:input=move |ev| q.set(event_target_value(&ev))/>
                    <button type="submit">{move || lang().pick("Search", "جستجو")}</button>
                </span>
            </p>
        </form>
    }
}

/// The cases as a table; on a phone each row reads as a card (CSS), its cells
/// labelled by `data-label`.
#[component]
fn QueueTable(rows: Vec<CaseRow>, now: i64) -> impl IntoView {
    let desk = expect_desk();
    let lang = desk.lang.get_untracked();
    if rows.is_empty() {
        return view! { <p>{lang.pick("No cases match these filters.", "هیچ پرونده‌ای با این فیلترها نیست.")}</p> }.into_any();
    }
    let head = |en, fa| lang.pick(en, fa);
    let body = rows
        .into_iter()
        .map(|row| {
            let due_words = cases::due_words(&row.status, &row.due_at, now, lang);
            let overdue = row.overdue;
            let href = format!("/desk/complaints/{}", api::segment(&row.reference));
            view! {
                <tr class:desk-case-overdue=overdue>
                    <th scope="row" data-label=head("Reference", "شمارهٔ پیگیری")>
                        <a href=href><bdi dir="ltr">{row.reference.clone()}</bdi></a>
                    </th>
                    <td data-label=head("Due", "مهلت")>
                        {due_words.map(|w| view! { <strong class="desk-due" class:desk-due-over=overdue>{w}</strong><br/> })}
                        <small>{browser::date_time(&row.due_at, lang)}</small>
                    </td>
                    <td data-label=head("Status", "وضعیت")>{cases::state_label(&row.status, lang)}</td>
                    <td data-label=head("Urgency", "فوریت")>
                        <span class:desk-urgent=row.urgency == "urgent">{cases::urgency_label(&row.urgency, lang)}</span>
                    </td>
                    <td data-label=head("Topic", "موضوع")>{row.topic.clone().unwrap_or_else(|| "–".to_owned())}</td>
                    <td data-label=head("Owner", "مسئول")>{cases::owner_label(row.owner.as_deref(), lang)}</td>
                    <td data-label=head("Received", "دریافت")>{browser::date_time(&row.received_at, lang)}</td>
                    <td data-label=head("Summary", "خلاصه") class="desk-summary"><span dir="auto">{row.summary.clone()}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="desk-table-wrap">
            <table class="desk-stack desk-queue">
                <caption class="desk-visually-hidden">{head("Complaint cases, overdue first", "پرونده‌های شکایت، دیرکردها نخست")}</caption>
                <thead><tr>
                    <th scope="col">{head("Reference", "شمارهٔ پیگیری")}</th>
                    <th scope="col">{head("Due", "مهلت")}</th>
                    <th scope="col">{head("Status", "وضعیت")}</th>
                    <th scope="col">{head("Urgency", "فوریت")}</th>
                    <th scope="col">{head("Topic", "موضوع")}</th>
                    <th scope="col">{head("Owner", "مسئول")}</th>
                    <th scope="col">{head("Received", "دریافت")}</th>
                    <th scope="col">{head("Summary", "خلاصه")}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
