//! A question: the fields every question has, and for each type the fields of its
//! own, declared once (see [`crate::spec`]). Adding a field to a type is one line in
//! that type's `spec!` block; the reader, the semantic check's "not used by" error
//! and the JSON Schema follow from it (`SEDA_WRITE_SCHEMA=1 cargo test -p seda-core
//! --test core_schema` rewrites schema/form.schema.json), and tests/core_declaration.rs
//! checks them, and the first screen's JavaScript copy, against the declaration.

use super::decode::Decoder;
use super::json::Value;
use super::limits::{MAX_ATTACHMENT_BYTES, MAX_FILES};
use super::logic::{self, Condition};
use super::names::Named;
use super::num::Num;
use super::spec::{FieldValue, Shape};
use super::text::Text;

mod read;

pub use read::read;

/// One question. What only some types have is in [`QuestionKind`].
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable id: the key of this question's answer in the response.
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub required: bool,
    /// Required only while this holds (an email when the visitor asked to be emailed).
    pub required_if: Option<Condition>,
    /// The question is shown (and its answer kept) only when this holds.
    pub show_if: Option<Condition>,
    /// The type, with the fields of its own.
    pub kind: QuestionKind,
    /// Fields of other types given a value here (`"scale"` on an `nps` question),
    /// in the order given; the semantic check names each.
    pub misplaced: Vec<&'static str>,
    /// Where the question is in the definition (`questions[2]`), for error messages.
    pub path: String,
}

/// The fields every question has.
pub const COMMON_FIELDS: &[&str] = &["id", "type", "title", "description", "show_if"];
/// The fields of every question that takes an answer (all but a statement).
pub const ANSWER_FIELDS: &[&str] = &["required", "required_if"];

kinds! {
    pub enum QuestionType;
    /// A question's type and the fields of its own.
    pub enum QuestionKind {
        /// Net Promoter Score: 0-10.
        Nps = "nps" (NpsSpec),
        /// A numeric scale such as CSAT 1-5 or CES 1-7.
        Rating = "rating" (RatingSpec),
        /// Single or multiple choice, as radio buttons or checkboxes.
        Choice = "choice" (ChoiceSpec),
        /// Single choice from a drop-down list.
        Dropdown = "dropdown" (DropdownSpec),
        YesNo = "yes_no",
        Text = "text" (TextSpec),
        Email = "email" (EmailSpec),
        Phone = "phone" (PhoneSpec),
        Number = "number" (NumberSpec),
        /// A calendar date, `YYYY-MM-DD`.
        Date = "date" (DateSpec),
        /// A checkbox the visitor must tick; its exact text is stored as the answer.
        Consent = "consent",
        /// Information only: no answer.
        Statement = "statement",
        /// Several statements (rows) rated on one shared scale (columns).
        Matrix = "matrix" (MatrixSpec),
        /// A local date and time, `YYYY-MM-DDTHH:MM`, starting at now.
        Datetime = "datetime",
        /// Photos (downscaled in the browser) and documents.
        Attachments = "attachments" (AttachmentsSpec),
    }
}

spec! {
    /// The fields of an `nps` question.
    pub struct NpsSpec {
        /// The words under the two ends of the scale.
        labels: Option<EndLabels>,
    }
}

spec! {
    /// The fields of a `rating` question.
    pub struct RatingSpec {
        /// The lowest and highest points of the scale, e.g. {"min": 1, "max": 5}.
        scale: Option<Scale>,
        /// How the scale is drawn: numbers (the default), stars or smileys.
        display: Display,
        /// The words under the two ends of the scale.
        labels: Option<EndLabels>,
    }
}

spec! {
    /// The fields of a `choice` question.
    pub struct ChoiceSpec {
        /// The options, in order, each with a stable id and a label.
        choices: Vec<Choice>,
        /// Several options may be picked.
        multiple: bool,
        /// An "Other" option with a text box (true, or the option's label).
        other: Option<Option<Text>>,
        /// Show the options in a random order per response (an "Other" option stays last).
        shuffle: bool,
    }
}

spec! {
    /// The fields of a `dropdown` question.
    pub struct DropdownSpec {
        /// The options, in order, each with a stable id and a label.
        choices: Vec<Choice>,
        /// An "Other" option with a text box (true, or the option's label).
        other: Option<Option<Text>>,
        /// A hint shown before anything is picked.
        placeholder: Option<Text>,
        /// The hidden field whose value the answer starts with.
        prefill: Option<String>,
    }
}

spec! {
    /// The fields of a `text` question.
    pub struct TextSpec {
        /// A multi-line box instead of one line.
        multiline: bool,
        /// The fewest characters accepted.
        min_length: Option<u32>,
        /// The most characters accepted.
        max_length: Option<u32>,
        /// A hint shown in the empty field.
        placeholder: Option<Text>,
        /// The hidden field whose value the answer starts with (an order number the page knows).
        prefill: Option<String>,
    }
}

spec! {
    /// The fields of an `email` question.
    pub struct EmailSpec {
        /// The most characters accepted.
        max_length: Option<u32>,
        /// A hint shown in the empty field.
        placeholder: Option<Text>,
        /// The hidden field whose value the answer starts with.
        prefill: Option<String>,
    }
}

spec! {
    /// The fields of a `phone` question.
    pub struct PhoneSpec {
        /// The most characters accepted.
        max_length: Option<u32>,
        /// A hint shown in the empty field.
        placeholder: Option<Text>,
        /// The hidden field whose value the answer starts with.
        prefill: Option<String>,
    }
}

spec! {
    /// The fields of a `number` question.
    pub struct NumberSpec {
        /// The smallest value accepted.
        min: Option<Num>,
        /// The largest value accepted.
        max: Option<Num>,
        /// Decimal places accepted (0, the default, for whole numbers).
        decimals: u32,
        /// A hint shown in the empty field.
        placeholder: Option<Text>,
        /// The hidden field whose value the answer starts with.
        prefill: Option<String>,
    }
}

spec! {
    /// The fields of a `date` question.
    pub struct DateSpec {
        /// The earliest date accepted: YYYY-MM-DD or "today".
        earliest: Option<String>,
        /// The latest date accepted: YYYY-MM-DD or "today".
        latest: Option<String>,
    }
}

spec! {
    /// The fields of a `matrix` question.
    pub struct MatrixSpec {
        /// The statements rated, each with a stable id and a label.
        rows: Vec<Choice>,
        /// The scale every row is answered on.
        columns: Vec<Choice>,
    }
}

spec! {
    /// The fields of an `attachments` question.
    pub struct AttachmentsSpec {
        /// The most files (default 5, at most 10).
        max_files: Option<u32> as Shape::Count { min: 1, max: Some(MAX_FILES) },
        /// The most bytes of all files together, after pictures are downscaled (default 5 MiB, at most 10 MiB).
        max_bytes: Option<u32> as Shape::Count { min: 1, max: Some(MAX_ATTACHMENT_BYTES) },
        /// The MIME types taken (image/* for any picture); default pictures and PDF.
        accept: Option<Vec<String>>,
    }
}

named_enum! {
    /// How a rating scale is drawn.
    #[derive(Default)]
    pub enum Display {
        #[default]
        Numbers = "numbers",
        Stars = "stars",
        Smileys = "smileys",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

/// The scale every `nps` question has.
pub const NPS_SCALE: Scale = Scale { min: 0, max: 10 };

#[derive(Clone, Debug, PartialEq)]
pub struct EndLabels {
    pub min: Text,
    pub max: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Stable id: what the response carries when this option is picked.
    pub id: String,
    pub label: Text,
}

/// The choice id an "Other" option has.
pub const OTHER: &str = "other";

/// What [`other_key`] appends to the question's id.
pub const OTHER_SUFFIX: &str = ".other";

/// The answer key of the text typed into a choice question's "Other" box.
pub fn other_key(question_id: &str) -> String {
    format!("{question_id}{OTHER_SUFFIX}")
}

impl QuestionType {
    /// Whether answers are numbers (for `less_than` and friends in conditions).
    pub fn is_numeric(self) -> bool {
        matches!(self, QuestionType::Nps | QuestionType::Rating | QuestionType::Number)
    }

    /// Whether the visitor gives this type an answer (a statement takes none).
    pub fn takes_answer(self) -> bool {
        self != QuestionType::Statement
    }

    /// Every field a question of this type may have.
    pub fn fields(self) -> Vec<&'static str> {
        let answer = if self.takes_answer() { ANSWER_FIELDS } else { &[] };
        [COMMON_FIELDS, answer, QuestionKind::fields(self)].concat()
    }
}

/// Every field of any question type, each once.
pub fn all_fields() -> Vec<&'static str> {
    let mut all = [COMMON_FIELDS, ANSWER_FIELDS].concat();
    for t in QuestionType::ALL {
        for f in QuestionKind::fields(*t) {
            if !all.contains(f) {
                all.push(f);
            }
        }
    }
    all
}

impl Question {
    pub fn question_type(&self) -> QuestionType {
        self.kind.type_of()
    }

    /// Whether the visitor gives this question an answer (a statement takes none).
    pub fn takes_answer(&self) -> bool {
        self.question_type().takes_answer()
    }

    /// The scale a scale question is drawn with: 0-10 for NPS, the given one for a rating.
    pub fn scale(&self) -> Option<Scale> {
        match &self.kind {
            QuestionKind::Nps(_) => Some(NPS_SCALE),
            QuestionKind::Rating(r) => r.scale,
            _ => None,
        }
    }

    /// The words under the ends of a scale (`nps`, `rating`).
    pub fn labels(&self) -> Option<&EndLabels> {
        match &self.kind {
            QuestionKind::Nps(s) => s.labels.as_ref(),
            QuestionKind::Rating(s) => s.labels.as_ref(),
            _ => None,
        }
    }

    /// The options of a `choice` or `dropdown` question.
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            QuestionKind::Choice(s) => &s.choices,
            QuestionKind::Dropdown(s) => &s.choices,
            _ => &[],
        }
    }

    /// A `choice` or `dropdown` question's "Other" option: `Some(label)` when it has
    /// one (`Some(None)`: the widget's own label).
    pub fn other(&self) -> Option<Option<&Text>> {
        let other = match &self.kind {
            QuestionKind::Choice(s) => &s.other,
            QuestionKind::Dropdown(s) => &s.other,
            _ => &None,
        };
        other.as_ref().map(Option::as_ref)
    }

    /// A `choice` question whose visitor may pick several.
    pub fn multiple(&self) -> bool {
        matches!(&self.kind, QuestionKind::Choice(s) if s.multiple)
    }

    /// The hint in an empty field (`text`, `email`, `phone`, `number`, `dropdown`).
    pub fn placeholder(&self) -> Option<&Text> {
        match &self.kind {
            QuestionKind::Text(s) => s.placeholder.as_ref(),
            QuestionKind::Email(s) => s.placeholder.as_ref(),
            QuestionKind::Phone(s) => s.placeholder.as_ref(),
            QuestionKind::Number(s) => s.placeholder.as_ref(),
            QuestionKind::Dropdown(s) => s.placeholder.as_ref(),
            _ => None,
        }
    }

    /// The hidden field the answer starts with (`text`, `email`, `phone`, `number`, `dropdown`).
    pub fn prefill(&self) -> Option<&str> {
        match &self.kind {
            QuestionKind::Text(s) => s.prefill.as_deref(),
            QuestionKind::Email(s) => s.prefill.as_deref(),
            QuestionKind::Phone(s) => s.prefill.as_deref(),
            QuestionKind::Number(s) => s.prefill.as_deref(),
            QuestionKind::Dropdown(s) => s.prefill.as_deref(),
            _ => None,
        }
    }

    /// The most characters a `text`, `email` or `phone` question says it takes.
    pub fn max_length(&self) -> Option<u32> {
        match &self.kind {
            QuestionKind::Text(s) => s.max_length,
            QuestionKind::Email(s) => s.max_length,
            QuestionKind::Phone(s) => s.max_length,
            _ => None,
        }
    }

    /// A `text` question drawn as a multi-line box.
    pub fn multiline(&self) -> bool {
        matches!(&self.kind, QuestionKind::Text(s) if s.multiline)
    }
}
