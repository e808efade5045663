//! The receiver's one door into the engine (`seda-core`): reading form definitions,
//! the built-in templates, and verifying a response against its form, with a
//! checklist's figures scored again. Everything else in the receiver works with
//! serde_json values and the plain types here, so the engine can change inside.

use std::sync::OnceLock;

use seda_core::answer::{Answer, Answers};
use seda_core::checklist::{Checklist, ItemKind};
use seda_core::complaint::reference_code;
use seda_core::definition;
use seda_core::form::{Form, FormKind};
use seda_core::question::QuestionKind;
use seda_core::json::{self, Value as CoreValue};
use seda_core::num::Num;
use seda_core::pairs::Pairs;
use seda_core::nps::NpsCategory;
use seda_core::response::{MAX_CHECKLIST_BYTES, MAX_RESPONSE_BYTES};
use seda_core::score::{self, Problem};
use seda_core::session::Session;
use seda_core::validate::{validate, AnswerError};
use seda_core::visit::{Entry, Mark, Visit};
use serde_json::Value;

use crate::error::PathProblem;

mod outline;

pub use outline::QuestionOutline;

/// A response's JSON may be this large besides its files' data (a checklist's more).
pub const MAX_PAYLOAD_BYTES: usize = MAX_RESPONSE_BYTES;
pub const MAX_CHECKLIST_PAYLOAD_BYTES: usize = MAX_CHECKLIST_BYTES;

/// A form definition the engine has read and checked.
#[derive(Clone, Debug)]
pub struct KnownForm {
    form: Form,
}

/// What an answer to a question looks like in JSON (for rebuilding flat form posts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Integer,
    Decimal,
    Bool,
    Text,
    Choices,
    Rows,
    Files,
}

impl KnownForm {
    /// Reads and checks a definition; each problem names its JSON path.
    pub fn read(text: &str) -> Result<KnownForm, Vec<PathProblem>> {
        definition::parse(text)
            .map(|form| KnownForm { form })
            .map_err(|e| e.0.into_iter().map(|e| PathProblem { path: e.path, message: e.message }).collect())
    }

    /// The built-in template whose form id is `form_id` (`nps`, `complaint`, ...).
    pub fn template(form_id: &str) -> Option<&'static KnownForm> {
        templates().iter().find(|(f, _)| f.id() == form_id).map(|(f, _)| f)
    }

    pub fn id(&self) -> &str {
        &self.form.id
    }

    pub fn version(&self) -> i64 {
        i64::from(self.form.version)
    }

    pub fn kind(&self) -> &'static str {
        self.form.kind.name()
    }

    /// The answer keys, in the form's order: each question that takes an answer (and
    /// its `.other` text), or each checklist item.
    pub fn answer_keys(&self) -> Vec<String> {
        match self.checklist() {
            Some(c) => c.items().map(|i| i.id.clone()).collect(),
            None => self
                .form
                .questions
                .iter()
                .filter(|q| q.takes_answer())
                .flat_map(|q| {
                    let other = q.other().is_some().then(|| format!("{}.other", q.id));
                    std::iter::once(q.id.clone()).chain(other)
                })
                .collect(),
        }
    }

    pub fn hidden_fields(&self) -> Vec<String> {
        self.form.hidden.iter().map(|h| h.id.clone()).collect()
    }

    /// A checklist's section ids (empty for other forms).
    pub fn section_ids(&self) -> Vec<String> {
        self.checklist().map(|c| c.sections.iter().map(|s| s.id.clone()).collect()).unwrap_or_default()
    }

    /// How the answer to `key` is written in JSON; `None` for a key the form does not have.
    pub fn shape(&self, key: &str) -> Option<Shape> {
        if let Some(c) = self.checklist() {
            let item = c.item(key)?;
            return Some(match item.kind {
                ItemKind::YesNo => Shape::Bool,
                ItemKind::Options(_) => Shape::Text,
                ItemKind::Multi(_) => Shape::Choices,
                ItemKind::Rating(_) => Shape::Integer,
                ItemKind::Measure(_) => Shape::Decimal,
            });
        }
        if let Some(base) = key.strip_suffix(".other") {
            return self.form.question(base).filter(|q| q.other().is_some()).map(|_| Shape::Text);
        }
        let q = self.form.question(key)?;
        Some(match &q.kind {
            QuestionKind::Nps(_) | QuestionKind::Rating(_) => Shape::Integer,
            QuestionKind::Number(number) if number.decimals == 0 => Shape::Integer,
            QuestionKind::Number(_) => Shape::Decimal,
            QuestionKind::YesNo => Shape::Bool,
            QuestionKind::Choice(choice) if choice.multiple => Shape::Choices,
            QuestionKind::Matrix(_) => Shape::Rows,
            QuestionKind::Attachments(_) => Shape::Files,
            _ => Shape::Text,
        })
    }

    fn checklist(&self) -> Option<&Checklist> {
        self.form.checklist.as_deref()
    }

    /// The ids of the questions that take an email address or a phone number (what
    /// erasure by contact looks in).
    pub fn contact_keys(&self) -> Vec<String> {
        self.form.questions.iter().filter(|q| matches!(q.kind, QuestionKind::Email(_) | QuestionKind::Phone(_))).map(|q| q.id.clone()).collect()
    }
}

/// The reference code a complaint with this id was given (`K7Q4-MZ8P`).
pub fn complaint_reference(id: &str) -> String {
    reference_code(id)
}

/// The NPS group of a 0-10 score: `detractor` (0-6), `passive` (7-8) or `promoter` (9-10).
pub fn nps_category(score: i64) -> &'static str {
    NpsCategory::of(score).name()
}

/// Every built-in template, read, with its JSON.
fn templates() -> &'static [(KnownForm, &'static str)] {
    static TEMPLATES: OnceLock<Vec<(KnownForm, &'static str)>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        seda_core::templates::NAMES
            .iter()
            .filter_map(|name| {
                let text = seda_core::templates::get(name)?;
                Some((KnownForm::read(text).ok()?, text))
            })
            .collect()
    })
}

/// The JSON of the built-in template whose form id is `form_id`.
pub fn template_json(form_id: &str) -> Option<&'static str> {
    templates().iter().find(|(f, _)| f.id() == form_id).map(|(_, t)| *t)
}

/// The outcome of checking a response against its form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verification {
    /// Everything that does not fit the form, each at its JSON path in the payload.
    pub problems: Vec<PathProblem>,
    /// A checklist's figures as scored again here.
    pub figures: Option<Figures>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Whether every figure sent equals the one scored here.
    pub matches: bool,
    /// The figures scored here: outcome, pass, band, score, earned, possible, method, sections.
    pub recomputed: Value,
}

/// Checks `payload` (already known to be an object with an `answers` object)
/// against `form`: unknown answer keys, answers of the wrong type or out of range,
/// required answers missing (as the form's logic shows the questions), hidden fields
/// the form does not declare, and the derived members (`kind`, `nps_category`,
/// `reference`); a checklist's figures are scored again and compared.
pub fn verify(form: &KnownForm, payload: &Value) -> Verification {
    let mut v = Verification::default();
    let problem = |v: &mut Verification, path: String, message: String| v.problems.push(PathProblem { path, message });
    let kind = payload.get("kind").and_then(Value::as_str);
    if kind.is_some_and(|k| k != form.kind()) {
        problem(&mut v, "kind".into(), format!("the form is a {}, not a {}", form.kind(), kind.unwrap_or_default()));
    }
    let answers = to_core(payload.get("answers").unwrap_or(&Value::Null));
    let members = answers.as_object().unwrap_or_default();
    match form.checklist() {
        Some(c) => verify_checklist(c, members, payload.get("checklist"), &mut v),
        None => verify_survey(&form.form, members, payload, &mut v),
    }
    if let Some(hidden) = payload.get("hidden").and_then(Value::as_object) {
        for key in hidden.keys().filter(|k| form.form.hidden_field(k).is_none()) {
            problem(&mut v, format!("hidden.{key}"), "not a hidden field of the form".into());
        }
    }
    let id = payload.get("id").and_then(Value::as_str).unwrap_or_default();
    let reference = payload.get("reference").and_then(Value::as_str);
    match (form.form.kind, reference) {
        (FormKind::Complaint, Some(r)) if r != reference_code(id) => {
            problem(&mut v, "reference".into(), format!("is not the id's reference code ({})", reference_code(id)))
        }
        (FormKind::Complaint, None) => problem(&mut v, "reference".into(), "a complaint's reference code is missing".into()),
        _ => {}
    }
    v
}

fn verify_survey(form: &Form, members: &[(String, CoreValue)], payload: &Value, v: &mut Verification) {
    let mut answers = Answers::new();
    let mut flagged: Vec<String> = Vec::new();
    for (key, value) in members {
        let path = format!("answers.{key}");
        let mut flag = |message: String| {
            v.problems.push(PathProblem { path: path.clone(), message });
            flagged.push(key.clone());
        };
        if let Some(q) = form.question(key) {
            match answer_of(value).filter(|_| q.takes_answer()) {
                None => flag(format!("not an answer a {} question takes", q.question_type().name())),
                Some(a) => match validate(q, Some(&a)) {
                    Err(e) => flag(describe(e)),
                    Ok(()) => {
                        answers.insert(key.as_str(), a);
                    }
                },
            }
        } else if key.strip_suffix(".other").and_then(|base| form.question(base)).is_some_and(|q| q.other().is_some()) {
            match value.as_str() {
                Some(text) => {
                    answers.insert(key.as_str(), Answer::Text(text.to_owned()));
                }
                None => flag("an \"Other\" text must be a string".into()),
            }
        } else {
            flag(format!("the form has no question \"{key}\""));
        }
    }
    // Walk the pages as the visitor would have, with these answers: what the logic
    // shows decides which required questions must be answered and which answers count.
    let hidden: Pairs<String> = payload
        .get("hidden")
        .and_then(Value::as_object)
        .map(|h| h.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?.to_owned()))).collect())
        .unwrap_or_default();
    let mut relaxed = form.clone();
    for q in &mut relaxed.questions {
        (q.required, q.required_if) = (false, None);
        match &mut q.kind {
            QuestionKind::Choice(choice) => choice.other = None,
            QuestionKind::Dropdown(dropdown) => dropdown.other = None,
            _ => {}
        }
    }
    let mut session = Session::resume(form, Vec::new(), answers.clone(), hidden);
    for _ in 0..=form.pages.len() {
        for (id, e) in session.page_errors(form) {
            if !flagged.contains(&id) {
                v.problems.push(PathProblem { path: format!("answers.{id}"), message: describe(e) });
            }
        }
        if !matches!(session.advance(&relaxed), Ok(false)) {
            break;
        }
    }
    let counted = session.final_answers(form);
    for (id, _) in answers.iter().filter(|(id, _)| !counted.contains_key(id)) {
        v.problems.push(PathProblem { path: format!("answers.{id}"), message: "the form's logic does not show this question for these answers".into() });
    }
    let expected = form
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Nps(_)))
        .find_map(|q| counted.get(&q.id)?.as_number())
        .map(|n| NpsCategory::of(n).name());
    let sent = payload.get("nps_category").and_then(Value::as_str);
    if sent != expected {
        let message = match expected {
            Some(e) => format!("should be \"{e}\" for these answers"),
            None => "should be absent: there is no NPS answer".into(),
        };
        v.problems.push(PathProblem { path: "nps_category".into(), message });
    }
}

fn verify_checklist(c: &Checklist, members: &[(String, CoreValue)], sent: Option<&Value>, v: &mut Verification) {
    let sent_items = sent.and_then(|s| s.get("items"));
    let mut visit = Visit::default();
    for (key, value) in members {
        let path = format!("answers.{key}");
        let Some(item) = c.item(key) else {
            v.problems.push(PathProblem { path, message: format!("the checklist has no item \"{key}\"") });
            continue;
        };
        match Mark::from_value(item, value) {
            None => v.problems.push(PathProblem { path, message: "not an answer this item takes".into() }),
            Some(mark) => {
                let evidence = sent_items.and_then(|items| items.get(key));
                let text = |k: &str| evidence.and_then(|e| e.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
                let photo = Some(text("photo")).filter(|p| !p.is_empty());
                visit.entries.insert(key.as_str(), Entry { mark: Some(mark), comment: text("comment"), photo, at: text("at") });
            }
        }
    }
    let card = score::score(c, &visit);
    let items: Vec<_> = c.items().collect();
    for (_, i, p) in score::problems(c, &visit, &card) {
        let message = match p {
            Problem::Unanswered => "a required item has no answer".to_owned(),
            Problem::PhotoMissing => "the item needs a photo".to_owned(),
            Problem::CommentMissing { min } => format!("the item needs a comment of at least {min} characters"),
        };
        v.problems.push(PathProblem { path: format!("answers.{}", items[i].id), message });
    }
    let recomputed = from_core(&score::payload(c, &visit, &card));
    let mut matches = true;
    let mut mismatch = |v: &mut Verification, path: String, sent: Option<&Value>, ours: &Value| {
        if !same_figure(sent, ours) {
            matches = false;
            let sent = sent.map_or_else(|| "nothing".to_owned(), Value::to_string);
            v.problems.push(PathProblem { path, message: format!("sent {sent}, scored {ours} here") });
        }
    };
    for key in ["outcome", "pass", "band", "score", "earned", "possible", "method"] {
        mismatch(v, format!("checklist.{key}"), sent.and_then(|s| s.get(key)), &recomputed[key]);
    }
    let sent_sections = sent.and_then(|s| s.get("sections")).and_then(Value::as_array);
    for (i, ours) in recomputed["sections"].as_array().into_iter().flatten().enumerate() {
        let theirs = sent_sections.and_then(|s| s.iter().find(|x| x.get("id") == ours.get("id")));
        for key in ["earned", "possible", "score", "failed", "critical_failed"] {
            mismatch(v, format!("checklist.sections[{i}].{key}"), theirs.and_then(|t| t.get(key)), &ours[key]);
        }
    }
    if let Some(ours) = recomputed["items"].as_object() {
        for (id, item) in ours {
            for key in ["credit", "earned", "possible", "failed"] {
                let theirs = sent_items.and_then(|s| s.get(id)).and_then(|t| t.get(key));
                mismatch(v, format!("checklist.items.{id}.{key}"), theirs, &item[key]);
            }
        }
    }
    let mut figures = recomputed;
    if let Some(m) = figures.as_object_mut() {
        m.retain(|k, _| !matches!(k.as_str(), "items" | "visit"));
    }
    v.figures = Some(Figures { matches, recomputed: figures });
}

/// Figures compare as exact decimals (`80.5` is `80.50`); a missing one equals null.
fn same_figure(sent: Option<&Value>, ours: &Value) -> bool {
    match (sent.unwrap_or(&Value::Null), ours) {
        (Value::Number(a), Value::Number(b)) => {
            matches!((Num::parse(&a.to_string()), Num::parse(&b.to_string())), (Some(x), Some(y)) if x == y)
        }
        (a, b) => a == b,
    }
}

fn answer_of(value: &CoreValue) -> Option<Answer> {
    // A multipart payload names each file's part instead of carrying its data.
    if let CoreValue::Array(items) = value {
        let files: Option<Vec<CoreValue>> = items
            .iter()
            .map(|f| match f {
                CoreValue::Object(m) if f.get("data").is_none() && f.get("part").is_some() => {
                    let mut m = m.clone();
                    m.push(("data".into(), CoreValue::from("")));
                    Some(CoreValue::Object(m))
                }
                _ => None,
            })
            .collect();
        if let Some(files) = files.filter(|f| !f.is_empty()) {
            return Answer::from_value(&CoreValue::Array(files));
        }
    }
    Answer::from_value(value)
}

fn describe(e: AnswerError) -> String {
    use AnswerError::*;
    match e {
        Required => "a required question has no answer".into(),
        OutOfRange { min, max } => format!("out of range: {min} to {max}"),
        TooLong { max } => format!("longer than {max} characters"),
        TooShort { min } => format!("shorter than {min} characters"),
        InvalidEmail => "not an email address".into(),
        InvalidPhone => "not a phone number".into(),
        InvalidNumber { decimals } => format!("not a number with at most {decimals} decimals"),
        NumberOutOfRange { .. } => "the number is out of the question's range".into(),
        InvalidDate => "not a date (or date and time) as the question takes".into(),
        DateOutOfRange { .. } => "the date is out of the question's range".into(),
        UnknownChoice => "not one of the question's choices".into(),
        OtherMissing => "\"Other\" is picked but its text is missing".into(),
        RowsMissing => "some rows of the matrix are unanswered".into(),
        WrongType => "not an answer this question takes".into(),
        TooManyFiles { max } => format!("more than {max} files"),
        FilesTooLarge { max } => format!("the files are over {max} bytes together"),
        FileType => "a file of a type the question does not take".into(),
    }
}

/// serde_json's value as the engine's (by its text: both read standard JSON).
fn to_core(value: &Value) -> CoreValue {
    json::parse(&value.to_string()).unwrap_or(CoreValue::Null)
}

fn from_core(value: &CoreValue) -> Value {
    serde_json::from_str(&value.to_json()).unwrap_or(Value::Null)
}
