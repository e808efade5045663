//! One answer, as the response payload carries it.

use super::json::Value;
use super::pairs::Pairs;

/// Answers keyed by question id.
pub type Answers = Pairs<Answer>;

/// One answer. `nps`, `rating` and whole `number`s: a number; `number` with
/// decimals: a decimal number; `text`, `email`, `phone`, `date`, `consent`, single
/// `choice` and `dropdown`: a string (a choice's id; for consent the exact text
/// agreed to); `yes_no`: true or false; multiple `choice`: a list of choice ids;
/// `matrix`: an object of row id to column id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Number(i64),
    /// A decimal number as plain text (`12.5`), written to JSON as a number.
    Decimal(String),
    Text(String),
    Bool(bool),
    Choices(Vec<String>),
    Rows(Pairs<String>),
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
            _ => false,
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            Answer::Number(n) => Value::from(*n),
            Answer::Text(s) => Value::from(s.as_str()),
            Answer::Decimal(n) => Value::Number(n.clone()),
            Answer::Bool(b) => Value::Bool(*b),
            Answer::Choices(list) => Value::Array(list.iter().map(|c| Value::from(c.as_str())).collect()),
            Answer::Rows(rows) => Value::object(rows.iter().map(|(k, v)| (k, Value::from(v.as_str())))),
        }
    }

    /// Reads an answer as [`Answer::to_value`] writes it.
    pub fn from_value(v: &Value) -> Option<Answer> {
        match v {
            Value::Number(n) => Some(v.as_i64().map_or_else(|| Answer::Decimal(n.clone()), Answer::Number)),
            Value::String(s) => Some(Answer::Text(s.clone())),
            Value::Bool(b) => Some(Answer::Bool(*b)),
            Value::Array(items) => items.iter().map(|c| c.as_str().map(str::to_owned)).collect::<Option<_>>().map(Answer::Choices),
            Value::Object(members) => {
                members.iter().map(|(k, v)| Some((k.as_str(), v.as_str()?.to_owned()))).collect::<Option<_>>().map(Answer::Rows)
            }
            Value::Null => None,
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
