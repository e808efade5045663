//! One checklist item: its answer (yes/no, options, several, a rating, or a measured
//! value with a stopwatch), its failure mark, the evidence its rules ask for, and the
//! time it was answered.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::core::checklist::{Critical, Evidence, Item, ItemType, Unit};
use crate::core::checklist_text::unit;
use crate::core::i18n::fill;
use crate::core::num::Num;
use crate::core::visit::{Entry, Mark, MAX_PHOTOS};

use super::checklist_state::{expect_checklist, ItemState};
use super::erased::{erase, handler, reactive};
use super::option::{choice_option, OptionInput};

#[component]
pub fn ChecklistItem(
    /// The item's index in the checklist's order.
    index: usize,
) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let item = Rc::new(state.with_checklist(|c| c.items().nth(index).cloned().expect("an item")));
    let id = item.id.clone();
    let title_id = format!("seda-cl-{id}-title");
    // This item's entry and failure: an answer to another item re-runs nothing here.
    let ItemState { entry, failed: failed_now } = state.slots.with_value(|items| items[index]);
    let failed = move || failed_now.get();
    let mark_of = move || entry.with(|e| e.as_ref().and_then(|e| e.mark.clone()));
    let set: Rc<dyn Fn(Option<Mark>)> = {
        let item = item.clone();
        Rc::new(move |m: Option<Mark>| {
            let now = state.now();
            state.update(|v| v.set_mark(&item, m, &now));
        })
    };
    // A radio for each possible answer of a single-answer item.
    let radio = |label: String, m: Mark| {
        let (mark_of, set, want) = (mark_of.clone(), set.clone(), m.clone());
        choice_option(
            OptionInput {
                kind: "radio",
                class: "seda-choice__input",
                name: id.clone(),
                value: match &m {
                    Mark::Na => "n/a".to_owned(),
                    other => other.to_value().to_json(),
                },
                label: None,
                checked: reactive(move || mark_of().as_ref() == Some(&want)),
                on_change: Rc::new(move |on| {
                    if on {
                        set(Some(m.clone()));
                    }
                }),
            },
            label,
        )
    };
    let na_label = if item.item_type() == ItemType::Measure { labels.did_not_happen } else { labels.na };
    let na = (item.na && item.item_type() != ItemType::Measure).then(|| radio(na_label.to_owned(), Mark::Na));
    let field = match item.item_type() {
        ItemType::YesNo => erase(view! {
            <div class="seda-cl-choices seda-cl-choices--row">{radio(labels.yes.to_owned(), Mark::Yes(true))}{radio(labels.no.to_owned(), Mark::Yes(false))}{na}</div>
        }),
        ItemType::Options => {
            let options = item.options().iter().map(|o| radio(state.text(&o.label), Mark::Pick(o.id.clone()))).collect_view();
            erase(view! { <div class="seda-cl-choices">{options}{na}</div> })
        }
        ItemType::Rating => {
            let sc = item.scale().expect("a rating item has a scale");
            let points = (sc.min..=sc.max).map(|n| radio(state.digits(&n.to_string()), Mark::Rating(n))).collect_view();
            erase(view! { <div class="seda-cl-choices seda-cl-choices--row">{points}{na}</div> })
        }
        ItemType::Multi => erase(multi(&item, mark_of.clone(), set.clone())),
        ItemType::Measure => erase(measure(&item, &title_id, mark_of.clone(), set.clone())),
    };
    let badges = [
        (item.critical != Critical::None).then_some(labels.critical),
        item.bonus.then_some(labels.bonus),
        (!item.required && !item.bonus).then_some(labels.optional),
    ];
    let badges = badges.into_iter().flatten().map(|b| view! { <span class="seda-cl-badge">{b}</span> }).collect_view();
    let at = reactive(move || {
        let at = entry.with(|e| e.as_ref().filter(|e| e.mark.is_some()).map(|e| e.at.clone()).unwrap_or_default());
        if at.is_empty() { String::new() } else { fill(labels.answered_at, &[("time", state.clock(&at))]) }
    });
    let failed_class = reactive(failed);
    view! {
        <fieldset class="seda-field seda-cl-item" class:seda-cl-item--failed=failed_class aria-labelledby=title_id.clone()>
            <legend class="seda-legend">
                <h3 class="seda-title seda-cl-item__title" id=title_id.clone() tabindex="-1">{state.text(&item.title)}</h3>
            </legend>
            {badges}
            {item.description.as_ref().map(|d| view! { <p class="seda-description">{state.text(d)}</p> })}
            {field}
            <p class="seda-cl-flag" role="status">{reactive(move || if failed() { labels.below_standard } else { "" })}</p>
            {evidence(item.clone(), entry, failed_now)}
            <p class="seda-cl-at">{at}</p>
        </fieldset>
    }
}

/// Checkboxes for a `multi` item, with "None of these" (and N/A when allowed).
fn multi(item: &Item, mark_of: impl Fn() -> Option<Mark> + Clone + Send + Sync + 'static, set: Rc<dyn Fn(Option<Mark>)>) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let boxes = item
        .options()
        .iter()
        .map(|o| {
            let (mark_of, read, set, id) = (mark_of.clone(), mark_of.clone(), set.clone(), o.id.clone());
            let want = o.id.clone();
            choice_option(
                OptionInput {
                    kind: "checkbox",
                    class: "seda-choice__input",
                    name: item.id.clone(),
                    value: o.id.clone(),
                    label: None,
                    checked: reactive(move || matches!(mark_of(), Some(Mark::Picks(p)) if p.contains(&want))),
                    on_change: Rc::new(move |on| {
                        let mut picked = match read() {
                            Some(Mark::Picks(p)) => p,
                            _ => Vec::new(),
                        };
                        picked.retain(|p| *p != id);
                        if on {
                            picked.push(id.clone());
                        }
                        set(Some(Mark::Picks(picked)));
                    }),
                },
                state.text(&o.label),
            )
        })
        .collect_view();
    let special = |label: &'static str, m: Mark| {
        let (mark_of, set, want) = (mark_of.clone(), set.clone(), m.clone());
        choice_option(
            OptionInput {
                kind: "checkbox",
                class: "seda-choice__input",
                name: format!("{}-special", item.id),
                value: label.to_owned(),
                label: None,
                checked: reactive(move || mark_of().as_ref() == Some(&want)),
                on_change: Rc::new(move |on| set(on.then(|| m.clone()))),
            },
            label.to_owned(),
        )
    };
    let none = special(labels.none_of_these, Mark::Picks(Vec::new()));
    let na = item.na.then(|| special(labels.na, Mark::Na));
    view! { <div class="seda-cl-choices">{boxes}{none}{na}</div> }
}

/// A measured value: a number box with its unit, a stopwatch for times, and
/// "Did not happen" when the item allows it.
fn measure(item: &Item, title_id: &str, mark_of: impl Fn() -> Option<Mark> + Clone + Send + Sync + 'static, set: Rc<dyn Fn(Option<Mark>)>) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let u = item.measure().and_then(|m| m.unit).unwrap_or(Unit::Count);
    let unit_name = unit(&state.locale.read_value(), u);
    let input_id = format!("seda-cl-{}-input", item.id);
    let unit_id = format!("seda-cl-{}-unit", item.id);
    let error_id = format!("seda-cl-{}-error", item.id);
    let bad = RwSignal::new(false);
    // The text the shopper typed last. While it reads as the committed value, the box keeps
    // it as typed ("1.0" on the way to "1.05", Latin digits in Persian); a value from
    // elsewhere (the stopwatch, a restored visit) replaces it.
    let typed = StoredValue::new(String::new());
    let value = {
        let mark_of = mark_of.clone();
        reactive(move || match mark_of() {
            Some(Mark::Measure(n)) => typed
                .with_value(|t| Num::parse(t).filter(|typed| *typed == n).map(|_| t.clone()))
                .unwrap_or_else(|| state.digits(&n.to_text())),
            _ => String::new(),
        })
    };
    // Committed as it is typed, not when the box loses focus: a commit on blur marks the item
    // (below standard, the time, a comment box) between the touch on the next answer and its
    // click, which moves that answer from under the finger and loses the tap.
    let on_input = {
        let set = set.clone();
        handler(move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            typed.set_value(text.clone());
            if text.trim().is_empty() {
                bad.set(false);
                return set(None);
            }
            match Num::parse(&text).filter(|n| n.0 >= 0 && n.decimals() <= 2) {
                Some(n) => {
                    bad.set(false);
                    set(Some(Mark::Measure(n)));
                }
                None => bad.set(true),
            }
        })
    };
    // The stopwatch: started at (ms since the epoch), and the seconds shown while it runs.
    let started = RwSignal::new(None::<f64>);
    let shown = RwSignal::new(0u64);
    let ticker = StoredValue::new_local(None::<IntervalHandle>);
    let stop_ticker = move || {
        if let Some(h) = ticker.try_update_value(Option::take).flatten() {
            h.clear();
        }
    };
    on_cleanup(stop_ticker);
    let stopwatch = u.is_time().then(|| {
        let set = set.clone();
        let toggle = move |_| match started.get_untracked() {
            None => {
                started.set(Some(js_sys::Date::now()));
                shown.set(0);
                let handle = set_interval_with_handle(
                    move || {
                        if let Some(t) = started.get_untracked() {
                            shown.set(((js_sys::Date::now() - t) / 1000.0) as u64);
                        }
                    },
                    Duration::from_millis(250),
                );
                ticker.set_value(handle.ok());
            }
            Some(t) => {
                stop_ticker();
                started.set(None);
                let ms = (js_sys::Date::now() - t).max(0.0) as i128;
                // Whole seconds, or minutes with two decimals.
                let n = match u {
                    Unit::Minutes => Num((ms * 100 / 60_000) * 10_000),
                    _ => Num((ms / 1000) * 1_000_000),
                };
                set(Some(Mark::Measure(n)));
            }
        };
        view! {
            <button type="button" class="seda-button seda-button--quiet seda-cl-timer" aria-pressed=reactive(move || if started.get().is_some() { "true" } else { "false" })
                on:click=handler(toggle)>
                {reactive(move || match started.get() {
                    Some(_) => format!("{} · {}", labels.stop_timer, fill(labels.timing, &[("n", state.digits(&shown.get().to_string()))])),
                    None => labels.start_timer.to_owned(),
                })}
            </button>
        }
    });
    let na = item.na.then(|| {
        let (mark_of, set) = (mark_of.clone(), set.clone());
        choice_option(
            OptionInput {
                kind: "checkbox",
                class: "seda-choice__input",
                name: format!("{}-na", item.id),
                value: "n/a".to_owned(),
                label: None,
                checked: reactive(move || mark_of() == Some(Mark::Na)),
                on_change: Rc::new(move |on| set(on.then_some(Mark::Na))),
            },
            labels.did_not_happen.to_owned(),
        )
    });
    let labelled_by = format!("{title_id} {unit_id}");
    view! {
        <div class="seda-cl-measure">
            <input id=input_id class="seda-input seda-cl-measure__input" type="text" inputmode="decimal" autocomplete="off"
                aria-labelledby=labelled_by aria-describedby=error_id.clone() aria-invalid=reactive(move || bad.get().then_some("true"))
                prop:value=value on:input=on_input />
            <span class="seda-cl-unit" id=unit_id>{if unit_name.is_empty() { labels.value } else { unit_name }}</span>
            {stopwatch}
        </div>
        <p class="seda-error" id=error_id role="alert">{reactive(move || if bad.get() {
            state.strings().decimal_number.replace("{decimals}", &state.digits("2"))
        } else { String::new() })}</p>
        {na}
    }
}

/// The photos and comment an item's rules ask for (shown when wanted or already given).
fn evidence(item: Rc<Item>, entry: RwSignal<Option<Entry>>, failed: RwSignal<bool>) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let wanted = move |e: Evidence| e == Evidence::Always || (e == Evidence::WhenFailed && failed.get());
    let id = item.id.clone();
    let photo_rule = item.photo;
    let photo = (photo_rule != Evidence::Never).then(|| photos(&item, entry, move || wanted(photo_rule)));
    let comment = (item.comment != Evidence::Never).then(|| {
        let (rule, min) = (item.comment, item.comment_min_length.max(1));
        let id_write = id.clone();
        let input_id = format!("seda-cl-{id}-comment");
        let text_of = move || entry.with(|e| e.as_ref().map(|e| e.comment.clone()).unwrap_or_default());
        let label = reactive(move || match (wanted(rule), min) {
            (false, _) => labels.comment.to_owned(),
            (true, 1) => labels.comment_required_one.to_owned(),
            (true, _) => fill(labels.comment_required, &[("min", state.digits(&min.to_string()))]),
        });
        view! {
            <div class="seda-cl-evidence">
                <label class="seda-cl-label" for=input_id.clone()>{label}</label>
                <textarea id=input_id class="seda-input seda-cl-comment" dir="auto" rows="3" maxlength="2000"
                    aria-required=reactive(move || wanted(rule).then_some("true"))
                    prop:value=reactive(text_of)
                    on:input=handler(move |ev| { let t = event_target_value(&ev); state.update(|v| v.set_comment(&id_write, &t)) })></textarea>
            </div>
        }
    });
    view! { {photo}{comment} }
}

/// An item's photos: each with when it was taken and its own Remove button, and a file
/// input that adds one or several (up to [`MAX_PHOTOS`], past which its note says so);
/// shown when a photo is wanted or one was added.
fn photos(item: &Item, entry: RwSignal<Option<Entry>>, wanted: impl Fn() -> bool + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = expect_checklist();
    let labels = state.labels();
    let id = StoredValue::new(item.id.clone());
    let title = StoredValue::new(state.text(&item.title));
    let input_id = format!("seda-cl-{}-photo", item.id);
    let note_id = format!("seda-cl-{}-photo-note", item.id);
    let count = Memo::new(move |_| entry.with(|e| e.as_ref().map_or(0, |e| e.photos.len())));
    let shown = Memo::new(move |_| wanted() || count.get() > 0);
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let files: Vec<web_sys::File> = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        input.set_value("");
        let read = state.env.with_value(|e| e.read_photo.clone());
        spawn_local(async move {
            for file in files {
                let Some(data) = read(file).await else { continue };
                let now = state.now();
                let mut added = false;
                state.update(|v| added = v.add_photo(&id.get_value(), data, &now));
                // Past the limit nothing more is added, and the note says why.
                if !added {
                    break;
                }
            }
        });
    };
    let on_pick = StoredValue::new_local(on_pick);
    // One erased row per photo, built afresh when the photos change.
    let rows = move || {
        let photos = entry.with(|e| e.as_ref().map(|e| e.photos.clone()).unwrap_or_default());
        photos
            .into_iter()
            .enumerate()
            .map(|(n, photo)| {
                let number = state.digits(&(n + 1).to_string());
                let name = fill(labels.photo_n, &[("n", number.clone())]);
                erase(view! {
                    <li class="seda-cl-photos__item">
                        <img class="seda-cl-photo" src=photo.data alt=format!("{name}: {}", title.get_value()) />
                        <span class="seda-cl-photos__at">{fill(labels.photo_taken, &[("time", state.clock(&photo.at))])}</span>
                        <button type="button" class="seda-button seda-button--quiet"
                            on:click=handler(move |_| state.update(|v| v.remove_photo(&id.get_value(), n)))>{fill(labels.remove_photo, &[("n", number)])}</button>
                    </li>
                })
            })
            .collect::<Vec<_>>()
    };
    let note = reactive(move || if count.get() >= MAX_PHOTOS { fill(labels.photos_full, &[("max", state.digits(&MAX_PHOTOS.to_string()))]) } else { String::new() });
    let label = reactive(move || if wanted() { labels.photo_required } else { labels.photo });
    move || {
        shown.get().then(|| {
            let (note, label) = (note.clone(), label.clone());
            erase(view! {
                <div class="seda-cl-evidence">
                    <label class="seda-cl-label" for=input_id.clone()>{label}</label>
                    <ol class="seda-cl-photos">{rows}</ol>
                    <input id=input_id.clone() class="seda-cl-file" type="file" accept="image/*" multiple capture="environment"
                        aria-describedby=note_id.clone() on:change=handler(move |ev| on_pick.with_value(|f| f(ev))) />
                    <p class="seda-note" id=note_id.clone() role="status">{note}</p>
                </div>
            })
        })
    }
}
