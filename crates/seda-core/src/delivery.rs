//! How an endpoint's answer is read.

/// What an HTTP status means for a response that was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: the endpoint has it.
    Accepted,
    /// 408, 429 and 5xx: worth sending again later.
    Retry,
    /// Any other status: sending the same body again will not help.
    Permanent,
}

pub fn classify(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Accepted,
        408 | 429 | 500..=599 => Outcome::Retry,
        _ => Outcome::Permanent,
    }
}
