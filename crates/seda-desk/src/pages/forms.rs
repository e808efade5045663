//! The forms with responses: surveys open their results, complaints and checklists
//! their own lists.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::{text_in, Lang};
use crate::model::forms::{FormList, FormPlace, FormSummary};
use crate::parts::fetched::{fetched, load};
use crate::parts::stack_table::{stack_table, Column};

fn kind_name(kind: Option<&str>, lang: Lang) -> &'static str {
    match kind {
        Some("survey") => lang.pick("Survey", "نظرسنجی"),
        Some("complaint") => lang.pick("Complaint", "شکایت"),
        Some("checklist") => lang.pick("Mystery shop", "خرید پنهان"),
        _ => lang.pick("Unknown form", "فرم ناشناخته"),
    }
}

#[component]
pub fn Forms() -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    Effect::new(move |_| browser::set_title(lang().pick("Surveys", "نظرسنجی‌ها"), lang()));
    let forms = load(|| api::get_as::<FormList>("/admin/desk/forms"));
    let table = move |list: FormList| {
        if list.forms.is_empty() {
            return view! { <p>{move || lang().pick("No responses have come in yet.", "هنوز پاسخی نرسیده است.")}</p> }.into_any();
        }
        let rows = list.forms.into_iter().map(|f| view! { <FormRow form=f/> }).collect_view();
        const COLUMNS: &[Column] = &[
            Column::text("Form", "فرم"),
            Column::text("Kind", "گونه"),
            Column::text("Versions", "نسخه‌ها"),
            Column::number("Responses", "پاسخ‌ها"),
            Column::text("Last response", "آخرین پاسخ"),
        ];
        stack_table("forms-table", ("Forms with responses", "فرم‌هایی که پاسخ دارند"), COLUMNS, rows).into_any()
    };
    view! {
        <h1>{move || lang().pick("Surveys", "نظرسنجی‌ها")}</h1>
        {fetched(forms, ("the forms", "فرم‌ها"), table)}
    }
}

/// One form: its name linking to where its responses are shown.
#[component]
fn FormRow(form: FormSummary) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let href = match form.place() {
        FormPlace::Survey(id) => format!("/desk/surveys/{}", api::segment(&id)),
        FormPlace::Complaints => "/desk/complaints".to_owned(),
        FormPlace::Visits => "/desk/visits".to_owned(),
    };
    let name = {
        let (title, id) = (form.title.clone(), form.form_id.clone());
        move || Some(text_in(&title, lang())).filter(|t| !t.is_empty()).unwrap_or_else(|| id.clone())
    };
    let FormSummary { form_id, kind, versions, responses, last_received_at, .. } = form;
    let versions = move || versions.iter().map(|v| format::count(*v, lang())).collect::<Vec<_>>().join(lang().pick(", ", "، "));
    let last = move || last_received_at.as_deref().map(|t| browser::date_time(t, lang())).unwrap_or_else(|| "–".to_owned());
    view! {
        <tr>
            <th scope="row" data-label=move || lang().pick("Form", "فرم")>
                <A href=href>{name}</A>
                <span class="desk-form-id" dir="ltr">{form_id}</span>
            </th>
            <td data-label=move || lang().pick("Kind", "گونه")>{move || kind_name(kind.as_deref(), lang())}</td>
            <td data-label=move || lang().pick("Versions", "نسخه‌ها")>{versions}</td>
            <td class="desk-num" data-label=move || lang().pick("Responses", "پاسخ‌ها")>{move || format::count(responses, lang())}</td>
            <td data-label=move || lang().pick("Last response", "آخرین پاسخ")>{last}</td>
        </tr>
    }
}
