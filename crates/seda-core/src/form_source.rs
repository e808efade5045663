//! Where a form definition comes from: `data-form` (and `data-offer-complaint`, and a
//! survey's `offer_complaint.form`).

use thiserror::Error;

use super::templates;

/// Where the form definition comes from (`data-form`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormSource {
    /// `template:nps`: a form built into the widget.
    Template(String),
    /// `#my-form` or `my-form`: the id of a `<script type="application/json">` on the page.
    Inline(String),
    /// Anything else: a URL of a form JSON, relative to the page.
    Url(String),
    /// `template:complaint-status`: no form definition, but the lookup where a
    /// complainant reads how their complaint stands ([`crate::status`]).
    StatusLookup,
}

/// A `data-form` value that names no form.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormSourceError {
    #[error("data-form is missing: give a template (data-form=\"template:nps\"), a form URL or the id of an inline JSON script")]
    Missing,
    #[error("data-form=\"template:{name}\": no such template; the templates are {}, {}", templates::NAMES.join(", "), templates::STATUS_LOOKUP)]
    UnknownTemplate { name: String },
    #[error("template:{} looks a complaint up; it is not a complaint form to offer", templates::STATUS_LOOKUP)]
    NotAComplaintForm,
}

impl FormSource {
    pub fn parse(value: &str) -> Result<Self, FormSourceError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(FormSourceError::Missing);
        }
        if let Some(name) = value.strip_prefix("template:") {
            // Every build knows every name; one without a template hands it over.
            return if name == templates::STATUS_LOOKUP {
                Ok(FormSource::StatusLookup)
            } else if templates::NAMES.contains(&name) {
                Ok(FormSource::Template(name.to_owned()))
            } else {
                Err(FormSourceError::UnknownTemplate { name: name.to_owned() })
            };
        }
        if let Some(id) = value.strip_prefix('#') {
            return Ok(FormSource::Inline(id.to_owned()));
        }
        // A bare word is an element id; anything with '.', '/' or ':' is a URL
        // (write "./form" for a relative URL without an extension).
        let bare = value.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        Ok(if bare { FormSource::Inline(value.to_owned()) } else { FormSource::Url(value.to_owned()) })
    }

    /// A complaint form a survey offers (`data-offer-complaint`, `offer_complaint.form`):
    /// any form source but the complaint-status lookup.
    pub fn parse_offered(value: &str) -> Result<Self, FormSourceError> {
        match Self::parse(value)? {
            FormSource::StatusLookup => Err(FormSourceError::NotAComplaintForm),
            source => Ok(source),
        }
    }
}
