//! The response payload: what the endpoint receives for one finished form.

use super::answer::{answers_to_value, Answer, Answers};
use super::complaint::reference_code;
use super::form::{Form, FormKind};
use super::json::Value;
use super::limits::MAX_ATTACHMENT_BYTES;
use super::nps::NpsCategory;
use super::pairs::Pairs;
use super::question::{other_key, QuestionType};

/// The most bytes a response's JSON may have. A larger one is neither stored nor
/// sent: the visitor is asked to shorten the answers. (Every answer is capped too,
/// but a form may have many long ones.)
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;
/// A checklist's response may carry photos (each made small first), so it may be larger.
pub const MAX_CHECKLIST_BYTES: usize = 2 * 1024 * 1024;
/// `meta.page_url` is cut to this many characters, so a long page address cannot
/// make a response too large to send.
pub const MAX_PAGE_URL_CHARS: usize = 2_000;

/// One person's answers to one form, with its metadata. Its shape is public API:
/// it is documented in the README and endpoints depend on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// A UUID v4 made when the visitor started; also the `Idempotency-Key` header.
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    pub kind: FormKind,
    /// A complaint's reference code ([`reference_code`] of `id`), which the visitor is shown.
    pub reference: Option<String>,
    /// Keyed by question id, in the form's order; unanswered optional questions are absent.
    pub answers: Answers,
    /// The hidden fields' values the page supplied; absent when there are none.
    pub hidden: Pairs<String>,
    /// The category of the form's first NPS answer, when there is one.
    pub nps_category: Option<NpsCategory>,
    /// A checklist's scores, outcome, items and visit record (see `core::score::payload`).
    pub checklist: Option<Value>,
    pub meta: Meta,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// RFC 3339, UTC: when the form was first shown.
    pub started_at: String,
    /// RFC 3339, UTC: when the visitor pressed submit.
    pub submitted_at: String,
    /// The locale the form was shown in.
    pub locale: String,
    /// The page the form was answered on (at most [`MAX_PAGE_URL_CHARS`]).
    pub page_url: String,
}

impl Response {
    pub fn new(id: String, form: &Form, answers: Answers, mut meta: Meta) -> Self {
        if let Some((cut, _)) = meta.page_url.char_indices().nth(MAX_PAGE_URL_CHARS) {
            meta.page_url.truncate(cut);
        }
        // In the form's order (an "Other" text after its choice); anything else after them.
        let mut ordered = Answers::new();
        for q in &form.questions {
            for key in [q.id.clone(), other_key(&q.id)] {
                if let Some(a) = answers.get(&key) {
                    ordered.insert(key, a.clone());
                }
            }
        }
        for (id, a) in answers.iter() {
            if !ordered.contains_key(id) {
                ordered.insert(id, a.clone());
            }
        }
        let answers = ordered;
        let nps_category = form
            .questions
            .iter()
            .filter(|q| q.question_type() == QuestionType::Nps)
            .find_map(|q| answers.get(&q.id)?.as_number())
            .map(NpsCategory::of);
        Response {
            id: id.clone(),
            form_id: form.id.clone(),
            form_version: form.version,
            kind: form.kind,
            reference: (form.kind == FormKind::Complaint).then(|| reference_code(&id)),
            answers,
            hidden: Pairs::new(),
            nps_category,
            checklist: None,
            meta,
        }
    }

    /// The response with the hidden fields' values the form declares (others are dropped).
    pub fn with_hidden(mut self, form: &Form, hidden: &Pairs<String>) -> Self {
        self.hidden = form.hidden.iter().filter_map(|h| Some((h.id.as_str(), hidden.get(&h.id)?.clone()))).collect();
        self
    }

    /// Whether the response is small enough to store and send: at most
    /// [`MAX_RESPONSE_BYTES`] of JSON besides the attached files' data, and at most
    /// [`MAX_ATTACHMENT_BYTES`] of files.
    pub fn fits(&self) -> bool {
        let files = self.answers.iter().filter_map(|(_, a)| match a {
            Answer::Files(files) => Some(files),
            _ => None,
        });
        let (data, bytes) = files.flatten().fold((0, 0), |(d, b), f| (d + f.data.len(), b + f.size));
        let most = if self.checklist.is_some() { MAX_CHECKLIST_BYTES } else { MAX_RESPONSE_BYTES };
        self.to_json().len() - data <= most && bytes <= u64::from(MAX_ATTACHMENT_BYTES)
    }

    pub fn to_json(&self) -> String {
        let m = &self.meta;
        let mut members = vec![
            ("id", Value::from(self.id.as_str())),
            ("form_id", Value::from(self.form_id.as_str())),
            ("form_version", Value::from(self.form_version)),
            ("kind", Value::from(self.kind.name())),
        ];
        if let Some(r) = &self.reference {
            members.push(("reference", Value::from(r.as_str())));
        }
        members.push(("answers", answers_to_value(&self.answers)));
        if !self.hidden.is_empty() {
            members.push(("hidden", Value::object(self.hidden.iter().map(|(k, v)| (k, Value::from(v.as_str()))))));
        }
        if let Some(c) = self.nps_category {
            members.push(("nps_category", Value::from(c.name())));
        }
        if let Some(c) = &self.checklist {
            members.push(("checklist", c.clone()));
        }
        members.push((
            "meta",
            Value::object([
                ("started_at", Value::from(m.started_at.as_str())),
                ("submitted_at", Value::from(m.submitted_at.as_str())),
                ("locale", Value::from(m.locale.as_str())),
                ("page_url", Value::from(m.page_url.as_str())),
            ]),
        ));
        Value::object(members).to_json()
    }
}
