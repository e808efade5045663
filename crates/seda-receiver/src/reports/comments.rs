//! The comments of a form's responses: every non-empty answer to a `text` question
//! (for a form not known here, every string answer), newest first, with the
//! response's score, searched with letters and digits folded.

use serde_json::{json, Value};

use super::fold::fold;
use super::query::Filter;
use super::survey::{score, Row, Scales};
use crate::engine::{nps_category, KnownForm};
use crate::routes::rfc3339;

/// What the comments are asked for, besides the rows.
#[derive(Clone, Debug, Default)]
pub struct CommentQuery {
    pub q: Option<String>,
    pub category: Option<String>,
    pub score_min: Option<i64>,
    pub score_max: Option<i64>,
    pub filters: Vec<Filter>,
    pub limit: usize,
    pub offset: usize,
}

/// The categories `category=` takes.
pub const CATEGORIES: [&str; 3] = ["promoter", "passive", "detractor"];

/// `{"total", "comments": [...]}` of `rows` (newest first).
pub fn comments(form: Option<&KnownForm>, rows: &[Row], q: &CommentQuery) -> Value {
    let (text_keys, scales) = match form {
        Some(f) => {
            let questions = f.questions();
            (Some(questions.iter().filter(|q| q.kind == "text").map(|q| q.id.clone()).collect::<Vec<_>>()), Scales::of(&questions))
        }
        None => (None, Scales::guess(rows)),
    };
    let needle = q.q.as_deref().map(fold);
    let mut total = 0;
    let mut page = Vec::new();
    for r in rows.iter().filter(|r| q.filters.iter().all(|f| f.holds(&r.payload))) {
        let p = &r.payload;
        // The response's score: its NPS answer, else its CSAT or CES rating.
        let nps = scales.nps.as_deref().and_then(|k| score(p, k));
        let score = nps.or_else(|| [&scales.csat, &scales.ces].into_iter().find_map(|k| score(p, k.as_deref()?)));
        let sent = p["nps_category"].as_str().and_then(|c| CATEGORIES.iter().find(|x| **x == c).copied());
        let category = nps.map(nps_category).or(sent);
        if q.category.as_deref().is_some_and(|c| category != Some(c))
            || q.score_min.is_some_and(|min| score.is_none_or(|s| s < min))
            || q.score_max.is_some_and(|max| score.is_none_or(|s| s > max))
        {
            continue;
        }
        let answers = p["answers"].as_object();
        let texts: Vec<(&str, &str)> = match &text_keys {
            Some(keys) => keys.iter().filter_map(|k| Some((k.as_str(), p["answers"][k].as_str()?))).collect(),
            None => answers.into_iter().flatten().filter(|(k, _)| Some(k.as_str()) != scales.nps.as_deref()).filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect(),
        };
        for (question, text) in texts.into_iter().filter(|(_, t)| !t.trim().is_empty()) {
            if needle.as_deref().is_some_and(|n| !fold(text).contains(n)) {
                continue;
            }
            total += 1;
            if total > q.offset && page.len() < q.limit {
                page.push(json!({
                    "response_id": r.id, "received_at": rfc3339(r.received_at), "score": score, "category": category,
                    "question": question, "text": text, "language": p["meta"]["locale"], "page_url": p["meta"]["page_url"],
                    "hidden": p.get("hidden").cloned().unwrap_or_else(|| json!({})),
                }));
            }
        }
    }
    json!({"total": total, "comments": page})
}
