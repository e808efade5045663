//! A checklist visit on a phone: the visit details, one section at a time with a
//! sticky live score, then a review that lists what is still missing, then submit.
//! Every change is saved at once (a reload or a closed browser loses nothing).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::form::Form;
use crate::core::i18n::{fill, is_rtl};
use crate::core::score::{self, problems, Outcome, Problem, FULL};
use crate::core::visit::Visit;

use super::checklist_item::ChecklistItem;
use super::checklist_state::{expect_checklist, ChecklistEnv, ChecklistPhase, ChecklistState, ItemState, Located};
use super::erased::{erase, handler, reactive};

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
        let param = |name: &str| env.params.get(name).map(|value| value.chars().filter(|character| !character.is_control()).take(200).collect::<String>()).unwrap_or_default();
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
                .map(|(item, r)| ItemState { entry: RwSignal::new(v.entry(&item.id).cloned()), failed: RwSignal::new(r.failed) })
                .collect()
        })
    });
    let state = ChecklistState {
        form: StoredValue::new(form.clone()),
        locale: StoredValue::new(locale.clone()),
        words: StoredValue::new((form.strings.widget(&locale), form.strings.checklist(&locale))),
        visit,
        card,
        slots: StoredValue::new(slots),
        phase: RwSignal::new(ChecklistPhase::Answering),
        unsaved: RwSignal::new(false),
        focus_item: StoredValue::new(None),
        env: StoredValue::new_local(env),
    };
    provide_context(state);
    // The visit is kept as it opens (so a device that cannot keep it says so at once)
    // and on every change; a failed save is shown until one succeeds.
    let told: Rc<dyn Fn(bool)> = Rc::new(move |stored| state.unsaved.set(!stored));
    Effect::new(move |_| {
        let json = visit.with(|v| v.to_json());
        if !matches!(state.phase.get_untracked(), ChecklistPhase::Done(_)) {
            state.env.with_value(|e| (e.keep)(Some(json), told.clone()));
        }
    });
    let sections = c.sections.len();
    let title = form.title.as_ref().map(|t| state.text(t));
    let label = title.clone();
    let dir = if is_rtl(&locale) { "rtl" } else { "ltr" };
    let screen = Memo::new(move |_| match state.phase.get() {
        ChecklistPhase::Done(_) => (usize::MAX, true),
        _ => (visit.with(|v| v.section), false),
    });
    view! {
        <div class="seda-root seda-cl" dir=dir lang=locale role="dialog" aria-label=label>
            <ScoreBar title=title />
            <div class="seda-cl-unsaved" class:seda-alert=reactive(move || state.unsaved.get()) role="alert">
                <p class="seda-alert__title">{reactive(move || if state.unsaved.get() { state.labels().not_saved } else { "" })}</p>
                <p>{reactive(move || if state.unsaved.get() { state.labels().not_saved_body } else { "" })}</p>
            </div>
            {move || match screen.get() {
                (_, true) => erase(view! { <ChecklistDone /> }),
                (0, _) => erase(view! { <VisitDetails /> }),
                (i, _) if i <= sections => erase(view! { <ChecklistSection index=i - 1 /> }),
                _ => erase(view! { <Review /> }),
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
    let state = expect_checklist();
    let labels = state.labels();
    let total = state.with_checklist(|c| c.sections.len());
    let where_text = reactive(move || {
        let at = state.visit.with(|v| v.section);
        match at {
            0 => labels.visit.to_owned(),
            i if i <= total => fill(labels.section_of, &[("n", state.digits(&i.to_string())), ("total", state.digits(&total.to_string()))]),
            _ => labels.review.to_owned(),
        }
    });
    let section_text = reactive(move || {
        let at = state.visit.with(|v| v.section);
        if at == 0 || at > total {
            return String::new();
        }
        format!("{} {}", labels.section_score, state.percent(state.card.with(|c| c.sections[at - 1].score)))
    });
    let overall_text = reactive(move || {
        let (overall, outcome) = state.card.with(|c| (c.overall, c.outcome.clone()));
        let flag = match outcome {
            Outcome::CriticalFail => format!(" · {}", labels.outcome_critical),
            Outcome::SectionFail => format!(" · {}", labels.outcome_section),
            _ => String::new(),
        };
        format!("{} {}{flag}", labels.overall_score, state.percent(overall))
    });
    let failing = reactive(move || state.card.with(|c| matches!(c.outcome, Outcome::CriticalFail | Outcome::SectionFail)));
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
fn ChecklistSection(
    /// The section's index in the checklist.
    index: usize,
) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let (title, description, first, count) = state.with_checklist(|c| {
        let sec = &c.sections[index];
        let first: usize = c.sections[..index].iter().map(|x| x.items.len()).sum();
        (state.text(&sec.title), sec.description.as_ref().map(|d| state.text(d)), first, sec.items.len())
    });
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(
        node,
        Rc::new(move || match state.focus_item.try_update_value(Option::take).flatten() {
            Some(id) => format!("[id=\"{id}\"]"),
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
            <Nav back=Some(index) next=index + 2 next_label=labels.next />
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
    let state = expect_checklist();
    let labels = state.labels();
    view! {
        <div class="seda-actions seda-cl-nav">
            {back.map(|to| view! {
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| state.go(to))>{labels.back}</button>
            })}
            <button type="button" class="seda-button seda-button--primary" on:click=handler(move |_| state.go(next))>{next_label}</button>
        </div>
    }
}

/// The visit record: where, who and when.
#[component]
fn VisitDetails() -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let (locations, geolocation, staff_names) = state.with_checklist(|c| {
        let locs: Vec<(String, String)> = c.visit.locations.iter().map(|l| (l.id.clone(), state.text(&l.label))).collect();
        (locs, c.visit.geolocation, c.visit.staff_names)
    });
    let record = move || state.visit.with(|v| v.record.clone());
    let field = move |label: &'static str, id: &'static str, get: fn(&crate::core::visit::Record) -> String, set: fn(&mut crate::core::visit::Record, String)| {
        view! {
            <div class="seda-cl-field">
                <label class="seda-cl-label" for=id>{label}</label>
                <input id=id class="seda-input" type="text" dir="auto" maxlength="200"
                    prop:value=reactive(move || get(&record()))
                    on:change=handler(move |ev| { let value = event_target_value(&ev); state.visit.update(|v| set(&mut v.record, value)) }) />
            </div>
        }
    };
    let location = if locations.is_empty() {
        erase(field(labels.location, "seda-cl-location", |r| r.location.clone(), |r, v| r.location = v))
    } else {
        let options = locations
            .into_iter()
            .map(|(id, label)| {
                let value = id.clone();
                view! { <option value=id prop:selected=reactive(move || record().location == value)>{label}</option> }
            })
            .collect_view();
        erase(view! {
            <div class="seda-cl-field">
                <label class="seda-cl-label" for="seda-cl-location">{labels.location}</label>
                <select id="seda-cl-location" class="seda-input"
                    on:change=handler(move |ev| { let value = event_target_value(&ev); state.visit.update(|v| v.record.location = value) })>
                    <option value="" prop:selected=reactive(move || record().location.is_empty())>{labels.choose_location}</option>
                    {options}
                </select>
            </div>
        })
    };
    let time_in = reactive(move || state.clock(&record().time_in));
    // What the shopper is told of the last "Share my position": that the browser is looking,
    // or why there is no position; None once one is recorded (its accuracy is told then).
    let told = RwSignal::new(None::<String>);
    let looking = move || told.with(|t| t.as_deref() == Some(labels.locating));
    let geo = geolocation.then(|| {
        let ask = move |_| {
            if looking() {
                return;
            }
            told.set(Some(labels.locating.to_owned()));
            let done: Rc<dyn Fn(Located)> = Rc::new(move |found: Located| match found {
                Located::At(p) => {
                    state.visit.update(|v| v.record.geo = p);
                    told.set(None);
                }
                // A failed new attempt is told even when an earlier position is kept.
                Located::Refused => told.set(Some(labels.location_refused.to_owned())),
                Located::Unavailable => told.set(Some(labels.location_failed.to_owned())),
            });
            state.env.with_value(|e| (e.locate)(done));
        };
        let said = reactive(move || {
            told.get().unwrap_or_else(|| {
                state.visit.with(|v| match v.record.geo.rsplit_once(',') {
                    Some((_, metres)) => fill(labels.location_shared, &[("m", state.digits(metres))]),
                    None => String::new(),
                })
            })
        });
        view! {
            <div class="seda-cl-field seda-cl-geo">
                <button type="button" class="seda-button seda-button--quiet" aria-describedby="seda-cl-geo-note"
                    aria-disabled=reactive(move || looking().then_some("true")) on:click=handler(ask)>{labels.share_location}</button>
                <p class="seda-description" id="seda-cl-geo-note">{labels.share_location_note}</p>
                <p class="seda-note" role="status">{said}</p>
            </div>
        }
    });
    let staff = staff_names.then(|| field(labels.staff, "seda-cl-staff", |r| r.staff.clone(), |r, v| r.staff = v));
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-cl-section__title".to_owned()));
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{labels.visit}</h2>
            {location}
            {field(labels.shopper, "seda-cl-shopper", |r| r.shopper.clone(), |r, v| r.shopper = v)}
            {field(labels.assignment, "seda-cl-assignment", |r| r.assignment.clone(), |r, v| r.assignment = v)}
            {staff}
            <div class="seda-cl-field seda-cl-time">
                <button type="button" class="seda-button seda-button--quiet"
                    on:click=handler(move |_| { let now = state.now(); state.visit.update(|v| v.record.time_in = now) })>{labels.record_time_in}</button>
                <span class="seda-cl-time__value">{labels.time_in} ": " {time_in}</span>
            </div>
            {geo}
            <p class="seda-note">{labels.saved_offline}</p>
            <Nav back=None next=1 next_label=labels.start />
        </div>
    }
}

/// The review: the scores, what still needs doing (each a link to it), time out, submit.
#[component]
fn Review() -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let total = state.with_checklist(|c| c.sections.len());
    // (screen, id of the element the link focuses, "Section › item: problem")
    let list = Memo::new(move |_| {
        state.with_checklist(|c| {
            let items: Vec<_> = c.sections.iter().flat_map(|sec| sec.items.iter().map(move |i| (sec, i))).collect();
            state.visit.with(|v| {
                state.card.with(|card| {
                    problems(c, v, card)
                        .into_iter()
                        .map(|(si, ii, p)| {
                            let (sec, item) = items[ii];
                            let what = match p {
                                Problem::Unanswered => labels.unanswered,
                                Problem::PhotoMissing => labels.photo_missing,
                                Problem::CommentMissing { .. } => labels.comment_missing,
                            };
                            let part = if matches!(p, Problem::CommentMissing { .. }) { "comment" } else { "title" };
                            (si + 1, format!("seda-cl-{}-{part}", item.id), format!("{} › {}: {what}", state.text(&sec.title), state.text(&item.title)))
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let sections = state.with_checklist(|c| {
        c.sections
            .iter()
            .enumerate()
            .map(|(i, sec)| {
                let name = state.text(&sec.title);
                view! {
                    <li class="seda-cl-review__section">
                        <span>{name}</span>
                        <span class:seda-cl-fail=reactive(move || state.card.with(|c| c.sections[i].failed))>{reactive(move || state.percent(state.card.with(|c| c.sections[i].score)))}</span>
                    </li>
                }
            })
            .collect_view()
    });
    let time_out = reactive(move || state.visit.with(|v| state.clock(&v.record.time_out)));
    let sending = move || state.phase.get() == ChecklistPhase::Sending;
    let node = NodeRef::<leptos::html::Div>::new();
    focus_when_mounted(node, Rc::new(|| ".seda-cl-section__title".to_owned()));
    let submit = move |_| {
        if sending() {
            return;
        }
        if list.with_untracked(|l| l.is_empty()) {
            state.submit();
        } else if let Some(el) = node.get_untracked() {
            let el: &web_sys::Element = el.unchecked_ref();
            if let Ok(Some(first)) = el.query_selector(".seda-cl-problems button") {
                let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };
    view! {
        <div class="seda-cl-section" node_ref=node>
            <h2 class="seda-title seda-cl-section__title" tabindex="-1">{labels.review}</h2>
            <ul class="seda-cl-review">{sections}</ul>
            {move || {
                let problems = list.get();
                if problems.is_empty() {
                    return erase(view! { <p class="seda-note seda-cl-ready" role="status">{labels.ready}</p> });
                }
                let heading = fill(labels.to_fix, &[("n", state.digits(&problems.len().to_string()))]);
                let rows = problems
                    .into_iter()
                    .map(|(screen, id, words)| {
                        let go = move |_| {
                            state.focus_item.set_value(Some(id.clone()));
                            state.go(screen);
                        };
                        view! { <li><button type="button" class="seda-cl-link" on:click=handler(go)>{words}</button></li> }
                    })
                    .collect_view();
                erase(view! {
                    <div class="seda-cl-problems">
                        <h3 class="seda-cl-problems__title">{heading}</h3>
                        <ul>{rows}</ul>
                    </div>
                })
            }}
            <div class="seda-cl-field seda-cl-time">
                <button type="button" class="seda-button seda-button--quiet"
                    on:click=handler(move |_| { let now = state.now(); state.visit.update(|v| v.record.time_out = now) })>{labels.record_time_out}</button>
                <span class="seda-cl-time__value">{labels.time_out} ": " {time_out}</span>
            </div>
            {move || (state.phase.get() == ChecklistPhase::Failed).then(|| {
                let strings = state.strings();
                view! {
                    <div class="seda-alert" role="alert">
                        <p class="seda-alert__title">{strings.send_failed}</p>
                        <p>{strings.send_failed_body}</p>
                    </div>
                }
            })}
            <div class="seda-actions seda-cl-nav">
                <button type="button" class="seda-button seda-button--quiet" on:click=handler(move |_| state.go(total))>{labels.back}</button>
                <button type="button" class="seda-button seda-button--primary"
                    aria-disabled=reactive(move || sending().then_some("true"))
                    on:click=handler(submit)>{reactive(move || if sending() { labels.sending } else { labels.submit })}</button>
            </div>
        </div>
    }
}

/// After submitting: thanks, where the report went, and its result.
#[component]
fn ChecklistDone() -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let strings = state.strings();
    let (title, body) = state.form.with_value(|f| {
        let t = f.thank_you.first();
        (
            t.map_or(strings.thank_you.to_owned(), |t| state.text(&t.title)),
            t.and_then(|t| t.body.as_ref()).map_or(strings.thank_you_body.to_owned(), |b| state.text(b)),
        )
    });
    let fate = state.fate();
    let note = move || fate().note(strings);
    let summary = state.card.with_untracked(|card| {
        let outcome = state.with_checklist(|c| match card.outcome {
            Outcome::CriticalFail => labels.outcome_critical.to_owned(),
            Outcome::SectionFail => labels.outcome_section.to_owned(),
            Outcome::Band(i) => c.bands[i].label.as_ref().map_or(c.bands[i].id.clone(), |l| state.text(l)),
            Outcome::Unbanded => String::new(),
        });
        format!("{} {} {outcome}", labels.overall_score, state.percent(card.overall.map(|o| o.min(FULL * 10))))
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
