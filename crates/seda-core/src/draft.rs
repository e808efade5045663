//! A form in progress, saved on every change so a reload or a closed tab loses nothing.

use super::answer::{answers_from_value, answers_to_value, Answers};
use super::form::Form;
use super::json::{self, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub form_id: String,
    pub form_version: u32,
    /// The response id: kept, so the finished response is the same one.
    pub response_id: String,
    pub started_at: String,
    /// The pages visited (indexes), the one on screen last.
    pub path: Vec<usize>,
    pub answers: Answers,
    pub saved_at: String,
}

impl Draft {
    pub fn to_json(&self) -> String {
        Value::object([
            ("form_id", Value::from(self.form_id.as_str())),
            ("form_version", Value::from(self.form_version)),
            ("response_id", Value::from(self.response_id.as_str())),
            ("started_at", Value::from(self.started_at.as_str())),
            ("path", Value::Array(self.path.iter().map(|&p| Value::from(p as i64)).collect())),
            ("answers", answers_to_value(&self.answers)),
            ("saved_at", Value::from(self.saved_at.as_str())),
        ])
        .to_json()
    }

    /// Reads a stored draft; `None` for anything that is not one (a draft is a
    /// convenience: one that cannot be read is dropped, never an error).
    pub fn from_json(text: &str) -> Option<Draft> {
        let v = json::parse(text).ok()?;
        let s = |k: &str| v.get(k)?.as_str().map(str::to_owned);
        Some(Draft {
            form_id: s("form_id")?,
            form_version: u32::try_from(v.get("form_version")?.as_i64()?).ok()?,
            response_id: s("response_id")?,
            started_at: s("started_at")?,
            path: match (v.get("path"), v.get("step").and_then(Value::as_i64)) {
                (Some(path), _) => path.as_array()?.iter().map(|p| usize::try_from(p.as_i64()?).ok()).collect::<Option<_>>()?,
                // Drafts from before pages kept the step: one question per page.
                (None, Some(step)) => (0..=usize::try_from(step).ok()?.min(1_000)).collect(),
                (None, None) => return None,
            },
            answers: answers_from_value(v.get("answers")?),
            saved_at: s("saved_at").unwrap_or_default(),
        })
    }

    /// Whether the draft was made with this very form (id and version).
    pub fn fits(&self, form: &Form) -> bool {
        self.form_id == form.id && self.form_version == form.version
    }
}

/// The storage key of a form's draft.
pub fn key(form_id: &str) -> String {
    format!("seda:draft:{form_id}")
}
