//! The views and the browser edge, in a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use seda::core::answer::Answer;
use seda::core::draft::Draft;
use seda::core::definition;
use seda::core::nps::NpsCategory;
use seda::core::response::Response;
use seda::core::templates;
use seda::ui::{Env, SendResult, Widget};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// What a mounted test widget sent, and the element it lives in.
struct Mounted {
    root: HtmlElement,
    sent: Rc<RefCell<Vec<Response>>>,
    /// Every draft the widget asked to keep (`None`: discard).
    drafts: Rc<RefCell<Vec<Option<Draft>>>>,
}

impl Mounted {
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
    }
    fn one(&self, selector: &str) -> Element {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector} in {}", self.root.inner_html()))
    }
    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
    /// The radio whose label reads `label`.
    fn radio(&self, label: &str) -> HtmlInputElement {
        self.all("label")
            .into_iter()
            .find(|l| l.text_content().unwrap_or_default().trim() == label)
            .and_then(|l| l.query_selector("input").unwrap())
            .unwrap_or_else(|| panic!("no radio labelled {label}"))
            .unchecked_into()
    }
    /// Picks `score` on the first step, moves on, and submits the second (last) step.
    async fn score_and_submit(&self, score: &str) {
        self.radio(score).click();
        tick().await;
        self.button("Next").click();
        tick().await;
        self.button("Submit").click();
        tick().await;
        tick().await;
    }

    fn button(&self, label: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label} in {}", self.root.inner_html()))
            .unchecked_into()
    }
}

thread_local! {
    /// The callback the last mounted widget's thanks screen left to hear how a queued
    /// response fared.
    static FOLLOWING: RefCell<Option<Rc<dyn Fn(SendResult)>>> = const { RefCell::new(None) };
}

/// Mounts `template` in `locale` into a fresh element; every delivery returns `results` in turn.
fn mount(template: &str, locale: &str, results: Vec<SendResult>) -> Mounted {
    mount_with_draft(template, locale, results, None)
}

fn mount_with_draft(template: &str, locale: &str, results: Vec<SendResult>, draft: Option<Draft>) -> Mounted {
    mount_form(templates::get(template).unwrap(), locale, results, draft)
}

/// Mounts the form definition `json`.
fn mount_form(json: &str, locale: &str, results: Vec<SendResult>, draft: Option<Draft>) -> Mounted {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let form = Arc::new(definition::parse(json).unwrap());
    let sent = Rc::new(RefCell::new(Vec::new()));
    let results = Rc::new(RefCell::new(results));
    let log = sent.clone();
    let drafts = Rc::new(RefCell::new(Vec::new()));
    let kept = drafts.clone();
    let env = Env {
        response_id: "11111111-1111-4111-8111-111111111111".into(),
        started_at: "2026-11-23T10:00:00.000Z".into(),
        page_url: "https://shop.example/thanks".into(),
        now: Rc::new(|| "2026-11-23T10:00:30.000Z".into()),
        deliver: Rc::new(move |response| {
            log.borrow_mut().push(response);
            let result = results.borrow_mut().remove(0);
            Box::pin(async move { result })
        }),
        on_close: None,
        draft,
        keep_draft: Rc::new(move |d| kept.borrow_mut().push(d)),
        hidden: Default::default(),
        today: None,
        on_answer: Rc::new(|_, _| {}),
        now_local: None,
        open_form: None,
        pictures: None,
        follow_delivery: Rc::new(|_, then| FOLLOWING.with(|f| *f.borrow_mut() = Some(then))),
    };
    let locale = locale.to_owned();
    leptos::mount::mount_to(root.clone(), move || view! { <Widget form=form locale=locale env=env /> }).forget();
    Mounted { root, sent, drafts }
}

#[wasm_bindgen_test]
async fn nps_is_a_labelled_radio_group_of_eleven_points() {
    let w = mount("nps", "en", vec![]);
    tick().await;
    let group = w.one("[role=radiogroup]");
    assert_eq!(group.get_attribute("aria-labelledby").as_deref(), Some("seda-recommend-title"));
    assert_eq!(w.text("#seda-recommend-title"), "How likely are you to recommend us to a friend or colleague?");
    let radios = w.all("input[type=radio]");
    assert_eq!(radios.len(), 11);
    for n in 0..=10 {
        assert_eq!(w.radio(&n.to_string()).value(), n.to_string());
    }
    assert_eq!(w.text("#seda-recommend-labels"), "Not at all likelyExtremely likely");
    assert!(w.all("button").iter().any(|b| b.text_content().unwrap() == "Next"));
}

#[wasm_bindgen_test]
async fn a_required_score_blocks_next_with_an_announced_message() {
    let w = mount("nps", "en", vec![]);
    tick().await;
    w.button("Next").click();
    tick().await;
    assert_eq!(w.text("#seda-recommend-error"), "Please answer this question.");
    assert_eq!(w.one("#seda-recommend-error").get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(w.one("[role=radiogroup]").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(w.all("input[type=radio]").len(), 11, "still on the first step");
    // Answering clears the message.
    w.radio("3").click();
    tick().await;
    assert_eq!(w.text("#seda-recommend-error"), "");
}

#[wasm_bindgen_test]
async fn answering_the_nps_survey_delivers_one_response_then_thanks() {
    let w = mount("nps", "en", vec![SendResult::Sent]);
    tick().await;
    w.radio("9").click();
    tick().await;
    assert!(w.radio("9").checked());
    w.button("Next").click();
    tick().await;
    assert_eq!(w.text("label[for=seda-reason-input]"), "What is the main reason for your score?");
    assert_eq!(w.text(".seda-progress__text"), "2 of 2");
    let reason: HtmlTextAreaElement = w.one("textarea").unchecked_into();
    reason.set_value("Fast delivery");
    reason.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    w.button("Submit").click();
    tick().await;
    tick().await;
    let sent = w.sent.borrow();
    assert_eq!(sent.len(), 1);
    let r = &sent[0];
    assert_eq!(r.id, "11111111-1111-4111-8111-111111111111");
    assert_eq!(r.answers.get("recommend"), Some(&Answer::Number(9)));
    assert_eq!(r.answers.get("reason"), Some(&Answer::Text("Fast delivery".into())));
    assert_eq!(r.nps_category, Some(NpsCategory::Promoter));
    assert_eq!(r.meta.submitted_at, "2026-11-23T10:00:30.000Z");
    assert_eq!(r.meta.locale, "en");
    assert_eq!(w.text("h2.seda-title"), "Thank you!");
}

#[wasm_bindgen_test]
async fn back_keeps_the_answer() {
    let w = mount("nps", "en", vec![]);
    tick().await;
    w.radio("4").click();
    tick().await;
    w.button("Next").click();
    tick().await;
    w.button("Back").click();
    tick().await;
    assert!(w.radio("4").checked());
    assert_eq!(w.text(".seda-progress__text"), "1 of 2");
}

#[wasm_bindgen_test]
async fn a_failed_send_says_so_keeps_the_answers_and_retries_with_the_same_id() {
    let w = mount("csat", "en", vec![SendResult::Failed("the endpoint answered 500".into()), SendResult::Sent]);
    tick().await;
    w.score_and_submit("2").await;
    assert_eq!(w.text(".seda-alert__title"), "We could not send your answers");
    assert!(w.all("h2.seda-title").iter().all(|h| h.text_content().unwrap() != "Thank you!"), "no false success");
    w.button("Try again").click();
    tick().await;
    tick().await;
    let sent = w.sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].id, sent[1].id, "a retry is the same response");
    assert_eq!(sent[1].answers.get("satisfaction"), Some(&Answer::Number(2)));
    assert_eq!(w.text("h2.seda-title"), "Thank you!");
}

#[wasm_bindgen_test]
async fn kept_locally_thanks_and_says_where_the_answers_are() {
    let w = mount("ces", "en", vec![SendResult::KeptLocally]);
    tick().await;
    w.score_and_submit("7").await;
    assert_eq!(w.text(".seda-note"), "Your answers are saved on this device.");
}

#[wasm_bindgen_test]
async fn persian_lays_out_right_to_left_in_persian_words() {
    let w = mount("nps", "fa", vec![]);
    tick().await;
    let root = w.one(".seda-root");
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("fa"));
    assert_eq!(w.text("#seda-recommend-title"), "چقدر احتمال دارد ما را به یک دوست یا همکار پیشنهاد کنید؟");
    w.button("بعدی").click();
    tick().await;
    assert_eq!(w.text("#seda-recommend-error"), "لطفاً به این پرسش پاسخ دهید.");
}

#[wasm_bindgen_test]
async fn the_shadow_host_keeps_its_styles_inside() {
    use seda::platform::host::{create, Placement};
    let head_before = document().head().unwrap().child_element_count();
    let host = create(&Placement::Corner).unwrap();
    let shadow = host.element.shadow_root().expect("an open shadow root");
    assert_eq!(shadow.mode(), web_sys::ShadowRootMode::Open);
    assert_eq!(shadow.adopted_style_sheets().length(), 1, "styles are adopted into the shadow root");
    assert_eq!(document().head().unwrap().child_element_count(), head_before, "nothing added to <head>");
    assert!(host.element.has_attribute("data-seda-host"));
    host.element.remove();
}

#[wasm_bindgen_test]
async fn each_answer_is_kept_as_a_draft_at_once() {
    let w = mount("nps", "en", vec![]);
    tick().await;
    assert!(w.drafts.borrow().is_empty(), "nothing answered, nothing kept");
    w.radio("6").click();
    tick().await;
    let drafts = w.drafts.borrow();
    let draft = drafts.last().unwrap().as_ref().expect("a draft");
    assert_eq!(draft.answers.get("recommend"), Some(&Answer::Number(6)));
    assert_eq!(draft.response_id, "11111111-1111-4111-8111-111111111111");
    assert_eq!((draft.form_id.as_str(), draft.form_version, draft.path.clone()), ("nps", 1, vec![0]));
}

fn saved_draft() -> Draft {
    Draft {
        form_id: "nps".into(),
        form_version: 1,
        response_id: "22222222-2222-4222-8222-222222222222".into(),
        started_at: "2026-11-22T09:00:00.000Z".into(),
        path: vec![0, 1],
        answers: [("recommend".to_string(), Answer::Number(3))].into(),
        saved_at: "2026-11-22T09:01:00.000Z".into(),
    }
}

#[wasm_bindgen_test]
async fn continuing_a_draft_restores_answers_step_and_response_id() {
    let w = mount_with_draft("nps", "en", vec![SendResult::Queued], Some(saved_draft()));
    tick().await;
    assert_eq!(w.text("#seda-resume-title"), "Continue where you left off?");
    w.button("Continue").click();
    tick().await;
    assert_eq!(w.text(".seda-progress__text"), "2 of 2", "back on the step the visitor left");
    w.button("Back").click();
    tick().await;
    assert!(w.radio("3").checked());
    w.button("Next").click();
    tick().await;
    w.button("Submit").click();
    tick().await;
    tick().await;
    let sent = w.sent.borrow();
    assert_eq!(sent[0].id, "22222222-2222-4222-8222-222222222222", "the draft's response, not a new one");
    assert_eq!(sent[0].meta.started_at, "2026-11-22T09:00:00.000Z");
    assert_eq!(w.text(".seda-note"), "Saved on this device. It will be sent automatically.");
}

#[wasm_bindgen_test]
async fn starting_over_discards_the_draft() {
    let w = mount_with_draft("nps", "en", vec![], Some(saved_draft()));
    tick().await;
    w.button("Start over").click();
    tick().await;
    assert_eq!(w.drafts.borrow().last(), Some(&None), "the draft is discarded");
    assert_eq!(w.text(".seda-progress__text"), "1 of 2");
    assert!(!w.radio("3").checked());
}

#[wasm_bindgen_test]
async fn the_status_note_tells_sent_from_saved_from_refused() {
    for (result, note) in [
        (SendResult::Sent, "Sent."),
        (SendResult::Rejected, "Saved on this device, but the site did not accept it."),
    ] {
        let w = mount("csat", "en", vec![result]);
        tick().await;
        w.score_and_submit("5").await;
        assert_eq!(w.text(".seda-note"), note);
        assert_eq!(w.one(".seda-note").get_attribute("role").as_deref(), Some("status"));
    }
}

/// Waits for a macrotask, so every microtask has run (tachys sets `value` in one).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_response_too_large_to_send_asks_to_shorten_it_and_keeps_the_answers() {
    // Three answers of 10,000 three-byte characters: about 90 KB, over the 64 KiB cap.
    let json = r#"{"seda":1,"id":"long","version":1,"kind":"survey","questions":[
        {"id":"a","type":"text","multiline":true,"max_length":10000,"title":"A"},
        {"id":"b","type":"text","multiline":true,"max_length":10000,"title":"B"},
        {"id":"c","type":"text","multiline":true,"max_length":10000,"title":"C"}]}"#;
    let w = mount_form(json, "en", vec![SendResult::Sent], None);
    settle().await;
    let long = "€".repeat(10_000);
    let area = || -> HtmlTextAreaElement { w.one("textarea").unchecked_into() };
    let type_in = |text: &str| {
        area().set_value(text);
        area().dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    };
    for step in ["Next", "Next", "Submit"] {
        type_in(&long);
        w.button(step).click();
        settle().await;
    }
    assert_eq!(w.text(".seda-alert__title"), "Your answers are too long to send together. Please shorten them and try again.");
    assert_eq!(w.one(".seda-alert").get_attribute("role").as_deref(), Some("alert"));
    assert!(w.sent.borrow().is_empty(), "nothing is sent");
    assert!(area().value() == long, "the answer is still on screen");
    w.button("Back").click();
    settle().await;
    assert!(area().value() == long, "and so is the one before");
    w.button("Next").click();
    settle().await;
    type_in("Shorter");
    w.button("Submit").click();
    settle().await;
    assert_eq!(w.sent.borrow().len(), 1);
    assert_eq!(w.sent.borrow()[0].answers.get("c"), Some(&Answer::Text("Shorter".into())));
    assert_eq!(w.text("h2.seda-title"), "Thank you!");
}

#[wasm_bindgen_test]
async fn a_complaint_is_acknowledged_with_its_reference_code_and_promises() {
    let json = r#"{"seda":1,"id":"c","version":1,"kind":"complaint","questions":[
        {"id":"what","type":"text","required":true,"title":"What happened?"}],
        "acknowledgement":{"response_time":"We reply within 2 working days.","guarantee":"Or the next one is free."}}"#;
    let w = mount_form(json, "en", vec![SendResult::Queued], None);
    tick().await;
    let what: HtmlInputElement = w.one("input").unchecked_into();
    what.set_value("Cold coffee");
    what.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    w.button("Submit").click();
    tick().await;
    tick().await;
    let code = seda::core::complaint::reference_code("11111111-1111-4111-8111-111111111111");
    assert_eq!(w.sent.borrow()[0].reference.as_deref(), Some(code.as_str()));
    assert_eq!(w.text("h2.seda-title"), "Your complaint is saved on this device", "not \"we have it\" while it waits");
    assert_eq!(w.text(".seda-reference__code [aria-hidden]"), code);
    assert_eq!(w.text(".seda-reference__code .seda-sr-only").split_whitespace().collect::<String>(), code.replace('-', ","));
    let html = w.root.inner_html();
    assert!(html.contains("We reply within 2 working days.") && html.contains("Or the next one is free."));
    assert_eq!(w.text("[role=status]"), "Saved on this device. It will be sent automatically.");
    // The outbox delivers it later, on this page: the screen says so at once.
    let delivered = FOLLOWING.with(|f| f.borrow_mut().take()).expect("the thanks screen follows a queued response");
    delivered(SendResult::Sent);
    tick().await;
    assert_eq!(w.text("[role=status]"), "Sent.");
    assert_eq!(w.text("h2.seda-title"), "We have your complaint");
}
