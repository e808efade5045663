//! Several photos per checklist item, each with its time: adding up to the cap,
//! removing one, the saved visit (and an older one with a single `photo`), and the
//! payload's `photos` (with `photo`, the first one's data, for older endpoints).
#![cfg(not(target_arch = "wasm32"))]

use seda_core::definition;
use seda_core::json::{self, Value};
use seda_core::response::Meta;
use seda_core::score::{self, problems, Problem};
use seda_core::visit::{Mark, Photo, Visit, MAX_PHOTOS};

const FORM: &str = r#"{"seda":1,"id":"c","version":1,"kind":"checklist","sections":[{"id":"s","title":"S","items":[
    {"id":"shelf","type":"yes_no","title":"Shelves clean?","photo":"when_failed"}]}]}"#;

fn photo(n: usize) -> String {
    format!("data:image/jpeg;base64,/9j/{n}")
}

fn at(minute: usize) -> String {
    format!("2026-11-23T10:{minute:02}:00.000Z")
}

/// A visit where the shelf failed, with `n` photos taken a minute apart.
fn failed_shelf(n: usize) -> (seda_core::form::Form, Visit) {
    let f = definition::parse(FORM).unwrap();
    let mut v = Visit::new("c", 1, "r-1".into(), at(0));
    let item = f.checklist.as_deref().unwrap().item("shelf").unwrap().clone();
    v.set_mark(&item, Some(Mark::Yes(false)), &at(0));
    for i in 1..=n {
        assert!(v.add_photo("shelf", photo(i), &at(i)));
    }
    (f, v)
}

#[test]
fn an_item_keeps_several_photos_up_to_the_cap_each_with_its_time() {
    let (_, mut v) = failed_shelf(MAX_PHOTOS);
    assert!(!v.add_photo("shelf", photo(9), &at(9)), "a sixth photo is refused");
    let photos = &v.entry("shelf").unwrap().photos;
    assert_eq!(photos.len(), MAX_PHOTOS);
    assert_eq!(photos[1], Photo { data: photo(2), at: at(2) });
}

#[test]
fn removing_one_photo_keeps_the_others_in_order() {
    let (f, mut v) = failed_shelf(3);
    v.remove_photo("shelf", 1);
    v.remove_photo("shelf", 7);
    let data: Vec<_> = v.entry("shelf").unwrap().photos.iter().map(|p| p.data.clone()).collect();
    assert_eq!(data, [photo(1), photo(3)]);
    let c = f.checklist.as_deref().unwrap();
    v.remove_photo("shelf", 0);
    v.remove_photo("shelf", 0);
    let missing = problems(c, &v, &score::score(c, &v)).into_iter().map(|(_, _, p)| p).collect::<Vec<_>>();
    assert_eq!(missing, [Problem::PhotoMissing], "with none left the failed item needs a photo again");
}

#[test]
fn the_saved_visit_keeps_every_photo_and_its_time() {
    let (f, v) = failed_shelf(2);
    let c = f.checklist.as_deref().unwrap();
    let saved = v.to_json();
    assert!(saved.contains(&format!(r#""photos":[{{"data":"{}","at":"{}"}},"#, photo(1), at(1))), "{saved}");
    assert_eq!(Visit::from_json(&saved, c), Some(v));
}

#[test]
fn an_older_saved_visit_with_one_photo_loads_as_one_photo_at_its_answer_time() {
    let f = definition::parse(FORM).unwrap();
    let c = f.checklist.as_deref().unwrap();
    let old = format!(
        r#"{{"form_id":"c","form_version":1,"response_id":"r-1","started_at":"{0}","section":1,
            "items":{{"shelf":{{"at":"{0}","answer":false,"photo":"{1}"}}}},"visit":{{}}}}"#,
        at(4),
        photo(1)
    );
    let v = Visit::from_json(&old, c).expect("an older visit reads");
    assert_eq!(v.entry("shelf").unwrap().photos, [Photo { data: photo(1), at: at(4) }]);
    // Not an image, or more than the cap: dropped.
    let list: Vec<String> = (0..7).map(|i| format!(r#"{{"data":"{}","at":"{}"}}"#, photo(i), at(i))).collect();
    let many = old.replace(&format!(r#""photo":"{}""#, photo(1)), &format!(r#""photos":[{{"data":"javascript:x","at":""}},{}]"#, list.join(",")));
    let v = Visit::from_json(&many, c).unwrap();
    assert_eq!(v.entry("shelf").unwrap().photos.len(), MAX_PHOTOS);
    assert_eq!(v.entry("shelf").unwrap().photos[0].data, photo(0));
}

#[test]
fn the_payload_sends_every_photo_with_its_time_and_the_first_as_photo() {
    let (f, v) = failed_shelf(2);
    let meta = Meta { started_at: at(0), submitted_at: at(9), locale: "en".into(), page_url: "https://x.example/".into() };
    let p = json::parse(&score::response(&f, &v, meta).unwrap().to_json()).unwrap();
    let shelf = p.get("checklist").and_then(|c| c.get("items")).and_then(|i| i.get("shelf")).unwrap();
    assert_eq!(
        shelf.get("photos").map(Value::to_json).unwrap(),
        format!(r#"[{{"data":"{}","at":"{}"}},{{"data":"{}","at":"{}"}}]"#, photo(1), at(1), photo(2), at(2))
    );
    assert_eq!(shelf.get("photo").and_then(Value::as_str), Some(photo(1).as_str()));
    let none = definition::parse(FORM).map(|f| (f, Visit::new("c", 1, "r-2".into(), at(0)))).unwrap();
    let p = json::parse(&score::response(&none.0, &none.1, Meta { started_at: at(0), submitted_at: at(1), locale: "en".into(), page_url: String::new() }).unwrap().to_json()).unwrap();
    let shelf = p.get("checklist").and_then(|c| c.get("items")).and_then(|i| i.get("shelf")).unwrap();
    assert!(shelf.get("photos").is_none() && shelf.get("photo").is_none(), "no photos, no members");
}
