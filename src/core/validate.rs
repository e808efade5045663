//! What makes an answer acceptable for its question, and the clean-up applied
//! before an answer is stored.

use super::answer::Answer;
use super::check::MAX_ANSWER_CHARS;
use super::form::{Question, QuestionType};

/// Why an answer is not accepted. The widget words each one in the visitor's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerError {
    Required,
    OutOfRange { min: i64, max: i64 },
    TooLong { max: u32 },
    InvalidEmail,
    UnknownChoice,
    /// The answer's shape does not fit the question (a list for an NPS score, say).
    WrongType,
}

/// The most characters a text or email answer may have: the question's
/// `max_length`, else 500 for one line, 5000 for several and 254 for an email
/// (never more than [`MAX_ANSWER_CHARS`]).
pub fn max_chars(q: &Question) -> u32 {
    q.max_length.unwrap_or(match q.kind {
        QuestionType::Email => 254,
        QuestionType::Text if !q.multiline => 500,
        _ => 5_000,
    }).min(MAX_ANSWER_CHARS)
}

/// Tidies raw input before it is stored: text and email answers lose control
/// characters (C0, DEL and C1; a multi-line text keeps its line breaks and tabs),
/// an email loses surrounding blanks, and an all-blank text is no answer.
pub fn normalise(q: &Question, answer: Answer) -> Option<Answer> {
    match answer {
        Answer::Text(s) => {
            let s = match q.kind {
                QuestionType::Text | QuestionType::Email => {
                    let multiline = q.kind == QuestionType::Text && q.multiline;
                    let clean: String = s.chars().filter(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\t'))).collect();
                    if q.kind == QuestionType::Email { clean.trim().to_owned() } else { clean }
                }
                _ => s,
            };
            (!s.trim().is_empty()).then_some(Answer::Text(s))
        }
        Answer::Choices(list) if list.is_empty() => None,
        other => Some(other),
    }
}

/// Checks one question's answer (`None` when unanswered).
pub fn validate(q: &Question, answer: Option<&Answer>) -> Result<(), AnswerError> {
    let Some(answer) = answer else {
        return if q.required { Err(AnswerError::Required) } else { Ok(()) };
    };
    match (q.kind, answer) {
        (QuestionType::Nps | QuestionType::Rating, Answer::Number(n)) => {
            let scale = q.scale().ok_or(AnswerError::WrongType)?;
            if (scale.min..=scale.max).contains(n) {
                Ok(())
            } else {
                Err(AnswerError::OutOfRange { min: scale.min, max: scale.max })
            }
        }
        (QuestionType::Choice, Answer::Text(id)) if !q.multiple => known_choice(q, id),
        (QuestionType::Choice, Answer::Choices(ids)) if q.multiple => ids.iter().try_for_each(|id| known_choice(q, id)),
        (QuestionType::Text | QuestionType::Email, Answer::Text(s)) => {
            let max = max_chars(q);
            if s.chars().count() > max as usize {
                Err(AnswerError::TooLong { max })
            } else if q.kind == QuestionType::Email && !is_email(s) {
                Err(AnswerError::InvalidEmail)
            } else {
                Ok(())
            }
        }
        _ => Err(AnswerError::WrongType),
    }
}

fn known_choice(q: &Question, id: &str) -> Result<(), AnswerError> {
    if q.choices().iter().any(|c| c.id == id) {
        Ok(())
    } else {
        Err(AnswerError::UnknownChoice)
    }
}

/// A pragmatic address check: `local@domain.tld`, no blanks, at most 254 characters,
/// a local part of at most 64, and a domain of dot-separated labels that neither start
/// nor end with a hyphen. It accepts non-Latin letters (internationalised addresses).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
    s.chars().count() <= 254 && local_ok && domain_ok
}
