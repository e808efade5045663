//! A checklist visit on a phone: the visit details, one section at a time with a
//! sticky live score, then a review that lists what is still missing, then submit.
//! Every change is saved at once (a reload or a closed browser loses nothing).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::form::Form;
use crate::core::i18n::{fill, is_rtl};
use crate::core::score::{self, Outcome};
use crate::core::visit::Visit;

use super::checklist_done::ChecklistDone;
use super::checklist_item::ChecklistItem;
use super::checklist_nav::{focus_when_mounted, Nav};
use super::checklist_review::Review;
use super::checklist_state::{expect_checklist, ChecklistEnv, ChecklistPhase, ChecklistState, ItemState};
use super::checklist_visit::VisitDetails;
use super::erased::{erase, reactive};

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
