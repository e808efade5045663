//! What makes an answer acceptable for its question, and the clean-up applied
//! before an answer is stored.

use super::answer::Answer;
use super::attachments::{accepts, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES};
use super::limits::{MAX_ANSWER_CHARS, MAX_ATTACHMENT_BYTES, MAX_FILES};
use super::question::{AttachmentsSpec, DateSpec, Question, QuestionKind, OTHER};
use super::digits::ascii_digits;
use super::num::Num;
use super::time::parse_date;

/// Why an answer is not accepted. The widget words each one in the visitor's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerError {
    Required,
    OutOfRange { min: i64, max: i64 },
    TooLong { max: u32 },
    TooShort { min: u32 },
    InvalidEmail,
    InvalidPhone,
    /// Not a number, or more decimal places than the question takes (`decimals`).
    InvalidNumber { decimals: u32 },
    NumberOutOfRange { min: Option<Num>, max: Option<Num> },
    InvalidDate,
    /// Days since 1970-01-01.
    DateOutOfRange { earliest: Option<i64>, latest: Option<i64> },
    UnknownChoice,
    /// "Other" is picked but its box is empty.
    OtherMissing,
    /// A matrix with some rows unanswered.
    RowsMissing,
    /// The answer's shape does not fit the question (a list for an NPS score, say).
    WrongType,
    /// More files than `max_files`.
    TooManyFiles { max: u32 },
    /// The files together are over `max_bytes`.
    FilesTooLarge { max: u32 },
    /// A file of a type the question does not take.
    FileType,
}

/// A local date and time as `datetime-local` inputs give it, `YYYY-MM-DDTHH:MM`
/// (seconds allowed): its day (days since 1970-01-01), or `None`.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let (date, time) = s.split_once('T')?;
    let t = time.as_bytes();
    let two = |i: usize| time.get(i..i + 2).filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let ok = matches!(t.len(), 5 | 8) && t[2] == b':' && two(0)? < 24 && two(3)? < 60 && (t.len() == 5 || (t[5] == b':' && two(6)? < 60));
    ok.then(|| parse_date(date)).flatten()
}

/// A date question's earliest and latest days (days since 1970-01-01), with "today"
/// read as `today` (no bound when that is `None`).
pub fn date_bounds(spec: &DateSpec, today: Option<i64>) -> (Option<i64>, Option<i64>) {
    let bound = |b: &Option<String>| match b.as_deref() {
        Some("today") => today,
        Some(d) => parse_date(d),
        None => None,
    };
    (bound(&spec.earliest), bound(&spec.latest))
}

/// The most characters a text, email or phone answer may have.
pub fn max_chars(q: &Question) -> u32 {
    q.max_length().unwrap_or(match &q.kind {
        QuestionKind::Email(_) => 254,
        QuestionKind::Phone(_) => 32,
        QuestionKind::Text(s) if !s.multiline => 500,
        _ => 5_000,
    }).min(MAX_ANSWER_CHARS)
}

/// Tidies raw input before it is stored: an all-blank text is no answer, an email,
/// phone, number or date loses surrounding blanks, a one-line text loses control
/// characters, and a typed number becomes a number when it reads as one.
pub fn normalise(q: &Question, answer: Answer) -> Option<Answer> {
    use QuestionKind::*;
    match answer {
        Answer::Text(s) => {
            let one_line = |s: &str| s.chars().filter(|c| !c.is_control()).collect::<String>();
            let s = match &q.kind {
                Email(_) | Date(_) | Datetime => one_line(s.trim()),
                Phone(_) => ascii_digits(&one_line(s.trim())),
                Text(t) if t.multiline => s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect(),
                Text(_) => one_line(&s),
                Number(spec) => {
                    let s = one_line(s.trim());
                    return match Num::parse(&s) {
                        _ if s.is_empty() => None,
                        Some(n) if n.decimals() == 0 && spec.decimals == 0 => {
                            Some(i64::try_from(n.units()).map_or(Answer::Text(s), Answer::Number))
                        }
                        Some(n) => Some(Answer::Decimal(n.to_text())),
                        None => Some(Answer::Text(s)),
                    };
                }
                _ => s,
            };
            (!s.trim().is_empty()).then_some(Answer::Text(s))
        }
        Answer::Choices(list) if list.is_empty() => None,
        Answer::Files(list) if list.is_empty() => None,
        Answer::Rows(mut rows) => {
            rows.retain(|_, col| !col.is_empty());
            (!rows.is_empty()).then_some(Answer::Rows(rows))
        }
        Answer::Bool(false) if matches!(q.kind, Consent) => None,
        other => Some(other),
    }
}

/// Checks one question's answer (`None` when unanswered). `today` (days since
/// 1970-01-01) is what a date bound of "today" means; without it such a bound is
/// not enforced.
pub fn validate(q: &Question, answer: Option<&Answer>) -> Result<(), AnswerError> {
    validate_on(q, answer, None)
}

pub fn validate_on(q: &Question, answer: Option<&Answer>, today: Option<i64>) -> Result<(), AnswerError> {
    use QuestionKind::*;
    let Some(answer) = answer else {
        return if q.required { Err(AnswerError::Required) } else { Ok(()) };
    };
    match (&q.kind, answer) {
        (Nps(_) | Rating(_), Answer::Number(n)) => {
            let scale = q.scale().ok_or(AnswerError::WrongType)?;
            if (scale.min..=scale.max).contains(n) {
                Ok(())
            } else {
                Err(AnswerError::OutOfRange { min: scale.min, max: scale.max })
            }
        }
        (Choice(_) | Dropdown(_), Answer::Text(id)) if !q.multiple() => known_choice(q, id),
        (Choice(c), Answer::Choices(ids)) if c.multiple => ids.iter().try_for_each(|id| known_choice(q, id)),
        (YesNo, Answer::Bool(_)) => Ok(()),
        (kind @ (Text(_) | Email(_) | Phone(_)), Answer::Text(s)) => {
            let (max, len) = (max_chars(q), s.chars().count());
            let min_length = match kind {
                Text(t) => t.min_length,
                _ => None,
            };
            if len > max as usize {
                Err(AnswerError::TooLong { max })
            } else if let Some(min) = min_length.filter(|min| len < *min as usize) {
                Err(AnswerError::TooShort { min })
            } else if matches!(kind, Email(_)) && !is_email(s) {
                Err(AnswerError::InvalidEmail)
            } else if matches!(kind, Phone(_)) && !is_phone(s) {
                Err(AnswerError::InvalidPhone)
            } else {
                Ok(())
            }
        }
        (Number(spec), Answer::Number(_) | Answer::Decimal(_) | Answer::Text(_)) => {
            let n = match answer {
                Answer::Number(n) => Some(Num::from_int(*n)),
                Answer::Decimal(d) => Num::parse(d),
                _ => None,
            };
            let n = n.filter(|n| n.decimals() <= spec.decimals).ok_or(AnswerError::InvalidNumber { decimals: spec.decimals })?;
            if spec.min.is_some_and(|min| n < min) || spec.max.is_some_and(|max| n > max) {
                Err(AnswerError::NumberOutOfRange { min: spec.min, max: spec.max })
            } else {
                Ok(())
            }
        }
        (Date(spec), Answer::Text(s)) => {
            let day = parse_date(s).ok_or(AnswerError::InvalidDate)?;
            let (earliest, latest) = date_bounds(spec, today);
            if earliest.is_some_and(|e| day < e) || latest.is_some_and(|l| day > l) {
                Err(AnswerError::DateOutOfRange { earliest, latest })
            } else {
                Ok(())
            }
        }
        (Datetime, Answer::Text(s)) => {
            let day = parse_datetime(s).ok_or(AnswerError::InvalidDate)?;
            // Something that happened cannot be later than today (a day's slack for time zones).
            match today {
                Some(t) if day > t + 1 => Err(AnswerError::DateOutOfRange { earliest: None, latest: Some(t) }),
                _ => Ok(()),
            }
        }
        (Attachments(spec), Answer::Files(files)) => {
            let (max_files, max_bytes) = file_caps(spec);
            let total: u64 = files.iter().map(|f| f.size).sum();
            if files.len() > max_files as usize {
                Err(AnswerError::TooManyFiles { max: max_files })
            } else if total > u64::from(max_bytes) {
                Err(AnswerError::FilesTooLarge { max: max_bytes })
            } else if files.iter().any(|f| !accepts(spec.accept.as_deref().unwrap_or_default(), &f.mime)) {
                Err(AnswerError::FileType)
            } else {
                Ok(())
            }
        }
        (Consent, Answer::Text(agreed)) => {
            if q.title.strings().contains(&agreed.as_str()) {
                Ok(())
            } else {
                Err(AnswerError::WrongType)
            }
        }
        (Matrix(spec), Answer::Rows(rows)) => {
            for (row, col) in rows.iter() {
                if !spec.rows.iter().any(|r| r.id == row) || !spec.columns.iter().any(|c| c.id == *col) {
                    return Err(AnswerError::UnknownChoice);
                }
            }
            if q.required && rows.len() < spec.rows.len() {
                Err(AnswerError::RowsMissing)
            } else {
                Ok(())
            }
        }
        _ => Err(AnswerError::WrongType),
    }
}

/// An attachments question's caps: (most files, most bytes together).
pub fn file_caps(spec: &AttachmentsSpec) -> (u32, u32) {
    (
        spec.max_files.unwrap_or(DEFAULT_MAX_FILES).min(MAX_FILES),
        spec.max_bytes.unwrap_or(DEFAULT_MAX_BYTES).min(MAX_ATTACHMENT_BYTES),
    )
}

/// A phone number as people write it: digits with spaces, dashes, dots or
/// brackets, an optional leading `+`, and 7 to 15 digits (the E.164 maximum).
pub fn is_phone(s: &str) -> bool {
    let rest = s.strip_prefix('+').unwrap_or(s);
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    rest.chars().all(|c| c.is_ascii_digit() || " -.()".contains(c)) && (7..=15).contains(&digits)
}

fn known_choice(q: &Question, id: &str) -> Result<(), AnswerError> {
    if q.choices().iter().any(|c| c.id == id) || (q.other().is_some() && id == OTHER) {
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
