//! Complaint cases as the desk reads them (`/admin/desk/complaints…`): their shapes,
//! their states, moves, urgencies, root causes and history in words, and when a case
//! is due.

use seda_core::names::Named;
use seda_core::status::CaseState;
use serde::Deserialize;
use serde_json::Value;

use crate::format;
use crate::i18n::{words_for, Lang, Words};
use crate::when;

/// Every state a case can be in, in the order a case moves through them, as the engine
/// declares them for the receiver too.
pub const STATES: &[&str] = <CaseState as Named>::NAMES;

/// One row of the queue.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CaseRow {
    pub reference: String,
    pub response_id: String,
    pub status: String,
    pub urgency: String,
    pub topic: Option<String>,
    pub owner: Option<String>,
    pub received_at: String,
    pub due_at: String,
    pub overdue: bool,
    pub summary: String,
    pub language: Option<String>,
}

/// `GET /admin/desk/complaints`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CaseList {
    pub total: i64,
    pub now: String,
    pub cases: Vec<CaseRow>,
}

/// The complainant's rating of how the case was handled.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Csat {
    pub score: Option<f64>,
    pub received_at: String,
}

/// A case's columns, as `GET /admin/desk/complaints/{reference}` gives them.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Case {
    pub response_id: String,
    pub reference: String,
    pub form_id: String,
    pub status: String,
    pub urgency: String,
    pub topic: Option<String>,
    pub owner: Option<String>,
    pub received_at: String,
    pub due_at: String,
    pub public_reply: Option<String>,
    pub public_reply_at: Option<String>,
    pub root_cause: Option<String>,
    pub language: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub survey_response_id: Option<String>,
    pub updated_at: String,
    pub overdue: bool,
    pub allowed: Vec<String>,
    pub root_causes: Vec<String>,
    pub csat: Option<Csat>,
}

/// The survey response a complaint was made from.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct LinkedSurvey {
    pub id: String,
    pub form_id: String,
    pub received_at: String,
    pub answers: Value,
    pub nps_category: Option<String>,
}

/// One entry of a case's history.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Event {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
}

/// `GET /admin/desk/complaints/{reference}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CaseDetail {
    pub case: Case,
    pub response: Value,
    pub survey_response: Option<LinkedSurvey>,
    pub history: Vec<Event>,
}

/// A state in words; an unknown one as its id.
pub fn state_label(id: &str, lang: Lang) -> String {
    state_words(id).map_or_else(|| id.to_owned(), |w| lang.pick(w.name.0, w.name.1).to_owned())
}

/// The button that moves a case to `to`.
pub fn move_label(to: &str, lang: Lang) -> String {
    state_words(to).map_or_else(|| to.to_owned(), |w| lang.pick(w.move_to.0, w.move_to.1).to_owned())
}

/// A state's words, in English and Persian: its name, and its button's.
struct StateWords {
    id: &'static str,
    name: (&'static str, &'static str),
    move_to: (&'static str, &'static str),
}

fn state_words(id: &str) -> Option<&'static StateWords> {
    static WORDS: [StateWords; 6] = [
        StateWords { id: "received", name: ("Received", "دریافت‌شده"), move_to: ("Mark as received", "برگرداندن به دریافت‌شده") },
        StateWords { id: "acknowledged", name: ("Acknowledged", "پذیرفته‌شده"), move_to: ("Acknowledge", "پذیرفتن") },
        StateWords { id: "in_progress", name: ("In progress", "در حال رسیدگی"), move_to: ("Start work", "شروع رسیدگی") },
        StateWords { id: "resolved", name: ("Resolved", "حل‌شده"), move_to: ("Mark resolved", "ثبت حل‌شدن") },
        StateWords { id: "closed", name: ("Closed", "بسته‌شده"), move_to: ("Close…", "بستن…") },
        StateWords { id: "reopened", name: ("Reopened", "بازگشایی‌شده"), move_to: ("Reopen", "بازگشایی") },
    ];
    WORDS.iter().find(|w| w.id == id)
}

/// What a move did, for the announcement after it: "Status changed to Resolved.".
pub fn moved_words(to: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Status changed to {}.", state_label(to, lang)),
        Lang::Fa => format!("وضعیت به «{}» تغییر کرد.", state_label(to, lang)),
    }
}

pub fn urgency_label(id: &str, lang: Lang) -> String {
    const URGENCY_WORDS: &Words = &[("urgent", "Urgent", "فوری"), ("normal", "Normal", "عادی")];
    words_for(URGENCY_WORDS, id, lang).map_or_else(|| id.to_owned(), str::to_owned)
}

/// A root cause of the default list in words; one configured otherwise as its id.
pub fn root_cause_label(id: &str, lang: Lang) -> String {
    const ROOT_CAUSE_WORDS: &Words = &[
        ("staff", "Staff", "کارکنان"),
        ("process", "Process", "فرایند"),
        ("product", "Product", "کالا"),
        ("price", "Price", "قیمت"),
        ("delivery", "Delivery", "تحویل"),
        ("communication", "Communication", "ارتباط و اطلاع‌رسانی"),
        ("facility", "Premises and equipment", "محل و تجهیزات"),
        ("third_party", "A third party", "شخص ثالث"),
        ("no_fault", "No fault found", "قصوری یافت نشد"),
        ("other", "Other", "سایر"),
    ];
    words_for(ROOT_CAUSE_WORDS, id, lang).map_or_else(|| id.replace('_', " "), str::to_owned)
}

/// An owner, or "Nobody".
pub fn owner_label(owner: Option<&str>, lang: Lang) -> String {
    owner.filter(|o| !o.is_empty()).map_or_else(|| lang.pick("Nobody", "هیچ‌کس").to_owned(), str::to_owned)
}

pub fn nps_category_label(id: &str, lang: Lang) -> String {
    const NPS_WORDS: &Words = &[("promoter", "Promoter", "مروج"), ("passive", "Passive", "خنثی"), ("detractor", "Detractor", "منتقد")];
    words_for(NPS_WORDS, id, lang).map_or_else(|| id.to_owned(), str::to_owned)
}

/// The score a linked survey response gave: its first whole-number answer from 0 to 10
/// (the NPS question's, on the forms that offer a complaint).
pub fn survey_score(answers: &Value) -> Option<i64> {
    answers.as_object()?.values().find_map(|v| v.as_i64().filter(|n| (0..=10).contains(n)))
}

/// One entry of the history in words: "Status: Received → In progress".
pub fn event_words(event: &Event, lang: Lang) -> String {
    let from_to = |label: &dyn Fn(&str) -> String| {
        let from = event.from.as_deref().map(label).unwrap_or_else(|| "–".to_owned());
        let to = event.to.as_deref().map(label).unwrap_or_else(|| "–".to_owned());
        format!("{from} {} {to}", arrow(lang))
    };
    match event.action.as_str() {
        "received" => lang.pick("Complaint received", "شکایت دریافت شد").to_owned(),
        "status" => format!("{}: {}", lang.pick("Status", "وضعیت"), from_to(&|s| state_label(s, lang))),
        "owner" if event.from.is_some() || event.to.is_some() => {
            format!("{}: {}", lang.pick("Owner", "مسئول"), from_to(&|o| owner_label(Some(o), lang)))
        }
        "owner" => format!("{}: {}", lang.pick("Owner", "مسئول"), owner_label(event.text.as_deref(), lang)),
        "note" => lang.pick("Internal note", "یادداشت داخلی").to_owned(),
        "reply" => lang.pick("Public reply changed", "پاسخ عمومی تغییر کرد").to_owned(),
        "root_cause" => {
            let cause = event.to.as_deref().or(event.text.as_deref()).map(|c| root_cause_label(c, lang)).unwrap_or_default();
            format!("{}: {cause}", lang.pick("Root cause", "علت اصلی"))
        }
        other => other.to_owned(),
    }
}

/// The arrow from one state to the next, pointing the way the language reads.
pub fn arrow(lang: Lang) -> &'static str {
    lang.pick("→", "←")
}

/// Who made a change, as the audit log names them (`user:ana`, `token`, `system`).
pub fn actor_label(actor: Option<&str>, lang: Lang) -> String {
    match actor {
        Some(a) if a.starts_with("user:") => a["user:".len()..].to_owned(),
        Some("token") => lang.pick("Admin token", "توکن مدیر").to_owned(),
        Some("system") | None => lang.pick("System", "سامانه").to_owned(),
        Some(other) => other.to_owned(),
    }
}

/// Whether an entry's text is told by [`event_words`] already (an owner, a root cause).
pub fn text_in_words(event: &Event) -> bool {
    matches!(event.action.as_str(), "owner" | "root_cause")
}

/// When a case is due, relative to `now`: "Overdue by 3 h", "Due in 2 d 4 h"; None
/// for a case that is resolved or closed, or a time that cannot be read.
pub fn due_words(status: &str, due_at: &str, now: i64, lang: Lang) -> Option<String> {
    if matches!(status, "resolved" | "closed") {
        return None;
    }
    let left = when::parse_rfc3339(due_at)? - now;
    let span = when::span(left, lang);
    Some(match (left < 0, lang) {
        (true, Lang::En) => format!("Overdue by {span}"),
        (true, Lang::Fa) => format!("{span} از مهلت گذشته"),
        (false, Lang::En) => format!("Due in {span}"),
        (false, Lang::Fa) => format!("{span} تا پایان مهلت"),
    })
}

/// The queue's filters, as its query string holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// `open` (the default, also when empty), `all` or a state.
    pub status: String,
    /// A user's name, `none`, or empty for anyone.
    pub owner: String,
    /// `urgent`, `normal`, or empty for either.
    pub urgency: String,
    pub q: String,
    pub offset: i64,
}

/// How many cases a page of the queue shows.
pub const PAGE: i64 = 50;

impl QueueFilter {
    /// The filters from the page's query parameters (`get` reads one).
    pub fn read(get: impl Fn(&str) -> Option<String>) -> QueueFilter {
        QueueFilter {
            status: get("status").unwrap_or_default(),
            owner: get("owner").unwrap_or_default(),
            urgency: get("urgency").unwrap_or_default(),
            q: get("q").unwrap_or_default(),
            offset: get("offset").and_then(|o| o.parse().ok()).filter(|o: &i64| *o > 0).unwrap_or(0),
        }
    }

    /// The query parameters of the API call (empty ones are left out by the caller).
    pub fn api_pairs(&self) -> Vec<(&'static str, String)> {
        let offset = if self.offset > 0 { self.offset.to_string() } else { String::new() };
        vec![
            ("status", self.status.clone()),
            ("owner", self.owner.clone()),
            ("urgency", self.urgency.clone()),
            ("q", self.q.trim().to_owned()),
            ("limit", PAGE.to_string()),
            ("offset", offset),
        ]
    }

    /// The page's own query parameters: the API's without the page size.
    pub fn page_pairs(&self) -> Vec<(&'static str, String)> {
        self.api_pairs().into_iter().filter(|(k, _)| *k != "limit").collect()
    }
}

/// "Cases 1–50 of 120" for a page of the queue.
pub fn page_words(offset: i64, shown: usize, total: i64, lang: Lang) -> String {
    let n = |x: i64| format::count(x, lang);
    if shown == 0 {
        return lang.pick("No cases match.", "هیچ پرونده‌ای با این فیلترها نیست.").to_owned();
    }
    let last = offset + shown as i64;
    match lang {
        Lang::En => format!("Cases {}–{} of {}", n(offset + 1), n(last), n(total)),
        Lang::Fa => format!("پرونده‌های {} تا {} از {}", n(offset + 1), n(last), n(total)),
    }
}

#[cfg(test)]
#[path = "cases_tests.rs"]
mod tests;
