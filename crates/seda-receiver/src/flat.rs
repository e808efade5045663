//! Rebuilds the JSON payload from the flat form format (`data-endpoint-format="form"`):
//! `id`, `form_id`, `form_version`, `kind`, `reference`, `nps_category`, `meta.<k>`,
//! `hidden.<id>`, and `answers.<question id>` (a multiple choice repeats its key, a
//! matrix sends `answers.<id>.<row>`, an "Other" text `answers.<id>.other`, a file
//! `answers.<id>.<n>.name|type|size|data`).
//!
//! Every value arrives as text. When the form is known, each answer takes the JSON
//! type its question gives it (a number for an NPS score, a list for a multiple
//! choice even with one pick); otherwise a repeated key becomes a list and every
//! other value stays a string.

use serde_json::{Map, Number, Value};

use crate::engine::Shape;

/// Why a flat body cannot be rebuilt: (JSON path, message).
pub type FlatError = (String, String);

/// An answer's values in order, each with the sub-key after its id (`row`, `0.name`).
type Values = Vec<(Option<String>, String)>;

/// The payload for `pairs`; `shape` tells how the known form writes an answer.
pub fn rebuild(pairs: &[(String, String)], shape: &dyn Fn(&str) -> Option<Shape>) -> Result<Value, FlatError> {
    let mut top = Map::new();
    let mut meta = Map::new();
    let mut hidden = Map::new();
    // Answers keep the order of their first key.
    let mut answers: Vec<(String, Values)> = Vec::new();
    for (key, value) in pairs {
        let single = |map: &mut Map<String, Value>, k: &str, v: Value| match map.insert(k.to_owned(), v) {
            Some(_) => Err((key.clone(), "given more than once".to_owned())),
            None => Ok(()),
        };
        match key.as_str() {
            "id" | "form_id" | "kind" | "reference" | "nps_category" => single(&mut top, key, Value::String(value.clone()))?,
            "form_version" => {
                let v = value.parse::<i64>().map_or_else(|_| Value::String(value.clone()), Value::from);
                single(&mut top, key, v)?
            }
            _ => {
                if let Some(k) = key.strip_prefix("meta.") {
                    single(&mut meta, k, Value::String(value.clone()))?;
                } else if let Some(k) = key.strip_prefix("hidden.") {
                    single(&mut hidden, k, Value::String(value.clone()))?;
                } else if let Some(rest) = key.strip_prefix("answers.").filter(|r| !r.is_empty()) {
                    let (id, sub) = split_answer_key(rest, shape);
                    match answers.iter_mut().find(|(k, _)| *k == id) {
                        Some((_, values)) => values.push((sub, value.clone())),
                        None => answers.push((id, vec![(sub, value.clone())])),
                    }
                } else {
                    return Err((key.clone(), "not a field of the flat response format".to_owned()));
                }
            }
        }
    }
    let mut out = Map::new();
    for (k, v) in top {
        out.insert(k, v);
    }
    let mut answer_map = Map::new();
    for (id, values) in answers {
        let value = answer(&id, values, shape(&id))?;
        answer_map.insert(id, value);
    }
    out.insert("answers".into(), Value::Object(answer_map));
    if !hidden.is_empty() {
        out.insert("hidden".into(), Value::Object(hidden));
    }
    if !meta.is_empty() {
        out.insert("meta".into(), Value::Object(meta));
    }
    Ok(Value::Object(out))
}

/// `recommend` → (`recommend`, None); `grid.speed` → (`grid`, Some(`speed`));
/// `location.other` → (`location.other`, None) unless `location` is a matrix.
fn split_answer_key(rest: &str, shape: &dyn Fn(&str) -> Option<Shape>) -> (String, Option<String>) {
    if shape(rest).is_some() {
        return (rest.to_owned(), None);
    }
    match rest.split_once('.') {
        Some((id, "other")) if shape(id) != Some(Shape::Rows) => (rest.to_owned(), None),
        Some((id, sub)) => (id.to_owned(), Some(sub.to_owned())),
        None => (rest.to_owned(), None),
    }
}

fn answer(id: &str, values: Values, shape: Option<Shape>) -> Result<Value, FlatError> {
    let path = format!("answers.{id}");
    let subkeyed = values.iter().all(|(sub, _)| sub.is_some());
    if values.iter().any(|(sub, _)| sub.is_some()) && !subkeyed {
        return Err((path, "given both as a value and with sub-keys".into()));
    }
    if subkeyed {
        let looks_like_files = values.iter().all(|(sub, _)| file_field(sub.as_deref().unwrap_or_default()).is_some());
        return if shape == Some(Shape::Files) || (shape.is_none() && looks_like_files) {
            files(&path, values)
        } else {
            let mut rows = Map::new();
            for (sub, v) in values {
                let row = sub.unwrap_or_default();
                if rows.insert(row.clone(), Value::String(v)).is_some() {
                    return Err((format!("{path}.{row}"), "given more than once".into()));
                }
            }
            Ok(Value::Object(rows))
        };
    }
    let mut texts: Vec<String> = values.into_iter().map(|(_, v)| v).collect();
    let many = |texts: Vec<String>| Value::Array(texts.into_iter().map(Value::String).collect());
    Ok(match shape {
        Some(Shape::Choices) => many(texts),
        _ if texts.len() > 1 => many(texts),
        Some(Shape::Integer) => typed(texts.remove(0), |t| t.parse::<i64>().ok().map(Value::from)),
        Some(Shape::Decimal) => typed(texts.remove(0), |t| {
            if t == "n/a" {
                return None;
            }
            serde_json::from_str::<Number>(t).ok().map(Value::Number)
        }),
        Some(Shape::Bool) => typed(texts.remove(0), |t| match t {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        }),
        _ => Value::String(texts.remove(0)),
    })
}

/// The text as the JSON type `read` gives it, or the text itself when it does not
/// read (verification then reports the answer's type).
fn typed(text: String, read: impl Fn(&str) -> Option<Value>) -> Value {
    read(&text).unwrap_or(Value::String(text))
}

/// `0.name` → (0, "name").
fn file_field(sub: &str) -> Option<(usize, &str)> {
    let (n, field) = sub.split_once('.')?;
    let n = n.parse::<usize>().ok().filter(|n| *n < 100)?;
    matches!(field, "name" | "type" | "size" | "data").then_some((n, field))
}

fn files(path: &str, values: Values) -> Result<Value, FlatError> {
    let mut list: Vec<Map<String, Value>> = Vec::new();
    for (sub, v) in values {
        let sub = sub.unwrap_or_default();
        let (n, field) = file_field(&sub).ok_or_else(|| (format!("{path}.{sub}"), "not a file field (<n>.name, .type, .size or .data)".to_owned()))?;
        if n > list.len() {
            return Err((format!("{path}.{sub}"), "files must be numbered from 0 in order".into()));
        }
        if n == list.len() {
            list.push(Map::new());
        }
        let value = match field {
            "size" => typed(v, |t| t.parse::<u64>().ok().map(Value::from)),
            _ => Value::String(v),
        };
        if list[n].insert(field.to_owned(), value).is_some() {
            return Err((format!("{path}.{sub}"), "given more than once".into()));
        }
    }
    Ok(Value::Array(list.into_iter().map(Value::Object).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn unknown_form_keeps_strings_and_lists_repeats() {
        let p = pairs(&[
            ("id", "r1"),
            ("form_id", "f"),
            ("form_version", "2"),
            ("answers.score", "9"),
            ("answers.topics", "a"),
            ("answers.topics", "b"),
            ("answers.grid.speed", "good"),
            ("answers.where.other", "kiosk"),
            ("answers.photos.0.name", "a.jpg"),
            ("answers.photos.0.size", "3"),
            ("meta.locale", "en"),
            ("hidden.store", "north"),
        ]);
        let v = rebuild(&p, &|_| None).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "id": "r1", "form_id": "f", "form_version": 2,
                "answers": {"score": "9", "topics": ["a", "b"], "grid": {"speed": "good"}, "where.other": "kiosk",
                            "photos": [{"name": "a.jpg", "size": 3}]},
                "hidden": {"store": "north"}, "meta": {"locale": "en"}
            })
        );
    }

    #[test]
    fn known_shapes_type_the_answers() {
        let shape = |k: &str| match k {
            "score" => Some(Shape::Integer),
            "topics" => Some(Shape::Choices),
            "ok" => Some(Shape::Bool),
            "wait" => Some(Shape::Decimal),
            _ => None,
        };
        let p = pairs(&[("answers.score", "9"), ("answers.topics", "a"), ("answers.ok", "true"), ("answers.wait", "12.5")]);
        let v = rebuild(&p, &shape).unwrap();
        assert_eq!(v["answers"], serde_json::json!({"score": 9, "topics": ["a"], "ok": true, "wait": 12.5}));
    }

    #[test]
    fn strays_and_repeats_are_named() {
        assert_eq!(rebuild(&pairs(&[("colour", "red")]), &|_| None).unwrap_err().0, "colour");
        assert_eq!(rebuild(&pairs(&[("id", "a"), ("id", "b")]), &|_| None).unwrap_err().0, "id");
        assert_eq!(rebuild(&pairs(&[("answers.x", "1"), ("answers.x.y", "2")]), &|_| None).unwrap_err().0, "answers.x");
    }
}
