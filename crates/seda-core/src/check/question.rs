//! The check of each question, by its type's own fields.

use super::*;

impl Checker<'_> {
    pub(super) fn question(&mut self, index: usize, q: &Question) {
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
}
