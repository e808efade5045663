//! Checking a checklist response: its answers read into a visit, and its figures
//! scored again here and compared with the ones the phone sent.

use seda_core::checklist::Checklist;
use seda_core::json::Value as CoreValue;
use seda_core::num::Num;
use seda_core::score::{self, Problem};
use seda_core::visit::{Entry, Mark, Photo, Visit};
use serde_json::Value;

use super::{from_core, Figures, Verification};
use crate::error::PathProblem;

/// The visit a checklist response records: each answer its item takes, with the
/// phone's evidence (comment, photos, time); a problem for each answer that does not fit.
pub(super) fn visit_of(c: &Checklist, members: &[(String, CoreValue)], sent_items: Option<&Value>) -> (Visit, Vec<PathProblem>) {
    let mut visit = Visit::default();
    let mut problems = Vec::new();
    for (key, value) in members {
        let path = format!("answers.{key}");
        let Some(item) = c.item(key) else {
            problems.push(PathProblem { path, message: format!("the checklist has no item \"{key}\"") });
            continue;
        };
        match Mark::from_value(item, value) {
            None => problems.push(PathProblem { path, message: "not an answer this item takes".into() }),
            Some(mark) => {
                let evidence = sent_items.and_then(|items| items.get(key));
                let text = |k: &str| evidence.and_then(|e| e.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
                // Several photos as `photos: [{data, at}]`, or one as `photo`: either is evidence.
                let listed = evidence.and_then(|e| e.get("photos")).and_then(Value::as_array).into_iter().flatten();
                let mut photos: Vec<Photo> = listed
                    .filter_map(|p| Some(Photo { data: p.get("data")?.as_str()?.to_owned(), at: p.get("at").and_then(Value::as_str).unwrap_or_default().to_owned() }))
                    .collect();
                if photos.is_empty() && !text("photo").is_empty() {
                    photos.push(Photo { data: text("photo"), at: text("at") });
                }
                visit.entries.insert(key.as_str(), Entry { mark: Some(mark), comment: text("comment"), photos, at: text("at") });
            }
        }
    }
    (visit, problems)
}

pub(super) fn verify_checklist(c: &Checklist, members: &[(String, CoreValue)], sent: Option<&Value>, v: &mut Verification) {
    let sent_items = sent.and_then(|s| s.get("items"));
    let (visit, problems) = visit_of(c, members, sent_items);
    v.problems.extend(problems);
    let card = score::score(c, &visit);
    let items: Vec<_> = c.items().collect();
    for (_, i, p) in score::problems(c, &visit, &card) {
        let message = match p {
            Problem::Unanswered => "a required item has no answer".to_owned(),
            Problem::PhotoMissing => "the item needs a photo".to_owned(),
            Problem::CommentMissing { min } => format!("the item needs a comment of at least {min} characters"),
        };
        v.problems.push(PathProblem { path: format!("answers.{}", items[i].id), message });
    }
    let recomputed = from_core(&score::payload(c, &visit, &card));
    let mut matches = true;
    let mut mismatch = |v: &mut Verification, path: String, sent: Option<&Value>, ours: &Value| {
        if !same_figure(sent, ours) {
            matches = false;
            let sent = sent.map_or_else(|| "nothing".to_owned(), Value::to_string);
            v.problems.push(PathProblem { path, message: format!("sent {sent}, scored {ours} here") });
        }
    };
    for key in ["outcome", "pass", "band", "score", "earned", "possible", "method"] {
        mismatch(v, format!("checklist.{key}"), sent.and_then(|s| s.get(key)), &recomputed[key]);
    }
    let sent_sections = sent.and_then(|s| s.get("sections")).and_then(Value::as_array);
    for (i, ours) in recomputed["sections"].as_array().into_iter().flatten().enumerate() {
        let theirs = sent_sections.and_then(|s| s.iter().find(|x| x.get("id") == ours.get("id")));
        for key in ["earned", "possible", "score", "failed", "critical_failed"] {
            mismatch(v, format!("checklist.sections[{i}].{key}"), theirs.and_then(|t| t.get(key)), &ours[key]);
        }
    }
    if let Some(ours) = recomputed["items"].as_object() {
        for (id, item) in ours {
            for key in ["credit", "earned", "possible", "failed"] {
                let theirs = sent_items.and_then(|s| s.get(id)).and_then(|t| t.get(key));
                mismatch(v, format!("checklist.items.{id}.{key}"), theirs, &item[key]);
            }
        }
    }
    let mut figures = recomputed;
    if let Some(m) = figures.as_object_mut() {
        m.retain(|k, _| !matches!(k.as_str(), "items" | "visit"));
    }
    v.figures = Some(Figures { matches, recomputed: figures });
}

/// Figures compare as exact decimals (`80.5` is `80.50`); a missing one equals null.
fn same_figure(sent: Option<&Value>, ours: &Value) -> bool {
    match (sent.unwrap_or(&Value::Null), ours) {
        (Value::Number(a), Value::Number(b)) => {
            matches!((Num::parse(&a.to_string()), Num::parse(&b.to_string())), (Some(x), Some(y)) if x == y)
        }
        (a, b) => a == b,
    }
}
