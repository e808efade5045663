//! The one record a page shows and changes (a case, a visit): loaded from its path,
//! loaded again after each change, and each change told in the page's status line
//! once the record is back, so a screen reader hears what was done.

use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::api::{self, ApiError};
use crate::i18n::Lang;
use crate::parts::case_field::Said;

/// A record on its page: the last answer, the last problem and what the last change did.
pub struct Changing<T: Send + Sync + 'static> {
    /// The record, once loaded; `None` again while another one loads.
    pub loaded: RwSignal<Option<T>>,
    /// Why the last load failed, if it did.
    pub failed: RwSignal<Option<ApiError>>,
    announcement: RwSignal<Option<Said>>,
    /// For the page's forms: what a change did; the record is loaded again.
    pub changed: Callback<Said>,
}

impl<T: Send + Sync + 'static> Clone for Changing<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Changing<T> {}

/// Loads the record at `path`, afresh whenever `path` changes.
pub fn changing<T>(path: Memo<String>) -> Changing<T>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let loaded = RwSignal::new(None::<T>);
    let failed = RwSignal::new(None::<ApiError>);
    let announcement = RwSignal::new(None::<Said>);
    let load = move |after: Option<Said>| {
        let path = path.get_untracked();
        leptos::task::spawn_local(async move {
            match api::get_as::<T>(&path).await {
                Ok(record) => {
                    failed.set(None);
                    loaded.set(Some(record));
                    if after.is_some() {
                        announcement.set(after);
                    }
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        path.track();
        loaded.set(None);
        announcement.set(None);
        load(None);
    });
    let changed = Callback::new(move |said: Said| load(Some(said)));
    Changing { loaded, failed, announcement, changed }
}

impl<T: Send + Sync + 'static> Changing<T> {
    /// The status line: `failed` or `loading` (English, Persian) until the record is
    /// here, then what the last change did (tracked).
    pub fn status(self, lang: Lang, failed: (&'static str, &'static str), loading: (&'static str, &'static str)) -> String {
        if self.failed.with(Option::is_some) {
            lang.pick(failed.0, failed.1).to_owned()
        } else if self.loaded.with(Option::is_none) {
            lang.pick(loading.0, loading.1).to_owned()
        } else {
            self.announcement.with(|a| a.as_ref().map(|a| a.in_lang(lang).to_owned()).unwrap_or_default())
        }
    }
}
