//! A failure inside the widget (a Rust panic), alone in its own wasm instance: the
//! panic hook's report puts an apology in every widget, in its language, and sends
//! one `seda:error`; nothing more happens after it.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use seda::core::i18n;
use seda::platform::{crash, embed};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn hosts() -> Vec<HtmlElement> {
    let list = document().query_selector_all("[data-seda-host]").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn shadow_text(host: &Element) -> String {
    host.shadow_root().unwrap().text_content().unwrap_or_default()
}

/// Waits until `n` widgets show `text`.
async fn until_shown(n: usize, text: &str) {
    for _ in 0..100 {
        if hosts().iter().filter(|h| shadow_text(h).contains(text)).count() == n {
            return;
        }
        sleep_ms(20).await;
    }
    panic!("{n} widgets never showed {text:?}: {:?}", hosts().iter().map(|h| shadow_text(h)).collect::<Vec<_>>());
}

/// The `message` of every `seda:error` dispatched from now on.
fn record_errors() -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        let message = js_sys::Reflect::get(&e.detail(), &"message".into()).unwrap();
        sink.borrow_mut().push(message.as_string().unwrap_or_default());
    });
    web_sys::window().unwrap().add_event_listener_with_callback("seda:error", listener.as_ref().unchecked_ref()).unwrap();
    listener.forget();
    seen
}

#[wasm_bindgen_test]
async fn a_panic_report_puts_an_apology_in_every_widget_and_one_seda_error() {
    let slot = document().create_element("div").unwrap();
    slot.set_id("fa-slot");
    document().body().unwrap().append_child(&slot).unwrap();
    embed::mount(r##"{"form":"template:nps","locale":"en"}"##, None, None);
    embed::mount(r##"{"form":"template:csat","target":"#fa-slot","locale":"fa"}"##, None, None);
    until_shown(1, "How likely are you to recommend us").await;
    until_shown(1, "چطور بودیم").await;
    let errors = record_errors();

    crash::report("panicked at src/ui/step.rs:1:1:\nsimulated");

    assert!(crash::crashed());
    let texts: Vec<String> = hosts().iter().map(|h| shadow_text(h)).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    let corner = hosts().into_iter().find(|h| h.parent_element().unwrap().tag_name() == "BODY").unwrap();
    assert_eq!(shadow_text(&corner), format!("{}×", i18n::EN.crashed), "the corner card: apology and close");
    assert_eq!(shadow_text(&slot.first_element_child().unwrap()), i18n::FA.crashed, "the inline widget, in Persian");
    for host in hosts() {
        let root = host.shadow_root().unwrap();
        assert!(root.query_selector("form, input, .seda-step").unwrap().is_none(), "the form is gone");
        assert!(root.query_selector("[role=alert]").unwrap().is_some(), "the apology is announced");
    }
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    let message = errors.borrow()[0].clone();
    assert!(message.starts_with("internal error, the widget has stopped: panicked at src/ui/step.rs"), "{message}");

    // A second failure reports nothing more, and no new widget starts.
    crash::report("again");
    embed::mount(r##"{"form":"template:ces","locale":"en"}"##, None, None);
    sleep_ms(200).await;
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert_eq!(hosts().len(), 2);

    // The corner card can still be closed.
    let close: HtmlElement = corner.shadow_root().unwrap().query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(close.get_attribute("aria-label").as_deref(), Some(i18n::EN.close));
    close.click();
    assert!(!corner.is_connected());
    assert_eq!(hosts().len(), 1);
}
