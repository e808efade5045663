//! The complaint-status lookup (`data-form="template:complaint-status"`): a complainant
//! gives the reference code and the contact they gave with the complaint, and reads how
//! the case stands and the public reply. It is no form definition: the widget's views
//! draw it themselves ([`crate::form_source::FormSource::StatusLookup`]). Here, the pure
//! part: reading what is typed, the request, the endpoint's answer and the words, in
//! English, Persian and Arabic. Once a case is resolved the complainant is asked the built-in
//! form `complaint-csat` (a normal response, hidden `reference` set).

use super::complaint::{ALPHABET, REFERENCE_LEN};
use super::digits::ascii_digit;
use super::json::{self, Value};
use super::locale::language;
use super::names::Named;
use super::validate::is_email;

/// The form that asks how the complaint was handled, once the case is resolved.
pub const CSAT_FORM: &str = "complaint-csat";

/// Why a typed field is not one to look up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("the field is empty")]
    Missing,
    #[error("not a reference code: 8 symbols such as K7Q4-MZ8P")]
    BadReference,
    #[error("not an email address or the last 4 or more digits of a phone number")]
    BadContact,
}

/// The reference code as typed, read forgivingly (any case, spaces, the dash left out,
/// Persian or Arabic digits), written as the widget showed it: `K7Q4-MZ8P`.
pub fn read_reference(typed: &str) -> Result<String, FieldError> {
    let symbols: Vec<char> = typed.chars().filter(|c| !c.is_whitespace()).map(|c| ascii_digit(c).to_ascii_uppercase()).collect();
    if symbols.is_empty() {
        return Err(FieldError::Missing);
    }
    // One dash, between the two groups, may be there.
    let half = REFERENCE_LEN / 2;
    let code: Vec<char> = match symbols.get(half) {
        Some('-') => symbols[..half].iter().chain(&symbols[half + 1..]).copied().collect(),
        _ => symbols,
    };
    if code.len() != REFERENCE_LEN || !code.iter().all(|c| c.is_ascii() && ALPHABET.contains(&(*c as u8))) {
        return Err(FieldError::BadReference);
    }
    Ok(code[..half].iter().chain(['-'].iter()).chain(&code[half..]).collect())
}

/// The contact as typed: an email address (as written), or a phone number's last 4 or
/// more digits, written with spaces, dashes, dots, brackets or a `+` (sent as the digits
/// alone, Persian and Arabic digits read as ASCII).
pub fn read_contact(typed: &str) -> Result<String, FieldError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(FieldError::Missing);
    }
    if typed.contains('@') {
        return if is_email(typed) { Ok(typed.to_owned()) } else { Err(FieldError::BadContact) };
    }
    let folded: Vec<char> = typed.chars().map(ascii_digit).collect();
    let digits: String = folded.iter().filter(|c| c.is_ascii_digit()).collect();
    let written_as_phone = folded.iter().all(|c| c.is_ascii_digit() || " -.()+".contains(*c));
    if !written_as_phone || !(4..=15).contains(&digits.len()) {
        return Err(FieldError::BadContact);
    }
    Ok(digits)
}

/// The lookup's body: `{"reference": "K7Q4-MZ8P", "contact": "ana@example.com"}`.
pub fn request_body(reference: &str, contact: &str) -> String {
    Value::object([("reference", Value::from(reference)), ("contact", Value::from(contact))]).to_json()
}

/// The status endpoint a tag gets without `data-status-endpoint`: its `data-endpoint`
/// with the last path segment `responses` replaced by `complaint-status` (the receiver's
/// `/responses` and `/complaint-status`); `None` when the endpoint does not end so.
pub fn default_endpoint(endpoint: &str) -> Option<String> {
    let end = endpoint.find(['?', '#']).unwrap_or(endpoint.len());
    let (path, rest) = endpoint.split_at(end);
    let base = path.strip_suffix("/responses")?;
    base.contains("://").then(|| format!("{base}/complaint-status{rest}"))
}

named_enum! {
    /// Where a case is in its life, as the receiver names its states.
    pub enum CaseState {
        Received = "received",
        Acknowledged = "acknowledged",
        InProgress = "in_progress",
        Resolved = "resolved",
        Closed = "closed",
        Reopened = "reopened",
    }
}

/// A case's life, the same for the receiver that keeps it, the desk that moves it and
/// the lookup that tells the complainant.
impl CaseState {
    /// The state named `name` (`in_progress`), spelled exactly.
    pub fn parse(name: &str) -> Option<CaseState> {
        CaseState::from_name(name)
    }

    /// The states a case in this state may move to.
    pub fn moves(self) -> &'static [CaseState] {
        use CaseState::*;
        match self {
            Received => &[Acknowledged, InProgress, Resolved],
            Acknowledged => &[InProgress, Resolved],
            InProgress => &[Resolved],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
            Reopened => &[InProgress, Resolved],
        }
    }

    pub fn can_move_to(self, to: CaseState) -> bool {
        self.moves().contains(&to)
    }

    /// Resolved or closed: no longer waiting on anyone, so never overdue, and the
    /// complainant may be asked how it went.
    pub fn is_settled(self) -> bool {
        matches!(self, CaseState::Resolved | CaseState::Closed)
    }

    /// Whether a case in this state, due at `due_at`, is overdue at `now` (any one clock).
    pub fn overdue(self, due_at: i64, now: i64) -> bool {
        !self.is_settled() && due_at < now
    }
}

/// How a case stands, as the status endpoint tells the complainant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseStatus {
    pub reference: String,
    pub state: CaseState,
    /// RFC 3339.
    pub received_at: Option<String>,
    pub updated_at: Option<String>,
    /// The public reply, when there is one.
    pub reply: Option<String>,
    pub reply_at: Option<String>,
    /// Whether to ask `complaint-csat` now: asked (the case is resolved or closed) and
    /// not answered yet.
    pub ask_csat: bool,
}

/// What a lookup came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(CaseStatus),
    /// 404: no case has this reference and contact (which of them is wrong is not told).
    NotFound,
    /// No answer, or one that says nothing about the case; trying again may help. The
    /// reason is for the console.
    Failed(String),
}

impl Lookup {
    /// The endpoint's answer: its status and body.
    pub fn from_answer(status: u16, body: &str) -> Lookup {
        match status {
            200..=299 => match read_status(body) {
                Some(found) => Lookup::Found(found),
                None => Lookup::Failed("the status endpoint's answer is not a complaint's status".to_owned()),
            },
            404 => Lookup::NotFound,
            _ => Lookup::Failed(format!("the status endpoint answered {status}")),
        }
    }
}

/// Reads the status endpoint's 200 body; `None` when it is not one.
pub fn read_status(body: &str) -> Option<CaseStatus> {
    let doc = json::parse(body).ok()?;
    let text = |key: &str| doc.get(key).and_then(Value::as_str).map(str::to_owned);
    let state = doc.get("status").and_then(Value::as_str).and_then(CaseState::from_name)?;
    let csat = doc.get("csat");
    let flag = |key: &str| csat.and_then(|c| c.get(key)).and_then(Value::as_bool).unwrap_or(false);
    Some(CaseStatus {
        reference: text("reference")?,
        state,
        received_at: text("received_at"),
        updated_at: text("updated_at"),
        reply: text("reply").filter(|reply| !reply.trim().is_empty()),
        reply_at: text("reply_at"),
        ask_csat: flag("asked") && !flag("answered"),
    })
}

/// The calendar date of an RFC 3339 time (`2026-12-01T09:30:00Z` is `2026-12-01`).
pub fn date_of(time: &str) -> Option<&str> {
    let date = time.get(..10)?;
    let shape = date.bytes().enumerate().all(|(at, b)| if at == 4 || at == 7 { b == b'-' } else { b.is_ascii_digit() });
    shape.then_some(date)
}

/// The lookup's own words.
pub struct Words {
    pub title: &'static str,
    pub intro: &'static str,
    pub reference: &'static str,
    pub reference_hint: &'static str,
    pub contact: &'static str,
    pub contact_hint: &'static str,
    pub look_up: &'static str,
    pub looking: &'static str,
    pub missing: &'static str,
    pub bad_reference: &'static str,
    pub bad_contact: &'static str,
    pub not_found: &'static str,
    pub failed: &'static str,
    pub try_again: &'static str,
    pub another: &'static str,
    /// The result's heading: "Complaint {reference}".
    pub heading: &'static str,
    pub status: &'static str,
    pub received: &'static str,
    pub updated: &'static str,
    pub reply: &'static str,
    pub no_reply: &'static str,
    /// Each [`CaseState`] in words, in its order.
    pub states: [&'static str; 6],
}

pub const EN: Words = Words {
    title: "Follow your complaint",
    intro: "Enter the reference code you were given and the contact you gave us.",
    reference: "Reference code",
    reference_hint: "8 letters and digits, such as K7Q4-MZ8P.",
    contact: "Your email or phone number",
    contact_hint: "The email you gave, or at least the last 4 digits of your phone number.",
    look_up: "Look it up",
    looking: "Looking…",
    missing: "Please fill this in.",
    bad_reference: "A reference code has 8 letters and digits, such as K7Q4-MZ8P.",
    bad_contact: "Enter an email address, or at least the last 4 digits of your phone number.",
    not_found: "No complaint matches that reference and contact. Please check both and try again.",
    failed: "We could not look your complaint up just now. Check your connection and try again.",
    try_again: "Try again",
    another: "Look up another complaint",
    heading: "Complaint {reference}",
    status: "Status",
    received: "Received",
    updated: "Last updated",
    reply: "Our reply",
    no_reply: "We have not replied yet. We will contact you the way you chose.",
    states: ["Received", "Acknowledged", "In progress", "Resolved", "Closed", "Reopened"],
};

pub const FA: Words = Words {
    title: "پیگیری شکایت",
    intro: "کد پیگیری‌ای را که گرفتید و راه تماسی را که به ما دادید وارد کنید.",
    reference: "کد پیگیری",
    reference_hint: "۸ حرف و رقم، مانند K7Q4-MZ8P.",
    contact: "ایمیل یا شمارهٔ تلفن شما",
    contact_hint: "ایمیلی که دادید، یا دست‌کم ۴ رقم آخر شمارهٔ تلفنتان.",
    look_up: "پیگیری",
    looking: "در حال جست‌وجو…",
    missing: "لطفاً این را پر کنید.",
    bad_reference: "کد پیگیری ۸ حرف و رقم دارد، مانند K7Q4-MZ8P.",
    bad_contact: "یک نشانی ایمیل، یا دست‌کم ۴ رقم آخر شمارهٔ تلفنتان را وارد کنید.",
    not_found: "هیچ شکایتی با این کد پیگیری و راه تماس پیدا نشد. لطفاً هر دو را بررسی کنید و دوباره امتحان کنید.",
    failed: "اکنون نتوانستیم شکایت شما را پیدا کنیم. اتصال خود را بررسی کنید و دوباره امتحان کنید.",
    try_again: "دوباره امتحان کنید",
    another: "پیگیری شکایتی دیگر",
    heading: "شکایت {reference}",
    status: "وضعیت",
    received: "دریافت",
    updated: "آخرین به‌روزرسانی",
    reply: "پاسخ ما",
    no_reply: "هنوز پاسخ نداده‌ایم. از راهی که برگزیدید با شما تماس می‌گیریم.",
    states: ["دریافت شد", "تأیید دریافت", "در حال رسیدگی", "حل شد", "بسته شد", "دوباره باز شد"],
};

pub const AR: Words = Words {
    title: "متابعة شكواك",
    intro: "أدخل رقم المتابعة الذي حصلت عليه ووسيلة التواصل التي أعطيتنا إياها.",
    reference: "رقم المتابعة",
    reference_hint: "٨ أحرف وأرقام، مثل K7Q4-MZ8P.",
    contact: "بريدك الإلكتروني أو رقم هاتفك",
    contact_hint: "البريد الإلكتروني الذي أعطيتنا إياه، أو آخر ٤ أرقام من هاتفك على الأقل.",
    look_up: "بحث",
    looking: "جارٍ البحث…",
    missing: "يُرجى تعبئة هذا الحقل.",
    bad_reference: "رقم المتابعة ٨ أحرف وأرقام، مثل K7Q4-MZ8P.",
    bad_contact: "أدخل عنوان بريد إلكتروني، أو آخر ٤ أرقام من هاتفك على الأقل.",
    not_found: "لا توجد شكوى تطابق رقم المتابعة ووسيلة التواصل هذين. يُرجى التحقق منهما والمحاولة مرة أخرى.",
    failed: "تعذّر العثور على شكواك الآن. تحقق من الاتصال وحاول مرة أخرى.",
    try_again: "إعادة المحاولة",
    another: "متابعة شكوى أخرى",
    heading: "الشكوى {reference}",
    status: "الحالة",
    received: "تاريخ الاستلام",
    updated: "آخر تحديث",
    reply: "ردّنا",
    no_reply: "لم نردّ بعد. سنتواصل معك بالطريقة التي اخترتها.",
    states: ["مستلمة", "تم تأكيد الاستلام", "قيد المعالجة", "تم الحل", "مغلقة", "أُعيد فتحها"],
};

/// The words in `locale`'s language: Persian, Arabic, else English.
pub fn words(locale: &str) -> &'static Words {
    match language(locale) {
        "fa" => &FA,
        "ar" => &AR,
        _ => &EN,
    }
}

impl Words {
    /// A field's problem in words.
    pub fn field_error(&self, error: FieldError) -> &'static str {
        match error {
            FieldError::Missing => self.missing,
            FieldError::BadReference => self.bad_reference,
            FieldError::BadContact => self.bad_contact,
        }
    }

    /// A case's state in words.
    pub fn state(&self, state: CaseState) -> &'static str {
        self.states[state as usize]
    }
}
