//! The screen after submitting: thanks, and where the answers went, kept true as the
//! outbox delivers a queued response. A complaint is acknowledged with its reference
//! code and what the form promises; a survey whose answers call for it offers "Tell us
//! what went wrong".

use leptos::html;
use leptos::prelude::*;

use crate::core::complaint::{carried, reference_code};
use crate::core::form::FormKind;

use super::env::SendResult;
use super::erased::handler;
use super::widget_state::expect_widget;

#[component]
pub fn Thanks() -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let form = widget.form.get_value();
    let thank_you = widget.session.with_untracked(|session| session.ending(&form).cloned());
    let complaint = form.kind == FormKind::Complaint;
    let ack = form.acknowledgement.clone().unwrap_or_default();
    // How the response fared (never a failure: that stays on the last step).
    let fate = widget.fate();
    let own_title = ack.title.as_ref().or(thank_you.as_ref().map(|text| &text.title)).map(|text| widget.text(text));
    // A complaint's own heading says the site has it only once it does.
    let title = move || match (&own_title, complaint) {
        (Some(title), _) => title.clone(),
        (None, true) if fate() == SendResult::Sent => strings.complaint_received.to_owned(),
        (None, true) => strings.complaint_saved.to_owned(),
        (None, false) => strings.thank_you.to_owned(),
    };
    let body = thank_you.as_ref().and_then(|text| text.body.as_ref()).map(|body| widget.text(body));
    let body = if complaint { body } else { Some(body.unwrap_or_else(|| strings.thank_you_body.to_owned())) };
    let note = move || fate().note(strings);
    // The code is the same whether the complaint was sent or waits on this device.
    let reference = complaint.then(|| {
        let code = reference_code(&widget.response_id());
        // Read one symbol at a time ("K 7 Q 4, M Z 8 P"), not as a word.
        let spelled = code.chars().map(|symbol| if symbol == '-' { ",".to_owned() } else { format!(" {symbol}") }).collect::<String>();
        view! {
            <div class="seda-reference">
                <p class="seda-reference__label">{strings.reference}</p>
                <p class="seda-reference__code" dir="ltr">
                    <span aria-hidden="true">{code}</span>
                    <span class="seda-sr-only">{spelled}</span>
                </p>
                <p class="seda-reference__hint">{strings.reference_hint}</p>
            </div>
        }
    });
    // One paragraph type for every promise and the body (one copy of its view code).
    let para = |text: Option<String>| text.map(|text| view! { <p>{text}</p> });
    let promise = |text: &Option<crate::core::text::Text>| para(text.as_ref().map(|text| widget.text(text)));
    let offer = form.offer_complaint.as_ref().zip(widget.open_form()).and_then(|(offer, open)| {
        let score = widget.session.with_untracked(|session| session.complaint_offer(&form))?;
        let hidden = carried(score, &widget.page_url(), &form.id, &widget.response_id());
        let target = offer.form.clone();
        Some(view! {
            <div class="seda-offer">
                <p>{strings.offer_title}</p>
                <button type="button" class="seda-button seda-button--primary" on:click=handler(move |_| open(&target, hidden.clone()))>
                    {strings.offer_button}
                </button>
            </div>
        })
    });
    let node = NodeRef::<html::Div>::new();
    widget.focus_title_when_mounted(node);
    view! {
        <div class="seda-thanks" node_ref=node>
            <svg class="seda-thanks__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
            <h2 class="seda-title" tabindex="-1">{title}</h2>
            {reference}
            {promise(&ack.response_time)}
            {promise(&ack.guarantee)}
            {promise(&ack.next_steps)}
            {para(body)}
            <p class="seda-note" role="status">{note}</p>
            {offer}
        </div>
    }
}

