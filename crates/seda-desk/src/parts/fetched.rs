//! Data a page loads from the receiver, and how the page tells its state: "Loading…"
//! in a live region (so a screen reader hears it, and hears when it is done), the
//! receiver's problem as an alert, else the data's view.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::expect_desk;
use crate::parts::problem::ProblemNote;

/// A call's answer, loaded again whenever a signal `fetch` reads changes.
pub struct Loaded<T: 'static> {
    pub resource: LocalResource<Result<T, ApiError>>,
    /// True while a call is under way (the first, or a new one after a change).
    pub busy: RwSignal<bool>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    /// Calls again with the same inputs (after a change was sent).
    pub fn reload(&self) {
        self.resource.refetch();
    }

    /// The answer, once it came and was good (tracked).
    pub fn ok(&self) -> Option<T> {
        self.resource.get().and_then(Result::ok)
    }
}

/// Loads what `fetch` answers: `fetch` runs (tracked) whenever a signal it reads
/// changes, and its future is the call.
pub fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Loaded<T>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let busy = RwSignal::new(true);
    let resource = LocalResource::new(move || {
        let call = fetch();
        async move {
            busy.set(true);
            let answer = call.await;
            busy.set(false);
            answer
        }
    });
    Loaded { resource, busy }
}

/// The view of `loaded`: `show` with its data, the problem when the call failed, and
/// a live region saying `what` is loading.
pub fn fetched<T, V>(loaded: Loaded<T>, what: (&'static str, &'static str), show: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let desk = expect_desk();
    let status = move || {
        let lang = desk.lang();
        if loaded.busy.get() {
            format!("{} {}", lang.pick("Loading", "در حال بارگذاری"), lang.pick(what.0, what.1))
        } else {
            String::new()
        }
    };
    let body = move || match loaded.resource.get() {
        None => None,
        Some(Ok(value)) => Some(show(value).into_any()),
        Some(Err(error)) => Some(view! { <ProblemNote error/> }.into_any()),
    };
    view! {
        <p class="desk-status" role="status" aria-live="polite">{status}</p>
        <div class="desk-loaded" aria-busy=move || loaded.busy.get().to_string()>{body}</div>
    }
}

/// What the last change to a loaded list did: its words in a live region, or its
/// problem as an alert.
#[derive(Clone, Copy)]
pub struct Told {
    words: RwSignal<String>,
    failure: RwSignal<Option<ApiError>>,
}

impl Told {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Told {
        Told { words: RwSignal::new(String::new()), failure: RwSignal::new(None) }
    }

    /// Says `words` and loads `list` again (after a change that went through).
    pub fn done<T: Clone + 'static>(self, words: String, list: Loaded<T>) {
        self.failure.set(None);
        self.words.set(words);
        list.reload();
    }

    /// Sends `method` to `path`; once it went through, says `words()` and loads `list`
    /// again, else shows the problem.
    pub async fn send<T: Clone + 'static>(self, method: &str, path: &str, list: Loaded<T>, words: impl FnOnce() -> String) {
        match api::send(method, path, None).await {
            Ok(_) => self.done(words(), list),
            Err(e) => self.failure.set(Some(e)),
        }
    }

    /// The live region and, under it, the last problem.
    pub fn view(self) -> impl IntoView {
        view! {
            <p class="desk-status" role="status" aria-live="polite">{move || self.words.get()}</p>
            {move || self.failure.get().map(|error| view! { <ProblemNote error/> })}
        }
    }
}
