//! A checklist's first screen: the visit record (where, who and when).

use std::rc::Rc;

use leptos::prelude::*;

use crate::core::i18n::fill;

use super::checklist_nav::{focus_when_mounted, Nav};
use super::checklist_state::{expect_checklist, Located};
use super::erased::{erase, handler, reactive};

/// The visit record: where, who and when.
#[component]
pub fn VisitDetails() -> impl IntoView {
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
