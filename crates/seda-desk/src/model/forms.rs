//! `GET /admin/desk/forms`: every form with responses.

use serde::Deserialize;
use serde_json::Value;

/// The list of forms.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct FormList {
    #[serde(default)]
    pub forms: Vec<FormSummary>,
}

/// One form with responses.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct FormSummary {
    pub form_id: String,
    /// `survey`, `complaint`, `checklist`, or none when the form is not known.
    #[serde(default)]
    pub kind: Option<String>,
    /// A form's text (`{"en", "fa"}`), when the form is known.
    #[serde(default)]
    pub title: Value,
    #[serde(default)]
    pub versions: Vec<i64>,
    #[serde(default)]
    pub responses: i64,
    #[serde(default)]
    pub last_received_at: Option<String>,
}

/// Where the desk shows a form's responses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormPlace {
    /// The survey page, `/desk/surveys/{id}`.
    Survey(String),
    /// The complaints' list.
    Complaints,
    /// The visits' list.
    Visits,
}

impl FormSummary {
    /// Complaints go to their cases, checklists to their visits; every other form
    /// (a survey, or one the receiver does not know) to its survey page.
    pub fn place(&self) -> FormPlace {
        match self.kind.as_deref() {
            Some("complaint") => FormPlace::Complaints,
            Some("checklist") => FormPlace::Visits,
            _ => FormPlace::Survey(self.form_id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_kind_of_form_has_its_place() {
        let list: FormList = serde_json::from_value(json!({"forms": [
            {"form_id": "nps", "kind": "survey", "title": {"en": "Quick question"}, "versions": [1], "responses": 20, "last_received_at": "2026-12-01T10:00:00Z"},
            {"form_id": "complaint", "kind": "complaint", "title": null, "versions": [1], "responses": 2, "last_received_at": null},
            {"form_id": "mystery-shop", "kind": "checklist", "versions": [1, 2], "responses": 1},
            {"form_id": "legacy", "kind": null, "title": null, "versions": [], "responses": 3, "last_received_at": null}
        ]}))
        .unwrap();
        let places: Vec<FormPlace> = list.forms.iter().map(FormSummary::place).collect();
        assert_eq!(
            places,
            [FormPlace::Survey("nps".into()), FormPlace::Complaints, FormPlace::Visits, FormPlace::Survey("legacy".into())]
        );
        assert_eq!(list.forms[2].versions, [1, 2]);
    }
}
