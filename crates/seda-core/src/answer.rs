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
    /// `attachments`: the files, in the order added.
    Files(Vec<File>),
}

/// One attached file: a picture already downscaled to JPEG, or a document as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    /// The MIME type (`image/jpeg`).
    pub mime: String,
    /// Bytes, before base64.
    pub size: u64,
    /// The bytes, base64.
    pub data: String,
}

impl File {
    /// `{name, type, size, data}`: how the JSON payload carries it.
    pub fn to_value(&self) -> Value {
        Value::object([
            ("name", Value::from(self.name.as_str())),
            ("type", Value::from(self.mime.as_str())),
            ("size", Value::from(self.size as i64)),
            ("data", Value::from(self.data.as_str())),
        ])
    }

    pub fn from_value(v: &Value) -> Option<File> {
        let s = |k: &str| v.get(k)?.as_str().map(str::to_owned);
        Some(File { name: s("name")?, mime: s("type")?, size: u64::try_from(v.get("size")?.as_i64()?).ok()?, data: s("data")? })
    }
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
            Answer::Files(files) => Value::Array(files.iter().map(File::to_value).collect()),
        }
    }

    /// Reads an answer as [`Answer::to_value`] writes it.
    pub fn from_value(v: &Value) -> Option<Answer> {
        match v {
            Value::Number(n) => Some(v.as_i64().map_or_else(|| Answer::Decimal(n.clone()), Answer::Number)),
            Value::String(s) => Some(Answer::Text(s.clone())),
            Value::Bool(b) => Some(Answer::Bool(*b)),
            Value::Array(items) if items.first().is_some_and(|i| i.as_object().is_some()) => {
                items.iter().map(File::from_value).collect::<Option<_>>().map(Answer::Files)
            }
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
