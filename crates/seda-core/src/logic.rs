//! Conditions: when a question or page is shown, where a page jumps, which thank-you
//! screen ends the form. Written in the form as JSON:
//!
//! ```json
//! {"question": "recommend", "less_than": 7}
//! {"question": "recommend", "nps": "detractor"}
//! {"hidden": "plan", "one_of": ["pro", "team"]}
//! {"all": [{"question": "visited", "equals": true}, {"not": {"question": "email", "answered": true}}]}
//! ```

use super::answer::Answer;
use super::decode::{child, Decoder};
use super::json::Value;
use super::response::NpsCategory;
use super::validate::ascii_digit;

/// A number in millionths, exact for every value a form or a visitor writes with up
/// to six decimals (no floating point, so 0.1 + 0.2 compares as 0.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Num(pub i128);

pub const NUM_SCALE: i128 = 1_000_000;
/// The largest magnitude: 10^18 units, in millionths.
const LIMIT: i128 = 1_000_000_000_000_000_000_000_000;

impl Num {
    pub fn from_int(n: i64) -> Num {
        Num(i128::from(n) * NUM_SCALE)
    }

    /// Reads a decimal number (`-12`, `3.25`, `1e3`, `٤٫۵`): at most 6 decimals and
    /// 18 integer digits; Persian and Arabic digits and a decimal comma are accepted.
    pub fn parse(text: &str) -> Option<Num> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '٫' | ',' => '.',
                '−' => '-',
                c => ascii_digit(c),
            })
            .collect();
        let (mantissa, exp) = match ascii.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i32>().ok()?),
            None => (ascii.as_str(), 0),
        };
        let (neg, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut n: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        if n == 0 {
            return Some(Num(0));
        }
        // n is the digits without the point; move the point to millionths.
        let shift = 6 + i64::from(exp) - i64::try_from(frac.len()).ok()?;
        if shift >= 0 {
            for _ in 0..shift {
                n = n.checked_mul(10).filter(|n| *n <= LIMIT)?;
            }
        } else {
            for _ in 0..-shift {
                let (q, r) = div_rem(n.unsigned_abs(), 10);
                if r != 0 {
                    return None;
                }
                n = q as i128;
            }
        }
        (n <= LIMIT).then_some(Num(if neg { -n } else { n }))
    }

    /// The whole units, truncated toward zero (as `/` does).
    pub fn units(self) -> i128 {
        let int = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32).0 as i128;
        if self.0 < 0 { -int } else { int }
    }

    /// The decimal digits after the point this number needs (0 for a whole number).
    pub fn decimals(self) -> u32 {
        let mut frac = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32).1;
        if frac == 0 {
            return 0;
        }
        let mut places = 6;
        while frac % 10 == 0 {
            frac /= 10;
            places -= 1;
        }
        places
    }

    /// Plain decimal text, as JSON writes a number: `-12`, `3.25`.
    pub fn to_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (int, frac) = div_rem(self.0.unsigned_abs(), NUM_SCALE as u32);
        // At most 10^18 units: a u64, so the i128 formatting code is not needed.
        let int = int as u64;
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let frac = format!("{frac:06}");
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }
}

/// `n / d` and `n % d`, by 32-bit digits: the wasm build then needs no 128-bit
/// division routine.
fn div_rem(n: u128, d: u32) -> (u128, u32) {
    let (mut q, mut r) = (0u128, 0u64);
    for shift in [96, 64, 32, 0] {
        let cur = (r << 32) | u64::from((n >> shift) as u32);
        q |= u128::from(cur / u64::from(d)) << shift;
        r = cur % u64::from(d);
    }
    (q, r as u32)
}

/// A condition on the answers and hidden fields.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Test { subject: Subject, test: Test },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Question(String),
    Hidden(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// A number, a string (a choice id or text), or true/false (yes/no). For a
    /// multiple choice: the id is among those picked.
    Equals(Value),
    NotEquals(Value),
    /// Equal to any of these (for a multiple choice: any of them is picked).
    OneOf(Vec<Value>),
    LessThan(Num),
    AtMost(Num),
    GreaterThan(Num),
    AtLeast(Num),
    /// `true`: has an answer (or a hidden value); `false`: has none.
    Answered(bool),
    /// The NPS category of the answer (0-6, 7-8, 9-10).
    Nps(NpsCategory),
}

impl Test {
    pub fn name(&self) -> &'static str {
        match self {
            Test::Equals(_) => "equals",
            Test::NotEquals(_) => "not_equals",
            Test::OneOf(_) => "one_of",
            Test::LessThan(_) => "less_than",
            Test::AtMost(_) => "at_most",
            Test::GreaterThan(_) => "greater_than",
            Test::AtLeast(_) => "at_least",
            Test::Answered(_) => "answered",
            Test::Nps(_) => "nps",
        }
    }

    /// Whether the test compares numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Test::LessThan(_) | Test::AtMost(_) | Test::GreaterThan(_) | Test::AtLeast(_))
    }
}

pub const TESTS: &[&str] = &["equals", "not_equals", "one_of", "less_than", "at_most", "greater_than", "at_least", "answered", "nps"];
/// Reads a condition; every problem goes to `d` with its path.
pub fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Condition> {
    let Some(members) = v.as_object() else {
        d.err(path, format!("expected a condition object, found {}", v.kind()));
        return None;
    };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    let group = |d: &mut Decoder, key: &str| {
        let at = child(path, key);
        let list = d.each(&at, &members[0].1, |d, p, v| read(d, p, v))?;
        if list.is_empty() {
            d.err(at, "needs at least one condition");
            return None;
        }
        Some(list)
    };
    match keys.as_slice() {
        ["all"] => group(d, "all").map(Condition::All),
        ["any"] => group(d, "any").map(Condition::Any),
        ["not"] => read(d, &child(path, "not"), &members[0].1).map(|c| Condition::Not(Box::new(c))),
        _ => {
            let subject = match (v.get("question"), v.get("hidden")) {
                (Some(q), None) => Subject::Question(d.string(&child(path, "question"), q)?),
                (None, Some(h)) => Subject::Hidden(d.string(&child(path, "hidden"), h)?),
                _ => {
                    d.err(path, "a condition names one \"question\" or one \"hidden\" field, or groups conditions with \"all\", \"any\" or \"not\"");
                    return None;
                }
            };
            let tests: Vec<&(String, Value)> = members.iter().filter(|(k, _)| k != "question" && k != "hidden").collect();
            let [(name, value)] = tests.as_slice() else {
                d.err(path, format!("a condition needs exactly one test: {}", TESTS.join(", ")));
                return None;
            };
            let at = child(path, name);
            let num = |d: &mut Decoder| match value {
                Value::Number(n) => Num::parse(n).or_else(|| {
                    d.err(&at, "a number with at most 6 decimals");
                    None
                }),
                _ => {
                    d.err(&at, format!("expected a number, found {}", value.kind()));
                    None
                }
            };
            let scalar = |d: &mut Decoder, p: &str, v: &Value| match v {
                Value::Number(_) | Value::String(_) | Value::Bool(_) => Some(v.clone()),
                _ => {
                    d.err(p, format!("expected a number, a string or true/false, found {}", v.kind()));
                    None
                }
            };
            let test = match name.as_str() {
                "equals" => Test::Equals(scalar(d, &at, value)?),
                "not_equals" => Test::NotEquals(scalar(d, &at, value)?),
                "one_of" => Test::OneOf(d.each(&at, value, scalar)?),
                "less_than" => Test::LessThan(num(d)?),
                "at_most" => Test::AtMost(num(d)?),
                "greater_than" => Test::GreaterThan(num(d)?),
                "at_least" => Test::AtLeast(num(d)?),
                "answered" => Test::Answered(d.bool(&at, value)?),
                "nps" => Test::Nps(d.named(&at, value)?),
                other => {
                    d.err(at, format!("unknown test `{other}`; the tests are {}", TESTS.join(", ")));
                    return None;
                }
            };
            Some(Condition::Test { subject, test })
        }
    }
}

/// What a condition is evaluated against.
pub trait Facts {
    fn answer(&self, question: &str) -> Option<&Answer>;
    fn hidden(&self, field: &str) -> Option<&str>;
}

impl Condition {
    pub fn holds(&self, facts: &dyn Facts) -> bool {
        match self {
            Condition::All(list) => list.iter().all(|c| c.holds(facts)),
            Condition::Any(list) => list.iter().any(|c| c.holds(facts)),
            Condition::Not(c) => !c.holds(facts),
            Condition::Test { subject: Subject::Question(id), test } => test_answer(test, facts.answer(id)),
            Condition::Test { subject: Subject::Hidden(id), test } => test_hidden(test, facts.hidden(id)),
        }
    }

    /// Every condition test in this one, with the path it was read from (relative).
    pub fn tests(&self) -> Vec<(&Subject, &Test)> {
        match self {
            Condition::All(list) | Condition::Any(list) => list.iter().flat_map(Condition::tests).collect(),
            Condition::Not(c) => c.tests(),
            Condition::Test { subject, test } => vec![(subject, test)],
        }
    }
}

/// An answer's number, for comparisons.
fn number(answer: &Answer) -> Option<Num> {
    match answer {
        Answer::Number(n) => Some(Num::from_int(*n)),
        Answer::Decimal(s) => Num::parse(s),
        _ => None,
    }
}

/// Whether `answer` equals the form's `value`.
fn equals(answer: &Answer, value: &Value) -> bool {
    match (answer, value) {
        (Answer::Text(s), Value::String(v)) => s == v,
        (Answer::Choices(picked), Value::String(v)) => picked.contains(v),
        (Answer::Bool(b), Value::Bool(v)) => b == v,
        (Answer::Number(_) | Answer::Decimal(_), Value::Number(v)) => number(answer).is_some() && number(answer) == Num::parse(v),
        _ => false,
    }
}

fn compare(test: &Test, n: Num) -> bool {
    match *test {
        Test::LessThan(v) => n < v,
        Test::AtMost(v) => n <= v,
        Test::GreaterThan(v) => n > v,
        Test::AtLeast(v) => n >= v,
        _ => false,
    }
}

fn test_answer(test: &Test, answer: Option<&Answer>) -> bool {
    match (test, answer) {
        (Test::Answered(want), a) => a.is_some() == *want,
        (Test::NotEquals(v), Some(a)) => !equals(a, v),
        (Test::NotEquals(_), None) => true,
        (_, None) => false,
        (Test::Equals(v), Some(a)) => equals(a, v),
        (Test::OneOf(list), Some(a)) => list.iter().any(|v| equals(a, v)),
        (Test::Nps(category), Some(Answer::Number(n))) => NpsCategory::of(*n) == *category,
        (Test::Nps(_), Some(_)) => false,
        (t, Some(a)) => number(a).is_some_and(|n| compare(t, n)),
    }
}

fn test_hidden(test: &Test, value: Option<&str>) -> bool {
    let value = value.filter(|v| !v.is_empty());
    let same = |v: &Value| match v {
        Value::String(s) => value == Some(s.as_str()),
        Value::Number(n) => value.and_then(Num::parse).is_some_and(|x| Some(x) == Num::parse(n)),
        Value::Bool(b) => value == Some(if *b { "true" } else { "false" }),
        _ => false,
    };
    match test {
        Test::Answered(want) => value.is_some() == *want,
        Test::Equals(v) => same(v),
        Test::NotEquals(v) => !same(v),
        Test::OneOf(list) => list.iter().any(same),
        Test::Nps(category) => value.and_then(|v| v.parse::<i64>().ok()).is_some_and(|n| NpsCategory::of(n) == *category),
        t => value.and_then(Num::parse).is_some_and(|n| compare(t, n)),
    }
}
