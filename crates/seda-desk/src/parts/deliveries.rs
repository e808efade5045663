//! The alerts' delivery log, newest first, with a retry for each failed delivery.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::Lang;
use crate::model::alerts::{Delivery, DeliveryList};
use crate::pages::alerts::event_name;
use crate::parts::fetched::{fetched, load, Told};
use crate::parts::stack_table::{stack_table, Column};

fn status_name(status: &str, lang: Lang) -> String {
    match status {
        "pending" => lang.pick("Waiting", "در انتظار").to_owned(),
        "delivered" => lang.pick("Delivered", "رسید").to_owned(),
        "failed" => lang.pick("Failed", "ناموفق").to_owned(),
        other => other.to_owned(),
    }
}

/// The log, filtered by status.
#[component]
pub fn Deliveries() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let status = RwSignal::new(String::new());
    let deliveries = load(move || {
        let path = format!("/admin/desk/webhooks/deliveries{}", api::query(&[("status", status.get()), ("limit", "100".into())]));
        async move { api::get_as::<DeliveryList>(&path).await }
    });
    let told = Told::new();
    let retry = Action::new_local(move |id: &String| {
        let path = format!("/admin/desk/webhooks/deliveries/{}/retry", api::segment(id));
        async move { told.send("POST", &path, deliveries, || lang().pick("The delivery will be tried again.", "ارسال دوباره انجام می‌شود.").to_owned()).await }
    });
    let row = move |d: Delivery| {
        let l = lang();
        let outcome = match (d.last_status, d.last_error.clone()) {
            (Some(code), Some(error)) => format!("{} · {error}", format::count(code, l)),
            (Some(code), None) => format::count(code, l),
            (None, Some(error)) => error,
            (None, None) => "–".to_owned(),
        };
        let subject = d.subject.clone().map(|s| {
            let href = format!("/desk/responses/{}", api::segment(&s));
            view! { <A href=href>{l.pick("Response", "پاسخ")}</A> }
        });
        let when = d.created_at.as_deref().map(|t| browser::date_time(t, l)).unwrap_or_default();
        let failed = d.status == "failed";
        let id = d.id.clone();
        let label = format!("{} {}", l.pick("Retry the delivery to", "ارسال دوباره به"), d.url);
        view! {
            <tr>
                <td data-label=l.pick("Sent", "زمان")>{when}</td>
                <td data-label=l.pick("Event", "رویداد")>{event_name(&d.event, l)} " " {subject}</td>
                <td data-label=l.pick("Address", "نشانی")><span dir="ltr" class="desk-url">{d.url.clone()}</span></td>
                <td data-label=l.pick("Status", "وضعیت")>{status_name(&d.status, l)}</td>
                <td data-label=l.pick("Attempts", "تلاش‌ها") class="desk-num">{format::count(d.attempts, l)}</td>
                <td data-label=l.pick("Last answer", "آخرین پاسخ") dir="auto">{outcome}</td>
                <td>
                    {(failed && desk.can_change()).then(|| view! {
                        <button type="button" aria-label=label on:click=move |_| { retry.dispatch(id.clone()); }>{l.pick("Retry", "تلاش دوباره")}</button>
                    })}
                </td>
            </tr>
        }
    };
    let table = move |list: DeliveryList| {
        if list.deliveries.is_empty() {
            return view! { <p>{move || lang().pick("No deliveries.", "ارسالی نیست.")}</p> }.into_any();
        }
        let rows = list.deliveries.into_iter().map(row).collect_view();
        const COLUMNS: &[Column] = &[
            Column::text("Sent", "زمان"),
            Column::text("Event", "رویداد"),
            Column::text("Address", "نشانی"),
            Column::text("Status", "وضعیت"),
            Column::number("Attempts", "تلاش‌ها"),
            Column::text("Last answer", "آخرین پاسخ"),
            Column::ACTIONS,
        ];
        stack_table("deliveries-table", ("Deliveries, newest first", "ارسال‌ها، تازه‌ترین نخست"), COLUMNS, rows).into_any()
    };
    view! {
        <section aria-labelledby="deliveries-title">
            <h2 id="deliveries-title">{move || lang().pick("Deliveries", "ارسال‌ها")}</h2>
            <p class="desk-field desk-field-short">
                <label for="deliveries-status">{move || lang().pick("Status", "وضعیت")}</label>
                <select id="deliveries-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{move || lang().pick("Any", "همه")}</option>
                    {["pending", "delivered", "failed"].map(|s| view! { <option value=s>{move || status_name(s, lang())}</option> })}
                </select>
            </p>
            {told.view()}
            {fetched(deliveries, ("the deliveries", "ارسال‌ها"), table)}
        </section>
    }
}
