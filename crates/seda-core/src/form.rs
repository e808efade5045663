//! The form definition (format 1) and its reader: [`read`] turns the JSON into these
//! types, naming the JSON path of everything it cannot read. [`crate::definition::parse`]
//! reads and then checks a form.

use super::complaint::{self, Acknowledgement, Offer};
use super::checklist::{self, Checklist};
use super::decode::Decoder;
use super::form_strings::{self, FormStrings};
use super::json::Value;
use super::logic::{self, Condition};
use super::question::{self, Question, QuestionType};
use super::locale::language;
use super::text::Text;
use super::theme::{self, Theme};

/// The form format this widget reads (the `seda` field of a form).
pub const FORMAT: u32 = 1;

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
    /// The widget's own strings as the form words them, per language.
    pub strings: FormStrings,
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

named_enum! {
    pub enum FormKind {
        Survey = "survey",
        /// A complaint: acknowledged with a reference code.
        Complaint = "complaint",
        /// Sections of items scored against service standards (`sections`, `scoring`, `visit`).
        Checklist = "checklist",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThankYou {
    pub title: Text,
    pub body: Option<Text>,
    /// Shown only when this holds (one without `if` is the default).
    pub when: Option<Condition>,
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
            attachments: self.questions.iter().any(|q| q.question_type() == QuestionType::Attachments),
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

pub const FORM_FIELDS: &[&str] = &[
    "$schema", "seda", "id", "version", "kind", "locale", "title", "questions", "pages", "hidden", "thank_you", "theme",
    "acknowledgement", "offer_complaint", "sections", "scoring", "visit", "strings",
];
pub const PAGE_FIELDS: &[&str] = &["id", "title", "questions", "show_if", "jump"];
pub const JUMP_FIELDS: &[&str] = &["if", "to"];
pub const HIDDEN_FIELDS: &[&str] = &["id", "url_param"];
pub const THANK_YOU_FIELDS: &[&str] = &["title", "body", "if"];

/// Reads the document into a [`Form`]; `None` when anything could not be read (each
/// problem is in `d.errors`).
pub fn read(d: &mut Decoder, doc: &Value) -> Option<Form> {
    let m = d.members("", doc, FORM_FIELDS)?;
    let schema = d.opt(&m, "$schema", Decoder::string);
    let seda = d.req(&m, "seda", Decoder::count);
    let id = d.req(&m, "id", Decoder::string);
    let version = d.req(&m, "version", Decoder::count);
    let kind = d.req(&m, "kind", |d, p, v| d.named(p, v));
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
            let q = question::read(d, p, v)?;
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
    let strings = d.opt(&m, "strings", form_strings::read);
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
        strings: strings.ok()?.unwrap_or_default(),
    })
}

fn page(d: &mut Decoder, at: &str, v: &Value, questions: &mut Vec<Question>) -> Option<Page> {
    let m = d.members(at, v, PAGE_FIELDS)?;
    let id = d.req(&m, "id", Decoder::string);
    let title = d.opt(&m, "title", Decoder::text);
    let list = d.req(&m, "questions", |d, p, v| d.each(p, v, question::read));
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
