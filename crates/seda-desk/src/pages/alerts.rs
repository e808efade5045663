//! Alerts: the webhooks an urgent complaint or a detractor is posted to, and how each
//! delivery went. Admins add and remove webhooks and retry failed deliveries; viewers
//! only read.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::expect_desk;
use crate::browser;
use crate::i18n::Lang;
use crate::model::alerts::{Webhook, WebhookList};
use crate::parts::deliveries::Deliveries;
use crate::parts::fetched::{fetched, load, Told};
use crate::parts::stack_table::{stack_table, Column};
use crate::parts::webhook_form::WebhookForm;

/// An event in words.
pub fn event_name(event: &str, lang: Lang) -> String {
    match event {
        "complaint.urgent" => lang.pick("An urgent complaint", "شکایت فوری").to_owned(),
        "survey.detractor" => lang.pick("A detractor (NPS 0–6)", "منتقد (NPS ۰ تا ۶)").to_owned(),
        other => other.to_owned(),
    }
}

#[component]
pub fn Alerts() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Alerts", "هشدارها"), lang()));
    let webhooks = load(|| async {
        let value = api::get("/admin/desk/webhooks").await?;
        WebhookList::read(value).map_err(|e| ApiError::Network(format!("the webhooks could not be read: {e}")))
    });
    let told = Told::new();
    let remove = Action::new_local(move |hook: &Webhook| {
        let path = format!("/admin/desk/webhooks/{}", api::segment(&hook.id));
        let url = hook.url.clone();
        async move { told.send("DELETE", &path, webhooks, || format!("{} {url}", lang().pick("Removed the webhook", "وب‌هوک حذف شد:"))).await }
    });
    let confirm_remove = move |hook: Webhook| {
        let question = format!("{} {}", lang().pick("Remove the webhook", "وب‌هوک حذف شود؟"), hook.url);
        if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            remove.dispatch(hook);
        }
    };
    let list = move |list: WebhookList| {
        if list.webhooks.is_empty() {
            return view! { <p>{move || lang().pick("No webhooks yet.", "هنوز وب‌هوکی نیست.")}</p> }.into_any();
        }
        let rows = list
            .webhooks
            .into_iter()
            .map(|hook| {
                let events = hook.events.iter().map(|e| event_name(e, lang())).collect::<Vec<_>>().join(lang().pick(", ", "، "));
                let created = hook.created_at.as_deref().map(|t| browser::date_time(t, lang())).unwrap_or_default();
                let label = format!("{} {}", lang().pick("Remove", "حذف"), hook.url);
                let target = hook.clone();
                view! {
                    <tr>
                        <th scope="row" data-label=move || lang().pick("Address", "نشانی")><span dir="ltr" class="desk-url">{hook.url.clone()}</span></th>
                        <td data-label=move || lang().pick("Format", "قالب")>{hook.format.clone()}</td>
                        <td data-label=move || lang().pick("Events", "رویدادها")>{events}</td>
                        <td data-label=move || lang().pick("Added", "افزوده")>{created}</td>
                        <td>
                            <Show when=move || desk.can_change()>
                                <button type="button" aria-label=label.clone() on:click={
                                    let target = target.clone();
                                    move |_| confirm_remove(target.clone())
                                }>{move || lang().pick("Remove", "حذف")}</button>
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        const COLUMNS: &[Column] = &[
            Column::text("Address", "نشانی"),
            Column::text("Format", "قالب"),
            Column::text("Events", "رویدادها"),
            Column::text("Added", "افزوده"),
            Column::ACTIONS,
        ];
        stack_table("webhooks-table", ("Webhooks", "وب‌هوک‌ها"), COLUMNS, rows).into_any()
    };
    let on_added = Callback::new(move |url: String| told.done(format!("{} {url}", lang().pick("Added the webhook", "وب‌هوک افزوده شد:")), webhooks));
    view! {
        <h1>{move || lang().pick("Alerts", "هشدارها")}</h1>
        {told.view()}
        <section aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{move || lang().pick("Webhooks", "وب‌هوک‌ها")}</h2>
            {fetched(webhooks, ("the webhooks", "وب‌هوک‌ها"), list)}
            <Show when=move || desk.can_change()
                fallback=move || view! { <p class="desk-note" id="alerts-read-only">{move || lang().pick("Only an admin can add or remove webhooks.", "تنها مدیر می‌تواند وب‌هوک بیفزاید یا حذف کند.")}</p> }>
                <WebhookForm on_added/>
            </Show>
        </section>
        <Deliveries/>
    }
}
