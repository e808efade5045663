//! The visit report's arithmetic, over approved visits: per location the mean
//! score, each section's mean and a trend by period; the standards most often
//! failed, with their rate; and every failed critical item. Means are of the
//! engine's exact figures (hundredths), rounded once (see `numbers`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::numbers::{mean, percent};
use crate::period::{Bucket, Period};

/// How many of the most failed standards the report lists.
pub const MOST_FAILED: usize = 10;

/// One approved visit, as scored here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportVisit {
    pub response_id: String,
    pub location: String,
    pub received_at: i64,
    /// Hundredths of a percent; `None` when nothing was possible.
    pub score: Option<i64>,
    /// Each section's score, in the form's order.
    pub sections: Vec<(String, Option<i64>)>,
    /// Each item, in the form's order.
    pub items: Vec<ItemOutcome>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemOutcome {
    pub id: String,
    pub section: String,
    /// Scored either way (not N/A, not an optional blank).
    pub answered: bool,
    pub failed: bool,
    pub critical: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub visits: usize,
    pub locations: Vec<LocationSummary>,
    pub most_failed: Vec<Failed>,
    pub critical: Vec<CriticalFailure>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LocationSummary {
    pub id: String,
    pub visits: usize,
    /// The mean score, to one decimal place.
    pub score: Option<Value>,
    pub sections: Vec<(String, Option<Value>)>,
    pub trend: Vec<TrendPoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub bucket: Bucket,
    pub visits: usize,
    pub score: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Failed {
    pub item: String,
    pub section: String,
    pub failed: u64,
    pub answered: u64,
    /// Percent of the answered visits that failed it, to one decimal place.
    pub rate: Value,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalFailure {
    pub response_id: String,
    pub location: String,
    pub item: String,
    pub received_at: i64,
}

/// Aggregates `visits`. Sections come in `sections`' order; locations in
/// `known_locations`' order, then the others by id; trends oldest period first; the
/// most failed by how often, then by rate, then in the form's order; critical
/// failures newest first.
pub fn aggregate(visits: &[ReportVisit], period: Period, sections: &[String], known_locations: &[String]) -> Report {
    let mut by_location: BTreeMap<&str, Vec<&ReportVisit>> = BTreeMap::new();
    for v in visits {
        by_location.entry(&v.location).or_default().push(v);
    }
    let rank = |id: &str| known_locations.iter().position(|k| k == id).unwrap_or(known_locations.len());
    let mut ids: Vec<&str> = by_location.keys().copied().collect();
    ids.sort_by_key(|id| (rank(id), *id));
    let locations = ids.into_iter().map(|id| location(id, &by_location[id], period, sections)).collect();
    Report { visits: visits.len(), locations, most_failed: most_failed(visits), critical: critical(visits) }
}

fn location(id: &str, visits: &[&ReportVisit], period: Period, sections: &[String]) -> LocationSummary {
    let scores = |vs: &[&ReportVisit]| mean(&vs.iter().filter_map(|v| v.score).collect::<Vec<_>>());
    let section_means = sections
        .iter()
        .map(|s| {
            let values: Vec<i64> = visits.iter().filter_map(|v| v.sections.iter().find(|(id, _)| id == s)?.1).collect();
            (s.clone(), mean(&values))
        })
        .collect();
    let mut periods: BTreeMap<Bucket, Vec<&ReportVisit>> = BTreeMap::new();
    for v in visits {
        periods.entry(period.bucket(v.received_at)).or_default().push(v);
    }
    let trend = periods.into_iter().map(|(bucket, vs)| TrendPoint { bucket, visits: vs.len(), score: scores(&vs) }).collect();
    LocationSummary { id: id.to_owned(), visits: visits.len(), score: scores(visits), sections: section_means, trend }
}

/// How often one item failed, of the visits that scored it.
struct Tally<'a> {
    item: &'a str,
    section: &'a str,
    failed: u64,
    answered: u64,
}

fn most_failed(visits: &[ReportVisit]) -> Vec<Failed> {
    // In the order items are first seen: the form's.
    let mut tallies: Vec<Tally> = Vec::new();
    for item in visits.iter().flat_map(|v| &v.items) {
        let i = match tallies.iter().position(|t| t.item == item.id) {
            Some(i) => i,
            None => {
                tallies.push(Tally { item: &item.id, section: &item.section, failed: 0, answered: 0 });
                tallies.len() - 1
            }
        };
        tallies[i].failed += u64::from(item.failed);
        tallies[i].answered += u64::from(item.answered);
    }
    tallies.retain(|t| t.failed > 0);
    // By failures, then by rate (f1/a1 > f2/a2 as f1 x a2 > f2 x a1); the sort is
    // stable, so ties stay in the form's order.
    tallies.sort_by(|a, b| b.failed.cmp(&a.failed).then((b.failed * a.answered).cmp(&(a.failed * b.answered))));
    tallies
        .into_iter()
        .take(MOST_FAILED)
        .map(|t| Failed { item: t.item.to_owned(), section: t.section.to_owned(), failed: t.failed, answered: t.answered, rate: percent(t.failed, t.answered).unwrap_or(Value::Null) })
        .collect()
}

fn critical(visits: &[ReportVisit]) -> Vec<CriticalFailure> {
    let mut newest_first: Vec<&ReportVisit> = visits.iter().collect();
    newest_first.sort_by(|a, b| b.received_at.cmp(&a.received_at).then(a.response_id.cmp(&b.response_id)));
    newest_first
        .into_iter()
        .flat_map(|v| {
            v.items.iter().filter(|i| i.failed && i.critical).map(|i| CriticalFailure {
                response_id: v.response_id.clone(),
                location: v.location.clone(),
                item: i.id.clone(),
                received_at: v.received_at,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// 2026-11-23T00:00:00Z (a Monday) plus `days`, at noon.
    fn day(days: i64) -> i64 {
        (1_795_392_000 + days * 86_400 + 43_200) * 1_000_000
    }

    /// (id, section, answered, failed, critical).
    fn items(list: &[(&str, &str, bool, bool, bool)]) -> Vec<ItemOutcome> {
        list.iter()
            .map(|(id, section, answered, failed, critical)| ItemOutcome { id: (*id).into(), section: (*section).into(), answered: *answered, failed: *failed, critical: *critical })
            .collect()
    }

    fn visit(id: &str, location: &str, received_at: i64, score: Option<i64>, a: Option<i64>, b: Option<i64>, list: &[(&str, &str, bool, bool, bool)]) -> ReportVisit {
        ReportVisit {
            response_id: id.into(),
            location: location.into(),
            received_at,
            score,
            sections: vec![("a".into(), a), ("b".into(), b)],
            items: items(list),
        }
    }

    fn visits() -> Vec<ReportVisit> {
        vec![
            // Tuesday 2026-11-24 (week 48).
            visit("v1", "north", day(1), Some(8000), Some(10_000), Some(6000), &[("i1", "a", true, false, false), ("i2", "b", true, true, true), ("i3", "b", true, true, false)]),
            // Tuesday 2026-12-01 and Wednesday 2026-12-02 (week 49); nothing was possible in v2's section a.
            visit("v2", "north", day(8), Some(9050), None, Some(8125), &[("i1", "a", true, true, false), ("i2", "b", true, false, true), ("i3", "b", false, false, false)]),
            visit("v3", "north", day(9), Some(6125), Some(5000), Some(7250), &[("i1", "a", true, true, false), ("i2", "b", true, true, true), ("i3", "b", true, false, false)]),
            // Thursday 2026-12-03: a visit where nothing was possible.
            visit("v4", "central", day(10), None, None, None, &[("i1", "a", false, false, false), ("i2", "b", false, false, true), ("i3", "b", false, false, false)]),
        ]
    }

    #[test]
    fn means_per_location_section_and_week() {
        let r = aggregate(&visits(), Period::Week, &["a".into(), "b".into()], &["central".into(), "north".into(), "airport".into()]);
        assert_eq!(r.visits, 4);
        assert_eq!(r.locations.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["central", "north"]);
        let north = &r.locations[1];
        assert_eq!(north.visits, 3);
        // (80.00 + 90.50 + 61.25) / 3 = 231.75 / 3 = 77.25 -> 77.3.
        assert_eq!(north.score, Some(json!(77.3)));
        // a: (100.00 + 50.00) / 2 = 75.0 (v2 had none); b: (60.00 + 81.25 + 72.50) / 3 = 213.75 / 3 = 71.25 -> 71.3.
        assert_eq!(north.sections, [("a".to_owned(), Some(json!(75.0))), ("b".to_owned(), Some(json!(71.3)))]);
        // Week 48 (from Monday 2026-11-23): v1, 80.0. Week 49 (from 2026-11-30): (90.50 + 61.25) / 2 = 75.875 -> 75.9.
        let trend: Vec<_> = north.trend.iter().map(|t| (t.bucket.label.as_str(), t.bucket.first_day(), t.visits, t.score.clone())).collect();
        assert_eq!(trend, [("2026-W48", "2026-11-23".to_owned(), 1, Some(json!(80.0))), ("2026-W49", "2026-11-30".to_owned(), 2, Some(json!(75.9)))]);
        let central = &r.locations[0];
        assert_eq!((central.visits, central.score.clone()), (1, None));
        assert_eq!(central.sections, [("a".to_owned(), None), ("b".to_owned(), None)]);
        assert_eq!(central.trend.len(), 1);
    }

    #[test]
    fn months_group_the_same_visits() {
        let r = aggregate(&visits(), Period::Month, &["a".into(), "b".into()], &[]);
        // Without known locations: by id, central before north.
        let north = &r.locations[1];
        let trend: Vec<_> = north.trend.iter().map(|t| (t.bucket.label.as_str(), t.visits, t.score.clone())).collect();
        assert_eq!(trend, [("2026-11", 1, Some(json!(80.0))), ("2026-12", 2, Some(json!(75.9)))]);
    }

    #[test]
    fn most_failed_and_critical_failures() {
        let r = aggregate(&visits(), Period::Week, &["a".into(), "b".into()], &[]);
        let failed: Vec<_> = r.most_failed.iter().map(|f| (f.item.as_str(), f.section.as_str(), f.failed, f.answered, f.rate.clone())).collect();
        // i1: failed in v2 and v3 of v1-v3 answered: 2 of 3 = 66.7 %. i2: v1 and v3 of 3: 66.7 %,
        // after i1 in the form's order. i3: v1 of the two that answered it (v1, v3): 50.0 %.
        assert_eq!(failed, [("i1", "a", 2, 3, json!(66.7)), ("i2", "b", 2, 3, json!(66.7)), ("i3", "b", 1, 2, json!(50.0))]);
        // i2 is critical: failed in v3 (2026-12-02) and v1 (2026-11-24), newest first.
        let critical: Vec<_> = r.critical.iter().map(|c| (c.response_id.as_str(), c.item.as_str(), c.location.as_str())).collect();
        assert_eq!(critical, [("v3", "i2", "north"), ("v1", "i2", "north")]);
    }

    #[test]
    fn ties_break_by_rate_and_only_ten_are_listed() {
        // Twelve items failed once each; item k answered k + 1 times, so the rates fall
        // with k (1 of 1 = 100 %, 1 of 2 = 50 %, ...) except that the count ties.
        let mut vs = Vec::new();
        for n in 0..12 {
            let list: Vec<(String, bool, bool)> = (0..12).map(|k| (format!("k{k:02}"), n <= k, n == 0)).collect();
            let list: Vec<(&str, &str, bool, bool, bool)> = list.iter().map(|(id, answered, failed)| (id.as_str(), "a", *answered, *failed, false)).collect();
            vs.push(visit(&format!("v{n}"), "north", day(n), Some(5000), None, None, &list));
        }
        // Put k11 first in the form's order: its rate (1 of 12 = 8.3 %) still ranks it last.
        for v in &mut vs {
            v.items.rotate_right(1);
        }
        let r = aggregate(&vs, Period::Week, &[], &[]);
        assert_eq!(r.most_failed.len(), MOST_FAILED);
        assert_eq!(r.most_failed[0].item, "k00");
        assert_eq!(r.most_failed[0].rate, json!(100.0));
        // k09: 1 of 10 = 10.0 %; k10 (1 of 11) and k11 (1 of 12) are left off.
        assert_eq!(r.most_failed[9].item, "k09");
        assert_eq!(r.most_failed[9].rate, json!(10.0));
    }
}
