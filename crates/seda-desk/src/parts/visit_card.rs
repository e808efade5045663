//! A visit's score card by section: each section's score and marks, then its items
//! with the answer, the credit, the standard, failures and criticality in words, the
//! shopper's comment and the evidence photos.

use leptos::prelude::*;

use crate::app::expect_desk;
use crate::browser;
use crate::format;
use crate::i18n::{text_in, Lang};
use crate::visits::{self, ItemScore, Scorecard, SectionScore};

#[component]
pub fn VisitSections(
    /// The visit's score card.
    #[prop(into)]
    card: Signal<Scorecard>,
) -> impl IntoView {
    let desk = expect_desk();
    let sections = move || {
        let lang = desk.lang();
        let card = card.get();
        card.sections
            .iter()
            .map(|section| {
                let items: Vec<ItemScore> = card.items_of(&section.id).cloned().collect();
                view! { <SectionCard section=section.clone() items=items lang=lang/> }
            })
            .collect_view()
    };
    view! { <div class="desk-visit-sections">{sections}</div> }
}

#[component]
fn SectionCard(section: SectionScore, items: Vec<ItemScore>, lang: Lang) -> impl IntoView {
    let head = |en, fa| lang.pick(en, fa);
    let title = non_empty(text_in(&section.title, lang), &section.id);
    let heading_id = format!("visit-section-{}", section.id);
    let labelled_by = heading_id.clone();
    let marks = visits::section_marks(&section, lang).join(" · ");
    let points = points_text(section.earned, section.possible, lang);
    let rows = items.into_iter().map(|item| view! { <ItemRow item=item lang=lang/> }).collect_view();
    view! {
        <section class="desk-card desk-visit-section" aria-labelledby=labelled_by>
            <h3 id=heading_id>{title}</h3>
            <p class="desk-section-score">
                <strong>{head("Score: ", "امتیاز: ")}{visits::score_text(section.score, lang)}</strong>
                " · "{points}
                {(!marks.is_empty()).then(|| view! { " · "<span class="desk-fail">{marks.clone()}</span> })}
            </p>
            <div class="desk-table-wrap">
                <table class="desk-stack desk-items">
                    <thead><tr>
                        <th scope="col">{head("Item", "مورد")}</th>
                        <th scope="col">{head("Answer", "پاسخ")}</th>
                        <th scope="col" class="desk-num">{head("Credit", "اعتبار")}</th>
                        <th scope="col" class="desk-num">{head("Points", "امتیاز")}</th>
                        <th scope="col">{head("Marks", "نشان‌ها")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ItemRow(item: ItemScore, lang: Lang) -> impl IntoView {
    let head = |en, fa| lang.pick(en, fa);
    let title = non_empty(text_in(&item.title, lang), &item.id);
    let standard = text_in(&item.standard, lang);
    let marks = visits::item_marks(&item, lang);
    let photos = item
        .photos
        .iter()
        .enumerate()
        .map(|(n, photo)| {
            let alt = match lang {
                Lang::En => format!("Photo {} of “{title}”", n + 1),
                Lang::Fa => format!("عکس {} از «{title}»", format::count(n as i64 + 1, lang)),
            };
            view! {
                <figure class="desk-photo">
                    <a href=photo.url.clone() target="_blank" rel="noopener">
                        <img src=photo.url.clone() alt=alt loading="lazy"/>
                    </a>
                    {photo.at.clone().map(|at| view! { <figcaption>{browser::date_time(&at, lang)}</figcaption> })}
                </figure>
            }
        })
        .collect_view();
    view! {
        <tr class:desk-item-failed=item.failed>
            <th scope="row" data-label=head("Item", "مورد")>
                <span class="desk-item-title" dir="auto">{title.clone()}</span>
                {(!standard.is_empty()).then(|| view! {
                    <p class="desk-standard">{head("Standard: ", "استاندارد: ")}<span dir="auto">{standard.clone()}</span></p>
                })}
                {item.comment.clone().filter(|c| !c.is_empty()).map(|c| view! {
                    <p class="desk-comment">{head("Shopper's comment: ", "توضیح خریدار: ")}<span dir="auto">{c}</span></p>
                })}
                {item.at.clone().map(|at| view! { <p class="desk-meta">{head("Answered ", "پاسخ در ")}{browser::date_time(&at, lang)}</p> })}
                <div class="desk-photos">{photos}</div>
            </th>
            <td data-label=head("Answer", "پاسخ") dir="auto">{visits::answer_words(&item, lang)}</td>
            <td data-label=head("Credit", "اعتبار") class="desk-num">{visits::credit_words(item.credit, lang)}</td>
            <td data-label=head("Points", "امتیاز") class="desk-num">{points_text(item.earned, item.possible, lang)}</td>
            <td data-label=head("Marks", "نشان‌ها")>
                {if marks.is_empty() { "–".to_owned() } else { String::new() }}
                <ul class="desk-marks">
                    {marks.into_iter().enumerate().map(|(i, m)| view! { <li class:desk-fail=item.failed && i == 0>{m}</li> }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

fn non_empty(text: String, id: &str) -> String {
    if text.is_empty() {
        id.to_owned()
    } else {
        text
    }
}

/// "7.5 of 10 points".
pub fn points_text(earned: Option<f64>, possible: Option<f64>, lang: Lang) -> String {
    let (e, p) = (format::maybe(earned, 2, lang), format::maybe(possible, 2, lang));
    match lang {
        Lang::En => format!("{e} of {p} points"),
        Lang::Fa => format!("{e} از {p} امتیاز"),
    }
}
