//! The semantic check: what the reader can read but a form must not say, each named by
//! its JSON path. It reports every problem, not only the first. Each question's own
//! fields are checked in `question`, the conditions of the logic in `condition`.

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

mod condition;
mod question;

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
}
