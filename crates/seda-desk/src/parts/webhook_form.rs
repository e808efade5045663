//! Adding a webhook: its address, the format it is posted in, and the events it gets.

use leptos::prelude::*;
use serde_json::json;

use crate::api::{self, ApiError};
use crate::app::expect_desk;
use crate::model::alerts::{url_problem, EVENTS};
use crate::pages::alerts::event_name;

/// The form; `on_added` is given the new webhook's address.
#[component]
pub fn WebhookForm(
    /// Called once the receiver has added the webhook.
    on_added: Callback<String>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let url = RwSignal::new(String::new());
    let format = RwSignal::new("json".to_owned());
    let events = RwSignal::new(EVENTS.map(str::to_owned).to_vec());
    // The problem and the field it is about (`url`, `format`, `events`, or none).
    let problem = RwSignal::new(None::<(String, Option<String>)>);
    let add = Action::new_local(move |_: &()| {
        let body = json!({"url": url.get_untracked().trim(), "format": format.get_untracked(), "events": events.get_untracked()});
        async move {
            match api::send("POST", "/admin/desk/webhooks", Some(&body)).await {
                Ok(_) => {
                    problem.set(None);
                    on_added.run(url.get_untracked().trim().to_owned());
                    url.set(String::new());
                }
                Err(e) => {
                    let path = e.path().map(|p| p.split(['.', '[']).next().unwrap_or(p).to_owned());
                    let text = match &e {
                        ApiError::Problem { detail, .. } => detail.clone(),
                        other => other.to_string(),
                    };
                    problem.set(Some((text, path)));
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang();
        if url_problem(&url.get_untracked()).is_some() {
            let text = l.pick("Write an address starting with https:// or http://.", "نشانی‌ای بنویسید که با https:// یا http:// آغاز شود.");
            problem.set(Some((text.to_owned(), Some("url".into()))));
        } else if events.with_untracked(Vec::is_empty) {
            problem.set(Some((l.pick("Choose at least one event.", "دست‌کم یک رویداد برگزینید.").to_owned(), Some("events".into()))));
        } else {
            add.dispatch(());
        }
    };
    let at = move |field: &'static str| move || problem.with(|p| p.as_ref().is_some_and(|(_, path)| path.as_deref() == Some(field)));
    let message = move || problem.with(|p| p.as_ref().map(|(text, _)| text.clone()).unwrap_or_default());
    let checkboxes = EVENTS
        .map(|event| {
            let id = format!("webhook-event-{}", event.replace('.', "-"));
            view! {
                <p class="desk-check">
                    <input type="checkbox" id=id.clone() value=event
                        prop:checked=move || events.with(|e| e.iter().any(|x| x == event))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            events.update(|e| {
                                e.retain(|x| x != event);
                                if on {
                                    e.push(event.to_owned());
                                }
                            });
                        }/>
                    <label for=id>{move || event_name(event, lang())}</label>
                </p>
            }
        })
        .to_vec();
    view! {
        <form class="desk-card desk-webhook-form" id="webhook-form" on:submit=submit novalidate>
            <h3>{move || lang().pick("Add a webhook", "افزودن وب‌هوک")}</h3>
            <p class="desk-field">
                <label for="webhook-url">{move || lang().pick("Address (URL)", "نشانی (URL)")}</label>
                <input id="webhook-url" type="url" dir="ltr" required autocomplete="off" placeholder="https://"
                    aria-invalid=move || at("url")().to_string() aria-describedby="webhook-problem"
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
            </p>
            <p class="desk-field">
                <label for="webhook-format">{move || lang().pick("Format", "قالب")}</label>
                <select id="webhook-format" on:change=move |ev| format.set(event_target_value(&ev))>
                    <option value="json" selected=move || format.with(|f| f == "json")>"JSON"</option>
                    <option value="slack" selected=move || format.with(|f| f == "slack")>"Slack"</option>
                </select>
            </p>
            <fieldset aria-invalid=move || at("events")().to_string()>
                <legend>{move || lang().pick("Send it", "بفرست برای")}</legend>
                {checkboxes}
            </fieldset>
            <p id="webhook-problem" class="desk-problem" role="alert" hidden=move || problem.with(Option::is_none)>{message}</p>
            <button type="submit" class="desk-primary" disabled=move || add.pending().get()>{move || lang().pick("Add the webhook", "افزودن وب‌هوک")}</button>
        </form>
    }
}
