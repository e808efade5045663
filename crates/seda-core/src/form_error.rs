//! What is wrong with a form definition, each problem with its JSON path.

use std::fmt;

/// One thing wrong with a form definition, and where: `questions[2].scale.max`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// A JSON path into the definition; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl FormError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FormError { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "form: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Everything wrong with a form definition (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormErrors(pub Vec<FormError>);

impl fmt::Display for FormErrors {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FormErrors {}
