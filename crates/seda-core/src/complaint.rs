//! Complaints: the reference code a person quotes later, the acknowledgement a
//! complaint form promises, the caps on attached files, and the offer a survey makes
//! to a dissatisfied visitor to say what went wrong.

use super::decode::Decoder;
use super::config::FormSource;
use super::form::{Form, FormKind, QuestionType};
use super::json::Value;
use super::logic::{self, Condition, Facts};
use super::pairs::Pairs;
use super::text::Text;

/// The reference code's letters: digits and capitals without 0/O and 1/I, which are
/// misread and misheard. 32 symbols, so each carries 5 bits.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Symbols in a code (40 bits), written in two groups of four: `K7Q4-MZ8P`.
pub const REFERENCE_LEN: usize = 8;

/// The reference code of a response: derived from its id alone, so the widget shows
/// it at once (even offline) and the endpoint can compute it again from `id`.
/// The id is hashed (FNV-1a, then a 64-bit finaliser) and the top 40 bits are
/// written in [`ALPHABET`].
pub fn reference_code(id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // splitmix64's finaliser: every input bit moves every output bit.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    let mut out = String::with_capacity(REFERENCE_LEN + 1);
    for i in 0..REFERENCE_LEN {
        if i == REFERENCE_LEN / 2 {
            out.push('-');
        }
        out.push(ALPHABET[(h >> (59 - 5 * i) & 31) as usize] as char);
    }
    out
}

/// What a complaint form promises on its acknowledgement screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Acknowledgement {
    /// The heading (default: "We have your complaint").
    pub title: Option<Text>,
    /// The promised response time: "We will reply within 2 working days."
    pub response_time: Option<Text>,
    /// A service guarantee: "If we miss that, your next coffee is on us."
    pub guarantee: Option<Text>,
    /// What happens next.
    pub next_steps: Option<Text>,
}

pub const ACKNOWLEDGEMENT_FIELDS: &[&str] = &["title", "response_time", "guarantee", "next_steps"];

pub fn read_acknowledgement(d: &mut Decoder, at: &str, v: &Value) -> Option<Acknowledgement> {
    let m = d.members(at, v, ACKNOWLEDGEMENT_FIELDS)?;
    let mut texts = ACKNOWLEDGEMENT_FIELDS.iter().map(|f| d.opt(&m, f, Decoder::text)).collect::<Vec<_>>().into_iter();
    let mut next = || texts.next().and_then(Result::ok);
    Some(Acknowledgement { title: next()?, response_time: next()?, guarantee: next()?, next_steps: next()? })
}

/// A survey's offer to a dissatisfied visitor: "Tell us what went wrong", opening
/// a complaint form with the score and page carried over.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The complaint form: `template:complaint`, the id of an inline form, or a URL.
    pub form: String,
    /// When to offer it. Without it: an NPS detractor (0-6), a 1-5 rating of 1-2
    /// (CSAT) or a 1-7 rating of 1-3 (CES), from the first such question.
    pub when: Option<Condition>,
}

pub const OFFER_FIELDS: &[&str] = &["form", "if"];

pub fn read_offer(d: &mut Decoder, at: &str, v: &Value) -> Option<Offer> {
    let m = d.members(at, v, OFFER_FIELDS)?;
    let form = d.req(&m, "form", Decoder::string);
    let when = d.opt(&m, "if", logic::read);
    Some(Offer { form: form?, when: when.ok()? })
}

/// `data-offer-complaint` on a survey's tag (a template's too): the complaint form to
/// offer, by its `data-form` value. It takes the place of the form's own
/// `offer_complaint.form` and keeps its `if`.
pub fn offer_from_attribute(form: &mut Form, value: &str) -> Result<(), String> {
    let value = value.trim();
    let problem = |p: String| format!("data-offer-complaint=\"{value}\": {p}");
    FormSource::parse(value).map_err(|e| problem(e.to_string()))?;
    if form.kind == FormKind::Complaint {
        return Err(problem("a complaint form cannot offer a complaint form".to_owned()));
    }
    let when = form.offer_complaint.take().and_then(|o| o.when);
    if when.is_none() && low_score_question(form).is_none() {
        return Err(problem("the form has no nps question and no 1-5 or 1-7 rating to offer it after".to_owned()));
    }
    form.offer_complaint = Some(Offer { form: value.to_owned(), when });
    Ok(())
}

/// The question the default offer looks at, and the highest score that is offered:
/// the form's first NPS question (6), or its first rating on a 1-5 (2) or 1-7 (3) scale.
pub fn low_score_question(form: &Form) -> Option<(&str, i64)> {
    form.questions.iter().find_map(|q| match (q.kind, q.scale) {
        (QuestionType::Nps, _) => Some((q.id.as_str(), 6)),
        (QuestionType::Rating, Some(s)) if s.min == 1 && s.max == 5 => Some((q.id.as_str(), 2)),
        (QuestionType::Rating, Some(s)) if s.min == 1 && s.max == 7 => Some((q.id.as_str(), 3)),
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

/// The hidden fields a complaint form opened from a survey's offer receives:
/// `score` (when there is one), `page` (where the survey was answered, cut to 500
/// characters like every hidden value) and `survey` (its form id).
pub fn carried(score: Option<i64>, page_url: &str, survey: &str) -> Pairs<String> {
    let mut out = Pairs::new();
    if let Some(s) = score {
        out.insert("score", s.to_string());
    }
    out.insert("page", page_url.chars().take(500).collect());
    out.insert("survey", survey.to_owned());
    out
}

/// The most files one attachments question takes, and its default.
pub const MAX_FILES: u32 = 10;
pub const DEFAULT_MAX_FILES: u32 = 5;
/// The most bytes (after downscaling) one response's attachments may have together,
/// and an attachments question's default cap.
pub const MAX_ATTACHMENT_BYTES: u32 = 10 * 1024 * 1024;
pub const DEFAULT_MAX_BYTES: u32 = 5 * 1024 * 1024;
/// The types an attachments question takes unless it says otherwise.
pub const DEFAULT_ACCEPT: &[&str] = &["image/*", "application/pdf"];
/// Pictures are downscaled in the browser to this long edge (px) and sent as JPEG.
pub const LONG_EDGE: u32 = 1600;

/// Whether a MIME type is one `accept` lists (`image/*` takes any image).
pub fn accepts(accept: &[String], mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    let list: Vec<&str> = if accept.is_empty() { DEFAULT_ACCEPT.to_vec() } else { accept.iter().map(String::as_str).collect() };
    list.iter().any(|a| match a.strip_suffix("/*") {
        Some(major) => mime.split('/').next() == Some(major) && mime.contains('/'),
        None => a.eq_ignore_ascii_case(&mime),
    })
}

/// Whether `s` is a MIME type or a `type/*` pattern.
pub fn is_mime_pattern(s: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b));
    s.split_once('/').is_some_and(|(major, minor)| token(major) && (minor == "*" || token(minor)))
}

/// Standard base64 (with padding), for attachments in JSON.
pub fn base64(bytes: &[u8]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { B64[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// Decodes standard base64; `None` for anything else.
pub fn unbase64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let b = text.trim_end_matches('=').as_bytes();
    if text.len() % 4 != 0 || text.len() - b.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() * 3 / 4);
    for chunk in b.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= u32::from(value(*c)?) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
