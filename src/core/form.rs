//! The form definition (format 1) and its parser.
//!
//! Parsing is two passes: [`read`] turns the JSON into these types, naming the JSON
//! path of everything it cannot read; then [`crate::core::check`] looks at the whole
//! form and names every path whose value is readable but wrong.

use std::fmt;

use super::check;
use super::decode::{Decoder, Members};
use super::json::{self, Value};
use super::text::{language, Text};

/// The form format this widget reads (the `seda` field of a form).
pub const FORMAT: u32 = 1;

/// Larger definitions are refused before they are read.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// A survey, complaint form or checklist, as the marketer writes it in JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Lets editors find the JSON Schema; ignored by the widget.
    pub schema: Option<String>,
    /// The format version: 1.
    pub seda: u32,
    /// Stable id, sent with every response.
    pub id: String,
    /// The form's own version, sent with every response (bump it when questions change).
    pub version: u32,
    pub kind: FormKind,
    /// The locale whose strings every localised text must have.
    pub locale: String,
    pub title: Option<Text>,
    pub questions: Vec<Question>,
    pub thank_you: Option<ThankYou>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Survey,
}

impl FormKind {
    pub fn name(self) -> &'static str {
        match self {
            FormKind::Survey => "survey",
        }
    }
}

/// One question. The fields after `required` apply to some types only; the
/// semantic check names any that are given to a type that does not use them.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable id: the key of this question's answer in the response.
    pub id: String,
    pub kind: QuestionType,
    pub title: Text,
    pub description: Option<Text>,
    pub required: bool,
    /// `rating`: the lowest and highest points of the scale.
    pub scale: Option<Scale>,
    /// `nps`, `rating`: the words under the two ends of the scale.
    pub labels: Option<EndLabels>,
    /// `choice`: the options, in order.
    pub choices: Option<Vec<Choice>>,
    /// `choice`: several options may be picked.
    pub multiple: bool,
    /// `text`: a multi-line box instead of one line.
    pub multiline: bool,
    /// `text`, `email`: the most characters accepted.
    pub max_length: Option<u32>,
    /// `text`, `email`: a hint shown in the empty field.
    pub placeholder: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

/// The scale every `nps` question has.
pub const NPS_SCALE: Scale = Scale { min: 0, max: 10 };

#[derive(Clone, Debug, PartialEq)]
pub struct EndLabels {
    pub min: Text,
    pub max: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Stable id: what the response carries when this option is picked.
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThankYou {
    pub title: Text,
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
    let doc = json::parse(json).map_err(|e| FormErrors(vec![FormError::new(e.path.clone(), e.to_string())]))?;
    let mut d = Decoder::default();
    match read(&mut d, &doc) {
        Some(form) if d.errors.is_empty() => {
            let errors = check::check(&form);
            if errors.is_empty() { Ok(form) } else { Err(FormErrors(errors)) }
        }
        _ => Err(FormErrors(d.errors)),
    }
}

const FORM_FIELDS: &[&str] = &["$schema", "seda", "id", "version", "kind", "locale", "title", "questions", "thank_you"];
const QUESTION_FIELDS: &[&str] = &[
    "id", "type", "title", "description", "required", "scale", "labels", "choices", "multiple", "multiline",
    "max_length", "placeholder",
];
const KINDS: &[(&str, FormKind)] = &[("survey", FormKind::Survey)];
const TYPES: &[(&str, QuestionType)] = &[
    ("nps", QuestionType::Nps),
    ("rating", QuestionType::Rating),
    ("choice", QuestionType::Choice),
    ("text", QuestionType::Text),
    ("email", QuestionType::Email),
];

/// Reads the document into a [`Form`]; `None` when anything could not be read (each
/// problem is in `d.errors`).
pub fn read(d: &mut Decoder, doc: &Value) -> Option<Form> {
    let m = d.members("", doc, FORM_FIELDS)?;
    let schema = d.opt(&m, "$schema", Decoder::string);
    let seda = d.req(&m, "seda", Decoder::count);
    let id = d.req(&m, "id", Decoder::string);
    let version = d.req(&m, "version", Decoder::count);
    let kind = d.req(&m, "kind", |d, p, v| d.one_of(p, v, KINDS));
    let locale = d.opt(&m, "locale", Decoder::string);
    let title = d.opt(&m, "title", Decoder::text);
    let questions = d.req(&m, "questions", |d, p, v| d.each(p, v, question));
    let thank_you = d.opt(&m, "thank_you", |d, p, v| {
        let m = d.members(p, v, &["title", "body"])?;
        let title = d.req(&m, "title", Decoder::text);
        let body = d.opt(&m, "body", Decoder::text);
        Some(ThankYou { title: title?, body: body.ok()? })
    });
    Some(Form {
        schema: schema.ok()?,
        seda: seda?,
        id: id?,
        version: version?,
        kind: kind?,
        locale: locale.ok()?.unwrap_or_else(|| "en".to_owned()),
        title: title.ok()?,
        questions: questions?,
        thank_you: thank_you.ok()?,
    })
}

fn question(d: &mut Decoder, at: &str, v: &Value) -> Option<Question> {
    let m = d.members(at, v, QUESTION_FIELDS)?;
    let flag = |d: &mut Decoder, m: &Members, key| d.opt(m, key, Decoder::bool).map(Option::unwrap_or_default);
    let id = d.req(&m, "id", Decoder::string);
    let kind = d.req(&m, "type", |d, p, v| d.one_of(p, v, TYPES));
    let title = d.req(&m, "title", Decoder::text);
    let description = d.opt(&m, "description", Decoder::text);
    let required = flag(d, &m, "required");
    let scale = d.opt(&m, "scale", |d, p, v| {
        let m = d.members(p, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::int);
        let max = d.req(&m, "max", Decoder::int);
        Some(Scale { min: min?, max: max? })
    });
    let labels = d.opt(&m, "labels", |d, p, v| {
        let m = d.members(p, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::text);
        let max = d.req(&m, "max", Decoder::text);
        Some(EndLabels { min: min?, max: max? })
    });
    let choices = d.opt(&m, "choices", |d, p, v| {
        d.each(p, v, |d, p, v| {
            let m = d.members(p, v, &["id", "label"])?;
            let id = d.req(&m, "id", Decoder::string);
            let label = d.req(&m, "label", Decoder::text);
            Some(Choice { id: id?, label: label? })
        })
    });
    let multiple = flag(d, &m, "multiple");
    let multiline = flag(d, &m, "multiline");
    let max_length = d.opt(&m, "max_length", Decoder::count);
    let placeholder = d.opt(&m, "placeholder", Decoder::text);
    Some(Question {
        id: id?,
        kind: kind?,
        title: title?,
        description: description.ok()?,
        required: required.ok()?,
        scale: scale.ok()?,
        labels: labels.ok()?,
        choices: choices.ok()?,
        multiple: multiple.ok()?,
        multiline: multiline.ok()?,
        max_length: max_length.ok()?,
        placeholder: placeholder.ok()?,
    })
}
