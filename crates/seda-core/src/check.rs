//! The semantic check: what the reader can read but a form must not say, each named by
//! its JSON path. It reports every problem, not only the first.

use super::attachments::is_mime_pattern;
use super::form::{Form, FormKind, FORMAT};
use super::form_error::FormError;
use super::form_source::FormSource;
use super::form_strings;
use super::json::Value;
use super::limits::{
    MAX_ANSWER_CHARS, MAX_ATTACHMENT_BYTES, MAX_CHOICES, MAX_DECIMALS, MAX_FILES, MAX_HIDDEN, MAX_ID_CHARS, MAX_PAGES, MAX_QUESTIONS,
    MAX_SCALE_POINTS, MAX_TEXT_CHARS,
};
use super::locale::valid_locale;
use super::logic::{Condition, Subject, Test};
use super::offer::low_score_question;
use super::question::{
    AttachmentsSpec, Choice, DateSpec, Display, NumberSpec, Question, QuestionKind, QuestionType, RatingSpec, OTHER, OTHER_SUFFIX,
};
use super::text::Text;
use super::time::parse_date;

pub fn check(form: &Form) -> Vec<FormError> {
    let mut c = Checker { errors: Vec::new(), locale: &form.locale, form };
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
    c.hidden();
    match &form.checklist {
        #[cfg(feature = "checklists")]
        Some(list) => {
            let (mut ids, mut texts) = (c.fresh(), c.fresh());
            let found = super::checklist::check(
                list,
                |path, id, out| {
                    ids.id(path, id);
                    out.append(&mut ids.errors);
                },
                |path, text, out| {
                    texts.text(path, text);
                    out.append(&mut texts.errors);
                },
            );
            c.errors.extend(found);
        }
        // Unread in a build without checklists, which hands the form over.
        None if form.kind == FormKind::Checklist => {}
        _ => c.pages(),
    }
    for (i, t) in form.thank_you.iter().enumerate() {
        let at = if form.thank_you.len() == 1 { "thank_you".to_owned() } else { format!("thank_you[{i}]") };
        c.text(&format!("{at}.title"), &t.title);
        c.text_opt(&format!("{at}.body"), t.body.as_ref());
        if let Some(when) = &t.when {
            c.condition(&format!("{at}.if"), when, form.questions.len());
        }
    }
    c.complaint();
    c.errors.extend(form_strings::check(&form.strings, form.kind == FormKind::Checklist));
    c.errors
}

struct Checker<'a> {
    errors: Vec<FormError>,
    locale: &'a str,
    form: &'a Form,
}

impl Checker<'_> {
    /// A checker for the same form with no errors yet.
    #[cfg(feature = "checklists")]
    fn fresh(&self) -> Self {
        Checker { errors: Vec::new(), locale: self.locale, form: self.form }
    }

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

    fn hidden(&mut self) {
        let hidden = &self.form.hidden;
        if hidden.len() > MAX_HIDDEN {
            self.err("hidden", format!("{} hidden fields; the most is {MAX_HIDDEN}", hidden.len()));
        }
        for (i, h) in hidden.iter().enumerate() {
            let at = format!("hidden[{i}]");
            self.id(&at, &h.id);
            if hidden[..i].iter().any(|e| e.id == h.id) || self.form.question(&h.id).is_some() {
                self.err(&at, format!("\"{}\" is already the id of another hidden field or a question", h.id));
            }
            if h.url_param.as_deref().is_some_and(|p| p.trim().is_empty()) {
                self.err(format!("{at}.url_param"), "must not be empty");
            }
        }
    }

    fn pages(&mut self) {
        let form = self.form;
        if form.questions.is_empty() {
            self.err(self.list_path(), "a form needs at least one question");
        }
        if form.questions.len() > MAX_QUESTIONS {
            self.err(self.list_path(), format!("{} questions; the most is {MAX_QUESTIONS}", form.questions.len()));
        }
        if form.pages.len() > MAX_PAGES {
            match self.list_path() {
                "pages" => self.err("pages", format!("{} pages; the most is {MAX_PAGES}", form.pages.len())),
                // A form written with `questions` shows each on a page of its own.
                list => self.err(
                    list,
                    format!("{} questions, one a page; the most is {MAX_PAGES} pages: group the questions into `pages` (up to {MAX_QUESTIONS} questions in all)", form.pages.len()),
                ),
            }
        }
        for (i, q) in form.questions.iter().enumerate() {
            if let Some(first) = form.questions[..i].iter().position(|earlier| earlier.id == q.id) {
                let first = &form.questions[first].path;
                self.err(format!("{}.id", q.path), format!("duplicate id \"{}\" (first used at {first})", q.id));
            }
            let owner = q.id.strip_suffix(OTHER_SUFFIX);
            if owner.is_some_and(|owner| form.questions.iter().any(|other| other.id == owner && other.other().is_some())) {
                self.err(format!("{}.id", q.path), format!("\"{}\" is where another question's \"Other\" text goes", q.id));
            }
            self.question(i, q);
        }
        let paged = self.list_path() == "pages";
        for (i, page) in form.pages.iter().enumerate() {
            if !paged {
                continue;
            }
            self.id(&format!("{}.id", page.path), &page.id);
            if form.pages[..i].iter().any(|p| p.id == page.id) {
                self.err(format!("{}.id", page.path), format!("duplicate page id \"{}\"", page.id));
            }
            self.text_opt(&format!("{}.title", page.path), page.title.as_ref());
            if page.questions.is_empty() {
                self.err(format!("{}.questions", page.path), "a page needs at least one question");
            }
            let first = page.questions.first().copied().unwrap_or(form.questions.len());
            let end = page.questions.last().map_or(first, |l| l + 1);
            if let Some(show_if) = &page.show_if {
                self.condition(&format!("{}.show_if", page.path), show_if, first);
            }
            for (j, jump) in page.jump.iter().enumerate() {
                let at = format!("{}.jump[{j}]", page.path);
                self.condition(&format!("{at}.if"), &jump.when, end);
                if let Some(to) = &jump.to {
                    match form.page_index(to) {
                        Some(target) if target > i => {}
                        Some(_) => self.err(format!("{at}.to"), format!("page \"{to}\" is not after this page; a jump goes forward")),
                        None => self.err(format!("{at}.to"), format!("no page \"{to}\" (give a page id or \"end\")")),
                    }
                }
            }
        }
    }

    /// `questions` or `pages`: where the form lists its questions.
    fn list_path(&self) -> &'static str {
        let paged = self.form.questions.first().is_some_and(|q| q.path.starts_with("pages"))
            || self.form.pages.iter().any(|p| p.path.starts_with("pages"));
        if paged { "pages" } else { "questions" }
    }

    fn question(&mut self, index: usize, q: &Question) {
        let at = q.path.as_str();
        self.id(&format!("{at}.id"), &q.id);
        self.text(&format!("{at}.title"), &q.title);
        self.text_opt(&format!("{at}.description"), q.description.as_ref());
        self.text_opt(&format!("{at}.placeholder"), q.placeholder());
        if let Some(show_if) = &q.show_if {
            self.condition(&format!("{at}.show_if"), show_if, index);
        }
        if let Some(required_if) = &q.required_if {
            self.condition(&format!("{at}.required_if"), required_if, index);
            if q.required {
                self.err(format!("{at}.required_if"), "give either \"required\": true or \"required_if\", not both");
            }
        }
        for field in &q.misplaced {
            self.err(format!("{at}.{field}"), format!("not used by a {} question", q.question_type().name()));
        }
        if let Some(h) = q.prefill() {
            if self.form.hidden_field(h).is_none() {
                self.err(format!("{at}.prefill"), format!("no hidden field \"{h}\" (declare it in \"hidden\")"));
            }
        }
        if let Some(labels) = q.labels() {
            self.text(&format!("{at}.labels.min"), &labels.min);
            self.text(&format!("{at}.labels.max"), &labels.max);
        }
        if let Some(max) = q.max_length() {
            if max == 0 || max > MAX_ANSWER_CHARS {
                self.err(format!("{at}.max_length"), format!("must be 1 to {MAX_ANSWER_CHARS}"));
            }
        }
        match &q.kind {
            QuestionKind::Rating(spec) => self.rating(at, spec),
            QuestionKind::Choice(_) | QuestionKind::Dropdown(_) => {
                self.choices(&format!("{at}.choices"), q.choices(), "choice");
                if let Some(Some(label)) = q.other() {
                    self.text(&format!("{at}.other"), label);
                }
                if q.other().is_some() && q.choices().iter().any(|c| c.id == OTHER) {
                    self.err(format!("{at}.choices"), "the id \"other\" is the \"Other\" option's; give this choice another id");
                }
            }
            QuestionKind::Text(spec) => {
                if let Some(min) = spec.min_length {
                    if min == 0 || min > spec.max_length.unwrap_or(MAX_ANSWER_CHARS) {
                        self.err(format!("{at}.min_length"), "must be at least 1 and at most max_length");
                    }
                }
            }
            QuestionKind::Number(spec) => self.number(at, spec),
            QuestionKind::Date(spec) => self.date(at, spec),
            QuestionKind::Matrix(spec) => {
                self.choices(&format!("{at}.rows"), &spec.rows, "row");
                self.choices(&format!("{at}.columns"), &spec.columns, "column");
            }
            QuestionKind::Attachments(spec) => self.attachments(at, spec),
            QuestionKind::Nps(_)
            | QuestionKind::YesNo
            | QuestionKind::Email(_)
            | QuestionKind::Phone(_)
            | QuestionKind::Consent
            | QuestionKind::Statement
            | QuestionKind::Datetime => {}
        }
    }

    fn number(&mut self, at: &str, spec: &NumberSpec) {
        if spec.decimals > MAX_DECIMALS {
            self.err(format!("{at}.decimals"), format!("must be 0 to {MAX_DECIMALS}"));
        }
        for (field, bound) in [("min", spec.min), ("max", spec.max)] {
            if bound.is_some_and(|b| b.decimals() > spec.decimals) {
                self.err(format!("{at}.{field}"), format!("has more decimal places than decimals ({})", spec.decimals));
            }
        }
        if let (Some(min), Some(max)) = (spec.min, spec.max) {
            if min > max {
                self.err(format!("{at}.min"), format!("{} is more than max ({})", min.to_text(), max.to_text()));
            }
        }
    }

    fn date(&mut self, at: &str, spec: &DateSpec) {
        let mut dates = [None, None];
        for (slot, (field, value)) in dates.iter_mut().zip([("earliest", &spec.earliest), ("latest", &spec.latest)]) {
            if let Some(v) = value {
                *slot = parse_date(v);
                if slot.is_none() && v != "today" {
                    self.err(format!("{at}.{field}"), format!("\"{v}\" is not a date such as \"2026-01-31\" or \"today\""));
                }
            }
        }
        if let [Some(earliest), Some(latest)] = dates {
            if earliest > latest {
                self.err(format!("{at}.earliest"), "is after latest");
            }
        }
    }

    fn attachments(&mut self, at: &str, spec: &AttachmentsSpec) {
        if spec.max_files.is_some_and(|n| n == 0 || n > MAX_FILES) {
            self.err(format!("{at}.max_files"), format!("must be 1 to {MAX_FILES}"));
        }
        if spec.max_bytes.is_some_and(|n| n == 0 || n > MAX_ATTACHMENT_BYTES) {
            self.err(format!("{at}.max_bytes"), format!("must be 1 to {MAX_ATTACHMENT_BYTES} (10 MiB)"));
        }
        for (j, a) in spec.accept.iter().flatten().enumerate() {
            if !is_mime_pattern(a) {
                self.err(format!("{at}.accept[{j}]"), format!("\"{a}\" is not a MIME type such as \"image/*\" or \"application/pdf\""));
            }
        }
        if spec.accept.as_ref().is_some_and(Vec::is_empty) {
            self.err(format!("{at}.accept"), "needs at least one type (leave it out for pictures and PDF)");
        }
    }

    /// The acknowledgement (complaints only) and the complaint offer (surveys only).
    fn complaint(&mut self) {
        let form = self.form;
        if let Some(a) = &form.acknowledgement {
            if form.kind != FormKind::Complaint {
                self.err("acknowledgement", "only a complaint form (\"kind\": \"complaint\") has an acknowledgement");
            }
            for (field, text) in [("title", &a.title), ("response_time", &a.response_time), ("guarantee", &a.guarantee), ("next_steps", &a.next_steps)] {
                self.text_opt(&format!("acknowledgement.{field}"), text.as_ref());
            }
        }
        if let Some(offer) = &form.offer_complaint {
            if form.kind == FormKind::Complaint {
                self.err("offer_complaint", "a complaint form cannot offer a complaint form");
            }
            if let Err(e) = FormSource::parse_offered(&offer.form) {
                self.err("offer_complaint.form", e.to_string());
            }
            match &offer.when {
                Some(when) => self.condition("offer_complaint.if", when, form.questions.len()),
                None if low_score_question(form).is_none() => self.err(
                    "offer_complaint",
                    "the form has no nps question and no 1-5 or 1-7 rating to offer it after: give an \"if\" condition",
                ),
                None => {}
            }
        }
    }

    fn rating(&mut self, at: &str, spec: &RatingSpec) {
        let at = format!("{at}.scale");
        let Some(s) = spec.scale else {
            return self.err(at, "a rating question needs a scale, e.g. {\"min\": 1, \"max\": 5}");
        };
        // i128: the bounds are any i64 a form gives, and their difference may not fit.
        let points = i128::from(s.max) - i128::from(s.min) + 1;
        if s.min >= s.max {
            self.err(at, format!("min ({}) must be less than max ({})", s.min, s.max));
        } else if points > i128::from(MAX_SCALE_POINTS) {
            self.err(at, format!("{} to {} is too wide: a scale has at most {MAX_SCALE_POINTS} points", s.min, s.max));
        } else if spec.display == Display::Stars && (s.min != 1 || s.max > 10) {
            self.err(at, "stars count from 1, up to 10");
        } else if spec.display == Display::Smileys && !(points == 3 || points == 5) {
            self.err(at, "smileys need a scale of 3 or 5 points");
        }
    }

    fn choices(&mut self, at: &str, choices: &[Choice], what: &str) {
        if choices.is_empty() {
            return self.err(at, format!("needs at least one {what}"));
        }
        if choices.len() > MAX_CHOICES {
            self.err(at, format!("{} {what}s; the most is {MAX_CHOICES}", choices.len()));
        }
        for (j, choice) in choices.iter().enumerate() {
            let path = format!("{at}[{j}]");
            self.id(&format!("{path}.id"), &choice.id);
            self.text(&format!("{path}.label"), &choice.label);
            if let Some(first) = choices[..j].iter().position(|earlier| earlier.id == choice.id) {
                self.err(format!("{path}.id"), format!("duplicate id \"{}\" (first used at {at}[{first}])", choice.id));
            }
        }
    }

    /// Checks a condition that may only look at the first `before` questions (those
    /// asked earlier), so the logic can never go round in a circle.
    fn condition(&mut self, at: &str, condition: &Condition, before: usize) {
        let form = self.form;
        for (subject, test) in condition.tests() {
            match subject {
                Subject::Hidden(id) => {
                    if form.hidden_field(id).is_none() {
                        self.err(at, format!("no hidden field \"{id}\" (declare it in \"hidden\")"));
                    } else if matches!(test, Test::Nps(_)) {
                        self.err(at, "the nps test is for an nps question");
                    }
                }
                Subject::Question(id) => match form.questions.iter().position(|q| q.id == *id) {
                    None => self.err(at, format!("no question \"{id}\"")),
                    Some(i) if i >= before => {
                        self.err(at, format!("question \"{id}\" is not asked before this point; a condition looks at earlier answers"))
                    }
                    Some(i) => self.test_fits(at, &form.questions[i], test),
                },
            }
        }
    }

    /// Whether `test` can ever be true of `q`'s answers.
    fn test_fits(&mut self, at: &str, q: &Question, test: &Test) {
        use QuestionType::*;
        let k = q.question_type();
        let wrong = |what: &str| format!("question \"{}\" is a {} question: {what}", q.id, k.name());
        let problem = if k == Statement {
            Some(wrong("it takes no answer"))
        } else {
            match test {
                Test::Answered(_) => None,
                _ if matches!(k, Matrix | Attachments) => Some(wrong("only \"answered\" applies")),
                Test::Nps(_) => (k != Nps).then(|| wrong("the nps test is for an nps question")),
                t if t.is_numeric() => (!k.is_numeric()).then(|| wrong(&format!("{} compares numbers", t.name()))),
                Test::Equals(v) | Test::NotEquals(v) => self.value_fits(q, v).err().map(|e| wrong(&e.to_string())),
                Test::OneOf(list) => list.iter().find_map(|v| self.value_fits(q, v).err()).map(|e| wrong(&e.to_string())),
                _ => None,
            }
        };
        if let Some(message) = problem {
            self.err(at, message);
        }
    }

    fn value_fits(&self, q: &Question, v: &Value) -> Result<(), Misfit> {
        use QuestionType::*;
        match (q.question_type(), v) {
            (Nps | Rating | Number, Value::Number(_)) => Ok(()),
            (Choice | Dropdown, Value::String(id)) => {
                if q.choices().iter().any(|c| c.id == *id) || (q.other().is_some() && id == OTHER) {
                    Ok(())
                } else {
                    Err(Misfit::NoChoice(id.clone()))
                }
            }
            (YesNo, Value::Bool(_)) => Ok(()),
            (Text | Email | Phone | Date | Datetime | Consent, Value::String(_)) => Ok(()),
            (_, v) => Err(Misfit::NeverKind(v.kind())),
        }
    }
}

/// Why a condition's value can never be one of a question's answers.
#[derive(Debug, thiserror::Error)]
enum Misfit {
    #[error("it has no choice \"{0}\"")]
    NoChoice(String),
    #[error("its answers are never {0}")]
    NeverKind(&'static str),
}
