//! A date (or date and time) in the Persian calendar: day, month and year picked from
//! three native selects, which every phone shows with its own wheel or list and every
//! screen reader knows. The answer stays an ISO date, as the native date input gives it.
//!
//! The stored answer is the picker's only state (a date picked in part is stored as its
//! parts, see [`JalaliPick::answer`]), and the three selects share one type of view,
//! closure and handler: each new type costs the wasm its own copy of Leptos' code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::jalali::MONTHS;
use crate::core::jalali_pick::{JalaliPick, JalaliSpan};
use crate::core::question::{Question, QuestionKind};
use crate::core::validate::date_bounds;

use super::erased::{handler, reactive, Reactive};
use super::question_parts::{aria_required, parts, GroupHeading, Parts};
use super::widget_state::{expect_widget, WidgetState};

/// A part of the date, one select each.
#[derive(Clone, Copy)]
enum Part {
    Day,
    Month,
    Year,
}

/// One question's picker: what it offers and where its answer goes.
#[derive(Clone)]
struct Picker {
    widget: WidgetState,
    question: Arc<Question>,
    span: JalaliSpan,
    /// A date and time (`datetime`), not a date.
    datetime: bool,
}

impl Picker {
    /// The date picked so far and the time, from the stored answer (tracked).
    fn stored(&self) -> (JalaliPick, String) {
        self.widget.session.with(|session| {
            let answer = session.answer(&self.question.id).and_then(Answer::as_text).unwrap_or_default();
            let (pick, time) = JalaliPick::read(answer);
            (self.span.fit(pick), time.to_owned())
        })
    }

    fn store(&self, pick: JalaliPick, time: &str) {
        let answer = pick.answer(self.datetime.then_some(time));
        self.widget.set_answer(&self.question, answer.map(Answer::Text));
    }

    /// A part's name (its select's accessible name and first, empty option).
    fn name(&self, part: Part) -> &'static str {
        let strings = self.widget.strings();
        match part {
            Part::Day => strings.day,
            Part::Month => strings.month,
            Part::Year => strings.year,
        }
    }

    /// A part's options as markup (they are only numbers and the months' names): its
    /// name as the first, empty one, then what the other parts allow, the picked one
    /// selected.
    fn options(&self, part: Part) -> String {
        let (pick, _) = self.stored();
        let number = |n: u32| (i64::from(n), self.widget.digits(&n.to_string()));
        let (all, picked): (Vec<(i64, String)>, _) = match part {
            Part::Day => (self.span.days(pick).map(number).collect(), pick.day.map(i64::from)),
            Part::Month => (self.span.months(pick.year).map(|m| (i64::from(m), MONTHS[m as usize - 1].to_owned())).collect(), pick.month.map(i64::from)),
            Part::Year => (self.span.years().map(|y| (y, self.widget.digits(&y.to_string()))).collect(), pick.year),
        };
        let mut html = String::from("<option value=\"\">");
        html.push_str(self.name(part));
        for (value, label) in all {
            html.push_str("</option><option value=\"");
            html.push_str(&value.to_string());
            html.push_str(if picked == Some(value) { "\" selected>" } else { "\">" });
            html.push_str(&label);
        }
        html.push_str("</option>");
        html
    }

    /// Picks a part (`None`: takes it back); the parts the new choice rules out go.
    fn pick(&self, part: Part, value: Option<i64>) {
        let (mut pick, time) = self.stored();
        let small = value.map(|value| value as u32);
        match part {
            Part::Day => pick.day = small,
            Part::Month => pick.month = small,
            Part::Year => pick.year = value,
        }
        self.store(self.span.fit(pick), &time);
    }
}

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
    let datetime = question.kind == QuestionKind::Datetime;
    let picker = Picker { widget, question: Arc::new(question), span: JalaliSpan::new(earliest, latest, today), datetime };
    let part = |id, which| select(picker.clone(), id, which, required.clone(), invalid.clone());
    let (title_id, input_id) = (ids.title.clone(), ids.input.clone());
    let time = datetime.then(|| {
        let picker = picker.clone();
        view! {
            <input
                class="seda-input"
                type="time"
                aria-label=strings.time
                aria-required=required.clone()
                aria-invalid=invalid.clone()
                prop:value=picker.stored().1
                on:input=handler(move |ev| picker.store(picker.stored().0, &event_target_value(&ev)))
            />
        }
    });
    view! {
        <fieldset class="seda-field" role="group" aria-labelledby=title_id aria-describedby=described_by>
            <GroupHeading words=words ids=ids />
            <div class="seda-choices__list seda-date">
                {part(Some(input_id), Part::Day)}
                {part(None, Part::Month)}
                {part(None, Part::Year)}
                {time}
            </div>
        </fieldset>
    }
}

/// One part's select.
fn select(
    picker: Picker,
    id: Option<String>,
    part: Part,
    required: Reactive<Option<&'static str>>,
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let name = picker.name(part);
    let options = {
        let picker = picker.clone();
        reactive(move || picker.options(part))
    };
    view! {
        <select
            id=id
            class="seda-input seda-select"
            aria-label=name
            aria-required=required
            aria-invalid=invalid
            inner_html=options
            on:change=handler(move |ev| picker.pick(part, event_target_value(&ev).parse().ok()))
        ></select>
    }
}
