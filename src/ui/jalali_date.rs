//! A date (or date and time) in the Persian calendar: day, month and year picked from
//! three native selects, which every phone shows with its own wheel or list and every
//! screen reader knows. The answer stays an ISO date, as the native date input gives it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::jalali::MONTHS;
use crate::core::jalali_pick::{JalaliPick, JalaliSpan};
use crate::core::question::{Question, QuestionKind};
use crate::core::validate::date_bounds;

use super::erased::{handler, reactive, Handler, Reactive};
use super::question_parts::{aria_required, parts, GroupHeading, Parts};
use super::widget_state::expect_widget;

/// The options of one part: value, label and whether it is the one picked.
type Options = Reactive<Vec<(i64, String, bool)>>;

#[component]
pub fn JalaliDate(
    /// A `date` or `datetime` question.
    question: Question,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let Parts { words, ids, described_by } = parts(&question);
    let required = aria_required(&question);
    let today = widget.today();
    // A date and time that has happened: the picker stops at today.
    let (earliest, latest) = match &question.kind {
        QuestionKind::Date(spec) => date_bounds(spec, today),
        _ => (None, today),
    };
    let span = JalaliSpan::new(earliest, latest, today);
    let datetime = question.kind == QuestionKind::Datetime;
    // The picker starts from the stored answer (after Back, or from a draft).
    let stored = widget.answer(&question.id).and_then(|answer| answer.as_text().map(str::to_owned)).unwrap_or_default();
    let pick = RwSignal::new(span.fit(JalaliPick::of(&stored)));
    let time = StoredValue::new(stored.split_once('T').map(|(_, time)| time.to_owned()).unwrap_or_default());
    let question = Arc::new(question);
    // The answer: the ISO date (with `T` and the time for a date and time) once whole.
    let store: Arc<dyn Fn() + Send + Sync> = Arc::new(move || {
        let date = pick.get_untracked().answer();
        let answer = match time.get_value() {
            time if !datetime || (date.is_none() && time.is_empty()) => date,
            time => Some(format!("{}T{time}", date.unwrap_or_default())),
        };
        widget.set_answer(&question, answer.map(Answer::Text));
    });
    let set = |change: fn(&mut JalaliPick, Option<i64>)| -> Handler<Option<i64>> {
        let store = store.clone();
        handler(move |value| {
            pick.update(|picked| {
                change(picked, value);
                *picked = span.fit(*picked);
            });
            store();
        })
    };
    let digits = move |n: i64| widget.digits(&n.to_string());
    let days: Options = reactive(move || {
        let picked = pick.get();
        span.days(picked).map(|day| (i64::from(day), digits(i64::from(day)), picked.day == Some(day))).collect()
    });
    let months: Options = reactive(move || {
        let picked = pick.get();
        span.months(picked.year).map(|month| (i64::from(month), MONTHS[month as usize - 1].to_owned(), picked.month == Some(month))).collect()
    });
    let years: Options = reactive(move || {
        let picked = pick.get();
        span.years().map(|year| (year, digits(year), picked.year == Some(year))).collect()
    });
    let field = |id, name, options, change| part(id, name, required.clone(), invalid.clone(), options, set(change));
    let (title_id, input_id) = (ids.title.clone(), ids.input.clone());
    view! {
        <fieldset class="seda-field" role="group" aria-labelledby=title_id aria-describedby=described_by>
            <GroupHeading words=words ids=ids />
            <div class="seda-date">
                {field(Some(input_id), strings.day, days, |picked, day| picked.day = day.map(|day| day as u32))}
                {field(None, strings.month, months, |picked, month| picked.month = month.map(|month| month as u32))}
                {field(None, strings.year, years, |picked, year| picked.year = year)}
                {datetime.then(|| view! {
                    <input
                        class="seda-input"
                        type="time"
                        aria-label=strings.time
                        aria-required=required.clone()
                        aria-invalid=invalid.clone()
                        prop:value=time.get_value()
                        on:input=handler(move |ev| {
                            time.set_value(event_target_value(&ev));
                            store();
                        })
                    />
                })}
            </div>
        </fieldset>
    }
}

/// One part of the date: a select named `name` (also its first, empty option, which
/// takes the part back), with `options` as the other parts allow them.
fn part(
    id: Option<String>,
    name: &'static str,
    required: Reactive<Option<&'static str>>,
    invalid: Reactive<Option<&'static str>>,
    options: Options,
    mut pick: Handler<Option<i64>>,
) -> impl IntoView {
    view! {
        <select
            id=id
            class="seda-input seda-select"
            aria-label=name
            aria-required=required
            aria-invalid=invalid
            on:change=handler(move |ev| pick(event_target_value(&ev).parse().ok()))
        >
            <option value="">{name}</option>
            {move || options().into_iter().map(|(value, label, picked)| view! { <option value=value.to_string() prop:selected=picked>{label}</option> }).collect_view()}
        </select>
    }
}
