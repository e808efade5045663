//! The check of `show_if` and `required_if`: each condition looks only at what was
//! asked before, and each value it tests can be an answer of its question.

use super::*;

impl Checker<'_> {
    /// Checks a condition that may only look at the first `before` questions (those
    /// asked earlier), so the logic can never go round in a circle.
    pub(super) fn condition(&mut self, at: &str, condition: &Condition, before: usize) {
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
