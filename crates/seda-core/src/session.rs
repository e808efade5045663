//! One visitor's way through a form: the answers so far, the hidden values the page
//! gave, and the pages visited. Which questions and pages are shown, and where a page
//! leads, follow the form's conditions; an answer to a question that is no longer
//! shown (the visitor went back and changed course) is kept while they answer, so
//! changing their mind again restores it, but it is not sent and counts for no
//! condition.

use super::answer::{Answer, Answers};
use super::form::{Form, ThankYou};
use super::logic::Facts;
use super::offer::offered;
use super::pairs::Pairs;
use super::question::{other_key, Question, QuestionType, OTHER};
use super::validate::{normalise, validate_on, AnswerError};

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// Indexes of the pages visited, the one on screen last. Never empty.
    path: Vec<usize>,
    answers: Answers,
    hidden: Pairs<String>,
    /// Today, in days since 1970-01-01, for date bounds of "today".
    today: Option<i64>,
}

/// The answers that count (those to questions shown on the visited pages) and the
/// hidden values: what conditions are evaluated against.
struct Known<'s> {
    answers: Answers,
    hidden: &'s Pairs<String>,
}

impl Facts for Known<'_> {
    fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.get(question)
    }
    fn hidden(&self, field: &str) -> Option<&str> {
        self.hidden.get(field).map(String::as_str)
    }
}

impl Session {
    /// Starts at the first page the form shows with these hidden values (and the
    /// answers that start from one, `prefill`).
    pub fn new(form: &Form, hidden: Pairs<String>) -> Self {
        let mut s = Session { path: vec![0], answers: Answers::new(), hidden, today: None };
        for q in &form.questions {
            let value = q.prefill().and_then(|h| s.hidden.get(h)).cloned();
            // Only a value the question takes (a dropdown's choice id, a valid email).
            if let Some(a) = value.and_then(|v| normalise(q, Answer::Text(v))).filter(|a| validate_on(q, Some(a), None).is_ok()) {
                s.answers.insert(q.id.as_str(), a);
            }
        }
        if let Some(first) = s.find_page(form, 0) {
            s.path = vec![first];
        }
        s
    }

    /// Picks up a saved draft: only answers the form still has a question for and
    /// still accepts, and the pages visited that the form still has.
    pub fn resume(form: &Form, path: Vec<usize>, mut answers: Answers, hidden: Pairs<String>) -> Self {
        answers.retain(|id, a| match form.question(id) {
            Some(q) => normalise(q, a.clone()).as_ref() == Some(a) && validate_on(q, Some(a), None).is_ok(),
            None => id.ends_with(".other") && matches!(a, Answer::Text(_)),
        });
        let mut path: Vec<usize> = path.into_iter().filter(|p| *p < form.pages.len()).collect();
        path.dedup();
        let mut s = Session::new(form, hidden);
        if !path.is_empty() && path.windows(2).all(|w| w[0] < w[1]) {
            s.path = path;
        }
        s.answers = answers;
        s
    }

    pub fn set_today(&mut self, days_since_epoch: i64) {
        self.today = Some(days_since_epoch);
    }

    /// The visitor's local time now, `YYYY-MM-DDTHH:MM`: where each unanswered
    /// `datetime` question starts.
    pub fn set_now(&mut self, form: &Form, local: &str) {
        for q in form.questions.iter().filter(|q| q.question_type() == QuestionType::Datetime) {
            if !self.answers.contains_key(&q.id) {
                self.set_answer(q, Some(Answer::Text(local.to_owned())));
            }
        }
    }

    pub fn hidden(&self) -> &Pairs<String> {
        &self.hidden
    }

    /// The page on screen.
    pub fn page(&self) -> usize {
        self.path.last().copied().unwrap_or_default()
    }

    /// The pages visited, the one on screen last.
    pub fn path(&self) -> &[usize] {
        &self.path
    }

    pub fn is_first(&self) -> bool {
        self.path.len() == 1
    }

    /// Whether moving on from this page ends the form.
    pub fn is_last(&self, form: &Form) -> bool {
        self.next(form, &self.known(form)).is_none()
    }

    /// (this page's number from 1, the number of pages on the way ahead as the
    /// answers so far lead), for "2 of 5".
    pub fn progress(&self, form: &Form) -> (usize, usize) {
        let known = self.known(form);
        let mut ahead = 0;
        let mut at = self.page();
        while let Some(next) = self.next_from(form, &known, at) {
            ahead += 1;
            at = next;
        }
        (self.path.len(), self.path.len() + ahead)
    }

    /// The questions shown on page `page` now.
    pub fn visible<'f>(&self, form: &'f Form, page: usize) -> Vec<&'f Question> {
        let known = self.known(form);
        self.shown(form, &known, page)
    }

    pub fn answer(&self, question_id: &str) -> Option<&Answer> {
        self.answers.get(question_id)
    }

    /// Everything answered so far, shown or not (what a draft keeps).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The answers to send: those to questions shown on the pages visited, with the
    /// text of an "Other" option that is picked.
    pub fn final_answers(&self, form: &Form) -> Answers {
        self.known(form).answers
    }

    /// Stores (or, with `None` or blank input, clears) the answer to `q`.
    pub fn set_answer(&mut self, q: &Question, answer: Option<Answer>) {
        match answer.and_then(|a| normalise(q, a)) {
            Some(a) => self.answers.insert(q.id.as_str(), a),
            None => self.answers.remove(&q.id),
        };
    }

    /// The text typed into `q`'s "Other" box.
    pub fn set_other(&mut self, q: &Question, text: &str) {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        if text.trim().is_empty() {
            self.answers.remove(&other_key(&q.id));
        } else {
            self.answers.insert(other_key(&q.id), Answer::Text(text));
        }
    }

    pub fn other_text(&self, q: &Question) -> Option<&str> {
        self.answers.get(&other_key(&q.id)).and_then(Answer::as_text)
    }

    /// The error of each question shown on this page whose answer is not acceptable.
    pub fn page_errors(&self, form: &Form) -> Vec<(String, AnswerError)> {
        self.visible(form, self.page())
            .into_iter()
            .filter_map(|q| {
                let missing = self.answer(&q.id).is_none() && self.is_required(form, q);
                let error = if missing { Some(AnswerError::Required) } else { self.error(q) };
                error.map(|e| (q.id.clone(), e))
            })
            .collect()
    }

    /// Whether `q` must be answered now: `required`, or its `required_if` holds.
    pub fn is_required(&self, form: &Form, q: &Question) -> bool {
        q.required || q.required_if.as_ref().is_some_and(|c| c.holds(&self.known(form)))
    }

    /// `q`'s answer's error, if it has one.
    pub fn error(&self, q: &Question) -> Option<AnswerError> {
        let answer = self.answer(&q.id);
        if let Err(e) = validate_on(q, answer, self.today) {
            return Some(e);
        }
        let other_picked = q.other().is_some() && answer.is_some_and(|a| a.picks(OTHER));
        (other_picked && self.other_text(q).is_none()).then_some(AnswerError::OtherMissing)
    }

    /// Moves to the next page if every answer on this one is acceptable. `Ok(true)`
    /// when this was the last page (the form is finished); the errors otherwise.
    pub fn advance(&mut self, form: &Form) -> Result<bool, Vec<(String, AnswerError)>> {
        let errors = self.page_errors(form);
        if !errors.is_empty() {
            return Err(errors);
        }
        match self.next(form, &self.known(form)) {
            Some(next) => {
                self.path.push(next);
                Ok(false)
            }
            None => Ok(true),
        }
    }

    pub fn back(&mut self) {
        if self.path.len() > 1 {
            self.path.pop();
        }
    }

    /// The thank-you screen the answers lead to, if the form has one for them.
    pub fn ending<'f>(&self, form: &'f Form) -> Option<&'f ThankYou> {
        let known = self.known(form);
        form.thank_you.iter().find(|t| t.when.as_ref().is_none_or(|c| c.holds(&known)))
    }

    /// Whether the form offers a complaint form for these answers (`Some`, with the
    /// low score when there is one); see [`offered`].
    pub fn complaint_offer(&self, form: &Form) -> Option<Option<i64>> {
        offered(form, &self.known(form))
    }

    /// Values for `{name}` in the form's texts: hidden fields, then answers as text.
    pub fn pipe_value(&self, form: &Form, locale: &str, name: &str) -> Option<String> {
        if let Some(v) = self.hidden.get(name) {
            return Some(v.clone());
        }
        let q = form.question(name)?;
        Some(match self.answer(name)? {
            Answer::Number(n) => n.to_string(),
            Answer::Decimal(d) => d.clone(),
            Answer::Text(s) => q.choices().iter().find(|c| c.id == *s).map_or_else(|| s.clone(), |c| c.label.get(locale, &form.locale).to_owned()),
            Answer::Bool(b) => b.to_string(),
            Answer::Choices(ids) => ids
                .iter()
                .map(|id| q.choices().iter().find(|c| c.id == *id).map_or(id.as_str(), |c| c.label.get(locale, &form.locale)))
                .collect::<Vec<_>>()
                .join(", "),
            Answer::Rows(_) | Answer::Files(_) => return None,
        })
    }

    fn known(&self, form: &Form) -> Known<'_> {
        let mut known = Known { answers: Answers::new(), hidden: &self.hidden };
        // Conditions look only at earlier questions, so one pass in order settles them.
        for &page in &self.path {
            let Some(p) = form.pages.get(page) else { continue };
            for &qi in &p.questions {
                let q = &form.questions[qi];
                if !q.show_if.as_ref().is_none_or(|c| c.holds(&known)) {
                    continue;
                }
                if let Some(a) = self.answers.get(&q.id) {
                    if q.other().is_some() && a.picks(OTHER) {
                        if let Some(text) = self.answers.get(&other_key(&q.id)) {
                            known.answers.insert(other_key(&q.id), text.clone());
                        }
                    }
                    known.answers.insert(q.id.as_str(), a.clone());
                }
            }
        }
        known
    }

    fn shown<'f>(&self, form: &'f Form, known: &Known, page: usize) -> Vec<&'f Question> {
        let Some(p) = form.pages.get(page) else { return Vec::new() };
        if !p.show_if.as_ref().is_none_or(|c| c.holds(known)) {
            return Vec::new();
        }
        p.questions.iter().map(|&i| &form.questions[i]).filter(|q| q.show_if.as_ref().is_none_or(|c| c.holds(known))).collect()
    }

    /// The first page from `start` on that has something to show.
    fn find_page(&self, form: &Form, start: usize) -> Option<usize> {
        let known = self.known(form);
        (start..form.pages.len()).find(|&p| !self.shown(form, &known, p).is_empty())
    }

    fn next(&self, form: &Form, known: &Known) -> Option<usize> {
        self.next_from(form, known, self.page())
    }

    /// Where moving on from `page` leads: the first jump that holds, else the next
    /// page that has something to show; `None` for the end.
    fn next_from(&self, form: &Form, known: &Known, page: usize) -> Option<usize> {
        let p = form.pages.get(page)?;
        let start = match p.jump.iter().find(|j| j.when.holds(known)) {
            Some(jump) => form.page_index(jump.to.as_deref()?)?,
            None => page + 1,
        };
        (start..form.pages.len()).find(|&i| !self.shown(form, known, i).is_empty())
    }
}
