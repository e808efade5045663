//! A form as the desk reads it: its title and its questions' ids, types, titles,
//! choices and scales, as plain data with texts in JSON (`{"en": "...", "fa": "..."}`).

use seda_core::text::Text;
use serde_json::{json, Map, Value};

use super::{from_core, KnownForm};

/// One question, as reports and the response view show it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionOutline {
    pub id: String,
    /// The question's `type`: `nps`, `rating`, `text`, `choice`, ...
    pub kind: &'static str,
    /// The title as a text object.
    pub title: Value,
    /// A `choice` or `dropdown` question's options: (id, label as a text object).
    pub choices: Vec<(String, Value)>,
    /// The scale of an `nps` (0-10) or `rating` question.
    pub scale: Option<(i64, i64)>,
}

impl QuestionOutline {
    /// `{"id", "type", "title", "choices": [{"id", "label"}]}`.
    pub fn to_json(&self) -> Value {
        let choices: Vec<Value> = self.choices.iter().map(|(id, label)| json!({"id": id, "label": label})).collect();
        let mut v = json!({"id": self.id, "type": self.kind, "title": self.title, "choices": choices});
        if let Some((min, max)) = self.scale {
            v["scale"] = json!({"min": min, "max": max});
        }
        v
    }
}

impl KnownForm {
    /// The form's title as a text object, when it has one.
    pub fn title(&self) -> Option<Value> {
        self.form.title.as_ref().map(|t| self.text(t))
    }

    /// Every question that takes an answer, in the form's order (none for a checklist).
    pub fn questions(&self) -> Vec<QuestionOutline> {
        self.form
            .questions
            .iter()
            .filter(|q| q.takes_answer())
            .map(|q| QuestionOutline {
                id: q.id.clone(),
                kind: q.question_type().name(),
                title: self.text(&q.title),
                choices: q.choices().iter().map(|c| (c.id.clone(), self.text(&c.label))).collect(),
                scale: q.scale().map(|s| (s.min, s.max)),
            })
            .collect()
    }

    /// A text as an object by locale: a plain string is the form's own locale's.
    fn text(&self, text: &Text) -> Value {
        match text {
            Text::Plain(s) => {
                let mut m = Map::new();
                m.insert(self.form.locale.clone(), Value::from(s.as_str()));
                Value::Object(m)
            }
            localised => from_core(&localised.to_value()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_a_template() {
        let form = KnownForm::template("nps").unwrap();
        assert_eq!(form.title().unwrap()["fa"], "یک پرسش کوتاه");
        let q = form.questions();
        assert_eq!(q.iter().map(|q| (q.id.as_str(), q.kind, q.scale)).collect::<Vec<_>>(), [("recommend", "nps", Some((0, 10))), ("reason", "text", None)]);
        assert!(q[0].title["en"].as_str().unwrap().starts_with("How likely"));
        let complaint = KnownForm::template("complaint").unwrap().questions();
        let category = complaint.iter().find(|q| q.id == "category").unwrap();
        assert_eq!(category.choices[0].0, "service");
        assert_eq!(category.choices[0].1["en"], "Service or staff");
        // A statement takes no answer and is not listed.
        assert!(complaint.iter().all(|q| q.id != "anonymous_note"));
    }

    #[test]
    fn a_plain_title_is_the_form_locale_s() {
        let text = r#"{"seda": 1, "id": "plain", "version": 1, "kind": "survey", "locale": "fa", "title": "نظرسنجی",
            "questions": [{"id": "q", "type": "rating", "scale": {"min": 1, "max": 5}, "title": "امتیاز"}]}"#;
        let form = KnownForm::read(text).unwrap();
        assert_eq!(form.title().unwrap(), json!({"fa": "نظرسنجی"}));
        assert_eq!(form.questions()[0].to_json(), json!({"id": "q", "type": "rating", "title": {"fa": "امتیاز"}, "choices": [], "scale": {"min": 1, "max": 5}}));
    }
}
