//! One answer, as the response payload carries it.

use super::json::Value;
use super::pairs::Pairs;

/// Answers keyed by question id.
pub type Answers = Pairs<Answer>;

/// `nps` and `rating`: a number; `text`, `email` and single `choice`: a string (the
/// choice's id); multiple `choice`: a list of choice ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Number(i64),
    Text(String),
    Choices(Vec<String>),
}

impl Answer {
    pub fn as_number(&self) -> Option<i64> {
        match self {
            Answer::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Whether `choice` is picked (single or multiple).
    pub fn picks(&self, choice: &str) -> bool {
        match self {
            Answer::Text(s) => s == choice,
            Answer::Choices(list) => list.iter().any(|c| c == choice),
            Answer::Number(_) => false,
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            Answer::Number(n) => Value::from(*n),
            Answer::Text(s) => Value::from(s.as_str()),
            Answer::Choices(list) => Value::Array(list.iter().map(|c| Value::from(c.as_str())).collect()),
        }
    }

    /// Reads an answer as [`Answer::to_value`] writes it.
    pub fn from_value(v: &Value) -> Option<Answer> {
        match v {
            Value::Number(_) => v.as_i64().map(Answer::Number),
            Value::String(s) => Some(Answer::Text(s.clone())),
            Value::Array(items) => items.iter().map(|c| c.as_str().map(str::to_owned)).collect::<Option<_>>().map(Answer::Choices),
            _ => None,
        }
    }
}

/// Answers keyed by question id, as a JSON object.
pub fn answers_to_value(answers: &Answers) -> Value {
    Value::object(answers.iter().map(|(k, a)| (k, a.to_value())))
}

/// Reads a JSON object of answers, skipping any that are not answers.
pub fn answers_from_value(v: &Value) -> Answers {
    v.as_object()
        .unwrap_or_default()
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), Answer::from_value(v)?)))
        .collect()
}
