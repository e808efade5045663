//! One visitor's way through a form: the answers so far and the step they are on.
//! Each question is one step; the step after the last is the end.

use super::answer::{Answer, Answers};
use super::form::{Form, Question};
use super::validate::{normalise, validate, AnswerError};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    step: usize,
    answers: Answers,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Picks up a saved draft: only answers the form still has a question for and
    /// still accepts, and the step, clamped to the form.
    pub fn resume(form: &Form, step: usize, mut answers: Answers) -> Self {
        answers.retain(|id, a| form.question(id).is_some_and(|q| validate(q, Some(a)).is_ok()));
        Session { step: step.min(form.questions.len().saturating_sub(1)), answers }
    }

    /// The step on screen, counted from 0.
    pub fn step(&self) -> usize {
        self.step
    }

    pub fn current<'f>(&self, form: &'f Form) -> Option<&'f Question> {
        form.questions.get(self.step)
    }

    pub fn is_first(&self) -> bool {
        self.step == 0
    }

    pub fn is_last(&self, form: &Form) -> bool {
        self.step + 1 >= form.questions.len()
    }

    /// (step number from 1, number of steps), for "2 of 3".
    pub fn progress(&self, form: &Form) -> (usize, usize) {
        (self.step + 1, form.questions.len())
    }

    pub fn answer(&self, question_id: &str) -> Option<&Answer> {
        self.answers.get(question_id)
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Stores (or, with `None` or blank input, clears) the answer to `q`.
    pub fn set_answer(&mut self, q: &Question, answer: Option<Answer>) {
        match answer.and_then(|a| normalise(q, a)) {
            Some(a) => self.answers.insert(q.id.as_str(), a),
            None => self.answers.remove(&q.id),
        };
    }

    /// The current question's error, if its answer is not acceptable.
    pub fn current_error(&self, form: &Form) -> Option<AnswerError> {
        let q = self.current(form)?;
        validate(q, self.answer(&q.id)).err()
    }

    /// Moves to the next step if the current answer is acceptable. Returns the error
    /// that keeps the visitor on this step otherwise.
    pub fn advance(&mut self, form: &Form) -> Result<(), AnswerError> {
        if let Some(e) = self.current_error(form) {
            return Err(e);
        }
        if !self.is_last(form) {
            self.step += 1;
        }
        Ok(())
    }

    pub fn back(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    /// Every unacceptable answer in the form, by question id: the check before submit.
    pub fn errors(&self, form: &Form) -> Vec<(String, AnswerError)> {
        form.questions
            .iter()
            .filter_map(|q| validate(q, self.answer(&q.id)).err().map(|e| (q.id.clone(), e)))
            .collect()
    }
}
