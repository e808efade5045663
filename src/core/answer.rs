//! One answer, as the response payload carries it.

use serde::{Deserialize, Serialize};

/// `nps` and `rating`: a number; `text`, `email` and single `choice`: a string (the
/// choice's id); multiple `choice`: a list of choice ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
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
}
