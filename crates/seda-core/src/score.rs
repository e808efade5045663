//! Scoring a checklist visit, in integer hundredths (rounded half up, and only once
//! per figure), and the problems that stop it being submitted.
//!
//! - An item's credit c is in [0, 1]: yes 1, no 0; an option's points over the best
//!   option's; a multi item's picked points over all its points; a rating's
//!   (answer - min) / (max - min); a measure 1 when it meets its standard, else 0, or
//!   graded linearly between the target and the limit. It earns weight x c of a
//!   possible weight.
//! - N/A, and an optional item left blank, count neither way; a required blank item
//!   earns 0 of its weight; a bonus item adds to earned only.
//! - A section's score is earned / possible (N/A when nothing is possible); a failed
//!   section-critical item zeroes or fails its section as the section says.
//! - Overall: pooled earned / possible, or the weighted mean of the section scores
//!   when sections have weights; capped at 100 % unless the form says otherwise.
//! - Outcome: a failed form-critical item is `critical_fail`; else a failed section
//!   (critical, or below its pass mark) is `section_fail`; else the band of the
//!   overall score.

use super::checklist::{
    hundredths_text, Checklist, Critical, CriticalEffect, Evidence, Item, ItemType, Standard, CRITICAL_FAIL, SECTION_FAIL,
};
use super::json::Value;
use super::num::Num;
use super::visit::{photos_value, record_value, Mark, Visit};

/// 100 % in hundredths of a percent.
pub const FULL: i64 = 10_000;

/// a / b rounded half up, for a >= 0 and b > 0.
fn div_round(a: i128, b: i128) -> i64 {
    ((2 * a + b) / (2 * b)) as i64
}

/// One item's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemScore {
    /// Credit in hundredths (0-100); `None` when the item counts neither way.
    pub credit: Option<i64>,
    /// Hundredths of a point.
    pub earned: i64,
    pub possible: i64,
    /// Answered, and below its standard.
    pub failed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionScore {
    pub earned: i64,
    pub possible: i64,
    /// Hundredths of a percent; `None` when nothing in the section was possible.
    pub score: Option<i64>,
    /// A section-critical item failed.
    pub critical_failed: bool,
    /// It fails the visit: critical (when configured to fail) or below its pass mark.
    pub failed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    CriticalFail,
    SectionFail,
    /// Index into the checklist's bands.
    Band(usize),
    /// No band applies (the form has none, or nothing was possible).
    Unbanded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scorecard {
    /// In the checklist's item order.
    pub items: Vec<ItemScore>,
    pub sections: Vec<SectionScore>,
    pub earned: i64,
    pub possible: i64,
    /// Hundredths of a percent; `None` when nothing was possible.
    pub overall: Option<i64>,
    pub outcome: Outcome,
}

impl Scorecard {
    /// The outcome's name in the payload: `critical_fail`, `section_fail`, a band's id, or `none`.
    pub fn outcome_name<'c>(&self, c: &'c Checklist) -> &'c str {
        match self.outcome {
            Outcome::CriticalFail => CRITICAL_FAIL,
            Outcome::SectionFail => SECTION_FAIL,
            Outcome::Band(i) => &c.bands[i].id,
            Outcome::Unbanded => "none",
        }
    }

    /// Whether the visit passed; `None` when no band applies.
    pub fn passed(&self, c: &Checklist) -> Option<bool> {
        match self.outcome {
            Outcome::CriticalFail | Outcome::SectionFail => Some(false),
            Outcome::Band(i) => Some(c.bands[i].pass),
            Outcome::Unbanded => None,
        }
    }
}

/// The credit of an answer as an exact fraction (numerator, denominator > 0), and
/// whether the answer fails the item's standard. `None` for N/A.
pub fn credit(item: &Item, mark: &Mark) -> Option<(i128, i128, bool)> {
    let fraction_fails = |n: i128, d: i128| n * i128::from(FULL) < i128::from(item.fail_below()) * d;
    let points = |id: &str| i128::from(item.options().iter().find(|o| o.id == id).map_or(0, |o| o.points));
    let (n, d, failed) = match (item.item_type(), mark) {
        (_, Mark::Na) => return None,
        (ItemType::YesNo, Mark::Yes(yes)) => (i128::from(*yes), 1, !yes),
        (ItemType::Options, Mark::Pick(id)) => {
            let (n, d) = (points(id), i128::from(item.max_points()).max(1));
            (n, d, fraction_fails(n, d))
        }
        (ItemType::Multi, Mark::Picks(ids)) => {
            let (n, d) = (ids.iter().map(|i| points(i)).sum::<i128>(), i128::from(item.max_points()).max(1));
            (n.min(d), d, fraction_fails(n, d))
        }
        (ItemType::Rating, Mark::Rating(v)) => {
            let s = item.scale()?;
            let (n, d) = (i128::from(v - s.min), i128::from(s.max - s.min).max(1));
            (n, d, fraction_fails(n, d))
        }
        (ItemType::Measure, Mark::Measure(v)) => {
            let (n, d, beyond) = measure(item.measure()?.standard?, *v);
            (n, d, beyond || fraction_fails(n, d))
        }
        _ => return None,
    };
    Some((n.clamp(0, d), d, failed))
}

/// A measured value against its standard: (numerator, denominator, failed outright).
/// Between the target and the limit the credit is graded and the item fails only
/// below its `fail_below` share, as an option or a rating does; at or past the limit
/// (or past a pass/fail standard) it fails outright.
fn measure(standard: Standard, v: Num) -> (i128, i128, bool) {
    let v = v.0;
    // Full credit at the target, none at the limit, linear between.
    let graded = |from_target: i128, span: i128| (span - from_target, span, false);
    match standard {
        Standard::AtMost { target, .. } if v <= target.0 => (1, 1, false),
        Standard::AtMost { target, limit: Some(l) } if v < l.0 => graded(v - target.0, l.0 - target.0),
        Standard::AtLeast { target, .. } if v >= target.0 => (1, 1, false),
        Standard::AtLeast { target, limit: Some(l) } if v > l.0 => graded(target.0 - v, target.0 - l.0),
        Standard::Between { low, high, .. } if (low.0..=high.0).contains(&v) => (1, 1, false),
        Standard::Between { low, limit: Some((l, _)), .. } if v < low.0 && v > l.0 => graded(low.0 - v, low.0 - l.0),
        Standard::Between { high, limit: Some((_, h)), .. } if v > high.0 && v < h.0 => graded(v - high.0, h.0 - high.0),
        _ => (0, 1, true),
    }
}

/// One item's result in a visit. With `so_far`, a required item left blank counts
/// neither way yet (the live score while the visit goes on).
pub fn item_score(item: &Item, mark: Option<&Mark>, so_far: bool) -> ItemScore {
    let possible = if item.bonus { 0 } else { item.weight };
    match mark.map(|m| credit(item, m)) {
        // N/A.
        Some(None) => ItemScore { credit: None, earned: 0, possible: 0, failed: false },
        Some(Some((n, d, failed))) => ItemScore {
            credit: Some(div_round(n * 100, d)),
            earned: div_round(i128::from(item.weight) * n, d),
            possible,
            failed,
        },
        None if item.required && !item.bonus && !so_far => ItemScore { credit: Some(0), earned: 0, possible, failed: false },
        None => ItemScore { credit: None, earned: 0, possible: 0, failed: false },
    }
}

/// Scores a visit against its checklist: a required item left blank earns 0 of its weight.
pub fn score(c: &Checklist, visit: &Visit) -> Scorecard {
    score_with(c, visit, false)
}

/// The live score while the visit goes on: what is answered so far (a required item
/// left blank counts neither way yet). Once every required item is answered, as it must
/// be to submit, it equals [`score`].
pub fn score_so_far(c: &Checklist, visit: &Visit) -> Scorecard {
    score_with(c, visit, true)
}

fn score_with(c: &Checklist, visit: &Visit, so_far: bool) -> Scorecard {
    let mut items = Vec::with_capacity(c.items().count());
    let mut sections = Vec::with_capacity(c.sections.len());
    let mut critical_fail = false;
    for s in &c.sections {
        let (mut earned, mut possible, mut critical_failed) = (0, 0, false);
        for item in &s.items {
            let r = item_score(item, visit.mark(&item.id), so_far);
            earned += r.earned;
            possible += r.possible;
            if r.failed {
                match item.critical {
                    Critical::Form => critical_fail = true,
                    Critical::Section => critical_failed = true,
                    Critical::None => {}
                }
            }
            items.push(r);
        }
        if critical_failed && s.on_critical_fail == CriticalEffect::Zero {
            earned = 0;
        }
        let score = (possible > 0).then(|| {
            let pct = div_round(i128::from(earned) * i128::from(FULL), i128::from(possible));
            if c.cap { pct.min(FULL) } else { pct }
        });
        let below_mark = matches!((score, s.pass_mark), (Some(score), Some(mark)) if score < mark);
        let failed = below_mark || (critical_failed && s.on_critical_fail == CriticalEffect::Fail);
        sections.push(SectionScore { earned, possible, score, critical_failed, failed });
    }
    let earned: i64 = sections.iter().map(|s| s.earned).sum();
    let possible: i64 = sections.iter().map(|s| s.possible).sum();
    let overall = if c.weighted() {
        let scored = c.sections.iter().zip(&sections).filter_map(|(s, r)| Some((i128::from(r.score?), i128::from(s.weight?))));
        let (sum, weights) = scored.fold((0, 0), |(sum, ws), (score, w)| (sum + score * w, ws + w));
        (weights > 0).then(|| div_round(sum, weights))
    } else {
        (possible > 0).then(|| div_round(i128::from(earned) * i128::from(FULL), i128::from(possible)))
    };
    let overall = overall.map(|o| if c.cap { o.min(FULL) } else { o });
    let outcome = if critical_fail {
        Outcome::CriticalFail
    } else if sections.iter().any(|s| s.failed) {
        Outcome::SectionFail
    } else {
        overall
            .and_then(|o| c.bands.iter().position(|b| o >= b.min && b.below.is_none_or(|below| o < below)))
            .map_or(Outcome::Unbanded, Outcome::Band)
    };
    Scorecard { items, sections, earned, possible, overall, outcome }
}

/// What stops a visit being submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required item has no answer.
    Unanswered,
    PhotoMissing,
    /// A comment is required; `min` is the fewest characters it needs.
    CommentMissing { min: u32 },
}

/// The evidence an item's answer still needs.
pub fn evidence_problems(item: &Item, visit: &Visit, failed: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(entry) = visit.entry(&item.id) else { return out };
    if entry.mark.is_none() || entry.mark == Some(Mark::Na) {
        return out;
    }
    let wanted = |e: Evidence| e == Evidence::Always || (e == Evidence::WhenFailed && failed);
    if wanted(item.photo) && entry.photos.is_empty() {
        out.push(Problem::PhotoMissing);
    }
    let min = item.comment_min_length.max(1);
    if wanted(item.comment) && (entry.comment.trim().chars().count() as u32) < min {
        out.push(Problem::CommentMissing { min });
    }
    out
}

/// Every problem, as (section index, item index in the checklist's order, problem):
/// required items unanswered and evidence missing.
pub fn problems(c: &Checklist, visit: &Visit, card: &Scorecard) -> Vec<(usize, usize, Problem)> {
    let mut out = Vec::new();
    let mut i = 0;
    for (si, s) in c.sections.iter().enumerate() {
        for item in &s.items {
            if item.required && visit.mark(&item.id).is_none() {
                out.push((si, i, Problem::Unanswered));
            }
            let failed = card.items.get(i).is_some_and(|r| r.failed);
            out.extend(evidence_problems(item, visit, failed).into_iter().map(|p| (si, i, p)));
            i += 1;
        }
    }
    out
}

fn h(n: i64) -> Value {
    Value::Number(hundredths_text(n))
}

/// The `checklist` member of the response: every item's raw answer, credit, points,
/// failure, time, comment and photos; the section and overall scores; the outcome;
/// and the visit record. Scores are percentages, points and credits are exact
/// decimals with at most two places.
pub fn payload(c: &Checklist, visit: &Visit, card: &Scorecard) -> Value {
    let mut items = Vec::new();
    for (item, r) in c.items().zip(&card.items) {
        let entry = visit.entry(&item.id);
        let mut m = vec![
            ("section", Value::from(c.sections.iter().find(|s| s.items.iter().any(|i| i.id == item.id)).map_or("", |s| s.id.as_str()))),
            ("answer", entry.and_then(|e| e.mark.as_ref()).map_or(Value::Null, Mark::to_value)),
            ("credit", r.credit.map_or(Value::Null, |c| h(c))),
            ("earned", h(r.earned)),
            ("possible", h(r.possible)),
            ("weight", h(item.weight)),
            ("failed", Value::Bool(r.failed)),
        ];
        if item.critical != Critical::None {
            m.push(("critical", Value::from(if item.critical == Critical::Form { "form" } else { "section" })));
        }
        if item.bonus {
            m.push(("bonus", Value::Bool(true)));
        }
        if let Some(e) = entry {
            if !e.at.is_empty() {
                m.push(("at", Value::from(e.at.as_str())));
            }
            if !e.comment.is_empty() {
                m.push(("comment", Value::from(e.comment.as_str())));
            }
            // `photo` (the first one's data) is kept for endpoints that read the single
            // photo of earlier versions; `photos` has them all with their times.
            if let Some(first) = e.photos.first() {
                m.push(("photo", Value::from(first.data.as_str())));
                m.push(("photos", photos_value(&e.photos)));
            }
        }
        items.push((item.id.as_str(), Value::object(m)));
    }
    let sections = c.sections.iter().zip(&card.sections).map(|(s, r)| {
        let mut m = vec![
            ("id", Value::from(s.id.as_str())),
            ("earned", h(r.earned)),
            ("possible", h(r.possible)),
            ("score", r.score.map_or(Value::Null, h)),
            ("failed", Value::Bool(r.failed)),
            ("critical_failed", Value::Bool(r.critical_failed)),
        ];
        if let Some(w) = s.weight {
            m.push(("weight", h(w)));
        }
        Value::object(m)
    });
    Value::object([
        ("outcome", Value::from(card.outcome_name(c))),
        ("pass", card.passed(c).map_or(Value::Null, Value::Bool)),
        (
            "band",
            card.overall
                .and_then(|o| c.bands.iter().find(|b| o >= b.min && b.below.is_none_or(|below| o < below)))
                .map_or(Value::Null, |b| Value::from(b.id.as_str())),
        ),
        ("score", card.overall.map_or(Value::Null, h)),
        ("earned", h(card.earned)),
        ("possible", h(card.possible)),
        ("method", Value::from(if c.weighted() { "weighted" } else { "pooled" })),
        ("sections", Value::Array(sections.collect())),
        ("items", Value::object(items)),
        ("visit", record_value(&visit.record, false)),
    ])
}

/// The response for a finished visit: `answers` holds each item's raw answer (as
/// for a survey), `checklist` the scores, outcome, items and visit record.
pub fn response(form: &super::form::Form, visit: &Visit, meta: super::response::Meta) -> Option<super::response::Response> {
    let c = form.checklist.as_deref()?;
    let answers = c.items().filter_map(|i| Some((i.id.as_str(), visit.mark(&i.id)?.to_answer()))).collect();
    let card = score(c, visit);
    let mut r = super::response::Response::new(visit.response_id.clone(), form, answers, meta);
    r.checklist = Some(payload(c, visit, &card));
    Some(r)
}
