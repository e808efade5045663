//! The response payload: what the endpoint receives for one finished form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::form::{Form, FormKind, QuestionType};

/// One person's answers to one form, with its metadata. Its shape is public API:
/// it is documented in the README and endpoints depend on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// A UUID v4 made when the visitor started; also the `Idempotency-Key` header.
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    pub kind: FormKind,
    /// Keyed by question id; unanswered optional questions are absent.
    pub answers: BTreeMap<String, Answer>,
    /// The category of the form's first NPS answer, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps_category: Option<NpsCategory>,
    pub meta: Meta,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// RFC 3339, UTC: when the form was first shown.
    pub started_at: String,
    /// RFC 3339, UTC: when the visitor pressed submit.
    pub submitted_at: String,
    /// The locale the form was shown in.
    pub locale: String,
    /// The page the form was answered on.
    pub page_url: String,
}

/// The standard NPS grouping: detractors 0-6, passives 7-8, promoters 9-10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsCategory {
    Detractor,
    Passive,
    Promoter,
}

impl NpsCategory {
    pub fn of(score: i64) -> Self {
        match score {
            9.. => NpsCategory::Promoter,
            7..=8 => NpsCategory::Passive,
            _ => NpsCategory::Detractor,
        }
    }
}

impl Response {
    pub fn new(id: String, form: &Form, answers: BTreeMap<String, Answer>, meta: Meta) -> Self {
        let nps_category = form
            .questions
            .iter()
            .filter(|q| q.kind == QuestionType::Nps)
            .find_map(|q| answers.get(&q.id)?.as_number())
            .map(NpsCategory::of);
        Response {
            id,
            form_id: form.id.clone(),
            form_version: form.version,
            kind: form.kind,
            answers,
            nps_category,
            meta,
        }
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and maps with string keys always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }
}
