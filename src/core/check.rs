//! The semantic check: what the reader can read but a form must not say, each named by
//! its JSON path. It reports every problem, not only the first.

use super::form::{Form, FormError, Question, QuestionType, FORMAT};
use super::text::Text;

/// Limits that keep a hand-written or hostile definition from swamping the widget.
pub const MAX_QUESTIONS: usize = 500;
pub const MAX_CHOICES: usize = 100;
pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_ID_CHARS: usize = 64;
/// The widest rating scale (0-10 has eleven points).
pub const MAX_SCALE_POINTS: i64 = 11;
/// The longest answer a text question may allow.
pub const MAX_ANSWER_CHARS: u32 = 10_000;

pub fn check(form: &Form) -> Vec<FormError> {
    let mut c = Checker { errors: Vec::new(), locale: &form.locale };
    if form.seda != FORMAT {
        c.err("seda", format!("format {} is not supported; this widget reads format {FORMAT}", form.seda));
    }
    c.id("id", &form.id);
    if form.version == 0 {
        c.err("version", "must be 1 or more");
    }
    if !valid_locale(&form.locale) {
        c.err("locale", format!("\"{}\" is not a locale such as \"en\" or \"fa-IR\"", form.locale));
    }
    c.text_opt("title", form.title.as_ref());
    if let Some(t) = &form.thank_you {
        c.text("thank_you.title", &t.title);
        c.text_opt("thank_you.body", t.body.as_ref());
    }
    if form.questions.is_empty() {
        c.err("questions", "a form needs at least one question");
    }
    if form.questions.len() > MAX_QUESTIONS {
        c.err("questions", format!("{} questions; the most is {MAX_QUESTIONS}", form.questions.len()));
    }
    for (i, q) in form.questions.iter().enumerate() {
        let at = format!("questions[{i}]");
        if let Some(first) = form.questions[..i].iter().position(|earlier| earlier.id == q.id) {
            c.err(format!("{at}.id"), format!("duplicate id \"{}\" (first used at questions[{first}])", q.id));
        }
        c.question(&at, q);
    }
    c.errors
}

struct Checker<'a> {
    errors: Vec<FormError>,
    locale: &'a str,
}

impl Checker<'_> {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FormError::new(path, message));
    }

    fn id(&mut self, path: &str, id: &str) {
        if id.is_empty() {
            self.err(path, "must not be empty");
        } else if id.chars().count() > MAX_ID_CHARS {
            self.err(path, format!("longer than {MAX_ID_CHARS} characters"));
        } else if !id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || ch == '.') {
            self.err(path, format!("\"{id}\" may use only letters a-z, digits, '_', '-' and '.'"));
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        if let Text::Localised(map) = text {
            if map.is_empty() {
                return self.err(path, "a map of locale to string needs at least one entry");
            }
            if !text.has(self.locale) {
                self.err(path, format!("no string for the form's locale \"{}\"", self.locale));
            }
        }
        for s in text.strings() {
            if s.trim().is_empty() {
                self.err(path, "must not be empty");
            } else if s.chars().count() > MAX_TEXT_CHARS {
                self.err(path, format!("longer than {MAX_TEXT_CHARS} characters"));
            }
        }
    }

    fn text_opt(&mut self, path: &str, text: Option<&Text>) {
        if let Some(t) = text {
            self.text(path, t);
        }
    }

    /// Names a field given to a question type that does not use it.
    fn unused(&mut self, at: &str, q: &Question, field: &str, given: bool) {
        if given {
            self.err(format!("{at}.{field}"), format!("not used by a {} question", q.kind.name()));
        }
    }

    fn question(&mut self, at: &str, q: &Question) {
        use QuestionType::*;
        self.id(&format!("{at}.id"), &q.id);
        self.text(&format!("{at}.title"), &q.title);
        self.text_opt(&format!("{at}.description"), q.description.as_ref());
        self.text_opt(&format!("{at}.placeholder"), q.placeholder.as_ref());
        let k = q.kind;
        self.unused(at, q, "scale", q.scale.is_some() && k != Rating);
        self.unused(at, q, "labels", q.labels.is_some() && !matches!(k, Nps | Rating));
        self.unused(at, q, "choices", q.choices.is_some() && k != Choice);
        self.unused(at, q, "multiple", q.multiple && k != Choice);
        self.unused(at, q, "multiline", q.multiline && k != Text);
        self.unused(at, q, "max_length", q.max_length.is_some() && !matches!(k, Text | Email));
        self.unused(at, q, "placeholder", q.placeholder.is_some() && !matches!(k, Text | Email));
        if let Some(labels) = &q.labels {
            self.text(&format!("{at}.labels.min"), &labels.min);
            self.text(&format!("{at}.labels.max"), &labels.max);
        }
        match k {
            Rating => match q.scale {
                None => self.err(format!("{at}.scale"), "a rating question needs a scale, e.g. {\"min\": 1, \"max\": 5}"),
                Some(s) if s.min >= s.max => {
                    self.err(format!("{at}.scale"), format!("min ({}) must be less than max ({})", s.min, s.max))
                }
                // i128: the bounds are any i64 a form gives, and their difference may not fit.
                Some(s) if i128::from(s.max) - i128::from(s.min) + 1 > i128::from(MAX_SCALE_POINTS) => self.err(
                    format!("{at}.scale"),
                    format!("{} to {} is too wide: a scale has at most {MAX_SCALE_POINTS} points", s.min, s.max),
                ),
                Some(_) => {}
            },
            Choice => self.choices(at, q),
            Text | Email => {
                if let Some(max) = q.max_length {
                    if max == 0 || max > MAX_ANSWER_CHARS {
                        self.err(format!("{at}.max_length"), format!("must be 1 to {MAX_ANSWER_CHARS}"));
                    }
                }
            }
            Nps => {}
        }
    }

    fn choices(&mut self, at: &str, q: &Question) {
        let choices = q.choices();
        if choices.is_empty() {
            return self.err(format!("{at}.choices"), "a choice question needs at least one choice");
        }
        if choices.len() > MAX_CHOICES {
            self.err(format!("{at}.choices"), format!("{} choices; the most is {MAX_CHOICES}", choices.len()));
        }
        for (j, choice) in choices.iter().enumerate() {
            let path = format!("{at}.choices[{j}]");
            self.id(&format!("{path}.id"), &choice.id);
            self.text(&format!("{path}.label"), &choice.label);
            if let Some(first) = choices[..j].iter().position(|earlier| earlier.id == choice.id) {
                self.err(format!("{path}.id"), format!("duplicate id \"{}\" (first used at choices[{first}])", choice.id));
            }
        }
    }
}

/// `en`, `fa`, `fa-IR`, `zh-Hant-TW`: letters and digits in dash-separated parts.
pub fn valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let first_ok = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
