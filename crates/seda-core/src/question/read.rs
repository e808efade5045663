//! The question's reader: one question object, and each field's value, into a
//! [`Question`], every problem by its JSON path.

use super::*;

/// Reads one question; every problem goes to `d` with its path.
pub fn read(d: &mut Decoder, at: &str, v: &Value) -> Option<Question> {
    let m = d.members(at, v, &all_fields())?;
    let id = d.req(&m, "id", Decoder::string);
    let kind = d.req(&m, "type", Decoder::named::<QuestionType>);
    let title = d.req(&m, "title", Decoder::text);
    let description = d.opt(&m, "description", Decoder::text);
    let required = d.opt(&m, "required", Decoder::bool);
    let show_if = d.opt(&m, "show_if", logic::read);
    let required_if = d.opt(&m, "required_if", logic::read);
    let t = kind?;
    let own = QuestionKind::read(t, d, &m);
    let mut others = QuestionKind::misplaced(t, d, &m);
    let (required, required_if) = (required.ok()?.unwrap_or_default(), required_if.ok()?);
    if let (false, Some(others)) = (t.takes_answer(), &mut others) {
        // A statement takes no answer, so nothing can require one (named first, in this order).
        if required_if.is_some() {
            others.insert(0, "required_if");
        }
        if required {
            others.insert(0, "required");
        }
    }
    Some(Question {
        id: id?,
        title: title?,
        description: description.ok()?,
        required,
        required_if,
        show_if: show_if.ok()?,
        kind: own?,
        misplaced: others?,
        path: at.to_owned(),
    })
}

impl FieldValue for Option<Scale> {
    const SHAPE: Shape = Shape::Scale;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        let m = d.members(path, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::int);
        let max = d.req(&m, "max", Decoder::int);
        Some(Some(Scale { min: min?, max: max? }))
    }
}

impl FieldValue for Option<EndLabels> {
    const SHAPE: Shape = Shape::EndLabels;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        let m = d.members(path, v, &["min", "max"])?;
        let min = d.req(&m, "min", Decoder::text);
        let max = d.req(&m, "max", Decoder::text);
        Some(Some(EndLabels { min: min?, max: max? }))
    }
}

impl FieldValue for Vec<Choice> {
    const SHAPE: Shape = Shape::Choices;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.each(path, v, |d, p, v| {
            let m = d.members(p, v, &["id", "label"])?;
            let id = d.req(&m, "id", Decoder::string);
            let label = d.req(&m, "label", Decoder::text);
            Some(Choice { id: id?, label: label? })
        })
    }
}

impl FieldValue for Display {
    const SHAPE: Shape = Shape::Names(Display::NAMES);
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.named(path, v)
    }
}

/// An "Other" option: `None` without one, `Some(None)` with the widget's own label.
impl FieldValue for Option<Option<Text>> {
    const SHAPE: Shape = Shape::TrueOrText;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        match v {
            Value::Bool(true) => Some(Some(None)),
            Value::Bool(false) => Some(None),
            _ => d.text(path, v).map(|t| Some(Some(t))),
        }
    }
}
