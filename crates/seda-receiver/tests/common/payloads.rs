//! Responses as the widget makes them, built with the engine itself.

use seda_core::answer::{Answer, Answers, File};
use seda_core::definition;
use seda_core::form::Form;
use seda_core::checklist::Standard;
use seda_core::num::Num;
use seda_core::response::{Meta, Response};
use seda_core::score;
use seda_core::templates;
use seda_core::visit::{Mark, Visit};
use serde_json::{json, Value};

pub fn template(name: &str) -> Form {
    definition::parse(templates::get(name).unwrap()).unwrap()
}

fn meta() -> Meta {
    Meta {
        started_at: "2026-11-23T10:00:00.000Z".into(),
        submitted_at: "2026-11-23T10:00:30.000Z".into(),
        locale: "en".into(),
        page_url: "https://shop.example/thanks".into(),
    }
}

/// A valid response to the NPS template.
pub fn nps(id: &str, score: i64) -> Value {
    json!({
        "id": id, "form_id": "nps", "form_version": 1, "kind": "survey",
        "answers": {"recommend": score, "reason": "Fast delivery"},
        "nps_category": if score >= 9 { "promoter" } else if score >= 7 { "passive" } else { "detractor" },
        "meta": {"started_at": "2026-11-23T10:00:00.000Z", "submitted_at": "2026-11-23T10:00:30.000Z", "locale": "en", "page_url": "https://shop.example/thanks"}
    })
}

/// A valid complaint with `files` photos (base64 data), as the JSON format sends it.
pub fn complaint_json(id: &str, files: usize) -> String {
    let form = template("complaint");
    let consent = form.question("consent").unwrap().title.strings()[0].to_owned();
    let mut answers = Answers::new();
    answers.insert("category", Answer::Text("service".into()));
    answers.insert("description", Answer::Text("Nobody came to the till.".into()));
    answers.insert("happened_at", Answer::Text("2026-11-23T09:30".into()));
    answers.insert("location", Answer::Text("store".into()));
    if files > 0 {
        let photos = (0..files)
            .map(|i| File { name: format!("photo{i}.jpg"), mime: "image/jpeg".into(), size: 4, data: "/9j/4A==".into() })
            .collect();
        answers.insert("photos", Answer::Files(photos));
    }
    answers.insert("remedy", Answer::Text("apology".into()));
    answers.insert("contact_way", Answer::Text("anonymous".into()));
    answers.insert("consent", Answer::Text(consent));
    Response::new(id.into(), &form, answers, meta()).to_json()
}

/// A finished mystery-shop visit that passes every standard.
pub fn mystery_shop(id: &str) -> Value {
    let form = template("mystery-shop");
    let c = form.checklist.as_deref().unwrap();
    let mut visit = Visit::new(&form.id, form.version, id.into(), "2026-11-23T10:00:00Z".into());
    for item in c.items() {
        use seda_core::checklist::ItemKind;
        let mark = match &item.kind {
            ItemKind::YesNo => Mark::Yes(true),
            ItemKind::Options(spec) => Mark::Pick(spec.options.iter().max_by_key(|o| o.points).unwrap().id.clone()),
            ItemKind::Multi(spec) => Mark::Picks(spec.options.iter().map(|o| o.id.clone()).collect()),
            ItemKind::Rating(spec) => Mark::Rating(spec.scale.unwrap().max),
            ItemKind::Measure(spec) => Mark::Measure(match spec.standard {
                Some(Standard::AtMost { target, .. }) | Some(Standard::AtLeast { target, .. }) => target,
                Some(Standard::Between { low, .. }) => low,
                None => Num::parse("1").unwrap(),
            }),
        };
        visit.set_mark(item, Some(mark), "2026-11-23T10:05:00Z");
    }
    let r = score::response(&form, &visit, meta()).unwrap();
    serde_json::from_str(&r.to_json()).unwrap()
}
