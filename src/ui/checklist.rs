//! A checklist visit on a phone: the visit details, one section at a time with a
//! sticky live score, then a review that lists what is still missing, then submit.
//! Every change is saved at once (a reload or a closed browser loses nothing).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::core::checklist::Checklist;
use crate::core::checklist_text::{self, ChecklistStrings};
use crate::core::form::Form;
use crate::core::i18n::{fill, is_rtl, persian_digits};
use crate::core::locale::language;
use crate::core::pairs::Pairs;
use crate::core::response::Meta;
use crate::core::score::{self, problems, Outcome, Problem, Scorecard, FULL};
use crate::core::visit::{Entry, Visit};

use super::checklist_item::ChecklistItem;
use super::erased::built;
use super::{handler, rx, Env, SendResult};

/// A photo file made small, as a data URL (`None` when it cannot be read).
pub type ReadPhoto = Rc<dyn Fn(web_sys::File) -> Pin<Box<dyn Future<Output = Option<String>>>>>;

/// What a checklist needs from the browser edge besides the survey's [`Env`].
#[derive(Clone)]
pub struct ChecklistEnv {
    pub base: Env,
    /// The saved visit of this checklist (JSON), if there is one.
    pub saved: Option<String>,
    /// Keeps the visit in progress (JSON), or with `None` discards it.
    pub keep: Rc<dyn Fn(Option<String>)>,
    /// The page's URL query parameters (location, shopper and assignment ids).
    pub params: Pairs<String>,
    pub read_photo: ReadPhoto,
    /// Asks for the device's position ("lat,lon,accuracy"); called only on the shopper's request.
    pub locate: Rc<dyn Fn(Rc<dyn Fn(Option<String>)>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClPhase {
    Answering,
    Sending,
    Failed,
    Done(SendResult),
}

/// One item's share of the visit: its entry and whether it fails. Each item's views read
/// only these, so an answer re-runs the answered item's views and the score, not a
/// check in each of the other items (a checklist may have 300).
#[derive(Clone, Copy)]
pub struct Slot {
    pub entry: RwSignal<Option<Entry>>,
    pub failed: RwSignal<bool>,
}

/// Shared by every view of one checklist.
#[derive(Clone, Copy)]
pub struct Cl {
    pub form: StoredValue<Arc<Form>>,
    pub locale: StoredValue<String>,
    pub visit: RwSignal<Visit>,
    pub card: Memo<Scorecard>,
    /// Each item's [`Slot`], in the checklist's item order; see [`Cl::update`].
    pub slots: StoredValue<Vec<Slot>>,
    pub phase: RwSignal<ClPhase>,
    /// An item to focus once its section is on screen (from the review's links).
    pub focus_item: StoredValue<Option<String>>,
    pub env: StoredValue<ChecklistEnv, LocalStorage>,
}

pub fn expect_cl() -> Cl {
    expect_context::<Cl>()
}

impl Cl {
    pub fn s(&self) -> &'static ChecklistStrings {
        checklist_text::strings(&self.locale.read_value())
    }

    pub fn with_checklist<T>(&self, f: impl FnOnce(&Checklist) -> T) -> T {
        self.form.with_value(|form| f(form.checklist.as_deref().expect("a checklist form")))
    }

    pub fn text(&self, t: &crate::core::text::Text) -> String {
        let locale = self.locale.read_value();
        self.form.with_value(|f| t.get(&locale, &f.locale).to_owned())
    }

    pub fn digits(&self, s: &str) -> String {
        if language(&self.locale.read_value()) == "fa" { persian_digits(s) } else { s.to_owned() }
    }

    /// A percentage in hundredths for display: rounded to a whole percent.
    pub fn percent(&self, h: Option<i64>) -> String {
        match h {
            Some(h) => {
                let whole = (h + 50).div_euclid(100).to_string();
                if language(&self.locale.read_value()) == "fa" { format!("{}٪", persian_digits(&whole)) } else { format!("{whole} %") }
            }
            None => self.s().no_score.to_owned(),
        }
    }

    pub fn now(&self) -> String {
        self.env.with_value(|e| (e.base.now)())
    }

    /// How the submitted visit fared, kept up to date as the outbox settles a queued one.
    pub fn fate(&self) -> impl Fn() -> SendResult + Copy {
        let phase = self.phase;
        move || match phase.get() {
            ClPhase::Done(result) => result,
            _ => SendResult::Queued,
        }
    }

    /// The clock time of an RFC 3339 stamp in the shopper's time zone.
    pub fn clock(&self, at: &str) -> String {
        if at.is_empty() {
            return String::new();
        }
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
        let locale = self.locale.get_value();
        String::from(d.to_locale_time_string(&locale))
    }

    /// Changes the visit's answers, comments or photos; the first answer also records the
    /// time in, if not yet done. The items whose entry or failure changed are told.
    pub fn update(&self, f: impl FnOnce(&mut Visit)) {
        let now = self.now();
        self.visit.update(|v| {
            f(v);
            if v.record.time_in.is_empty() && !v.entries.is_empty() {
                v.record.time_in = now;
            }
        });
        let failed: Vec<bool> = self.card.with_untracked(|c| c.items.iter().map(|r| r.failed).collect());
        self.visit.with_untracked(|v| {
            self.slots.with_value(|slots| {
                self.with_checklist(|c| {
                    for ((item, slot), failed) in c.items().zip(slots).zip(failed) {
                        let entry = v.entry(&item.id);
                        if slot.entry.with_untracked(|e| e.as_ref() != entry) {
                            slot.entry.set(entry.cloned());
                        }
                        if slot.failed.get_untracked() != failed {
                            slot.failed.set(failed);
                        }
                    }
                })
            })
        });
    }

    /// Goes to screen `to` (0 the visit details, then the sections, then the review).
    pub fn go(&self, to: usize) {
        self.visit.update(|v| v.section = to);
    }

    pub fn submit(self) {
        let form = self.form.get_value();
        let now = self.now();
        self.visit.update(|v| {
            if v.record.time_out.is_empty() {
                v.record.time_out = now.clone();
            }
        });
        let (meta, hidden) = self.env.with_value(|e| {
            let started_at = self.visit.with_untracked(|v| v.started_at.clone());
            (Meta { started_at, submitted_at: now, locale: self.locale.get_value(), page_url: e.base.page_url.clone() }, e.base.hidden.clone())
        });
        let Some(response) = self.visit.with_untracked(|v| score::response(&form, v, meta)) else { return };
        let response = response.with_hidden(&form, &hidden);
        let (deliver, keep) = self.env.with_value(|e| (e.base.deliver.clone(), e.keep.clone()));
        self.phase.set(ClPhase::Sending);
        spawn_local(async move {
            let result = deliver(response).await;
            match result {
                SendResult::Failed(_) => self.phase.set(ClPhase::Failed),
                done => {
                    keep(None);
                    if done == SendResult::Queued {
                        let id = self.visit.with_untracked(|v| v.response_id.clone());
                        let follow = self.env.with_value(|e| e.base.follow_delivery.clone());
                        follow(&id, Rc::new(move |r| self.phase.set(ClPhase::Done(r))));
                    }
                    self.phase.set(ClPhase::Done(done));
                }
            }
        });
    }
}

/// A checklist form in page mode.
#[component]
pub fn ChecklistWidget(
    /// The checked form definition (kind `checklist`).
    form: Arc<Form>,
    /// The locale to show.
    locale: String,
    /// The browser edge.
    env: ChecklistEnv,
) -> impl IntoView {
    let c = form.checklist.as_deref().expect("a checklist form");
    let saved = env.saved.as_deref().and_then(|json| Visit::from_json(json, c)).filter(|v| v.form_id == form.id && v.form_version == form.version);
    let visit = saved.unwrap_or_else(|| {
        let mut v = Visit::new(&form.id, form.version, env.base.response_id.clone(), env.base.started_at.clone());
        let param = |name: &str| env.params.get(name).map(|s| s.chars().filter(|c| !c.is_control()).take(200).collect::<String>()).unwrap_or_default();
        v.record.location = param(&c.visit.location_param);
        v.record.shopper = param(&c.visit.shopper_param);
        v.record.assignment = param(&c.visit.assignment_param);
        v
    });
    let visit = RwSignal::new(visit);
    let card = {
        let form = form.clone();
        Memo::new(move |_| visit.with(|v| score::score_so_far(form.checklist.as_deref().expect("a checklist form"), v)))
    };
    let slots = visit.with_untracked(|v| {
        card.with_untracked(|card| {
            c.items()
                .zip(&card.items)
                .map(|(item, r)| Slot { entry: RwSignal::new(v.entry(&item.id).cloned()), failed: RwSignal::new(r.failed) })
                .collect()
        })
    });
    let cl = Cl {
        form: StoredValue::new(form.clone()),
        locale: StoredValue::new(locale.clone()),
        visit,
        card,
        slots: StoredValue::new(slots),
        phase: RwSignal::new(ClPhase::Answering),
        focus_item: StoredValue::new(None),
        env: StoredValue::new_local(env),
    };
    provide_context(cl);
    // Every change is kept at once; the first run only subscribes.
    Effect::new(move |ran: Option<()>| {
        let json = visit.with(|v| v.to_json());
        if ran.is_some() && !matches!(cl.phase.get_untracked(), ClPhase::Done(_)) {
            cl.env.with_value(|e| (e.keep)(Some(json)));
        }
    });
    let sections = c.sections.len();
    let title = form.title.as_ref().map(|t| cl.text(t));
    let label = title.clone();
    let dir = if is_rtl(&locale) { "rtl" } else { "ltr" };
    let screen = Memo::new(move |_| match cl.phase.get() {
        ClPhase::Done(_) => (usize::MAX, true),
        _ => (visit.with(|v| v.section), false),
    });
    view! {
        <div class="seda-root seda-cl" dir=dir lang=locale role="dialog" aria-label=label>
            <ScoreBar title=title />
            {move || match screen.get() {
                (_, true) => built(view! { <ClDone /> }),
                (0, _) => built(view! { <VisitDetails /> }),
                (i, _) if i <= sections => built(view! { <ClSection index=i - 1 /> }),
                _ => built(view! { <Review /> }),
            }}
        </div>
    }
}

/// The sticky bar: the form's title, where the shopper is, and the live scores.
#[component]
fn ScoreBar(
    /// The form's title in the widget's locale.
    title: Option<String>,
) -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    let total = cl.with_checklist(|c| c.sections.len());
    let where_text = rx(move || {
        let at = cl.visit.with(|v| v.section);
        match at {
            0 => s.visit.to_owned(),
            i if i <= total => fill(s.section_of, &[("n", cl.digits(&i.to_string())), ("total", cl.digits(&total.to_string()))]),
            _ => s.review.to_owned(),
        }
    });
    let section_text = rx(move || {
        let at = cl.visit.with(|v| v.section);
        if at == 0 || at > total {
            return String::new();
        }
        format!("{} {}", s.section_score, cl.percent(cl.card.with(|c| c.sections[at - 1].score)))
    });
    let overall_text = rx(move || {
        let (overall, outcome) = cl.card.with(|c| (c.overall, c.outcome.clone()));
        let flag = match outcome {
            Outcome::CriticalFail => format!(" · {}", s.outcome_critical),
            Outcome::SectionFail => format!(" · {}", s.outcome_section),
            _ => String::new(),
        };
        format!("{} {}{flag}", s.overall_score, cl.percent(overall))
    });
    let failing = rx(move || cl.card.with(|c| matches!(c.outcome, Outcome::CriticalFail | Outcome::SectionFail)));
    view! {
        <header class="seda-cl-bar">
            {title.map(|t| view! { <p class="seda-form-title">{t}</p> })}
            <div class="seda-cl-bar__row">
                <span class="seda-cl-bar__where">{where_text}</span>
                <span class="seda-cl-bar__scores" role="status" class:seda-cl-bar__scores--fail=failing>
                    <span class="seda-cl-bar__section">{section_text}</span>
                    " "
                    <span class="seda-cl-bar__overall">{overall_text}</span>
                </span>
            </div>
        </header>
    }
}

/// Moves focus to `selector` in the element (once mounted) and scrolls the page to it.
fn focus_when_mounted(node: NodeRef<leptos::html::Div>, selector: Rc<dyn Fn() -> String>) {
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let el: &web_sys::Element = el.unchecked_ref();
        if let Ok(Some(target)) = el.query_selector(&selector()) {
            let target: web_sys::HtmlElement = target.unchecked_into();
            let _ = target.focus();
            target.scroll_into_view();
        }
    });
}

/// Items per run. A section's items are laid out and painted a run at a time, only when the
/// run is near the screen (`.seda-cl-run`: `content-visibility: auto`). Not an item at a time:
/// when form fields are added, Chromium's autofill reads where each new one is, and in a
/// section of 300 items the browser then laid out the items far from the screen one by one,
/// which kept the page from answering for about 300 ms (bench/CHECKLIST.md).
const RUN: usize = 20;

/// One section: its items, then Back and Next.
#[component]
fn ClSection(
    /// The section's index in the checklist.
    index: usize,
) -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    let (title, description, first, count) = cl.with_checklist(|c| {
        let sec = &c.sections[index];
        let first: usize = c.sections[..index].iter().map(|x| x.items.len()).sum();
        (cl.text(&sec.title), sec.description.as_ref().map(|d| cl.text(d)), first, sec.items.len())
    });
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(
        node,
        Rc::new(move || match cl.focus_item.try_update_value(Option::take).flatten() {
            Some(id) => format!("[id=\"seda-cl-{id}-title\"]"),
            None => ".seda-cl-section__title".to_owned(),
        }),
    );
    let runs = (first..first + count)
        .step_by(RUN)
        .map(|start| {
            let items = (start..(start + RUN).min(first + count)).map(|i| view! { <ChecklistItem index=i /> }).collect_view();
            view! { <div class="seda-cl-run">{items}</div> }
        })
        .collect_view();
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{title}</h2>
            {description.map(|d| view! { <p class="seda-description">{d}</p> })}
            {runs}
            <Nav back=Some(index) next=index + 2 next_label=s.next />
        </div>
    }
}

/// Back and Next, at the bottom of a screen.
#[component]
fn Nav(
    /// The screen Back goes to, if any.
    back: Option<usize>,
    /// The screen Next goes to.
    next: usize,
    /// The label of the Next button.
    next_label: &'static str,
) -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    view! {
        <div class="seda-actions seda-cl-nav">
            {back.map(|to| view! {
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| cl.go(to))>{s.back}</button>
            })}
            <button type="button" class="seda-button seda-button--primary" on:click=handler(move |_| cl.go(next))>{next_label}</button>
        </div>
    }
}

/// The visit record: where, who and when.
#[component]
fn VisitDetails() -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    let (locations, geolocation, staff_names) = cl.with_checklist(|c| {
        let locs: Vec<(String, String)> = c.visit.locations.iter().map(|l| (l.id.clone(), cl.text(&l.label))).collect();
        (locs, c.visit.geolocation, c.visit.staff_names)
    });
    let record = move || cl.visit.with(|v| v.record.clone());
    let field = move |label: &'static str, id: &'static str, get: fn(&crate::core::visit::Record) -> String, set: fn(&mut crate::core::visit::Record, String)| {
        view! {
            <div class="seda-cl-field">
                <label class="seda-cl-label" for=id>{label}</label>
                <input id=id class="seda-input" type="text" dir="auto" maxlength="200"
                    prop:value=rx(move || get(&record()))
                    on:change=handler(move |ev| { let value = event_target_value(&ev); cl.visit.update(|v| set(&mut v.record, value)) }) />
            </div>
        }
    };
    let location = if locations.is_empty() {
        built(field(s.location, "seda-cl-location", |r| r.location.clone(), |r, v| r.location = v))
    } else {
        let options = locations
            .into_iter()
            .map(|(id, label)| {
                let value = id.clone();
                view! { <option value=id prop:selected=rx(move || record().location == value)>{label}</option> }
            })
            .collect_view();
        built(view! {
            <div class="seda-cl-field">
                <label class="seda-cl-label" for="seda-cl-location">{s.location}</label>
                <select id="seda-cl-location" class="seda-input"
                    on:change=handler(move |ev| { let value = event_target_value(&ev); cl.visit.update(|v| v.record.location = value) })>
                    <option value="" prop:selected=rx(move || record().location.is_empty())>{s.choose_location}</option>
                    {options}
                </select>
            </div>
        })
    };
    let time_in = rx(move || cl.clock(&record().time_in));
    let geo_state = RwSignal::new(None::<bool>);
    let geo = geolocation.then(|| {
        let ask = move |_| {
            let done: Rc<dyn Fn(Option<String>)> = Rc::new(move |pos: Option<String>| {
                geo_state.set(Some(pos.is_some()));
                if let Some(p) = pos {
                    cl.visit.update(|v| v.record.geo = p);
                }
            });
            cl.env.with_value(|e| (e.locate)(done));
        };
        view! {
            <div class="seda-cl-field">
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(ask)>{s.share_location}</button>
                <p class="seda-description">{s.share_location_note}</p>
                <p class="seda-note" role="status">{rx(move || {
                    let has = !record().geo.is_empty();
                    match (geo_state.get(), has) {
                        (_, true) => s.location_shared,
                        (Some(false), _) => s.location_failed,
                        _ => "",
                    }
                })}</p>
            </div>
        }
    });
    let staff = staff_names.then(|| field(s.staff, "seda-cl-staff", |r| r.staff.clone(), |r, v| r.staff = v));
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-cl-section__title".to_owned()));
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{s.visit}</h2>
            {location}
            {field(s.shopper, "seda-cl-shopper", |r| r.shopper.clone(), |r, v| r.shopper = v)}
            {field(s.assignment, "seda-cl-assignment", |r| r.assignment.clone(), |r, v| r.assignment = v)}
            {staff}
            <div class="seda-cl-field seda-cl-time">
                <button type="button" class="seda-button seda-button--quiet"
                    on:click=handler(move |_| { let now = cl.now(); cl.visit.update(|v| v.record.time_in = now) })>{s.record_time_in}</button>
                <span class="seda-cl-time__value">{s.time_in} ": " {time_in}</span>
            </div>
            {geo}
            <p class="seda-note">{s.saved_offline}</p>
            <Nav back=None next=1 next_label=s.start />
        </div>
    }
}

/// The review: the scores, what still needs doing (each a link to it), time out, submit.
#[component]
fn Review() -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    let total = cl.with_checklist(|c| c.sections.len());
    // (screen, item id, "Section › item: problem")
    let list = Memo::new(move |_| {
        cl.with_checklist(|c| {
            let items: Vec<_> = c.sections.iter().flat_map(|sec| sec.items.iter().map(move |i| (sec, i))).collect();
            cl.visit.with(|v| {
                cl.card.with(|card| {
                    problems(c, v, card)
                        .into_iter()
                        .map(|(si, ii, p)| {
                            let (sec, item) = items[ii];
                            let what = match p {
                                Problem::Unanswered => s.unanswered,
                                Problem::PhotoMissing => s.photo_missing,
                                Problem::CommentMissing { .. } => s.comment_missing,
                            };
                            (si + 1, item.id.clone(), format!("{} › {}: {what}", cl.text(&sec.title), cl.text(&item.title)))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let sections = cl.with_checklist(|c| {
        c.sections
            .iter()
            .enumerate()
            .map(|(i, sec)| {
                let name = cl.text(&sec.title);
                view! {
                    <li class="seda-cl-review__section">
                        <span>{name}</span>
                        <span class:seda-cl-fail=rx(move || cl.card.with(|c| c.sections[i].failed))>{rx(move || cl.percent(cl.card.with(|c| c.sections[i].score)))}</span>
                    </li>
                }
            })
            .collect_view()
    });
    let time_out = rx(move || cl.visit.with(|v| cl.clock(&v.record.time_out)));
    let sending = move || cl.phase.get() == ClPhase::Sending;
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-cl-section__title".to_owned()));
    let submit = move |_| {
        if sending() {
            return;
        }
        if list.with_untracked(|l| l.is_empty()) {
            cl.submit();
        } else if let Some(el) = node.get_untracked() {
            let el: &web_sys::Element = el.unchecked_ref();
            if let Ok(Some(first)) = el.query_selector(".seda-cl-problems button") {
                let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{s.review}</h2>
            <ul class="seda-cl-review">{sections}</ul>
            {move || {
                let problems = list.get();
                if problems.is_empty() {
                    return built(view! { <p class="seda-note seda-cl-ready" role="status">{s.ready}</p> });
                }
                let heading = fill(s.to_fix, &[("n", cl.digits(&problems.len().to_string()))]);
                let rows = problems
                    .into_iter()
                    .map(|(screen, id, words)| {
                        let go = move |_| {
                            cl.focus_item.set_value(Some(id.clone()));
                            cl.go(screen);
                        };
                        view! { <li><button type="button" class="seda-cl-link" on:click=handler(go)>{words}</button></li> }
                    })
                    .collect_view();
                built(view! {
                    <div class="seda-cl-problems">
                        <h3 class="seda-cl-problems__title">{heading}</h3>
                        <ul>{rows}</ul>
                    </div>
                })
            }}
            <div class="seda-cl-field seda-cl-time">
                <button type="button" class="seda-button seda-button--quiet"
                    on:click=handler(move |_| { let now = cl.now(); cl.visit.update(|v| v.record.time_out = now) })>{s.record_time_out}</button>
                <span class="seda-cl-time__value">{s.time_out} ": " {time_out}</span>
            </div>
            {move || (cl.phase.get() == ClPhase::Failed).then(|| {
                let strings = crate::core::i18n::strings(&cl.locale.get_value());
                view! {
                    <div class="seda-alert" role="alert">
                        <p class="seda-alert__title">{strings.send_failed}</p>
                        <p>{strings.send_failed_body}</p>
                    </div>
                }
            })}
            <div class="seda-actions seda-cl-nav">
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| cl.go(total))>{s.back}</button>
                <button type="button" class="seda-button seda-button--primary"
                    aria-disabled=rx(move || sending().then_some("true"))
                    on:click=handler(submit)>{rx(move || if sending() { s.sending } else { s.submit })}</button>
            </div>
        </div>
    }
}

/// After submitting: thanks, where the report went, and its result.
#[component]
fn ClDone() -> impl IntoView {
    let cl = expect_cl();
    let s = cl.s();
    let strings = crate::core::i18n::strings(&cl.locale.get_value());
    let (title, body) = cl.form.with_value(|f| {
        let t = f.thank_you.first();
        (
            t.map_or(strings.thank_you.to_owned(), |t| cl.text(&t.title)),
            t.and_then(|t| t.body.as_ref()).map_or(strings.thank_you_body.to_owned(), |b| cl.text(b)),
        )
    });
    let fate = cl.fate();
    let note = move || fate().note(strings);
    let summary = cl.card.with_untracked(|card| {
        let outcome = cl.with_checklist(|c| match card.outcome {
            Outcome::CriticalFail => s.outcome_critical.to_owned(),
            Outcome::SectionFail => s.outcome_section.to_owned(),
            Outcome::Band(i) => c.bands[i].label.as_ref().map_or(c.bands[i].id.clone(), |l| cl.text(l)),
            Outcome::Unbanded => String::new(),
        });
        format!("{} {} {outcome}", s.overall_score, cl.percent(card.overall.map(|o| o.min(FULL * 10))))
    });
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-title".to_owned()));
    view! {
        <div class="seda-thanks seda-cl-section" node_ref=node>
            <h2 class="seda-title" tabindex="-1">{title}</h2>
            <p>{body}</p>
            <p class="seda-cl-summary">{summary}</p>
            <p class="seda-note" role="status">{note}</p>
        </div>
    }
}
