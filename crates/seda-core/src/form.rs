//! The form definition (format 1) and its parser.
//!
//! Parsing is two passes: [`read`] turns the JSON into these types, naming the JSON
//! path of everything it cannot read; then [`crate::check`] looks at the whole
//! form and names every path whose value is readable but wrong.

use std::fmt;

use super::check;
use super::complaint::{self, Acknowledgement, Offer};
use super::checklist::{self, Checklist};
use super::decode::{Decoder, Members};
use super::json::{self, Value};
use super::logic::{self, Condition, Num};
use super::text::{language, Text};
use super::theme::{self, Theme};

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
    /// Every question in order, whether the form lists them flat or in pages.
    pub questions: Vec<Question>,
    /// The pages. A form that lists `questions` flat has one page per question.
    pub pages: Vec<Page>,
    /// Values the page supplies (`data-hidden-*`, URL parameters, `Seda.open`).
    pub hidden: Vec<HiddenField>,
    /// The end screens: the first whose `if` holds is shown.
    pub thank_you: Vec<ThankYou>,
    /// Brand colour, radius, font and scheme (the tag's `data-theme-*` override them).
    pub theme: Theme,
    /// A complaint form's promises on its acknowledgement screen.
    pub acknowledgement: Option<Acknowledgement>,
    /// A survey's "tell us what went wrong" offer to a dissatisfied visitor.
    pub offer_complaint: Option<Offer>,
    /// `kind: checklist`: the sections, scoring and visit record (no questions or pages).
    pub checklist: Option<Box<Checklist>>,
}

/// One step of the form: the questions shown together.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub id: String,
    pub title: Option<Text>,
    /// Indexes into [`Form::questions`].
    pub questions: Vec<usize>,
    /// The page is skipped unless this holds.
    pub show_if: Option<Condition>,
    /// Checked in order when the visitor moves on; the first that holds decides.
    pub jump: Vec<Jump>,
    /// Where the page is in the definition (`pages[2]`), for error messages.
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Jump {
    pub when: Condition,
    /// A later page's id, or `None` for the end of the form.
    pub to: Option<String>,
}

/// A value the page supplies, sent with the response and usable in text as `{id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiddenField {
    pub id: String,
    /// The URL query parameter it is read from, if any.
    pub url_param: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Survey,
    /// A complaint: acknowledged with a reference code.
    Complaint,
    /// Sections of items scored against service standards (`sections`, `scoring`, `visit`).
    Checklist,
}

impl FormKind {
    pub fn name(self) -> &'static str {
        match self {
            FormKind::Survey => "survey",
            FormKind::Complaint => "complaint",
            FormKind::Checklist => "checklist",
        }
    }
}

/// One question. The fields after `show_if` apply to some types only; the
/// semantic check names any that are given to a type that does not use them.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable id: the key of this question's answer in the response.
    pub id: String,
    pub kind: QuestionType,
    pub title: Text,
    pub description: Option<Text>,
    pub required: bool,
    /// Required only while this holds (an email when the visitor asked to be emailed).
    pub required_if: Option<Condition>,
    /// The question is shown (and its answer kept) only when this holds.
    pub show_if: Option<Condition>,
    /// `rating`: the lowest and highest points of the scale.
    pub scale: Option<Scale>,
    /// `rating`: numbers (the default), stars or smileys.
    pub display: Display,
    /// `nps`, `rating`: the words under the two ends of the scale.
    pub labels: Option<EndLabels>,
    /// `choice`, `dropdown`: the options, in order.
    pub choices: Option<Vec<Choice>>,
    /// `choice`: several options may be picked.
    pub multiple: bool,
    /// `choice`: an "Other" option with a text box (`true`, or the option's label).
    pub other: Option<Option<Text>>,
    /// `choice`: show the options in a random order (an "other" option stays last).
    pub shuffle: bool,
    /// `text`: a multi-line box instead of one line.
    pub multiline: bool,
    /// `text`: the fewest characters accepted.
    pub min_length: Option<u32>,
    /// `text`, `email`, `phone`: the most characters accepted.
    pub max_length: Option<u32>,
    /// `number`: the smallest and largest values accepted.
    pub min: Option<Num>,
    pub max: Option<Num>,
    /// `number`: decimal places accepted (0, the default, for whole numbers).
    pub decimals: u32,
    /// `date`: the earliest and latest dates accepted, `YYYY-MM-DD`.
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// `matrix`: the statements (rows) and the one scale every row is answered on (columns).
    pub rows: Option<Vec<Choice>>,
    pub columns: Option<Vec<Choice>>,
    /// `text`, `email`, `phone`, `number`, `dropdown`: a hint shown in the empty field.
    pub placeholder: Option<Text>,
    /// `text`, `email`, `phone`, `number`, `dropdown`: the hidden field whose value
    /// the answer starts with (an order number the page knows).
    pub prefill: Option<String>,
    /// `attachments`: the most files (default 5, at most 10).
    pub max_files: Option<u32>,
    /// `attachments`: the most bytes of all files together, after pictures are
    /// downscaled (default 5 MiB, at most 10 MiB).
    pub max_bytes: Option<u32>,
    /// `attachments`: the MIME types taken (`image/*` for any picture); default
    /// pictures and PDF.
    pub accept: Option<Vec<String>>,
    /// Where the question is in the definition (`questions[2]`), for error messages.
    pub path: String,
}

/// How a rating scale is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Display {
    #[default]
    Numbers,
    Stars,
    Smileys,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionType {
    /// Net Promoter Score: 0-10.
    Nps,
    /// A numeric scale such as CSAT 1-5 or CES 1-7.
    Rating,
    /// Single or multiple choice, as radio buttons or checkboxes.
    Choice,
    /// Single choice from a drop-down list.
    Dropdown,
    YesNo,
    Text,
    Email,
    Phone,
    Number,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A checkbox the visitor must tick; its exact text is stored as the answer.
    Consent,
    /// Information only: no answer.
    Statement,
    /// Several statements (rows) rated on one shared scale (columns).
    Matrix,
    /// A local date and time, `YYYY-MM-DDTHH:MM`, starting at now.
    Datetime,
    /// Photos (downscaled in the browser) and documents.
    Attachments,
}

pub const TYPES: &[(&str, QuestionType)] = &[
    ("nps", QuestionType::Nps),
    ("rating", QuestionType::Rating),
    ("choice", QuestionType::Choice),
    ("dropdown", QuestionType::Dropdown),
    ("yes_no", QuestionType::YesNo),
    ("text", QuestionType::Text),
    ("email", QuestionType::Email),
    ("phone", QuestionType::Phone),
    ("number", QuestionType::Number),
    ("date", QuestionType::Date),
    ("consent", QuestionType::Consent),
    ("statement", QuestionType::Statement),
    ("matrix", QuestionType::Matrix),
    ("datetime", QuestionType::Datetime),
    ("attachments", QuestionType::Attachments),
];

impl QuestionType {
    pub fn name(self) -> &'static str {
        TYPES.iter().find(|(_, t)| *t == self).map_or("", |(n, _)| n)
    }

    /// Whether answers are numbers (for `less_than` and friends in conditions).
    pub fn is_numeric(self) -> bool {
        matches!(self, QuestionType::Nps | QuestionType::Rating | QuestionType::Number)
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
    /// Shown only when this holds (one without `if` is the default).
    pub when: Option<Condition>,
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

    pub fn rows(&self) -> &[Choice] {
        self.rows.as_deref().unwrap_or_default()
    }

    pub fn columns(&self) -> &[Choice] {
        self.columns.as_deref().unwrap_or_default()
    }

    /// Whether the visitor gives this question an answer (a statement takes none).
    pub fn takes_answer(&self) -> bool {
        self.kind != QuestionType::Statement
    }
}

impl Form {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.id == id)
    }

    /// The hidden field read from URL parameter `param`, if the form names one.
    pub fn hidden_field(&self, id: &str) -> Option<&HiddenField> {
        self.hidden.iter().find(|h| h.id == id)
    }

    /// The optional parts of the widget this form takes to be shown: the checklist
    /// views (`kind: checklist`) and the attachment picker (an `attachments`
    /// question). A build without them (the lean bundle) hands the form over.
    pub fn needs(&self) -> FeaturesNeeded {
        FeaturesNeeded {
            checklists: self.kind == FormKind::Checklist,
            attachments: self.questions.iter().any(|q| q.kind == QuestionType::Attachments),
        }
    }

    /// Whether the form has its strings in `locale`'s language: its own locale's,
    /// or one its first question's title is given in.
    pub fn speaks(&self, locale: &str) -> bool {
        language(locale) == language(&self.locale)
            || self.questions.first().is_some_and(|q| matches!(q.title, Text::Localised(_)) && q.title.has(locale))
            || self.checklist.as_ref().and_then(|c| c.sections.first()).is_some_and(|s| matches!(s.title, Text::Localised(_)) && s.title.has(locale))
    }
}

/// See [`Form::needs`]: what of the widget's optional parts (Cargo features) a form takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeaturesNeeded {
    pub checklists: bool,
    pub attachments: bool,
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

pub const FORM_FIELDS: &[&str] = &[
    "$schema", "seda", "id", "version", "kind", "locale", "title", "questions", "pages", "hidden", "thank_you", "theme",
    "acknowledgement", "offer_complaint", "sections", "scoring", "visit",
];
pub const QUESTION_FIELDS: &[&str] = &[
    "id", "type", "title", "description", "required", "required_if", "show_if", "scale", "display", "labels", "choices", "multiple",
    "other", "shuffle", "multiline", "min_length", "max_length", "min", "max", "decimals", "earliest", "latest", "rows",
    "columns", "placeholder", "prefill", "max_files", "max_bytes", "accept",
];
pub const PAGE_FIELDS: &[&str] = &["id", "title", "questions", "show_if", "jump"];
pub const JUMP_FIELDS: &[&str] = &["if", "to"];
pub const HIDDEN_FIELDS: &[&str] = &["id", "url_param"];
pub const THANK_YOU_FIELDS: &[&str] = &["title", "body", "if"];
pub const KINDS: &[(&str, FormKind)] =
    &[("survey", FormKind::Survey), ("complaint", FormKind::Complaint), ("checklist", FormKind::Checklist)];
pub const DISPLAYS: &[(&str, Display)] = &[("numbers", Display::Numbers), ("stars", Display::Stars), ("smileys", Display::Smileys)];

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
    let mut questions = Vec::new();
    let is_checklist = kind == Some(FormKind::Checklist);
    let checklist = match is_checklist {
        #[cfg(feature = "checklists")]
        true => checklist::read(d, &m).map(|c| Some(Box::new(c))),
        // A build without checklists hands the form over unread (see `Form::needs`):
        // the full bundle reads and checks it.
        #[cfg(not(feature = "checklists"))]
        true => Some(None),
        false => Some(None),
    };
    if !is_checklist {
        for key in checklist::FIELDS.iter().filter(|k| m.get(k).is_some()) {
            d.err(m.path(key), "only a form of kind \"checklist\" has this field");
        }
    }
    let pages = match (m.get("questions"), m.get("pages")) {
        (None, None) if is_checklist => Some(Vec::new()),
        (Some(_), _) | (_, Some(_)) if is_checklist => {
            d.err("", "a checklist lists its items in \"sections\", not \"questions\" or \"pages\"");
            None
        }
        (Some(list), None) => d.each("questions", list, |d, p, v| {
            let q = question(d, p, v)?;
            questions.push(q.clone());
            Some(Page { id: q.id, title: None, questions: vec![questions.len() - 1], show_if: None, jump: Vec::new(), path: p.to_owned() })
        }),
        (None, Some(list)) => d.each("pages", list, |d, p, v| page(d, p, v, &mut questions)),
        (Some(_), Some(_)) => {
            d.err("", "give either \"questions\" (one per page) or \"pages\", not both");
            None
        }
        (None, None) => {
            d.err("", "missing field `questions` (or `pages`)");
            None
        }
    };
    let hidden = d.opt(&m, "hidden", |d, p, v| d.each(p, v, hidden_field));
    let theme = d.opt(&m, "theme", theme::read);
    let acknowledgement = d.opt(&m, "acknowledgement", complaint::read_acknowledgement);
    let offer_complaint = d.opt(&m, "offer_complaint", complaint::read_offer);
    let thank_you = d.opt(&m, "thank_you", |d, p, v| match v {
        Value::Array(_) => d.each(p, v, thank_you),
        _ => thank_you(d, p, v).map(|t| vec![t]),
    });
    Some(Form {
        schema: schema.ok()?,
        seda: seda?,
        id: id?,
        version: version?,
        kind: kind?,
        locale: locale.ok()?.unwrap_or_else(|| "en".to_owned()),
        title: title.ok()?,
        pages: pages?,
        questions,
        hidden: hidden.ok()?.unwrap_or_default(),
        thank_you: thank_you.ok()?.unwrap_or_default(),
        theme: theme.ok()?.unwrap_or_default(),
        acknowledgement: acknowledgement.ok()?,
        offer_complaint: offer_complaint.ok()?,
        checklist: checklist?,
    })
}

fn page(d: &mut Decoder, at: &str, v: &Value, questions: &mut Vec<Question>) -> Option<Page> {
    let m = d.members(at, v, PAGE_FIELDS)?;
    let id = d.req(&m, "id", Decoder::string);
    let title = d.opt(&m, "title", Decoder::text);
    let list = d.req(&m, "questions", |d, p, v| d.each(p, v, question));
    let show_if = d.opt(&m, "show_if", logic::read);
    let jump = d.opt(&m, "jump", |d, p, v| {
        d.each(p, v, |d, p, v| {
            let m = d.members(p, v, JUMP_FIELDS)?;
            let when = d.req(&m, "if", logic::read);
            let to = d.req(&m, "to", Decoder::string);
            let to = to?;
            Some(Jump { when: when?, to: (to != "end").then_some(to) })
        })
    });
    let list = list?;
    let first = questions.len();
    questions.extend(list);
    Some(Page {
        id: id?,
        title: title.ok()?,
        questions: (first..questions.len()).collect(),
        show_if: show_if.ok()?,
        jump: jump.ok()?.unwrap_or_default(),
        path: at.to_owned(),
    })
}

fn hidden_field(d: &mut Decoder, at: &str, v: &Value) -> Option<HiddenField> {
    if let Value::String(id) = v {
        return Some(HiddenField { id: id.clone(), url_param: None });
    }
    let m = d.members(at, v, HIDDEN_FIELDS)?;
    let id = d.req(&m, "id", Decoder::string);
    let url_param = d.opt(&m, "url_param", Decoder::string);
    Some(HiddenField { id: id?, url_param: url_param.ok()? })
}

fn thank_you(d: &mut Decoder, at: &str, v: &Value) -> Option<ThankYou> {
    let m = d.members(at, v, THANK_YOU_FIELDS)?;
    let title = d.req(&m, "title", Decoder::text);
    let body = d.opt(&m, "body", Decoder::text);
    let when = d.opt(&m, "if", logic::read);
    Some(ThankYou { title: title?, body: body.ok()?, when: when.ok()? })
}

fn choices(d: &mut Decoder, at: &str, v: &Value) -> Option<Vec<Choice>> {
    d.each(at, v, |d, p, v| {
        let m = d.members(p, v, &["id", "label"])?;
        let id = d.req(&m, "id", Decoder::string);
        let label = d.req(&m, "label", Decoder::text);
        Some(Choice { id: id?, label: label? })
    })
}

fn number(d: &mut Decoder, at: &str, v: &Value) -> Option<Num> {
    let n = match v {
        Value::Number(n) => Num::parse(n),
        _ => None,
    };
    if n.is_none() {
        d.err(at, format!("expected a number with at most 6 decimals, found {}", v.kind()));
    }
    n
}

fn question(d: &mut Decoder, at: &str, v: &Value) -> Option<Question> {
    let m = d.members(at, v, QUESTION_FIELDS)?;
    let flag = |d: &mut Decoder, m: &Members, key| d.opt(m, key, Decoder::bool).map(Option::unwrap_or_default);
    let id = d.req(&m, "id", Decoder::string);
    let kind = d.req(&m, "type", |d, p, v| d.one_of(p, v, TYPES));
    let title = d.req(&m, "title", Decoder::text);
    let description = d.opt(&m, "description", Decoder::text);
    let required = flag(d, &m, "required");
    let show_if = d.opt(&m, "show_if", logic::read);
    let required_if = d.opt(&m, "required_if", logic::read);
    let scale = d.opt(&m, "scale", |d, p, v| {
        let m = d.members(p, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::int);
        let max = d.req(&m, "max", Decoder::int);
        Some(Scale { min: min?, max: max? })
    });
    let display = d.opt(&m, "display", |d, p, v| d.one_of(p, v, DISPLAYS));
    let labels = d.opt(&m, "labels", |d, p, v| {
        let m = d.members(p, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::text);
        let max = d.req(&m, "max", Decoder::text);
        Some(EndLabels { min: min?, max: max? })
    });
    let choice_list = d.opt(&m, "choices", choices);
    let multiple = flag(d, &m, "multiple");
    let other = d.opt(&m, "other", |d, p, v| match v {
        Value::Bool(true) => Some(Some(None)),
        Value::Bool(false) => Some(None),
        _ => d.text(p, v).map(|t| Some(Some(t))),
    });
    let shuffle = flag(d, &m, "shuffle");
    let multiline = flag(d, &m, "multiline");
    let min_length = d.opt(&m, "min_length", Decoder::count);
    let max_length = d.opt(&m, "max_length", Decoder::count);
    let min = d.opt(&m, "min", number);
    let max = d.opt(&m, "max", number);
    let decimals = d.opt(&m, "decimals", Decoder::count);
    let earliest = d.opt(&m, "earliest", Decoder::string);
    let latest = d.opt(&m, "latest", Decoder::string);
    let rows = d.opt(&m, "rows", choices);
    let columns = d.opt(&m, "columns", choices);
    let placeholder = d.opt(&m, "placeholder", Decoder::text);
    let prefill = d.opt(&m, "prefill", Decoder::string);
    let max_files = d.opt(&m, "max_files", Decoder::count);
    let max_bytes = d.opt(&m, "max_bytes", Decoder::count);
    let accept = d.opt(&m, "accept", |d, p, v| d.each(p, v, Decoder::string));
    Some(Question {
        id: id?,
        kind: kind?,
        title: title?,
        description: description.ok()?,
        required: required.ok()?,
        required_if: required_if.ok()?,
        show_if: show_if.ok()?,
        scale: scale.ok()?,
        display: display.ok()?.unwrap_or_default(),
        labels: labels.ok()?,
        choices: choice_list.ok()?,
        multiple: multiple.ok()?,
        other: other.ok()?.flatten(),
        shuffle: shuffle.ok()?,
        multiline: multiline.ok()?,
        min_length: min_length.ok()?,
        max_length: max_length.ok()?,
        min: min.ok()?,
        max: max.ok()?,
        decimals: decimals.ok()?.unwrap_or_default(),
        earliest: earliest.ok()?,
        latest: latest.ok()?,
        rows: rows.ok()?,
        columns: columns.ok()?,
        placeholder: placeholder.ok()?,
        prefill: prefill.ok()?,
        max_files: max_files.ok()?,
        max_bytes: max_bytes.ok()?,
        accept: accept.ok()?,
        path: at.to_owned(),
    })
}
