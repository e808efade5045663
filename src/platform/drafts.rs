//! Drafts in localStorage, one per form: saved on every change, offered on reopen.

use crate::core::draft::{key, Draft};

use super::env::window;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn load(form_id: &str) -> Option<Draft> {
    let json = storage()?.get_item(&key(form_id)).ok().flatten()?;
    Draft::from_json(&json)
}

/// Saves quietly: a full or refused storage must not interrupt the visitor.
pub fn save(draft: &Draft) {
    if let Some(s) = storage() {
        let _ = s.set_item(&key(&draft.form_id), &draft.to_json());
    }
}

pub fn discard(form_id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(form_id));
    }
}
