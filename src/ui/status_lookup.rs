//! The complaint-status lookup (`template:complaint-status`): the complainant types the
//! reference code and the contact they gave; the case's state, dates and public reply
//! follow under the form, and, once it is resolved, the built-in `complaint-csat`
//! question, drawn and delivered as any form ([`Widget`]).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::i18n::{self, fill, local_digits};
use crate::core::locale::language;
use crate::core::status::{self, read_contact, read_reference, CaseStatus, FieldError, Lookup};

use super::env::StatusEnv;
use super::frame::Frame;
use super::erased::{erase, handler, reactive};
use super::widget::Widget;

/// Where the lookup is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Phase {
    Asking,
    Looking,
    Found(CaseStatus),
    NotFound,
    /// No answer (or none that says anything): "Try again" asks again.
    Failed,
}

/// Everything the lookup's view changes, in one signal: each signal type costs the
/// bundle its own copy of the reactive machinery.
#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    /// The two fields as typed: the reference code and the contact.
    typed: [String; 2],
    /// Each field's problem, once the visitor has tried to look up.
    errors: [Option<FieldError>; 2],
    phase: Phase,
    /// The reference and the contact last looked up, as read (for "Try again").
    asked: (String, String),
}

/// The lookup's form and its result, in a card like a form's.
#[component]
pub fn StatusLookup(
    /// `en`, `fa` or `ar` (right to left).
    locale: String,
    /// The edge: the lookup, closing, and the satisfaction question.
    env: StatusEnv,
    /// Fixed to the corner of the viewport (otherwise inline in the page).
    #[prop(optional)]
    floating: bool,
) -> impl IntoView {
    let words = status::words(&locale);
    let strings = i18n::strings(&locale);
    // The lookup speaks English, Persian and Arabic; the language of its words and digits.
    let lang = match language(&locale) {
        "fa" => "fa",
        "ar" => "ar",
        _ => "en",
    };
    let on_close = env.on_close.clone();
    let env = StoredValue::new_local(env);
    let state = RwSignal::new(State { typed: Default::default(), errors: [None; 2], phase: Phase::Asking, asked: Default::default() });
    // The result is drawn afresh only when the phase changes, not as the fields are typed in.
    let phase = Memo::new(move |_| state.with(|state| state.phase.clone()));
    let inputs = [NodeRef::<html::Input>::new(), NodeRef::<html::Input>::new()];
    let heading = NodeRef::<html::H2>::new();
    let look_up = move || {
        let (reference, contact) = state.with_untracked(|state| state.asked.clone());
        let lookup = env.with_value(|env| env.lookup.clone());
        state.update(|state| state.phase = Phase::Looking);
        spawn_local(async move {
            let phase = match lookup(reference, contact).await {
                Lookup::Found(case) => Phase::Found(case),
                Lookup::NotFound => Phase::NotFound,
                Lookup::Failed(_) => Phase::Failed,
            };
            state.update(|state| state.phase = phase);
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (looking, read) = state.with_untracked(|state| (state.phase == Phase::Looking, [read_reference(&state.typed[0]), read_contact(&state.typed[1])]));
        if looking {
            return;
        }
        state.update(|state| state.errors = [read[0].clone().err(), read[1].clone().err()]);
        match read {
            [Ok(reference), Ok(contact)] => {
                state.update(|state| state.asked = (reference, contact));
                look_up();
            }
            // Focus goes to the first field that needs attention.
            read => {
                let first = if read[0].is_err() { 0 } else { 1 };
                if let Some(input) = inputs[first].get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };
    // The result's heading takes the focus as it appears, so a screen reader reads it.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let field = move |at: usize, name: &'static str, label: &'static str, hint: &'static str, autocomplete: &'static str| {
        let (id, hint_id, error_id) = (format!("seda-{name}-input"), format!("seda-{name}-hint"), format!("seda-{name}-error"));
        let error = move || state.with(|state| state.errors[at]);
        view! {
            <div class="seda-question">
                <div class="seda-field">
                    <h2 class="seda-title"><label for=id.clone()>{label}</label></h2>
                    <p class="seda-description" id=hint_id.clone()>{hint}</p>
                    <input
                        id=id
                        class="seda-input"
                        type="text"
                        dir="ltr"
                        autocomplete=autocomplete
                        aria-required="true"
                        aria-invalid=reactive(move || error().is_some().then_some("true"))
                        aria-describedby=format!("{hint_id} {error_id}")
                        node_ref=inputs[at]
                        on:input=handler(move |ev| {
                            state.update(|state| {
                                state.typed[at] = event_target_value(&ev);
                                state.errors[at] = None;
                            })
                        })
                    />
                </div>
                <p id=error_id class="seda-error" role="alert">{reactive(move || error().map(|e| words.field_error(e)).unwrap_or_default())}</p>
            </div>
        }
    };
    let result = move || {
        phase.with(|phase| match phase {
            Phase::NotFound => Some(erase(view! {
                <div class="seda-alert" role="alert"><p class="seda-alert__title">{words.not_found}</p></div>
            })),
            Phase::Failed => Some(erase(view! {
                <div class="seda-alert" role="alert">
                    <p class="seda-alert__title">{words.failed}</p>
                    <button type="button" class="seda-button" on:click=handler(move |_| look_up())>{words.try_again}</button>
                </div>
            })),
            Phase::Found(case) => Some(erase(case_view(case, lang, heading, env))),
            _ => None,
        })
    };
    // Said once the lookup is done (the alerts speak for themselves).
    let announced = move || phase.with(|phase| match phase {
        Phase::Looking => words.looking.to_owned(),
        Phase::Found(case) => format!("{}: {}", words.status, words.state(case.state)),
        _ => String::new(),
    });
    let looking = move || phase.with(|phase| *phase == Phase::Looking);
    view! {
        <Frame class="seda-lookup" lang=locale.clone() floating=floating label=words.title.to_owned() on_close=on_close close_label=strings.close>
            <p class="seda-form-title">{words.title}</p>
            <form class="seda-step" novalidate on:submit=on_submit>
                <p class="seda-description">{words.intro}</p>
                {field(0, "reference", words.reference, words.reference_hint, "off")}
                {field(1, "contact", words.contact, words.contact_hint, "email")}
                <div class="seda-actions">
                    <button type="submit" class="seda-button seda-button--primary" aria-disabled=reactive(move || looking().then_some("true"))>
                        {reactive(move || if looking() { words.looking } else { words.look_up })}
                    </button>
                </div>
            </form>
            <p class="seda-sr-only" role="status">{reactive(announced)}</p>
            {result}
        </Frame>
    }
}

/// How the case stands: its state, dates and public reply, and the satisfaction question
/// when the case asks for it.
fn case_view(case: &CaseStatus, lang: &'static str, heading: NodeRef<html::H2>, env: StoredValue<StatusEnv, LocalStorage>) -> impl IntoView {
    let words = status::words(lang);
    let date = |time: &Option<String>| time.as_deref().and_then(status::date_of).map(|date| local_digits(lang, date));
    let fact = |label: &'static str, value: Option<String>| value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> });
    let csat = case.ask_csat.then(|| env.with_value(|env| (env.csat)(&case.reference))).flatten();
    let csat = csat.map(|(form, env)| {
        view! { <div class="seda-lookup__csat"><Widget form=form locale=lang.to_owned() env=env /></div> }
    });
    view! {
        <section class="seda-lookup__result">
            <h2 class="seda-title" tabindex="-1" node_ref=heading>{fill(words.heading, &[("reference", case.reference.clone())])}</h2>
            <dl class="seda-lookup__facts">
                <dt>{words.status}</dt>
                <dd class="seda-lookup__state">{words.state(case.state)}</dd>
                {fact(words.received, date(&case.received_at))}
                {fact(words.updated, date(&case.updated_at))}
            </dl>
            <h3 class="seda-lookup__reply-title">{words.reply}</h3>
            <p class="seda-lookup__reply" dir="auto">{case.reply.clone().unwrap_or_else(|| words.no_reply.to_owned())}</p>
            {csat}
        </section>
    }
}
