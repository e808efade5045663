//! Who owns a case: a select of the desk's users (`GET /admin/desk/users`), saved
//! with its button so moving through the list with the keyboard changes nothing.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api;
use crate::app::expect_desk;
use crate::cases::{self, CaseDetail};
use crate::parts::case_field::{Attempt, FieldProblem, Said};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct User {
    name: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct Users {
    users: Vec<User>,
}

#[component]
pub fn CaseOwner(
    /// The case as last loaded.
    #[prop(into)]
    detail: Signal<CaseDetail>,
    /// Called with what changed, once a change went through.
    changed: Callback<Said>,
) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let attempt = Attempt::new();
    let owner = move || detail.with(|d| d.case.owner.clone());
    let chosen = RwSignal::new(String::new());
    Effect::new(move |_| chosen.set(owner().unwrap_or_default()));
    let users = LocalResource::new(move || {
        let can_change = desk.can_change();
        async move {
            if can_change {
                api::get_as::<Users>("/admin/desk/users").await.map(|u| u.users).unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let options = move || {
        let mut names: Vec<String> = users.get().unwrap_or_default().into_iter().map(|u| u.name).collect();
        // The owner stays choosable even when the list could not be loaded.
        if let Some(current) = owner().filter(|o| !names.contains(o)) {
            names.push(current);
        }
        names
            .into_iter()
            .map(|name| {
                let this = name.clone();
                view! { <option value=name.clone() selected=move || chosen.with(|c| *c == this)>{name.clone()}</option> }
            })
            .collect_view()
    };
    let save = move |_| {
        let path = detail.with_untracked(|d| api::case_change(&d.case.response_id, "owner"));
        let name = chosen.get_untracked();
        let body = json!({ "owner": if name.is_empty() { Value::Null } else { Value::from(name.clone()) } });
        attempt.send("PUT", path, body, move || {
            changed.run(Said::new(|lang| {
                let who = cases::owner_label(Some(&name), lang);
                match lang {
                    crate::i18n::Lang::En => format!("Owner set to {who}."),
                    crate::i18n::Lang::Fa => format!("مسئول پرونده: {who}."),
                }
            }));
        });
    };
    view! {
        <section class="desk-card" aria-labelledby="case-owner-title">
            <h2 id="case-owner-title">{move || lang().pick("Owner", "مسئول")}</h2>
            <Show when=move || desk.can_change()
                fallback=move || view! { <p>{move || cases::owner_label(owner().as_deref(), lang())}</p> }>
                <p class="desk-field">
                    <label for="case-owner">{move || lang().pick("Who handles this case", "رسیدگی‌کنندهٔ این پرونده")}</label>
                    <span class="desk-inline">
                        <select id="case-owner" aria-describedby="case-owner-problem"
                            aria-invalid=move || attempt.at("owner").with(Option::is_some).then_some("true")
                            prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">{move || cases::owner_label(None, lang())}</option>
                            {options}
                        </select>
                        <button type="button" aria-disabled=move || attempt.pending.get().then_some("true") on:click=save>
                            {move || lang().pick("Save owner", "ثبت مسئول")}
                        </button>
                    </span>
                </p>
                <FieldProblem id="case-owner-problem" text=attempt.at_or_elsewhere("owner", &["owner"])/>
            </Show>
        </section>
    }
}
