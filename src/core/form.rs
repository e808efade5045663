//! The form definition (format 1) and its parser.
//!
//! Parsing is two passes: serde reads the JSON into these types, naming the JSON
//! path of the first thing it cannot read; then [`crate::core::check`] looks at the
//! whole form and names every path whose value is readable but wrong.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::check;
use super::text::{language, Text};

/// The form format this widget reads (the `seda` field of a form).
pub const FORMAT: u32 = 1;

/// Larger definitions are refused before they are read.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// A survey, complaint form or checklist, as the marketer writes it in JSON.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Lets editors find the JSON Schema; ignored by the widget.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The format version: 1.
    pub seda: u32,
    /// Stable id, sent with every response.
    pub id: String,
    /// The form's own version, sent with every response (bump it when questions change).
    pub version: u32,
    pub kind: FormKind,
    /// The locale whose strings every localised text must have.
    #[serde(default = "default_locale")]
    pub locale: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thank_you: Option<ThankYou>,
}

fn default_locale() -> String {
    "en".to_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    Survey,
}

/// One question. The fields after `required` apply to some types only; the
/// semantic check names any that are given to a type that does not use them.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id: the key of this question's answer in the response.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default)]
    pub required: bool,
    /// `rating`: the lowest and highest points of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// `nps`, `rating`: the words under the two ends of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<EndLabels>,
    /// `choice`: the options, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Choice>>,
    /// `choice`: several options may be picked.
    #[serde(default)]
    pub multiple: bool,
    /// `text`: a multi-line box instead of one line.
    #[serde(default)]
    pub multiline: bool,
    /// `text`, `email`: the most characters accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// `text`, `email`: a hint shown in the empty field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// Net Promoter Score: 0-10.
    Nps,
    /// A numeric scale such as CSAT 1-5 or CES 1-7.
    Rating,
    /// Single or multiple choice.
    Choice,
    Text,
    Email,
}

impl QuestionType {
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Nps => "nps",
            QuestionType::Rating => "rating",
            QuestionType::Choice => "choice",
            QuestionType::Text => "text",
            QuestionType::Email => "email",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

/// The scale every `nps` question has.
pub const NPS_SCALE: Scale = Scale { min: 0, max: 10 };

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EndLabels {
    pub min: Text,
    pub max: Text,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id: what the response carries when this option is picked.
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThankYou {
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text>,
}

impl Question {
    /// The scale a scale question is drawn with: 0-10 for NPS, the given one for a rating.
    pub fn scale(&self) -> Option<Scale> {
        match self.kind {
            QuestionType::Nps => Some(NPS_SCALE),
            QuestionType::Rating => self.scale,
            _ => None,
        }
    }

    pub fn choices(&self) -> &[Choice] {
        self.choices.as_deref().unwrap_or_default()
    }
}

impl Form {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Whether the form has its strings in `locale`'s language: its own locale's,
    /// or one its first question's title is given in.
    pub fn speaks(&self, locale: &str) -> bool {
        language(locale) == language(&self.locale)
            || self.questions.first().is_some_and(|q| matches!(q.title, Text::Localised(_)) && q.title.has(locale))
    }
}

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

/// Reads and checks a form definition.
pub fn parse(json: &str) -> Result<Form, FormErrors> {
    if json.len() > MAX_JSON_BYTES {
        return Err(FormErrors(vec![FormError::new(
            "",
            format!("the definition is {} bytes; the most accepted is {MAX_JSON_BYTES}", json.len()),
        )]));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let form: Form = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| FormErrors(vec![FormError::new(path_of(e.path()), plain(e.inner()))]))?;
    de.end().map_err(|e| FormErrors(vec![FormError::new("", plain(&e))]))?;
    let errors = check::check(&form);
    if errors.is_empty() {
        Ok(form)
    } else {
        Err(FormErrors(errors))
    }
}

fn path_of(path: &serde_path_to_error::Path) -> String {
    let s = path.to_string();
    if s == "." { String::new() } else { s }
}

/// serde_json's message in words a marketer reads: "expected an integer", not "expected i64".
fn plain(e: &serde_json::Error) -> String {
    let mut msg = e.to_string();
    for (rust, words) in [
        ("expected i64", "expected an integer"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected an object: "),
    ] {
        msg = msg.replace(rust, words);
    }
    msg
}
