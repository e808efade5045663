//! The semantic check: what the reader can read but a form must not say, each named by
//! its JSON path. It reports every problem, not only the first.

use super::complaint::{is_mime_pattern, low_score_question, MAX_ATTACHMENT_BYTES, MAX_FILES};
use super::config::FormSource;
use super::form::{Choice, Display, Form, FormError, FormKind, Question, QuestionType, FORMAT};
use super::json::Value;
use super::logic::{Condition, Subject, Test};
use super::text::Text;
use super::time::parse_date;

/// Limits that keep a hand-written or hostile definition from swamping the widget.
pub const MAX_QUESTIONS: usize = 500;
pub const MAX_PAGES: usize = 200;
pub const MAX_CHOICES: usize = 100;
pub const MAX_HIDDEN: usize = 50;
pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_ID_CHARS: usize = 64;
/// The widest rating scale (0-10 has eleven points).
pub const MAX_SCALE_POINTS: i64 = 11;
/// The longest answer a text question may allow.
pub const MAX_ANSWER_CHARS: u32 = 10_000;
/// The most decimal places a number question may take.
pub const MAX_DECIMALS: u32 = 6;

/// The answer key of the text typed into a choice question's "Other" box.
pub fn other_key(question_id: &str) -> String {
    format!("{question_id}{OTHER_SUFFIX}")
}

/// What [`other_key`] appends to the question's id.
const OTHER_SUFFIX: &str = ".other";

/// The choice id an "Other" option has.
pub const OTHER: &str = "other";

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
            self.err("pages", format!("{} pages; the most is {MAX_PAGES}", form.pages.len()));
        }
        for (i, q) in form.questions.iter().enumerate() {
            if let Some(first) = form.questions[..i].iter().position(|earlier| earlier.id == q.id) {
                let first = &form.questions[first].path;
                self.err(format!("{}.id", q.path), format!("duplicate id \"{}\" (first used at {first})", q.id));
            }
            let owner = q.id.strip_suffix(OTHER_SUFFIX);
            if owner.is_some_and(|owner| form.questions.iter().any(|other| other.id == owner && other.other.is_some())) {
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

    /// Names a field given to a question type that does not use it.
    fn unused(&mut self, q: &Question, field: &str, given: bool) {
        if given {
            self.err(format!("{}.{field}", q.path), format!("not used by a {} question", q.kind.name()));
        }
    }

    fn question(&mut self, index: usize, q: &Question) {
        use QuestionType::*;
        let at = q.path.as_str();
        self.id(&format!("{at}.id"), &q.id);
        self.text(&format!("{at}.title"), &q.title);
        self.text_opt(&format!("{at}.description"), q.description.as_ref());
        self.text_opt(&format!("{at}.placeholder"), q.placeholder.as_ref());
        if let Some(show_if) = &q.show_if {
            self.condition(&format!("{at}.show_if"), show_if, index);
        }
        if let Some(required_if) = &q.required_if {
            self.condition(&format!("{at}.required_if"), required_if, index);
            if q.required {
                self.err(format!("{at}.required_if"), "give either \"required\": true or \"required_if\", not both");
            }
        }
        let k = q.kind;
        self.unused(q, "required", q.required && k == Statement);
        self.unused(q, "required_if", q.required_if.is_some() && k == Statement);
        self.unused(q, "scale", q.scale.is_some() && k != Rating);
        self.unused(q, "display", q.display != Display::Numbers && k != Rating);
        self.unused(q, "labels", q.labels.is_some() && !matches!(k, Nps | Rating));
        self.unused(q, "choices", q.choices.is_some() && !matches!(k, Choice | Dropdown));
        self.unused(q, "multiple", q.multiple && k != Choice);
        self.unused(q, "other", q.other.is_some() && !matches!(k, Choice | Dropdown));
        self.unused(q, "shuffle", q.shuffle && k != Choice);
        self.unused(q, "multiline", q.multiline && k != Text);
        self.unused(q, "min_length", q.min_length.is_some() && k != Text);
        self.unused(q, "max_length", q.max_length.is_some() && !matches!(k, Text | Email | Phone));
        self.unused(q, "min", q.min.is_some() && k != Number);
        self.unused(q, "max", q.max.is_some() && k != Number);
        self.unused(q, "decimals", q.decimals != 0 && k != Number);
        self.unused(q, "earliest", q.earliest.is_some() && k != Date);
        self.unused(q, "latest", q.latest.is_some() && k != Date);
        self.unused(q, "rows", q.rows.is_some() && k != Matrix);
        self.unused(q, "columns", q.columns.is_some() && k != Matrix);
        self.unused(q, "placeholder", q.placeholder.is_some() && !matches!(k, Text | Email | Phone | Number | Dropdown));
        self.unused(q, "prefill", q.prefill.is_some() && !matches!(k, Text | Email | Phone | Number | Dropdown));
        self.unused(q, "max_files", q.max_files.is_some() && k != Attachments);
        self.unused(q, "max_bytes", q.max_bytes.is_some() && k != Attachments);
        self.unused(q, "accept", q.accept.is_some() && k != Attachments);
        if let Some(h) = &q.prefill {
            if self.form.hidden_field(h).is_none() {
                self.err(format!("{at}.prefill"), format!("no hidden field \"{h}\" (declare it in \"hidden\")"));
            }
        }
        if let Some(labels) = &q.labels {
            self.text(&format!("{at}.labels.min"), &labels.min);
            self.text(&format!("{at}.labels.max"), &labels.max);
        }
        match k {
            Rating => self.rating(q),
            Choice | Dropdown => {
                self.choices(&format!("{at}.choices"), q.choices(), "choice");
                if let Some(Some(label)) = &q.other {
                    self.text(&format!("{at}.other"), label);
                }
                if q.other.is_some() && q.choices().iter().any(|c| c.id == OTHER) {
                    self.err(format!("{at}.choices"), "the id \"other\" is the \"Other\" option's; give this choice another id");
                }
            }
            Text | Email | Phone => {
                if let Some(max) = q.max_length {
                    if max == 0 || max > MAX_ANSWER_CHARS {
                        self.err(format!("{at}.max_length"), format!("must be 1 to {MAX_ANSWER_CHARS}"));
                    }
                }
                if let Some(min) = q.min_length {
                    if min == 0 || min > q.max_length.unwrap_or(MAX_ANSWER_CHARS) {
                        self.err(format!("{at}.min_length"), "must be at least 1 and at most max_length");
                    }
                }
            }
            Number => {
                if q.decimals > MAX_DECIMALS {
                    self.err(format!("{at}.decimals"), format!("must be 0 to {MAX_DECIMALS}"));
                }
                for (field, bound) in [("min", q.min), ("max", q.max)] {
                    if bound.is_some_and(|b| b.decimals() > q.decimals) {
                        self.err(format!("{at}.{field}"), format!("has more decimal places than decimals ({})", q.decimals));
                    }
                }
                if let (Some(min), Some(max)) = (q.min, q.max) {
                    if min > max {
                        self.err(format!("{at}.min"), format!("{} is more than max ({})", min.to_text(), max.to_text()));
                    }
                }
            }
            Date => {
                let mut dates = [None, None];
                for (slot, (field, value)) in dates.iter_mut().zip([("earliest", &q.earliest), ("latest", &q.latest)]) {
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
            Matrix => {
                self.choices(&format!("{at}.rows"), q.rows(), "row");
                self.choices(&format!("{at}.columns"), q.columns(), "column");
            }
            Attachments => {
                if q.max_files.is_some_and(|n| n == 0 || n > MAX_FILES) {
                    self.err(format!("{at}.max_files"), format!("must be 1 to {MAX_FILES}"));
                }
                if q.max_bytes.is_some_and(|n| n == 0 || n > MAX_ATTACHMENT_BYTES) {
                    self.err(format!("{at}.max_bytes"), format!("must be 1 to {MAX_ATTACHMENT_BYTES} (10 MiB)"));
                }
                for (j, a) in q.accept.iter().flatten().enumerate() {
                    if !is_mime_pattern(a) {
                        self.err(format!("{at}.accept[{j}]"), format!("\"{a}\" is not a MIME type such as \"image/*\" or \"application/pdf\""));
                    }
                }
                if q.accept.as_ref().is_some_and(Vec::is_empty) {
                    self.err(format!("{at}.accept"), "needs at least one type (leave it out for pictures and PDF)");
                }
            }
            Nps | YesNo | Consent | Statement | Datetime => {}
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
            if let Err(e) = FormSource::parse(&offer.form) {
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

    fn rating(&mut self, q: &Question) {
        let at = format!("{}.scale", q.path);
        let Some(s) = q.scale else {
            return self.err(at, "a rating question needs a scale, e.g. {\"min\": 1, \"max\": 5}");
        };
        // i128: the bounds are any i64 a form gives, and their difference may not fit.
        let points = i128::from(s.max) - i128::from(s.min) + 1;
        if s.min >= s.max {
            self.err(at, format!("min ({}) must be less than max ({})", s.min, s.max));
        } else if points > i128::from(MAX_SCALE_POINTS) {
            self.err(at, format!("{} to {} is too wide: a scale has at most {MAX_SCALE_POINTS} points", s.min, s.max));
        } else if q.display == Display::Stars && (s.min != 1 || s.max > 10) {
            self.err(at, "stars count from 1, up to 10");
        } else if q.display == Display::Smileys && !(points == 3 || points == 5) {
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
        let k = q.kind;
        let wrong = |what: &str| format!("question \"{}\" is a {} question: {what}", q.id, k.name());
        let problem = if k == Statement {
            Some(wrong("it takes no answer"))
        } else {
            match test {
                Test::Answered(_) => None,
                _ if matches!(k, Matrix | Attachments) => Some(wrong("only \"answered\" applies")),
                Test::Nps(_) => (k != Nps).then(|| wrong("the nps test is for an nps question")),
                t if t.is_numeric() => (!k.is_numeric()).then(|| wrong(&format!("{} compares numbers", t.name()))),
                Test::Equals(v) | Test::NotEquals(v) => self.value_fits(q, v).err().map(|e| wrong(&e)),
                Test::OneOf(list) => list.iter().find_map(|v| self.value_fits(q, v).err()).map(|e| wrong(&e)),
                _ => None,
            }
        };
        if let Some(message) = problem {
            self.err(at, message);
        }
    }

    fn value_fits(&self, q: &Question, v: &Value) -> Result<(), String> {
        use QuestionType::*;
        match (q.kind, v) {
            (Nps | Rating | Number, Value::Number(_)) => Ok(()),
            (Choice | Dropdown, Value::String(id)) => {
                if q.choices().iter().any(|c| c.id == *id) || (q.other.is_some() && id == OTHER) {
                    Ok(())
                } else {
                    Err(format!("it has no choice \"{id}\""))
                }
            }
            (YesNo, Value::Bool(_)) => Ok(()),
            (Text | Email | Phone | Date | Datetime | Consent, Value::String(_)) => Ok(()),
            (_, v) => Err(format!("its answers are never {}", v.kind())),
        }
    }
}

/// `en`, `fa`, `fa-IR`, `zh-Hant-TW`: letters and digits in dash-separated parts.
pub fn valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let first_ok = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
