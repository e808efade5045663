//! The embed entry point, alone in its own wasm instance: `mount` must work as the
//! very first call, exactly as seda.js makes it on a page.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn slot(id: &str) -> Element {
    let target = document().create_element("div").unwrap();
    target.set_id(id);
    document().body().unwrap().append_child(&target).unwrap();
    target
}

/// The text inside the widget's shadow root in `target`, once it has appeared.
async fn widget_text(target: &Element) -> String {
    for _ in 0..50 {
        if let Some(host) = target.query_selector("[data-seda-host]").unwrap() {
            let text = host.shadow_root().unwrap().text_content().unwrap_or_default();
            if !text.is_empty() {
                return text;
            }
        }
        sleep_ms(20).await;
    }
    panic!("no widget appeared in #{}", target.id());
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

// Regression: mount() used leptos's spawn_local before any mount_to had started
// its executor, so the first widget on a page panicked instead of appearing.
#[wasm_bindgen_test]
async fn mount_as_the_first_call_shows_the_template() {
    let target = slot("nps-slot");
    seda::platform::embed::mount(r##"{"form":"template:nps","target":"#nps-slot","locale":"en"}"##, None, None);
    let text = widget_text(&target).await;
    assert!(text.contains("How likely are you to recommend us to a friend or colleague?"), "{text}");
    tick().await;
}

#[wasm_bindgen_test]
async fn a_malformed_inline_form_shows_an_error_box_naming_the_path() {
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_id("broken-form");
    script.set_text_content(Some(
        r#"{"seda":1,"id":"x","version":1,"kind":"survey","questions":[{"id":"q","type":"rating","title":"T","scale":{"min":5,"max":"high"}}]}"#,
    ));
    document().body().unwrap().append_child(&script).unwrap();
    let target = slot("broken-slot");
    seda::platform::embed::mount(r##"{"form":"broken-form","target":"#broken-slot"}"##, None, None);
    let text = widget_text(&target).await;
    assert!(text.contains("questions[0].scale.max: expected an integer, found a string"), "{text}");
}

#[wasm_bindgen_test]
async fn an_unknown_template_names_the_ones_there_are() {
    let _slot = slot("unknown-slot");
    seda::platform::embed::mount(r##"{"form":"template:quiz","target":"#unknown-slot"}"##, None, None);
    // A configuration error has no target to trust, so the box goes to the corner.
    for _ in 0..50 {
        let hosts = document().query_selector_all("body > [data-seda-host]").unwrap();
        for i in 0..hosts.length() {
            let host: Element = wasm_bindgen::JsCast::unchecked_into(hosts.item(i).unwrap());
            let text = host.shadow_root().unwrap().text_content().unwrap_or_default();
            if text.contains("template:quiz") {
                assert!(text.contains("the templates are nps, csat, ces"), "{text}");
                return;
            }
        }
        sleep_ms(20).await;
    }
    panic!("no error box for template:quiz");
}

// Regression: every response left its two window listeners behind for good, so a kiosk
// page ran hundreds of stale listeners on each later seda:complete.
#[wasm_bindgen_test]
async fn a_settled_response_releases_its_listeners() {
    use seda::platform::events::{emit, on_settled};
    use std::{cell::RefCell, rc::Rc};
    let calls = Rc::new(RefCell::new(Vec::new()));
    let settle = |id: &str| {
        let seen = calls.clone();
        let f: Rc<dyn Fn(bool)> = Rc::new(move |delivered| seen.borrow_mut().push(delivered));
        let held = Rc::downgrade(&f);
        on_settled(id, f);
        held
    };
    let sent = settle("r-sent");
    let refused = settle("r-refused");
    emit("complete", r#"{"id":"r-other","form_id":"f"}"#);
    emit("error", r#"{"message":"offline","response_id":"r-refused","form_id":"f"}"#);
    assert!(calls.borrow().is_empty(), "settled by another response or a retryable error");
    emit("complete", r#"{"id":"r-sent","form_id":"f"}"#);
    emit("error", r#"{"message":"no","response_id":"r-refused","refused":true,"form_id":"f"}"#);
    assert_eq!(*calls.borrow(), [true, false]);
    sleep_ms(0).await;
    assert!(sent.upgrade().is_none() && refused.upgrade().is_none(), "the listeners still hold their callbacks");
    emit("complete", r#"{"id":"r-sent","form_id":"f"}"#);
    assert_eq!(calls.borrow().len(), 2, "settled twice");
}
