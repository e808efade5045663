//! The form reader in the lean build (no `checklists` feature): it has no checklist reader,
//! so a checklist is handed over unread and the full bundle reads and checks it.
//! Run by the test command with `cargo test -p seda-core --no-default-features --test core_lean`.
#![cfg(all(not(target_arch = "wasm32"), not(feature = "checklists")))]

use seda_core::definition;
use seda_core::form::{self, FormKind, FeaturesNeeded};
use seda_core::templates;

const VISIT: &str = r#"{"seda":1,"id":"v","version":1,"kind":"checklist","title":"Visit",
    "sections":[{"id":"door","title":"At the door","items":[{"id":"greeted","type":"yes_no","title":"Greeted?"}]}]}"#;

#[test]
fn a_checklist_is_handed_over_unread() {
    // The lean build has no checklist template either: it hands `template:mystery-shop`
    // over by name.
    assert!(templates::get("mystery-shop").is_none());
    assert!(templates::full_only("mystery-shop"));
    let visit = definition::parse(VISIT).unwrap();
    assert_eq!(visit.kind, FormKind::Checklist);
    assert!(visit.checklist.is_none());
    assert_eq!(visit.needs(), FeaturesNeeded { checklists: true, attachments: false });
}

#[test]
fn a_mistake_inside_a_checklist_is_left_to_the_full_bundle() {
    let broken = r#"{"seda":1,"id":"v","version":1,"kind":"checklist","title":"Visit",
        "sections":[{"id":"door","title":"At the door","items":[{"id":"greeted","type":"yes_or_no","title":"Greeted?"}]}]}"#;
    assert!(definition::parse(broken).unwrap().needs().checklists);
}

#[test]
fn a_checklists_own_strings_are_left_to_the_full_bundle() {
    let worded = VISIT.replacen('{', r#"{"strings":{"en":{"visit":"The visit"},"tr":{"next":"İleri"}},"#, 1);
    assert!(definition::parse(&worded).unwrap().needs().checklists);
}

#[test]
fn what_the_lean_reader_can_tell_is_still_an_error_with_its_path() {
    let cases = [
        // Checklist fields on a survey.
        (r#"{"seda":1,"id":"s","version":1,"kind":"survey","questions":[{"id":"q","type":"nps","title":"Q"}],"sections":[]}"#, "sections"),
        // Questions on a checklist.
        (r#"{"seda":1,"id":"v","version":1,"kind":"checklist","questions":[{"id":"q","type":"nps","title":"Q"}]}"#, ""),
        // The form's own fields.
        (r#"{"seda":1,"id":"v","version":0,"kind":"checklist","sections":[]}"#, "version"),
    ];
    for (json, path) in cases {
        let errors = definition::parse(json).expect_err(json).0;
        assert!(errors.iter().any(|e| e.path == path), "{json}: {errors:?}");
    }
}

#[test]
fn the_complaint_templates_are_handed_over_by_name() {
    for name in ["complaint", "complaint-csat"] {
        assert!(templates::full_only(name), "{name}");
    }
    assert!(!templates::full_only(templates::STATUS_LOOKUP), "the lookup is no template the engine has");
}
