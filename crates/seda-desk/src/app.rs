//! The app's frame: who is signed in, the language, the header with its navigation,
//! and the routes under `/desk/`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::pages;
use crate::{api, browser};

/// Who is signed in (`GET /session`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Me {
    /// None when the desk is reached with the admin token rather than an account.
    pub name: Option<String>,
    /// `admin` changes things; `viewer` only reads.
    pub role: String,
}

/// The desk's shared state, provided by [`App`]; reach it with [`expect_desk`].
#[derive(Clone, Copy)]
pub struct Desk {
    pub lang: RwSignal<Lang>,
    /// None until signed in, and again once the session ends.
    pub me: RwSignal<Option<Me>>,
    /// Whether the first `GET /session` has answered.
    pub checked: RwSignal<bool>,
}

impl Desk {
    /// The language now (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Whether the person signed in may change things (tracked).
    pub fn can_change(&self) -> bool {
        self.me.with(|me| me.as_ref().is_some_and(|m| m.role == "admin"))
    }

    /// Called when a call answers 401: the sign-in form takes the page's place.
    pub fn signed_out(&self) {
        self.me.set(None);
    }
}

pub fn expect_desk() -> Desk {
    expect_context::<Desk>()
}

#[component]
pub fn App() -> impl IntoView {
    let desk = Desk { lang: RwSignal::new(browser::stored_lang()), me: RwSignal::new(None), checked: RwSignal::new(false) };
    provide_context(desk);
    Effect::new(move |_| browser::apply_lang(desk.lang.get()));
    leptos::task::spawn_local(async move {
        desk.me.set(api::get_as::<Me>("/session").await.ok());
        desk.checked.set(true);
    });
    let lang = move || desk.lang();
    view! {
        <Router base="/desk">
            <a class="desk-skip" href="#main">{move || lang().pick("Skip to content", "رفتن به محتوا")}</a>
            <Header/>
            <main id="main" class="desk-main" tabindex="-1">
                <Show
                    when=move || desk.checked.get()
                    fallback=move || view! { <p class="desk-loading" role="status">{lang().pick("Loading…", "در حال بارگذاری…")}</p> }
                >
                    <Show when=move || desk.me.with(Option::is_some) fallback=|| view! { <pages::sign_in::SignIn/> }>
                        <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                            <Route path=path!("") view=pages::forms::Forms/>
                            <Route path=path!("surveys/:form") view=pages::survey::Survey/>
                            <Route path=path!("responses/:id") view=pages::response::ResponseView/>
                            <Route path=path!("complaints") view=pages::complaints::Complaints/>
                            <Route path=path!("complaints/:reference") view=pages::case::Case/>
                            <Route path=path!("visits") view=pages::visits::Visits/>
                            <Route path=path!("visits/report") view=pages::visit_report::VisitReport/>
                            <Route path=path!("visits/:id") view=pages::visit::Visit/>
                            <Route path=path!("alerts") view=pages::alerts::Alerts/>
                        </Routes>
                    </Show>
                </Show>
            </main>
        </Router>
    }
}

/// The header: the desk's name, the navigation (once signed in), the language switch
/// and signing out.
#[component]
fn Header() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let other = move || if lang() == Lang::En { Lang::Fa } else { Lang::En };
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::send("DELETE", "/session", None).await;
            desk.signed_out();
        });
    };
    view! {
        <header class="desk-header">
            <p class="desk-brand">{move || lang().pick("Seda desk", "میز کار صدا")}</p>
            <Show when=move || desk.me.with(Option::is_some)>
                <nav class="desk-nav" aria-label=move || lang().pick("Main", "اصلی")>
                    <ul>
                        <li><A href="/desk/" exact=true>{move || lang().pick("Surveys", "نظرسنجی‌ها")}</A></li>
                        <li><A href="/desk/complaints">{move || lang().pick("Complaints", "شکایت‌ها")}</A></li>
                        <li><A href="/desk/visits">{move || lang().pick("Visits", "بازدیدها")}</A></li>
                        <li><A href="/desk/alerts">{move || lang().pick("Alerts", "هشدارها")}</A></li>
                    </ul>
                </nav>
            </Show>
            <div class="desk-tools">
                <button
                    type="button"
                    class="desk-lang"
                    lang=move || other().code()
                    on:click=move |_| desk.lang.set(other())
                >
                    {move || other().own_name()}
                </button>
                <Show when=move || desk.me.with(Option::is_some)>
                    <span class="desk-me">{move || desk.me.with(|m| m.as_ref().and_then(|m| m.name.clone()).unwrap_or_default())}</span>
                    <button type="button" class="desk-sign-out" on:click=sign_out>{move || lang().pick("Sign out", "خروج")}</button>
                </Show>
            </div>
        </header>
    }
}
