//! When a survey offers its complaint form ([`Offer`]) to a dissatisfied visitor, and
//! the tag's `data-offer-complaint` that turns the offer on.

use thiserror::Error;

use super::complaint::Offer;
use super::form::{Form, FormKind};
use super::form_source::{FormSource, FormSourceError};
use super::logic::Facts;
use super::question::QuestionKind;

/// Why a tag's `data-offer-complaint` cannot be taken.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OfferError {
    #[error("data-offer-complaint=\"{value}\": {source}")]
    Source { value: String, source: FormSourceError },
    #[error("data-offer-complaint=\"{value}\": a complaint form cannot offer a complaint form")]
    FromComplaint { value: String },
    #[error("data-offer-complaint=\"{value}\": the form has no nps question and no 1-5 or 1-7 rating to offer it after")]
    NoLowScore { value: String },
}

/// `data-offer-complaint` on a survey's tag (a template's too): the complaint form to
/// offer, by its `data-form` value. It takes the place of the form's own
/// `offer_complaint.form` and keeps its `if`.
pub fn offer_from_attribute(form: &mut Form, value: &str) -> Result<(), OfferError> {
    let value = value.trim();
    FormSource::parse_offered(value).map_err(|source| OfferError::Source { value: value.to_owned(), source })?;
    if form.kind == FormKind::Complaint {
        return Err(OfferError::FromComplaint { value: value.to_owned() });
    }
    let when = form.offer_complaint.take().and_then(|o| o.when);
    if when.is_none() && low_score_question(form).is_none() {
        return Err(OfferError::NoLowScore { value: value.to_owned() });
    }
    form.offer_complaint = Some(Offer { form: value.to_owned(), when });
    Ok(())
}

/// The question the default offer looks at, and the highest score that is offered:
/// the form's first NPS question (6), or its first rating on a 1-5 (2) or 1-7 (3) scale.
pub fn low_score_question(form: &Form) -> Option<(&str, i64)> {
    form.questions.iter().find_map(|q| match &q.kind {
        QuestionKind::Nps(_) => Some((q.id.as_str(), 6)),
        QuestionKind::Rating(r) => match r.scale {
            Some(s) if s.min == 1 && s.max == 5 => Some((q.id.as_str(), 2)),
            Some(s) if s.min == 1 && s.max == 7 => Some((q.id.as_str(), 3)),
            _ => None,
        },
        _ => None,
    })
}

/// Whether the form's offer applies to these answers; `Some(score)` (the low score,
/// or the first scale answer when the form gives its own condition) when it does.
pub fn offered(form: &Form, facts: &dyn Facts) -> Option<Option<i64>> {
    let offer = form.offer_complaint.as_ref()?;
    let scored = low_score_question(form);
    let score = scored.and_then(|(id, _)| facts.answer(id)?.as_number());
    let holds = match &offer.when {
        Some(c) => c.holds(facts),
        None => scored.zip(score).is_some_and(|((_, max), s)| s <= max),
    };
    holds.then_some(score)
}
