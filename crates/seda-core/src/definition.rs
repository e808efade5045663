//! Reading a form definition in two passes: [`crate::form::read`] turns the JSON into
//! a [`Form`], naming the JSON path of everything it cannot read; then
//! [`crate::check`] looks at the whole form and names every path whose value is
//! readable but wrong.

use super::check;
use super::decode::Decoder;
use super::form::{self, Form};
use super::form_error::{FormError, FormErrors};
use super::json;
use super::limits::MAX_JSON_BYTES;

/// Reads and checks a form definition.
pub fn parse(json: &str) -> Result<Form, FormErrors> {
    let form = read(json)?;
    let errors = check::check(&form);
    if errors.is_empty() { Ok(form) } else { Err(FormErrors(errors)) }
}

/// The first pass alone: the form as read, not yet checked. For a form checked
/// already (a built-in template: the tests check every one), and for a reader that
/// checks it later (the widget, which loads the checker only for a site's own form).
pub fn read(json: &str) -> Result<Form, FormErrors> {
    if json.len() > MAX_JSON_BYTES {
        return Err(FormErrors(vec![FormError::new(
            "",
            format!("the definition is {} bytes; the most accepted is {MAX_JSON_BYTES}", json.len()),
        )]));
    }
    let doc = json::parse(json).map_err(|e| FormErrors(vec![FormError::new(e.path.clone(), e.to_string())]))?;
    let mut d = Decoder::default();
    match form::read(&mut d, &doc) {
        Some(form) if d.errors.is_empty() => Ok(form),
        _ => Err(FormErrors(d.errors)),
    }
}
