//! Data a page loads from the receiver, and how the page tells its state: "Loading…"
//! in a live region (so a screen reader hears it, and hears when it is done), the
//! receiver's problem as an alert, else the data's view.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
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
