//! `GET /admin/desk/responses/{id}`: one response with its form's questions, and its
//! answers as the desk writes them (a choice by its label, in the desk's language).

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::i18n::{text_in, Lang};

/// One stored response.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct ResponseDetail {
    pub id: String,
    #[serde(default)]
    pub form_id: String,
    #[serde(default)]
    pub form_version: Option<i64>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub received_at: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub verification: Verification,
    #[serde(default)]
    pub payload: Value,
    /// The form's questions, when the form is known.
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub case: Option<CaseLink>,
    #[serde(default)]
    pub linked: Linked,
}

/// How the response was checked against its form.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Verification {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub problems: Vec<Value>,
    #[serde(default)]
    pub figures: Option<String>,
}

/// A question of the response's form.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Question {
    pub id: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: Value,
    #[serde(default)]
    pub choices: Vec<Choice>,
}

/// A choice's id and label (a form's text).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Choice {
    pub id: String,
    #[serde(default)]
    pub label: Value,
}

/// A file that came with the response.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Attachment {
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub file_name: String,
    #[serde(default)]
    pub content_type: String,
    #[serde(default)]
    pub size: i64,
    pub url: String,
}

impl Attachment {
    /// Images are shown as thumbnails; other files are only linked.
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// The complaint case a response opened.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct CaseLink {
    pub reference: String,
    #[serde(default)]
    pub status: String,
}

/// Responses this one is tied to.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Linked {
    #[serde(default)]
    pub survey_response: Option<String>,
    #[serde(default)]
    pub complaints: Vec<LinkedComplaint>,
}

/// A complaint made after this survey response.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LinkedComplaint {
    pub response_id: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub status: String,
}

/// One answer as shown: the question's title and the answer in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: String,
    pub title: String,
    pub text: String,
}

impl ResponseDetail {
    /// The answers in the form's order (questions not answered left out), then any
    /// the form does not know, under their ids.
    pub fn answer_rows(&self, lang: Lang) -> Vec<AnswerRow> {
        let answers = self.object("answers");
        let mut rows: Vec<AnswerRow> = self
            .questions
            .iter()
            .filter_map(|q| {
                let answer = answers.get(&q.id)?;
                let title = Some(text_in(&q.title, lang)).filter(|t| !t.is_empty()).unwrap_or_else(|| q.id.clone());
                Some(AnswerRow { id: q.id.clone(), title, text: answer_text(answer, &q.choices, lang) })
            })
            .collect();
        for (id, answer) in &answers {
            if !self.questions.iter().any(|q| &q.id == id) {
                rows.push(AnswerRow { id: id.clone(), title: id.clone(), text: answer_text(answer, &[], lang) });
            }
        }
        rows
    }

    /// A member of the payload that is an object (`hidden`, `meta`), as name and text.
    pub fn pairs(&self, member: &str) -> Vec<(String, String)> {
        self.object(member).into_iter().map(|(k, v)| (k, plain(&v))).collect()
    }

    fn object(&self, member: &str) -> Map<String, Value> {
        self.payload.get(member).and_then(Value::as_object).cloned().unwrap_or_default()
    }
}

/// An answer in words: a choice by its label, a list joined, a file by its name.
pub fn answer_text(answer: &Value, choices: &[Choice], lang: Lang) -> String {
    let label = |id: &str| choices.iter().find(|c| c.id == id).map(|c| text_in(&c.label, lang)).filter(|l| !l.is_empty());
    match answer {
        Value::String(s) => label(s).unwrap_or_else(|| s.clone()),
        Value::Bool(b) => if *b { lang.pick("Yes", "بله") } else { lang.pick("No", "خیر") }.to_owned(),
        Value::Array(items) => items.iter().map(|i| answer_text(i, choices, lang)).collect::<Vec<_>>().join("; "),
        Value::Object(m) if m.contains_key("name") && (m.contains_key("mime") || m.contains_key("data")) => {
            m.get("name").map(plain).unwrap_or_default()
        }
        Value::Object(m) => m.iter().map(|(k, v)| format!("{}: {}", label(k).unwrap_or_else(|| k.clone()), answer_text(v, choices, lang))).collect::<Vec<_>>().join("; "),
        Value::Number(n) => crate::format::localise_digits(&n.to_string(), lang),
        other => plain(other),
    }
}

/// A problem of the verification: "path: message", or as sent.
pub fn problem_text(problem: &Value) -> String {
    match (problem.get("path").and_then(Value::as_str), problem.get("message").and_then(Value::as_str)) {
        (Some(path), Some(message)) if !path.is_empty() => format!("{path}: {message}"),
        (_, Some(message)) => message.to_owned(),
        _ => plain(problem),
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_come_in_the_forms_order_with_choice_labels() {
        let detail: ResponseDetail = serde_json::from_value(json!({
            "id": "r1", "form_id": "five-needs", "form_version": 1, "kind": "survey", "received_at": "2026-12-01T10:00:00Z",
            "format": "json", "verification": {"status": "verified", "problems": [], "figures": null},
            "payload": {"answers": {"extra": 3, "needs": ["speed", "price"], "recommend": 9, "ok": true},
                        "hidden": {"store": "north"}, "meta": {"locale": "fa"}},
            "questions": [
                {"id": "recommend", "type": "nps", "title": {"en": "Recommend?", "fa": "پیشنهاد؟"}, "choices": []},
                {"id": "needs", "type": "choice", "title": {"en": "Needs"},
                 "choices": [{"id": "speed", "label": {"en": "Speed", "fa": "سرعت"}}, {"id": "price", "label": {"en": "Price"}}]},
                {"id": "ok", "type": "yes_no", "title": {"en": "OK?"}},
                {"id": "unanswered", "type": "text", "title": {"en": "Else"}}
            ],
            "attachments": [{"part": "photo", "file_name": "a.jpg", "content_type": "image/jpeg", "size": 4, "url": "/admin/files/r1/photo"}],
            "case": null, "linked": {"survey_response": null, "complaints": []}
        }))
        .unwrap();
        let rows: Vec<(String, String)> = detail.answer_rows(Lang::Fa).into_iter().map(|r| (r.title, r.text)).collect();
        let want = [("پیشنهاد؟", "۹"), ("Needs", "سرعت; Price"), ("OK?", "بله"), ("extra", "۳")];
        assert_eq!(rows, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
        assert_eq!(detail.pairs("hidden"), [("store".to_owned(), "north".to_owned())]);
        assert!(detail.attachments[0].is_image());
    }

    #[test]
    fn problems_and_files_are_written_plainly() {
        assert_eq!(problem_text(&json!({"path": "answers.age", "message": "too big"})), "answers.age: too big");
        assert_eq!(problem_text(&json!("odd")), "odd");
        assert_eq!(answer_text(&json!([{"name": "a.jpg", "mime": "image/jpeg", "size": 4}]), &[], Lang::En), "a.jpg");
    }
}
