//! Answers as the desk shows them when it has no form to hand: a value in words, and
//! the built-in complaint form's questions by their titles.

use serde_json::Value;

use crate::format;
use crate::i18n::Lang;

/// An answer's value in words: yes/no, "not applicable", a number in the language's
/// digits, a list joined with commas; an object (a file, a position) as JSON.
pub fn value_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => "–".to_owned(),
        Value::Bool(true) => lang.pick("Yes", "بله").to_owned(),
        Value::Bool(false) => lang.pick("No", "خیر").to_owned(),
        Value::String(s) if s == "n/a" => lang.pick("Not applicable", "موضوعیت ندارد").to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => format::localise_digits(&n.to_string(), lang),
        Value::Array(items) => items.iter().map(|v| value_text(v, lang)).collect::<Vec<_>>().join(lang.pick(", ", "، ")),
        Value::Object(_) => value.to_string(),
    }
}

/// The title of a question of the built-in complaint form, else the id with its
/// underscores as spaces.
pub fn complaint_question(id: &str, lang: Lang) -> String {
    let known = match id {
        "category" => Some(("Topic", "موضوع")),
        "description" => Some(("What happened", "چه اتفاقی افتاد")),
        "urgent" => Some(("Urgent or a safety issue", "فوری یا مربوط به ایمنی")),
        "happened_at" => Some(("When it happened", "زمان رخداد")),
        "location" => Some(("Where it happened", "محل رخداد")),
        "order_number" => Some(("Order or receipt number", "شمارهٔ سفارش یا رسید")),
        "photos" => Some(("Photos or documents", "عکس یا سند")),
        "remedy" => Some(("What would put it right", "جبران دلخواه")),
        "contact_way" => Some(("Way to reply", "راه پاسخ")),
        "name" => Some(("Name", "نام")),
        "email" => Some(("Email", "ایمیل")),
        "phone" => Some(("Phone", "تلفن")),
        "contact_time" => Some(("Best time to reach", "زمان مناسب تماس")),
        "consent" => Some(("Agreed to storage", "رضایت به ذخیره")),
        "marketing" => Some(("Agreed to news and offers", "رضایت به دریافت خبر و پیشنهاد")),
        _ => None,
    };
    known.map_or_else(|| id.replace('_', " "), |(en, fa)| lang.pick(en, fa).to_owned())
}

/// The built-in complaint form's questions in the order it asks them.
const COMPLAINT_ORDER: [&str; 15] = [
    "category", "description", "urgent", "happened_at", "location", "order_number", "photos", "remedy", "contact_way",
    "name", "email", "phone", "contact_time", "consent", "marketing",
];

/// A response payload's answers: the complaint form's questions in the order it asks
/// them, then any others by id.
pub fn answers_of(payload: &Value) -> Vec<(String, Value)> {
    let mut answers: Vec<(String, Value)> = payload
        .get("answers")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let rank = |id: &str| COMPLAINT_ORDER.iter().position(|q| *q == id).unwrap_or(COMPLAINT_ORDER.len());
    answers.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_written_in_words() {
        let cases = [
            (json!(true), Lang::En, "Yes"),
            (json!(false), Lang::Fa, "خیر"),
            (json!("n/a"), Lang::En, "Not applicable"),
            (json!("service"), Lang::Fa, "service"),
            (json!(7), Lang::Fa, "۷"),
            (json!(4.5), Lang::En, "4.5"),
            (json!(["a", "b"]), Lang::En, "a, b"),
            (json!(["a", "b"]), Lang::Fa, "a، b"),
            (json!(null), Lang::En, "–"),
            (json!({"lat": 1}), Lang::En, "{\"lat\":1}"),
        ];
        for (value, lang, want) in cases {
            assert_eq!(value_text(&value, lang), want, "{value} in {lang:?}");
        }
    }

    #[test]
    fn complaint_questions_have_titles_and_others_their_ids() {
        assert_eq!(complaint_question("description", Lang::En), "What happened");
        assert_eq!(complaint_question("remedy", Lang::Fa), "جبران دلخواه");
        assert_eq!(complaint_question("store_code", Lang::En), "store code");
    }

    #[test]
    fn answers_come_in_the_forms_order_then_by_id() {
        let payload = json!({"form_id": "complaint", "answers": {"zone": 1, "email": "a@b.c", "description": "Too dear", "category": "price", "aisle": 3}});
        let keys: Vec<String> = answers_of(&payload).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["category", "description", "email", "aisle", "zone"]);
        assert!(answers_of(&json!({"form_id": "x"})).is_empty());
    }
}
