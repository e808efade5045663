//! A survey's report: its NPS, CSAT and CES with their distributions, a trend by
//! period and a breakdown by one dimension, over the responses that pass the filters.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{json, Value};

use crate::period::Period;
use super::query::{Dimension, Filter};
use super::stats::{ces_mean, csat, nps, round1, Tally};
use crate::engine::{nps_category, KnownForm, QuestionOutline};

/// A stored response as the reports read it.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub received_at: i64,
    pub payload: Value,
}

/// Which answers the three metrics read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scales {
    pub nps: Option<String>,
    /// A 1-5 rating.
    pub csat: Option<String>,
    /// A 1-7 rating.
    pub ces: Option<String>,
}

impl Scales {
    /// The form's first `nps` question, its first 1-5 rating and its first 1-7 rating.
    pub fn of(questions: &[QuestionOutline]) -> Scales {
        let first = |kind: &str, scale: (i64, i64)| questions.iter().find(|q| q.kind == kind && q.scale == Some(scale)).map(|q| q.id.clone());
        Scales { nps: first("nps", (0, 10)), csat: first("rating", (1, 5)), ces: first("rating", (1, 7)) }
    }

    /// For a form not known here, the NPS answer is the key whose 0-10 value agrees
    /// with `nps_category` in every response that sends one (the first such key by
    /// name); CSAT and CES cannot be told.
    pub fn guess(rows: &[Row]) -> Scales {
        let categorised: Vec<(&Value, &str)> = rows.iter().filter_map(|r| Some((&r.payload, r.payload["nps_category"].as_str()?))).collect();
        let keys: BTreeSet<&String> = categorised.iter().filter_map(|(p, _)| p["answers"].as_object()).flat_map(|a| a.keys()).collect();
        let agrees = |key: &str| {
            categorised.iter().all(|(p, category)| score(p, key).is_some_and(|s| (0..=10).contains(&s) && nps_category(s) == *category))
        };
        let nps = if categorised.is_empty() { None } else { keys.into_iter().find(|k| agrees(k)).cloned() };
        Scales { nps, ..Scales::default() }
    }
}

/// The whole-number answer to `key`: a number, or a string of one (a flat post to a
/// form not known here).
pub fn score(payload: &Value, key: &str) -> Option<i64> {
    match &payload["answers"][key] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The tallies of some responses.
struct Group {
    responses: u64,
    nps: Tally,
    csat: Tally,
    ces: Tally,
}

impl Group {
    fn new() -> Group {
        Group { responses: 0, nps: Tally::nps(), csat: Tally::new(1, 5), ces: Tally::new(1, 7) }
    }

    fn add(&mut self, scales: &Scales, payload: &Value) {
        self.responses += 1;
        for (key, tally) in [(&scales.nps, &mut self.nps), (&scales.csat, &mut self.csat), (&scales.ces, &mut self.ces)] {
            if let Some(s) = key.as_deref().and_then(|k| score(payload, k)) {
                tally.add(s);
            }
        }
    }

    /// `{"responses", "nps", "csat", "ces"}` with each figure rounded, null without answers.
    fn figures(&self) -> Value {
        json!({
            "responses": self.responses,
            "nps": nps(&self.nps).map(|n| round1(n.score)),
            "csat": csat(&self.csat).map(|c| round1(c.percent)),
            "ces": ces_mean(&self.ces).map(round1),
        })
    }
}

/// What a survey report is asked for, besides the rows.
#[derive(Clone, Debug)]
pub struct SurveyQuery {
    pub version: Option<i64>,
    pub period: Period,
    pub by: Option<Dimension>,
    pub filters: Vec<Filter>,
}

/// The report of `rows` (the form's responses in the window, any order) as the route
/// answers it; `form` is the form's definition when it is known here.
pub fn report(form_id: &str, form: Option<&KnownForm>, rows: &[Row], q: &SurveyQuery) -> Value {
    let questions = form.map(KnownForm::questions).unwrap_or_default();
    let scales = match form {
        Some(_) => Scales::of(&questions),
        None => Scales::guess(rows),
    };
    let kept: Vec<&Row> = rows.iter().filter(|r| q.filters.iter().all(|f| f.holds(&r.payload))).collect();
    let mut all = Group::new();
    let mut trend: BTreeMap<_, Group> = BTreeMap::new();
    let mut breakdown: HashMap<Option<String>, Group> = HashMap::new();
    for r in &kept {
        all.add(&scales, &r.payload);
        trend.entry(q.period.bucket(r.received_at)).or_insert_with(Group::new).add(&scales, &r.payload);
        if let Some(by) = &q.by {
            breakdown.entry(by.value_of(&r.payload)).or_insert_with(Group::new).add(&scales, &r.payload);
        }
    }
    let trend: Vec<Value> = trend
        .into_iter()
        .map(|(b, g)| {
            let mut v = g.figures();
            v["start"] = b.first_day().into();
            v["period"] = b.label.into();
            v
        })
        .collect();
    let breakdown = q.by.as_ref().map(|by| {
        let mut rows: Vec<(Option<String>, Group)> = breakdown.into_iter().collect();
        // The largest groups first; equal sizes by key, the responses without a value last.
        rows.sort_by(|(ka, a), (kb, b)| b.responses.cmp(&a.responses).then_with(|| ka.is_none().cmp(&kb.is_none())).then_with(|| ka.cmp(kb)));
        let rows: Vec<Value> = rows
            .into_iter()
            .map(|(key, g)| {
                let mut v = g.figures();
                v["key"] = key.into();
                v
            })
            .collect();
        json!({"by": by.name(), "rows": rows})
    });
    json!({
        "form_id": form_id,
        "version": q.version,
        "responses": kept.len(),
        "questions": questions.iter().map(QuestionOutline::to_json).collect::<Vec<_>>(),
        "metrics": metrics(&scales, &all),
        "trend": trend,
        "breakdown": breakdown,
        "dimensions": dimensions(form, rows),
    })
}

fn metrics(scales: &Scales, all: &Group) -> Value {
    let distribution = |t: &Tally| t.distribution().map(|(value, count)| json!({"value": value, "count": count})).collect::<Vec<_>>();
    let nps = nps(&all.nps).map(|n| {
        json!({"question": scales.nps, "n": n.n, "promoters": n.promoters, "passives": n.passives, "detractors": n.detractors,
               "score": round1(n.score), "ci_low": round1(n.ci_low), "ci_high": round1(n.ci_high), "distribution": distribution(&all.nps)})
    });
    let csat = csat(&all.csat).map(|c| {
        json!({"question": scales.csat, "n": c.n, "satisfied": c.satisfied, "percent": round1(c.percent), "distribution": distribution(&all.csat)})
    });
    let ces = ces_mean(&all.ces)
        .map(|mean| json!({"question": scales.ces, "n": all.ces.n(), "mean": round1(mean), "distribution": distribution(&all.ces)}));
    json!({"nps": nps, "csat": csat, "ces": ces})
}

/// The form's hidden fields (then any other seen in the responses), the language and the page.
fn dimensions(form: Option<&KnownForm>, rows: &[Row]) -> Vec<String> {
    let mut hidden = form.map(KnownForm::hidden_fields).unwrap_or_default();
    let seen: BTreeSet<&String> = rows.iter().filter_map(|r| r.payload["hidden"].as_object()).flat_map(|h| h.keys()).collect();
    for key in seen {
        if !hidden.contains(key) {
            hidden.push(key.clone());
        }
    }
    hidden.into_iter().map(|h| format!("hidden.{h}")).chain(["language".to_owned(), "page".to_owned()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(answers: Value, category: Option<&str>) -> Row {
        let mut payload = json!({"answers": answers});
        if let Some(c) = category {
            payload["nps_category"] = c.into();
        }
        Row { id: String::new(), received_at: 0, payload }
    }

    #[test]
    fn scales_of_a_form() {
        let csat = KnownForm::template("csat").unwrap().questions();
        assert_eq!(Scales::of(&csat), Scales { csat: Some("satisfaction".into()), ..Scales::default() });
        let ces = KnownForm::template("ces").unwrap().questions();
        assert_eq!(Scales::of(&ces), Scales { ces: Some("effort".into()), ..Scales::default() });
        let nps = KnownForm::template("nps").unwrap().questions();
        assert_eq!(Scales::of(&nps).nps.as_deref(), Some("recommend"));
    }

    #[test]
    fn the_nps_answer_of_an_unknown_form_is_told_by_its_category() {
        // `a` agrees with the categories; `b` is 0-10 too but does not (9 is no detractor).
        let rows = [row(json!({"a": 9, "b": 9}), Some("promoter")), row(json!({"a": "3", "b": 9}), Some("detractor")), row(json!({"a": 5}), None)];
        assert_eq!(Scales::guess(&rows).nps.as_deref(), Some("a"));
        // Without categories, nothing can be told.
        assert_eq!(Scales::guess(&[row(json!({"a": 9}), None)]), Scales::default());
    }
}
