//! Which form a response is to: a registered version in the database, else a
//! built-in template with that id. Read forms are cached by (id, version): a
//! registered version never changes, so the cache needs no invalidation.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::canonical::sha256_hex;
use crate::engine::KnownForm;
use crate::error::{AppError, PathProblem, Reason};
use crate::store::{FormAdded, Store, StoredForm};

#[derive(Debug, Default)]
pub struct Catalog {
    cache: RwLock<HashMap<(String, i64), Arc<KnownForm>>>,
}

impl Catalog {
    /// Form `form_id` at `version` (its highest registered version when `None`).
    pub async fn resolve(&self, store: &Store, form_id: &str, version: Option<i64>) -> Result<Option<Arc<KnownForm>>, AppError> {
        if let Some(v) = version {
            if let Some(f) = self.cache.read().ok().and_then(|c| c.get(&(form_id.to_owned(), v)).cloned()) {
                return Ok(Some(f));
            }
        }
        if let Some(stored) = store.form(form_id, version).await? {
            match KnownForm::read(&stored.definition) {
                Ok(form) => {
                    let form = Arc::new(form);
                    if let Ok(mut c) = self.cache.write() {
                        c.insert((stored.form_id, stored.version), form.clone());
                    }
                    return Ok(Some(form));
                }
                Err(problems) => {
                    tracing::warn!(form_id, version = stored.version, ?problems, "a registered form no longer reads");
                }
            }
        }
        let template = KnownForm::template(form_id).filter(|t| version.is_none_or(|v| v == t.version()));
        Ok(template.map(|t| Arc::new(t.clone())))
    }
}

/// Reads, checks and registers a form definition: `Created`, `Unchanged` (the same
/// version with the same text), or a 409 for the same version with another text.
pub async fn register(store: &Store, definition: &str, now: i64) -> Result<(FormAdded, StoredForm), AppError> {
    let form = KnownForm::read(definition).map_err(|problems| {
        let detail = problems.iter().map(|p| format!("{}: {}", if p.path.is_empty() { "form" } else { &p.path }, p.message)).collect::<Vec<_>>().join("; ");
        AppError::with_problems(Reason::InvalidForm, detail, problems)
    })?;
    let stored = StoredForm {
        form_id: form.id().to_owned(),
        version: form.version(),
        definition: definition.to_owned(),
        sha256: sha256_hex(definition.as_bytes()),
    };
    match store.add_form(&stored, now).await? {
        FormAdded::Conflict => Err(AppError::with_problems(
            Reason::FormVersionConflict,
            format!("version {} of form {} is registered with another definition: raise `version` to register a change", stored.version, stored.form_id),
            vec![PathProblem { path: "version".into(), message: "already registered with another definition".into() }],
        )),
        added => Ok((added, stored)),
    }
}
