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
use super::names::Named;
use super::num::Num;
use super::nps::NpsCategory;

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

named_enum! {
    /// The tests a condition can make, by the name a form writes.
    pub enum TestName {
        Equals = "equals",
        NotEquals = "not_equals",
        OneOf = "one_of",
        LessThan = "less_than",
        AtMost = "at_most",
        GreaterThan = "greater_than",
        AtLeast = "at_least",
        Answered = "answered",
        Nps = "nps",
    }
}

impl Test {
    /// Which test this is; its name is the one a form writes.
    pub fn kind(&self) -> TestName {
        match self {
            Test::Equals(_) => TestName::Equals,
            Test::NotEquals(_) => TestName::NotEquals,
            Test::OneOf(_) => TestName::OneOf,
            Test::LessThan(_) => TestName::LessThan,
            Test::AtMost(_) => TestName::AtMost,
            Test::GreaterThan(_) => TestName::GreaterThan,
            Test::AtLeast(_) => TestName::AtLeast,
            Test::Answered(_) => TestName::Answered,
            Test::Nps(_) => TestName::Nps,
        }
    }

    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// Whether the test compares numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Test::LessThan(_) | Test::AtMost(_) | Test::GreaterThan(_) | Test::AtLeast(_))
    }
}

/// Every test's name, in declaration order.
pub const TESTS: &[&str] = TestName::NAMES;

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
            let Some(kind) = TestName::from_name(name) else {
                d.err(at, format!("unknown test `{name}`; the tests are {}", TESTS.join(", ")));
                return None;
            };
            let test = match kind {
                TestName::Equals => Test::Equals(scalar(d, &at, value)?),
                TestName::NotEquals => Test::NotEquals(scalar(d, &at, value)?),
                TestName::OneOf => Test::OneOf(d.each(&at, value, scalar)?),
                TestName::LessThan => Test::LessThan(num(d)?),
                TestName::AtMost => Test::AtMost(num(d)?),
                TestName::GreaterThan => Test::GreaterThan(num(d)?),
                TestName::AtLeast => Test::AtLeast(num(d)?),
                TestName::Answered => Test::Answered(d.bool(&at, value)?),
                TestName::Nps => Test::Nps(d.named(&at, value)?),
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
