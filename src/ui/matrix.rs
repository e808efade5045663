//! A matrix: statements in rows, each answered on the shared scale in the columns.
//! Each row is its own radio group, named by its statement.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::answer::Answer;
use crate::core::question::{MatrixSpec, Question};
use crate::core::pairs::Pairs;

use super::erased::{reactive, Reactive};
use super::option::{option_input, OptionInput};
use super::question_parts::{GroupHeading, Parts, parts};
use super::widget_state::expect_widget;

#[component]
pub fn Matrix(
    /// A `matrix` question.
    question: Question,
    /// Its rows and columns.
    spec: MatrixSpec,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let Parts { words, ids, described_by } = parts(&question);
    let title_id = ids.title.clone();
    let columns: Vec<(String, String)> = spec.columns.iter().map(|column| (column.id.clone(), widget.text(&column.label))).collect();
    let head = columns.iter().map(|(_, label)| view! { <th scope="col">{label.clone()}</th> }).collect_view();
    let required = question.required;
    let question = Arc::new(question);
    let rows = spec
        .rows
        .iter()
        .map(|row| {
            let row_label = widget.text(&row.label);
            let cells = columns
                .iter()
                .map(|(col, col_label)| {
                    let (q_read, q_write) = (question.clone(), question.clone());
                    let (row_read, row_write, col_read, col_write) = (row.id.clone(), row.id.clone(), col.clone(), col.clone());
                    view! {
                        <td>
                            {option_input(OptionInput {
                                kind: "radio",
                                class: "seda-choice__input",
                                name: format!("{}.{}", question.id, row.id),
                                value: col.clone(),
                                label: Some(format!("{row_label}: {col_label}")),
                                checked: reactive(move || widget.session.with(|session| match session.answer(&q_read.id) {
                                    Some(Answer::Rows(rows)) => rows.get(&row_read) == Some(&col_read),
                                    _ => false,
                                })),
                                on_change: Rc::new(move |_| {
                                    let mut rows = match widget.answer(&q_write.id) {
                                        Some(Answer::Rows(rows)) => rows,
                                        _ => Pairs::new(),
                                    };
                                    rows.insert(row_write.as_str(), col_write.clone());
                                    widget.set_answer(&q_write, Some(Answer::Rows(rows)));
                                }),
                            })}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr role="radiogroup" aria-label=row_label.clone() aria-required=required.then_some("true")>
                    <th scope="row">{row_label.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="seda-field seda-matrix"
            aria-labelledby=title_id
            aria-describedby=described_by
            aria-invalid=invalid
        >
            <GroupHeading words=words ids=ids />
            <div class="seda-matrix__scroll">
                <table>
                    <thead><tr><td></td>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </fieldset>
    }
}
