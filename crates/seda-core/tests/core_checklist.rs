//! Checklists: reading, the semantic check, scoring in hundredths (table-driven),
//! outcomes, evidence, the saved visit and the payload.
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::checklist::Checklist;
use seda_core::form::{Form, FormKind};
use seda_core::json::{self, Value};
use seda_core::response::Meta;
use seda_core::score::{self, problems, Outcome, Problem};
use seda_core::templates;
use seda_core::text::Text;
use seda_core::visit::{Mark, Visit};

const NOW: &str = "2026-11-23T10:00:00.000Z";

/// A checklist form from its sections (and optional scoring), as JSON text.
fn form_json(sections: &str, scoring: &str) -> String {
    let scoring = if scoring.is_empty() { String::new() } else { format!(r#","scoring":{scoring}"#) };
    format!(r#"{{"seda":1,"id":"c","version":3,"kind":"checklist","sections":{sections}{scoring}}}"#)
}

fn parse(sections: &str, scoring: &str) -> Form {
    let json = form_json(sections, scoring);
    definition::parse(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

fn checklist(f: &Form) -> &Checklist {
    f.checklist.as_deref().expect("a checklist")
}

/// Answers given as JSON raw answers (as the payload writes them) by item id.
fn visit(f: &Form, answers: &[(&str, &str)]) -> Visit {
    let c = checklist(f);
    let mut v = Visit::new(&f.id, f.version, "r-1".into(), NOW.into());
    for (id, raw) in answers {
        let item = c.item(id).unwrap_or_else(|| panic!("no item {id}"));
        let mark = Mark::from_value(item, &json::parse(raw).unwrap()).unwrap_or_else(|| panic!("{id}: {raw} does not fit"));
        v.set_mark(item, Some(mark), NOW);
    }
    v
}

fn one_item(item: &str) -> Form {
    parse(&format!(r#"[{{"id":"s","title":"S","items":[{item}]}}]"#), "")
}

#[test]
fn item_credit_earned_and_failure() {
    // (item, raw answer, credit in hundredths or None for N/A, earned hundredths, possible, failed)
    let yes_no = r#"{"id":"i","type":"yes_no","title":"T","weight":2,"na":true}"#;
    let options = r#"{"id":"i","type":"options","title":"T","weight":3,"options":[
        {"id":"a","label":"A","points":3},{"id":"b","label":"B","points":2},{"id":"c","label":"C","points":1},{"id":"d","label":"D","points":0}]}"#;
    let multi = r#"{"id":"i","type":"multi","title":"T","weight":2,"options":[
        {"id":"a","label":"A"},{"id":"b","label":"B"},{"id":"c","label":"C"},{"id":"d","label":"D"}]}"#;
    let rating = r#"{"id":"i","type":"rating","title":"T","weight":2,"scale":{"min":1,"max":5}}"#;
    let graded = r#"{"id":"i","type":"measure","title":"T","unit":"seconds","na":true,"standard":{"at_most":20,"limit":40}}"#;
    let graded_strict = r#"{"id":"i","type":"measure","title":"T","unit":"seconds","fail_below":80,"standard":{"at_most":20,"limit":40}}"#;
    let pass_fail = r#"{"id":"i","type":"measure","title":"T","unit":"seconds","weight":1.5,"standard":{"at_most":30}}"#;
    let at_least = r#"{"id":"i","type":"measure","title":"T","unit":"count","standard":{"at_least":10,"limit":4}}"#;
    let between = r#"{"id":"i","type":"measure","title":"T","unit":"celsius","standard":{"between":[18,22],"limit":[14,30]}}"#;
    let cases: &[(&str, &str, Option<i64>, i64, i64, bool)] = &[
        (yes_no, "true", Some(100), 200, 200, false),
        (yes_no, "false", Some(0), 0, 200, true),
        (yes_no, r#""n/a""#, None, 0, 0, false),
        (options, r#""a""#, Some(100), 300, 300, false),
        (options, r#""b""#, Some(67), 200, 300, false),
        (options, r#""c""#, Some(33), 100, 300, true),
        (options, r#""d""#, Some(0), 0, 300, true),
        (multi, r#"["a","b","c","d"]"#, Some(100), 200, 200, false),
        (multi, r#"["a","c"]"#, Some(50), 100, 200, false),
        (multi, r#"["d"]"#, Some(25), 50, 200, true),
        (multi, "[]", Some(0), 0, 200, true),
        (rating, "5", Some(100), 200, 200, false),
        (rating, "4", Some(75), 150, 200, false),
        (rating, "2", Some(25), 50, 200, true),
        (rating, "1", Some(0), 0, 200, true),
        // Target 20 s, limit 40 s: 30 s earns half, which is not below the default 50 %, so
        // it does not fail; a graded measure fails below fail_below as an option does.
        (graded, "30", Some(50), 50, 100, false),
        (graded, "31", Some(45), 45, 100, true),
        (graded, "20", Some(100), 100, 100, false),
        (graded, "5", Some(100), 100, 100, false),
        (graded, "40", Some(0), 0, 100, true),
        (graded, "95", Some(0), 0, 100, true),
        (graded, "25.5", Some(73), 73, 100, false),
        (graded, "21", Some(95), 95, 100, false),
        (graded_strict, "21", Some(95), 95, 100, false),
        (graded_strict, "25.5", Some(73), 73, 100, true),
        (graded_strict, "30", Some(50), 50, 100, true),
        (graded, r#""n/a""#, None, 0, 0, false),
        (pass_fail, "30", Some(100), 150, 150, false),
        (pass_fail, "30.01", Some(0), 0, 150, true),
        (at_least, "12", Some(100), 100, 100, false),
        (at_least, "7", Some(50), 50, 100, false),
        (at_least, "6", Some(33), 33, 100, true),
        (at_least, "4", Some(0), 0, 100, true),
        (between, "20", Some(100), 100, 100, false),
        (between, "16", Some(50), 50, 100, false),
        (between, "15", Some(25), 25, 100, true),
        (between, "26", Some(50), 50, 100, false),
        (between, "13", Some(0), 0, 100, true),
        (between, "31", Some(0), 0, 100, true),
    ];
    for (item, raw, credit, earned, possible, failed) in cases {
        let f = one_item(item);
        let v = visit(&f, &[("i", raw)]);
        let card = score::score(checklist(&f), &v);
        let r = &card.items[0];
        let label = format!("{raw} on {item}");
        assert_eq!(r.credit, *credit, "credit of {label}");
        assert_eq!((r.earned, r.possible, r.failed), (*earned, *possible, *failed), "earned, possible, failed of {label}");
    }
}

#[test]
fn answers_an_item_does_not_take_are_refused() {
    let cases = [
        (r#"{"id":"i","type":"yes_no","title":"T"}"#, r#""n/a""#),
        (r#"{"id":"i","type":"yes_no","title":"T"}"#, "1"),
        (r#"{"id":"i","type":"rating","title":"T","scale":{"min":1,"max":5}}"#, "6"),
        (r#"{"id":"i","type":"options","title":"T","options":[{"id":"a","label":"A"},{"id":"b","label":"B","points":0}]}"#, r#""z""#),
        (r#"{"id":"i","type":"measure","title":"T","unit":"seconds","standard":{"at_most":3}}"#, "-1"),
        (r#"{"id":"i","type":"measure","title":"T","unit":"seconds","standard":{"at_most":3}}"#, "1.234"),
    ];
    for (item, raw) in cases {
        let f = one_item(item);
        let i = checklist(&f).item("i").unwrap();
        assert_eq!(Mark::from_value(i, &json::parse(raw).unwrap()), None, "{raw} on {item}");
    }
}

/// Sections used by the scenario table: a (3 items), b (2 items, one bonus), c (critical items).
const SECTIONS: &str = r#"[
  {"id":"a","title":"A","items":[
    {"id":"a1","type":"yes_no","title":"T","weight":2,"na":true},
    {"id":"a2","type":"yes_no","title":"T"},
    {"id":"a3","type":"yes_no","title":"T","required":false}]},
  {"id":"b","title":"B","pass_mark":50,"items":[
    {"id":"b1","type":"measure","title":"T","unit":"seconds","weight":4,"na":true,"standard":{"at_most":20,"limit":40}},
    {"id":"b2","type":"yes_no","title":"T","bonus":true,"required":false}]},
  {"id":"c","title":"C","on_critical_fail":"zero","items":[
    {"id":"c1","type":"yes_no","title":"T","critical":"section"},
    {"id":"c2","type":"yes_no","title":"T","weight":3},
    {"id":"c3","type":"yes_no","title":"T","critical":"form","required":false}]}
]"#;
const BANDS: &str = r#"{"bands":[{"id":"fail","min":0,"below":70,"pass":false},{"id":"needs_work","min":70,"below":85,"pass":true},{"id":"pass","min":85,"pass":true}]}"#;

#[test]
fn section_scores_overall_and_outcome() {
    let f = parse(SECTIONS, BANDS);
    // (answers, section scores in hundredths of a percent, overall, earned, possible, outcome)
    type Case<'a> = (&'a [(&'a str, &'a str)], [Option<i64>; 3], Option<i64>, i64, i64, &'a str);
    let cases: &[Case] = &[
        // All met: 2+1 | 4 | 1+3 = 11 of 11.
        (&[("a1", "true"), ("a2", "true"), ("b1", "10"), ("c1", "true"), ("c2", "true")], [Some(10_000); 3], Some(10_000), 1100, 1100, "pass"),
        // N/A and an optional blank count neither way: a is 1 of 1; b N/A (nothing possible).
        (&[("a1", r#""n/a""#), ("a2", "true"), ("b1", r#""n/a""#), ("c1", "true"), ("c2", "true")], [Some(10_000), None, Some(10_000)], Some(10_000), 500, 500, "pass"),
        // A required blank earns 0 of its weight: a2 and c2 blank -> a 2/3, c 1/4; b 4/4.
        (&[("a1", "true"), ("b1", "0"), ("c1", "true")], [Some(6667), Some(10_000), Some(2500)], Some(6364), 700, 1100, "fail"),
        // Graded measure 30 s earns half of 4; the bonus adds 1 to earned only: b = 3/4.
        (&[("a1", "true"), ("a2", "true"), ("b1", "30"), ("b2", "true"), ("c1", "true"), ("c2", "true")], [Some(10_000), Some(7500), Some(10_000)], Some(9091), 1000, 1100, "pass"),
        // A bonus on a full section is capped at 100 % (section and overall).
        (&[("a1", "true"), ("a2", "true"), ("b1", "3"), ("b2", "true"), ("c1", "true"), ("c2", "true")], [Some(10_000); 3], Some(10_000), 1200, 1100, "pass"),
        // Section-critical failure zeroes section c (4 possible, 0 earned): 7 of 11.
        (&[("a1", "true"), ("a2", "true"), ("b1", "3"), ("c1", "false"), ("c2", "true")], [Some(10_000), Some(10_000), Some(0)], Some(6364), 700, 1100, "fail"),
        // Form-critical failure: critical_fail, the raw score still reported (c3 earns 0 of 1).
        (&[("a1", "true"), ("a2", "true"), ("b1", "3"), ("c1", "true"), ("c2", "true"), ("c3", "false")], [Some(10_000), Some(10_000), Some(8000)], Some(9167), 1100, 1200, "critical_fail"),
        // Section b below its pass mark of 50 % (measured 35 s: 1 of 4) fails the visit.
        (&[("a1", "true"), ("a2", "true"), ("b1", "35"), ("c1", "true"), ("c2", "true")], [Some(10_000), Some(2500), Some(10_000)], Some(7273), 800, 1100, "section_fail"),
        // At exactly the pass mark the section passes: 30 s is 2 of 4 = 50 %. 9 of 11 = 81.82 %.
        (&[("a1", "true"), ("a2", "true"), ("b1", "30"), ("c1", "true"), ("c2", "true")], [Some(10_000), Some(5000), Some(10_000)], Some(8182), 900, 1100, "needs_work"),
    ];
    for (answers, sections, overall, earned, possible, outcome) in cases {
        let c = checklist(&f);
        let card = score::score(c, &visit(&f, answers));
        let got: Vec<Option<i64>> = card.sections.iter().map(|s| s.score).collect();
        assert_eq!(got, sections.to_vec(), "sections for {answers:?}");
        assert_eq!((card.overall, card.earned, card.possible), (*overall, *earned, *possible), "overall for {answers:?}");
        assert_eq!(card.outcome_name(c), *outcome, "outcome for {answers:?}");
    }
}

#[test]
fn section_critical_can_fail_the_section_instead_of_zeroing_it() {
    let f = parse(&SECTIONS.replace(r#""on_critical_fail":"zero""#, r#""on_critical_fail":"fail""#), BANDS);
    let c = checklist(&f);
    let card = score::score(c, &visit(&f, &[("a1", "true"), ("a2", "true"), ("b1", "3"), ("c1", "false"), ("c2", "true")]));
    // Not zeroed: c earns 3 of 4; but the section fails, and with it the visit.
    assert_eq!(card.sections[2].score, Some(7500));
    assert!(card.sections[2].failed && card.sections[2].critical_failed);
    assert_eq!(card.outcome, Outcome::SectionFail);
    assert_eq!(card.passed(c), Some(false));
}

#[test]
fn bands_split_at_their_bounds() {
    // One item worth 100 points, so its option's points are the percentage.
    let items = r#"[{"id":"s","title":"S","items":[
        {"id":"p","type":"options","title":"T","weight":100,"options":[
          {"id":"x6999","label":"a","points":69.99},{"id":"x70","label":"b","points":70},{"id":"x8499","label":"c","points":84.99},
          {"id":"x85","label":"d","points":85},{"id":"x100","label":"e","points":100},{"id":"x0","label":"f","points":0}]}]}]"#;
    let f = parse(items, BANDS);
    let c = checklist(&f);
    for (pick, overall, band, pass) in
        [("x6999", 6999, "fail", false), ("x70", 7000, "needs_work", true), ("x8499", 8499, "needs_work", true), ("x85", 8500, "pass", true), ("x100", 10_000, "pass", true), ("x0", 0, "fail", false)]
    {
        let card = score::score(c, &visit(&f, &[("p", &format!("\"{pick}\""))]));
        assert_eq!((card.overall, card.outcome_name(c), card.passed(c)), (Some(overall), band, Some(pass)), "{pick}");
    }
}

#[test]
fn section_weights_give_the_weighted_mean_of_section_scores() {
    let sections = r#"[
      {"id":"a","title":"A","weight":3,"items":[{"id":"a1","type":"yes_no","title":"T"},{"id":"a2","type":"yes_no","title":"T","weight":3}]},
      {"id":"b","title":"B","weight":1,"items":[{"id":"b1","type":"yes_no","title":"T","na":true}]},
      {"id":"c","title":"C","weight":1,"items":[{"id":"c1","type":"rating","title":"T","scale":{"min":0,"max":3}}]}
    ]"#;
    let f = parse(sections, "");
    let c = checklist(&f);
    // a = 1/4 = 25 %; b = 100 %; c earns 2/3 of 1 point = 0.67 (hundredths of a point), so
    // 67 %: (3*25 + 100 + 67) / 5 = 48.4 %.
    let card = score::score(c, &visit(&f, &[("a1", "true"), ("a2", "false"), ("b1", "true"), ("c1", "2")]));
    assert_eq!(card.sections.iter().map(|s| s.score).collect::<Vec<_>>(), [Some(2500), Some(10_000), Some(6700)]);
    assert_eq!(card.overall, Some(4840));
    assert_eq!(card.outcome, Outcome::Unbanded);
    // An N/A section leaves the mean: (3*25 + 67) / 4 = 35.5 %.
    let card = score::score(c, &visit(&f, &[("a1", "true"), ("a2", "false"), ("b1", r#""n/a""#), ("c1", "2")]));
    assert_eq!(card.overall, Some(3550));
}

#[test]
fn without_the_cap_a_bonus_lifts_the_score_over_100() {
    let sections = r#"[{"id":"a","title":"A","items":[{"id":"a1","type":"yes_no","title":"T"},{"id":"a2","type":"yes_no","title":"T","bonus":true,"weight":0.5}]}]"#;
    let capped = parse(sections, "");
    let uncapped = parse(sections, r#"{"cap":false}"#);
    for (f, expected) in [(&capped, 10_000), (&uncapped, 15_000)] {
        let card = score::score(checklist(f), &visit(f, &[("a1", "true"), ("a2", "true")]));
        assert_eq!((card.earned, card.possible, card.overall), (150, 100, Some(expected)));
    }
}

#[test]
fn the_semantic_check_names_each_problem_by_path() {
    let ok_item = r#"{"id":"i","type":"yes_no","title":"T"}"#;
    let with = |items: &str, scoring: &str| form_json(&format!(r#"[{{"id":"s","title":"S","items":[{items}]}}]"#), scoring);
    let bands = |b: &str| format!(r#"{{"bands":{b}}}"#);
    let cases = [
        (with(r#"{"id":"i","type":"yes_no","title":"T","weight":0}"#, ""), "sections[0].items[0].weight", "more than 0"),
        (with(r#"{"id":"m","type":"measure","title":"T","unit":"seconds"}"#, ""), "sections[0].items[0].standard", "needs a standard"),
        (with(r#"{"id":"m","type":"measure","title":"T","unit":"seconds","standard":{"at_most":30,"limit":20}}"#, ""), "sections[0].items[0].standard.limit", "more than at_most"),
        (with(r#"{"id":"m","type":"measure","title":"T","unit":"seconds","standard":{"at_most":30,"at_least":2}}"#, ""), "sections[0].items[0].standard", "exactly one"),
        (with(ok_item, &bands(r#"[{"id":"f","min":0,"below":70,"pass":false},{"id":"p","min":65,"pass":true}]"#)), "scoring.bands[1].min", "overlaps band \"f\""),
        (with(ok_item, &bands(r#"[{"id":"f","min":0,"below":70,"pass":false},{"id":"p","min":75,"pass":true}]"#)), "scoring.bands[1].min", "gap"),
        (with(ok_item, &bands(r#"[{"id":"f","min":10,"below":70,"pass":false},{"id":"p","min":70,"pass":true}]"#)), "scoring.bands[0].min", "start at 0"),
        (with(ok_item, &bands(r#"[{"id":"f","min":0,"below":70,"pass":false},{"id":"p","min":70,"below":90,"pass":true}]"#)), "scoring.bands[1].below", "reach 100"),
        (with(ok_item, &bands(r#"[{"id":"f","min":0,"pass":false},{"id":"p","min":70,"pass":true}]"#)), "scoring.bands[1]", "overlaps"),
        (with(ok_item, &bands(r#"[{"id":"critical_fail","min":0,"pass":false}]"#)), "scoring.bands[0].id", "outcome of its own"),
        (with(r#"{"id":"i","type":"options","title":"T","options":[{"id":"a","label":"A","points":0},{"id":"b","label":"B","points":0}]}"#, ""), "sections[0].items[0].options", "no option has any points"),
        (with(r#"{"id":"i","type":"yes_no","title":"T","scale":{"min":1,"max":5}}"#, ""), "sections[0].items[0].scale", "not used by a yes_no item"),
        (with(r#"{"id":"i","type":"yes_no","title":"T","bonus":true,"critical":"form"}"#, ""), "sections[0].items[0].critical", "bonus"),
        (with(r#"{"id":"i","type":"yes_no","title":"T","comment_min_length":5}"#, ""), "sections[0].items[0].comment_min_length", "never required"),
        (with(r#"{"id":"i","type":"yes_no","title":"T"},{"id":"i","type":"yes_no","title":"U"}"#, ""), "sections[0].items[1].id", "duplicate item id"),
        (form_json(r#"[{"id":"a","title":"A","weight":0,"items":[{"id":"i","type":"yes_no","title":"T"}]}]"#, ""), "sections[0].weight", "more than 0"),
        (form_json(r#"[{"id":"a","title":"A","weight":1,"items":[{"id":"i","type":"yes_no","title":"T"}]},{"id":"b","title":"B","items":[{"id":"j","type":"yes_no","title":"T"}]}]"#, ""), "sections[1].weight", "every section needs one"),
        (with(r#"{"id":"i","type":"rating","title":"T"}"#, ""), "sections[0].items[0].scale", "needs a scale"),
        (with(r#"{"id":"i","type":"yes_no","title":"T","weight":"heavy"}"#, ""), "sections[0].items[0].weight", "expected a number"),
        (with(r#"{"id":"i","type":"slider","title":"T"}"#, ""), "sections[0].items[0].type", "unknown variant"),
        (r#"{"seda":1,"id":"c","version":1,"kind":"checklist","questions":[]}"#.to_owned(), "", "not \"questions\""),
        (r#"{"seda":1,"id":"c","version":1,"kind":"survey","sections":[],"questions":[{"id":"q","type":"nps","title":"T"}]}"#.to_owned(), "sections", "only a form of kind \"checklist\""),
    ];
    for (json, path, words) in cases {
        let errors = definition::parse(&json).expect_err(&json).0;
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains(words)),
            "expected `{path}: ...{words}...` for\n{json}\ngot:\n{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        );
    }
}

#[test]
fn evidence_and_unanswered_items_stop_the_visit() {
    let sections = r#"[{"id":"s","title":"S","items":[
        {"id":"floor","type":"yes_no","title":"T","photo":"when_failed","comment":"when_failed","comment_min_length":10},
        {"id":"sign","type":"yes_no","title":"T","photo":"always","na":true},
        {"id":"extra","type":"yes_no","title":"T","required":false}]}]"#;
    let f = parse(sections, "");
    let c = checklist(&f);
    let list = |v: &Visit| problems(c, v, &score::score(c, v)).into_iter().map(|(_, i, p)| (i, p)).collect::<Vec<_>>();
    let mut v = visit(&f, &[]);
    assert_eq!(list(&v), [(0, Problem::Unanswered), (1, Problem::Unanswered)]);
    v = visit(&f, &[("floor", "true"), ("sign", r#""n/a""#)]);
    assert_eq!(list(&v), []);
    v = visit(&f, &[("floor", "false"), ("sign", "true")]);
    assert_eq!(list(&v), [(0, Problem::PhotoMissing), (0, Problem::CommentMissing { min: 10 }), (1, Problem::PhotoMissing)]);
    v.set_comment("floor", "  too short ");
    v.add_photo("floor", "data:image/jpeg;base64,AAAA".into(), NOW);
    v.add_photo("sign", "data:image/jpeg;base64,AAAA".into(), NOW);
    assert_eq!(list(&v), [(0, Problem::CommentMissing { min: 10 })]);
    v.set_comment("floor", "Boxes blocked aisle 3");
    assert_eq!(list(&v), []);
}

#[test]
fn a_saved_visit_comes_back_whole_and_drops_what_no_longer_fits() {
    let f = templates::get("mystery-shop").map(definition::parse).unwrap().unwrap();
    let c = checklist(&f);
    let mut v = visit(&f, &[("entrance", "true"), ("greet_time", "42"), ("offers", r#"["returns"]"#), ("queue_time", r#""n/a""#), ("resolve_time", "7.5")]);
    v.set_comment("greet_time", "Staff were restocking.\nNobody looked up.");
    v.add_photo("floor", "data:image/jpeg;base64,/9j/AAAA".into(), NOW);
    v.section = 2;
    v.record.location = "north".into();
    v.record.shopper = "S-17".into();
    v.record.time_in = NOW.into();
    v.record.geo = "35.7,51.4,12".into();
    let back = Visit::from_json(&v.to_json(), c).expect("reads back");
    assert_eq!(back, v);
    // An answer the form no longer takes (an unknown option, an item that went) is dropped.
    let edited = v.to_json().replace(r#"["returns"]"#, r#"["gone"]"#).replace(r#""entrance""#, r#""removed""#);
    let back = Visit::from_json(&edited, c).unwrap();
    assert_eq!(back.mark("offers"), None);
    assert!(back.entry("removed").is_none() && back.mark("entrance").is_none());
    assert_eq!(back.mark("greet_time"), Some(&Mark::Measure(seda_core::num::Num::from_int(42))));
    assert_eq!(Visit::from_json("not json", c), None);
}

#[test]
fn the_payload_carries_raw_answers_credits_scores_outcome_version_and_visit() {
    let f = parse(SECTIONS, BANDS);
    let mut v = visit(&f, &[("a1", "true"), ("a2", "true"), ("b1", "30"), ("b2", "true"), ("c1", "true"), ("c2", "true")]);
    v.set_comment("b1", "Queue of four");
    v.record = seda_core::visit::Record {
        location: "north".into(),
        shopper: "S-17".into(),
        assignment: "A-2026-11".into(),
        time_in: "2026-11-23T09:40:00.000Z".into(),
        time_out: "2026-11-23T10:05:00.000Z".into(),
        staff: String::new(),
        geo: "35.7,51.4,12".into(),
    };
    let meta = Meta { started_at: NOW.into(), submitted_at: NOW.into(), locale: "en".into(), page_url: "https://x.example/".into() };
    let r = score::response(&f, &v, meta).unwrap();
    assert!(r.fits());
    let p = json::parse(&r.to_json()).unwrap();
    assert_eq!(p.get("kind").and_then(Value::as_str), Some("checklist"));
    assert_eq!(p.get("form_version").and_then(Value::as_i64), Some(3));
    assert_eq!(p.get("answers").unwrap().get("b1"), Some(&Value::Number("30".into())));
    let cl = p.get("checklist").unwrap();
    let n = |v: Option<&Value>| v.map(Value::to_json).unwrap_or_default();
    assert_eq!(n(cl.get("score")), "90.91");
    assert_eq!(n(cl.get("earned")), "10");
    assert_eq!(n(cl.get("possible")), "11");
    assert_eq!(cl.get("outcome").and_then(Value::as_str), Some("pass"));
    assert_eq!(cl.get("band").and_then(Value::as_str), Some("pass"));
    assert_eq!(cl.get("pass"), Some(&Value::Bool(true)));
    assert_eq!(cl.get("method").and_then(Value::as_str), Some("pooled"));
    let b1 = cl.get("items").unwrap().get("b1").unwrap();
    assert_eq!(b1.to_json(), r#"{"section":"b","answer":30,"credit":0.5,"earned":2,"possible":4,"weight":4,"failed":false,"at":"2026-11-23T10:00:00.000Z","comment":"Queue of four"}"#);
    let a3 = cl.get("items").unwrap().get("a3").unwrap();
    assert_eq!(a3.to_json(), r#"{"section":"a","answer":null,"credit":null,"earned":0,"possible":0,"weight":1,"failed":false}"#);
    let sections = cl.get("sections").and_then(Value::as_array).unwrap();
    assert_eq!(sections[1].to_json(), r#"{"id":"b","earned":3,"possible":4,"score":75,"failed":false,"critical_failed":false}"#);
    assert_eq!(
        cl.get("visit").unwrap().to_json(),
        r#"{"location":"north","shopper":"S-17","assignment":"A-2026-11","time_in":"2026-11-23T09:40:00.000Z","time_out":"2026-11-23T10:05:00.000Z","geo":{"lat":35.7,"lon":51.4,"accuracy_m":12}}"#
    );
}

/// Every visible string of the template, with where it is.
fn texts(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                let p = format!("{path}.{k}");
                if ["title", "description", "label", "body"].contains(&k.as_str()) {
                    out.push((p.clone(), item.clone()));
                } else {
                    texts(item, &p, out);
                }
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, item)| texts(item, &format!("{path}[{i}]"), out)),
        _ => {}
    }
}

#[test]
fn the_mystery_shop_template_is_a_full_visit_in_english_and_persian() {
    let text = templates::get("mystery-shop").unwrap();
    let f = definition::parse(text).unwrap();
    assert_eq!(f.kind, FormKind::Checklist);
    let c = checklist(&f);
    let ids: Vec<&str> = c.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["arrival", "waiting", "staff", "cleanliness", "till", "complaint"]);
    assert!(c.items().count() >= 20);
    assert!(f.speaks("fa") && f.speaks("en"));
    let mut all = Vec::new();
    texts(&json::parse(text).unwrap(), "", &mut all);
    for (path, t) in all {
        for locale in ["en", "fa"] {
            let s = t.get(locale).and_then(Value::as_str).unwrap_or_else(|| panic!("{path} has no {locale}"));
            assert!(!s.trim().is_empty(), "{path}.{locale}");
        }
        let fa = t.get("fa").and_then(Value::as_str).unwrap();
        assert!(fa.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)), "{path}: the fa text is Persian");
    }
    // Every kind of item and rule the checklist format has is used.
    use seda_core::checklist::{Critical, Evidence, ItemType};
    for kind in [ItemType::YesNo, ItemType::Options, ItemType::Multi, ItemType::Rating, ItemType::Measure] {
        assert!(c.items().any(|i| i.item_type() == kind), "{kind:?}");
    }
    assert!(c.items().any(|i| i.critical == Critical::Form) && c.items().any(|i| i.critical == Critical::Section));
    assert!(c.items().any(|i| i.bonus) && c.items().any(|i| i.na));
    assert!(c.items().any(|i| i.photo == Evidence::WhenFailed) && c.items().any(|i| i.comment == Evidence::WhenFailed));
    assert!(!c.visit.staff_names, "staff names are off by default");
    let _ = Text::Plain(String::new());
}

#[test]
fn the_live_score_counts_what_is_answered_so_far() {
    let f = parse(SECTIONS, BANDS);
    let c = checklist(&f);
    // Only a1 (yes, 2 points) and c1 (no: section-critical, zeroes c) answered.
    let v = visit(&f, &[("a1", "true"), ("c1", "false")]);
    let live = score::score_so_far(c, &v);
    assert_eq!(live.sections.iter().map(|s| s.score).collect::<Vec<_>>(), [Some(10_000), None, Some(0)]);
    assert_eq!((live.earned, live.possible, live.overall), (200, 300, Some(6667)));
    // The final score counts the required blanks (a2, b1, c2) as 0 of their weight.
    let fin = score::score(c, &v);
    assert_eq!((fin.earned, fin.possible, fin.overall), (200, 1100, Some(1818)));
    // With every required item answered they agree.
    let v = visit(&f, &[("a1", "true"), ("a2", "false"), ("b1", "22"), ("c1", "true"), ("c2", "true")]);
    assert_eq!(score::score_so_far(c, &v), score::score(c, &v));
}
