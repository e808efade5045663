//! Complaints: the reference code a person quotes later, the acknowledgement a
//! complaint form promises, and the offer a survey makes to a dissatisfied visitor to
//! say what went wrong (when it is made: [`crate::offer`]).

use super::decode::Decoder;
use super::json::Value;
use super::logic::{self, Condition};
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

/// The hidden fields a complaint form opened from a survey's offer receives:
/// `score` (when there is one), `page` (where the survey was answered, cut to 500
/// characters like every hidden value), `survey` (its form id) and `survey_response`
/// (the survey response's id, which links the complaint to it). The tag's own hidden
/// values are kept beside them ([`crate::config::EmbedConfig::for_offer`]).
pub fn carried(score: Option<i64>, page_url: &str, survey: &str, survey_response: &str) -> Pairs<String> {
    let mut out = Pairs::new();
    if let Some(s) = score {
        out.insert("score", s.to_string());
    }
    out.insert("page", page_url.chars().take(500).collect());
    out.insert("survey", survey.to_owned());
    out.insert("survey_response", survey_response.to_owned());
    out
}
