//! A form in progress, saved on every change so a reload or a closed tab loses nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::form::Form;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub form_id: String,
    pub form_version: u32,
    /// The response id: kept, so the finished response is the same one.
    pub response_id: String,
    pub started_at: String,
    pub step: usize,
    pub answers: BTreeMap<String, Answer>,
    pub saved_at: String,
}

impl Draft {
    /// Whether the draft was made with this very form (id and version).
    pub fn fits(&self, form: &Form) -> bool {
        self.form_id == form.id && self.form_version == form.version
    }
}

/// The storage key of a form's draft.
pub fn key(form_id: &str) -> String {
    format!("seda:draft:{form_id}")
}
