//! Signing in with an account's name and password (`POST /session`).

use leptos::prelude::*;
use serde_json::json;

use crate::api::{self, ApiError};
use crate::app::{expect_desk, Me};
use crate::browser;

#[component]
pub fn SignIn() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Sign in", "ورود"), lang()));
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let sign_in = Action::new_local(move |_: &()| async move {
        let body = json!({"name": name.get_untracked(), "password": password.get_untracked()});
        match api::send("POST", "/session", Some(&body)).await {
            Ok(value) => match serde_json::from_value::<Me>(value) {
                Ok(me) => {
                    failure.set(None);
                    desk.me.set(Some(me));
                }
                Err(e) => failure.set(Some(e.to_string())),
            },
            Err(ApiError::SignedOut(_)) => {
                failure.set(Some(lang().pick("The name or the password is wrong.", "نام یا گذرواژه نادرست است.").to_owned()))
            }
            Err(e) => failure.set(Some(e.to_string())),
        }
    });
    let pending = sign_in.pending();
    view! {
        <section class="desk-sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{move || lang().pick("Sign in", "ورود")}</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                sign_in.dispatch(());
            }>
                <p class="desk-field">
                    <label for="sign-in-name">{move || lang().pick("Name", "نام کاربری")}</label>
                    <input id="sign-in-name" name="name" autocomplete="username" required dir="auto"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </p>
                <p class="desk-field">
                    <label for="sign-in-password">{move || lang().pick("Password", "گذرواژه")}</label>
                    <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </p>
                <p class="desk-problem" role="alert" hidden=move || failure.with(Option::is_none)>
                    {move || failure.get().unwrap_or_default()}
                </p>
                <button type="submit" class="desk-primary" disabled=move || pending.get()>
                    {move || lang().pick("Sign in", "ورود")}
                </button>
            </form>
        </section>
    }
}
