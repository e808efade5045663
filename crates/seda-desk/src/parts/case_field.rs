//! A change's problem shown next to the field the receiver named (its problem's
//! `path`), for the case page's forms and the visit review form alike; and the
//! problem no field owns, shown with the form.

use leptos::prelude::*;
use serde_json::Value;

use crate::api::{self, ApiError};
use crate::app::{expect_desk, Desk};
use crate::i18n::Lang;

/// What a change did, in both languages, so the announcement follows a language switch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Said {
    en: String,
    fa: String,
}

impl Said {
    /// The words `say` writes in each language.
    pub fn new(say: impl Fn(Lang) -> String) -> Said {
        Said { en: say(Lang::En), fa: say(Lang::Fa) }
    }

    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fa => &self.fa,
        }
    }
}

/// What a form's last attempt answered, kept for its fields to read.
#[derive(Clone, Copy)]
pub struct Attempt {
    pub error: RwSignal<Option<ApiError>>,
    pub pending: RwSignal<bool>,
    desk: Desk,
}

impl Attempt {
    /// A form's attempts; call within a component (it reads the desk's context).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Attempt {
        Attempt { error: RwSignal::new(None), pending: RwSignal::new(false), desk: expect_desk() }
    }

    /// Runs `call`, keeping its error (a 401 signs the desk out), and says whether it
    /// went through.
    pub async fn run<T>(self, call: impl std::future::Future<Output = Result<T, ApiError>>) -> Option<T> {
        self.pending.set(true);
        self.error.set(None);
        let result = call.await;
        self.pending.set(false);
        match result {
            Ok(value) => Some(value),
            Err(ApiError::SignedOut(_)) => {
                self.desk.signed_out();
                None
            }
            Err(e) => {
                self.error.set(Some(e));
                None
            }
        }
    }

    /// Sends `body` to `path` with `method`, unless an attempt is under way; `done`
    /// runs once it went through.
    pub fn send(self, method: &'static str, path: String, body: Value, done: impl FnOnce() + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            if self.run(api::send(method, &path, Some(&body))).await.is_some() {
                done();
            }
        });
    }

    /// The problem for the field at `path` (tracked).
    pub fn at(self, path: &'static str) -> Signal<Option<String>> {
        let lang = self.desk.lang;
        Signal::derive(move || self.error.with(|e| e.as_ref().filter(|e| e.path() == Some(path)).map(|e| words(e, lang.get()))))
    }

    /// The problem no field of `paths` owns (tracked).
    pub fn elsewhere(self, paths: &'static [&'static str]) -> Signal<Option<String>> {
        let lang = self.desk.lang;
        Signal::derive(move || {
            self.error.with(|e| e.as_ref().filter(|e| e.path().is_none_or(|p| !paths.contains(&p))).map(|e| words(e, lang.get())))
        })
    }

    /// The problem for the field at `path`, else the one no field of `paths` owns (tracked).
    pub fn at_or_elsewhere(self, path: &'static str, paths: &'static [&'static str]) -> Signal<Option<String>> {
        let (here, elsewhere) = (self.at(path), self.elsewhere(paths));
        Signal::derive(move || here.get().or_else(|| elsewhere.get()))
    }
}

/// A problem in the desk's language, with the receiver's own words after it.
fn words(error: &ApiError, lang: Lang) -> String {
    let lead = match error {
        ApiError::Problem { status: 409, .. } => lang.pick("This change is not possible now.", "این تغییر اکنون ممکن نیست."),
        ApiError::Problem { status: 422 | 400, .. } => lang.pick("Please correct this.", "لطفاً این را اصلاح کنید."),
        ApiError::Problem { status: 403, .. } => lang.pick("You may not change this.", "اجازهٔ این تغییر را ندارید."),
        ApiError::Problem { status: 404, .. } => lang.pick("It no longer exists.", "دیگر وجود ندارد."),
        ApiError::Network(_) => lang.pick("The receiver could not be reached.", "دسترسی به سرور ممکن نشد."),
        _ => lang.pick("The change failed.", "تغییر انجام نشد."),
    };
    match error {
        ApiError::Problem { detail, .. } if !detail.is_empty() => format!("{lead} ({detail})"),
        _ => lead.to_owned(),
    }
}

/// The problem shown under a field: give the field `aria-describedby=id` and
/// `aria-invalid` while `text` is some.
#[component]
pub fn FieldProblem(
    /// The element's id, for the field's `aria-describedby`.
    id: &'static str,
    /// The problem, or none.
    #[prop(into)]
    text: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div id=id class="desk-field-problem" aria-live="assertive">
            {move || text.get().map(|t| view! { <p>{t}</p> })}
        </div>
    }
}
