//! Checklists as the desk reads them: the definition's words (section and item
//! titles, answer labels, standards, bands, locations), and a visit scored again
//! here from its answers, item by item. Texts come as JSON `Text` objects
//! (`{"en": "...", "fa": "..."}`); the figures as integer hundredths.

use seda_core::checklist::{Checklist, Critical, Item, ItemKind, Standard};
use seda_core::checklist_text::{self, unit};
use seda_core::num::Num;
use seda_core::score;
use seda_core::text::Text;
use seda_core::visit::Mark;
use serde_json::{Map, Value};

use super::{to_core, visit_of, KnownForm};

/// A checklist's words, in its order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChecklistView {
    pub sections: Vec<SectionView>,
    pub items: Vec<ItemView>,
    pub bands: Vec<BandView>,
    /// The locations the shopper picks from: (id, label).
    pub locations: Vec<(String, Value)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionView {
    pub id: String,
    pub title: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemView {
    pub id: String,
    pub section: String,
    pub title: Value,
    pub description: Option<Value>,
    /// `yes_no`, `options`, `multi`, `rating` or `measure`.
    pub item_type: &'static str,
    /// `section` or `form`; `None` for an item that is not critical.
    pub critical: Option<&'static str>,
    pub bonus: bool,
    /// A measure's standard in words (`at most 30 s; no credit from 90 s`).
    pub standard: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandView {
    pub id: String,
    pub label: Option<Value>,
    pub pass: bool,
}

/// One item's figures, scored here from the answer (never the phone's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoredItem {
    pub id: String,
    pub section: String,
    /// Hundredths (0-100); `None` when the item counts neither way (N/A, optional blank).
    pub credit: Option<i64>,
    /// Hundredths of a point.
    pub earned: i64,
    pub possible: i64,
    pub failed: bool,
    pub critical: Option<&'static str>,
    pub bonus: bool,
}

/// A visit scored again: each item, and the figures as `responses.checklist` stores them.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredVisit {
    pub items: Vec<ScoredItem>,
    pub figures: Value,
}

/// The languages every answer label is given in (besides the form's own).
const LANGUAGES: [&str; 2] = ["en", "fa"];

impl KnownForm {
    /// The checklist's words; `None` for a form that is not a checklist.
    pub fn checklist_view(&self) -> Option<ChecklistView> {
        let c = self.checklist()?;
        let text = |t: &Text| self.text_json(t);
        let items = c
            .sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
            .map(|(s, i)| ItemView {
                id: i.id.clone(),
                section: s.id.clone(),
                title: text(&i.title),
                description: i.description.as_ref().map(text),
                item_type: i.item_type().name(),
                critical: critical_name(i),
                bonus: i.bonus,
                standard: standard_text(i),
            })
            .collect();
        Some(ChecklistView {
            sections: c.sections.iter().map(|s| SectionView { id: s.id.clone(), title: text(&s.title) }).collect(),
            items,
            bands: c.bands.iter().map(|b| BandView { id: b.id.clone(), label: b.label.as_ref().map(text), pass: b.pass }).collect(),
            locations: c.visit.locations.iter().map(|l| (l.id.clone(), text(&l.label))).collect(),
        })
    }

    /// An item's raw answer in words, per language: Yes, an option's label, the
    /// options picked, `4 of 5`, `45 s`; `None` for an answer the item does not take.
    pub fn answer_label(&self, item_id: &str, answer: &Value) -> Option<Value> {
        let c = self.checklist()?;
        let item = c.item(item_id)?;
        let mark = Mark::from_value(item, &to_core(answer))?;
        let mut languages: Vec<&str> = LANGUAGES.to_vec();
        if !languages.contains(&self.form.locale.as_str()) {
            languages.push(&self.form.locale);
        }
        let label = |lang: &str| -> String {
            let words = checklist_text::strings(lang);
            let option = |id: &str| item.options().iter().find(|o| o.id == id).map_or(id.to_owned(), |o| o.label.get(lang, &self.form.locale).to_owned());
            match &mark {
                Mark::Na if matches!(item.kind, ItemKind::Measure(_)) => words.did_not_happen.to_owned(),
                Mark::Na => words.na.to_owned(),
                Mark::Yes(true) => words.yes.to_owned(),
                Mark::Yes(false) => words.no.to_owned(),
                Mark::Pick(id) => option(id),
                Mark::Picks(ids) if ids.is_empty() => (if lang == "fa" { "هیچ‌کدام" } else { "None of these" }).to_owned(),
                Mark::Picks(ids) => ids.iter().map(|i| option(i)).collect::<Vec<_>>().join(if lang == "fa" { "، " } else { ", " }),
                Mark::Rating(n) => {
                    let max = item.scale().map_or(0, |s| s.max);
                    localise_digits(lang, &if lang == "fa" { format!("{n} از {max}") } else { format!("{n} of {max}") })
                }
                Mark::Measure(n) => with_unit(lang, item, *n),
            }
        };
        Some(Value::Object(languages.into_iter().map(|l| (l.to_owned(), Value::from(label(l)))).collect()))
    }

    /// A plain text as `{locale: text}` (the form's locale), a localised one as it is.
    fn text_json(&self, t: &Text) -> Value {
        match t {
            Text::Plain(s) => Value::Object(Map::from_iter([(self.form.locale.clone(), Value::from(s.as_str()))])),
            Text::Localised(pairs) => Value::Object(pairs.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect()),
        }
    }
}

/// Scores a checklist response again from its `answers`; `None` for a form that is
/// not a checklist. The phone's figures are not read, only its evidence.
pub fn score_visit(form: &KnownForm, payload: &Value) -> Option<ScoredVisit> {
    let c: &Checklist = form.checklist()?;
    let answers = to_core(payload.get("answers").unwrap_or(&Value::Null));
    let members = answers.as_object().unwrap_or_default();
    let sent_items = payload.get("checklist").and_then(|s| s.get("items"));
    let (visit, _) = visit_of(c, members, sent_items);
    let card = score::score(c, &visit);
    let items = c
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(move |i| (s, i)))
        .zip(&card.items)
        .map(|((s, i), r)| ScoredItem {
            id: i.id.clone(),
            section: s.id.clone(),
            credit: r.credit,
            earned: r.earned,
            possible: r.possible,
            failed: r.failed,
            critical: critical_name(i),
            bonus: i.bonus,
        })
        .collect();
    let mut figures = super::from_core(&score::payload(c, &visit, &card));
    if let Some(m) = figures.as_object_mut() {
        m.retain(|k, _| !matches!(k.as_str(), "items" | "visit"));
    }
    Some(ScoredVisit { items, figures })
}

fn critical_name(i: &Item) -> Option<&'static str> {
    match i.critical {
        Critical::None => None,
        Critical::Section => Some("section"),
        Critical::Form => Some("form"),
    }
}

/// A measure's standard in English and Persian; `None` for other items.
fn standard_text(i: &Item) -> Option<Value> {
    let standard = i.measure()?.standard?;
    let words = |lang: &str| -> String {
        let v = |n: Num| with_unit(lang, i, n);
        let fa = lang == "fa";
        let text = match standard {
            Standard::AtMost { target, limit } => {
                let base = if fa { format!("حداکثر {}", v(target)) } else { format!("at most {}", v(target)) };
                match limit {
                    Some(l) if fa => format!("{base}؛ از {} بدون امتیاز", v(l)),
                    Some(l) => format!("{base}; no credit from {}", v(l)),
                    None => base,
                }
            }
            Standard::AtLeast { target, limit } => {
                let base = if fa { format!("دست‌کم {}", v(target)) } else { format!("at least {}", v(target)) };
                match limit {
                    Some(l) if fa => format!("{base}؛ از {} و کمتر بدون امتیاز", v(l)),
                    Some(l) => format!("{base}; no credit at {} or less", v(l)),
                    None => base,
                }
            }
            Standard::Between { low, high, limit } => {
                let base = if fa { format!("بین {} و {}", v(low), v(high)) } else { format!("between {} and {}", v(low), v(high)) };
                match limit {
                    Some((l, h)) if fa => format!("{base}؛ کمتر از {} یا بیشتر از {} بدون امتیاز", v(l), v(h)),
                    Some((l, h)) => format!("{base}; no credit at {} or less, or {} or more", v(l), v(h)),
                    None => base,
                }
            }
        };
        localise_digits(lang, &text)
    };
    Some(Value::Object(LANGUAGES.iter().map(|l| ((*l).to_owned(), Value::from(words(l)))).collect()))
}

/// A measured value with its unit's short name (`45 s`, `45 ثانیه`).
fn with_unit(lang: &str, i: &Item, n: Num) -> String {
    let name = i.measure().and_then(|m| m.unit).map_or("", |u| unit(lang, u));
    let text = if name.is_empty() { n.to_text() } else { format!("{} {name}", n.to_text()) };
    localise_digits(lang, &text)
}

/// Persian digits in Persian text (and the decimal point as the Persian separator).
fn localise_digits(lang: &str, text: &str) -> String {
    if lang != "fa" {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => '٫',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shop() -> &'static KnownForm {
        KnownForm::template("mystery-shop").unwrap()
    }

    #[test]
    fn standards_read_in_both_languages() {
        let view = shop().checklist_view().unwrap();
        let standard = |id: &str| view.items.iter().find(|i| i.id == id).unwrap().standard.clone();
        // greet_time: {"at_most": 30, "limit": 90} in seconds; till_wait: {"at_most": 120}.
        assert_eq!(standard("greet_time"), Some(json!({"en": "at most 30 s; no credit from 90 s", "fa": "حداکثر ۳۰ ثانیه؛ از ۹۰ ثانیه بدون امتیاز"})));
        assert_eq!(standard("till_wait"), Some(json!({"en": "at most 120 s", "fa": "حداکثر ۱۲۰ ثانیه"})));
        assert_eq!(standard("entrance"), None);
    }

    #[test]
    fn answers_read_as_words() {
        // (item, raw answer, expected label; null for an answer the item does not take).
        let cases = [
            ("entrance", json!(true), json!({"en": "Yes", "fa": "بله"})),
            ("queue_ack", json!("n/a"), json!({"en": "N/A", "fa": "مربوط نیست"})),
            ("queue_time", json!("n/a"), json!({"en": "Did not happen", "fa": "پیش نیامد"})),
            ("knowledge", json!("adequate"), json!({"en": "Answered most questions", "fa": "به بیشتر پرسش‌ها پاسخ داد"})),
            ("offers", json!(["returns", "loyalty"]), json!({"en": "The returns policy, The loyalty card", "fa": "شرایط بازگشت کالا، کارت وفاداری"})),
            ("offers", json!([]), json!({"en": "None of these", "fa": "هیچ‌کدام"})),
            ("helpful", json!(4), json!({"en": "4 of 5", "fa": "۴ از ۵"})),
            ("resolve_time", json!(7.5), json!({"en": "7.5 min", "fa": "۷٫۵ دقیقه"})),
            ("entrance", json!("yes"), Value::Null),
        ];
        for (item, answer, expected) in cases {
            assert_eq!(shop().answer_label(item, &answer).unwrap_or(Value::Null), expected, "{item} = {answer}");
        }
    }
}
