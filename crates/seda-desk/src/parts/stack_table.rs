//! A list as a table that stacks into cards on a narrow screen (`desk-stack`): its
//! caption, its column heads and its rows, in a wrap that scrolls sideways if need be.

use leptos::prelude::*;

use crate::app::expect_desk;

/// One column head, in English and Persian.
#[derive(Clone, Copy)]
pub struct Column {
    en: &'static str,
    fa: &'static str,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Number,
    Hidden,
}

impl Column {
    /// A column of words.
    pub const fn text(en: &'static str, fa: &'static str) -> Column {
        Column { en, fa, kind: Kind::Text }
    }

    /// A column of numbers (`desk-num`).
    pub const fn number(en: &'static str, fa: &'static str) -> Column {
        Column { en, fa, kind: Kind::Number }
    }

    /// The column of each row's buttons: its head is for screen readers only.
    pub const ACTIONS: Column = Column { en: "Actions", fa: "کارها", kind: Kind::Hidden };
}

/// The table `id`, headed by `caption` and `columns`, holding `rows` (`<tr>`s).
pub fn stack_table(id: &'static str, caption: (&'static str, &'static str), columns: &'static [Column], rows: impl IntoView) -> impl IntoView {
    let desk = expect_desk();
    let lang = move || desk.lang();
    let heads = columns
        .iter()
        .map(|&c| {
            let words = move || lang().pick(c.en, c.fa);
            match c.kind {
                Kind::Text => view! { <th scope="col">{words}</th> }.into_any(),
                Kind::Number => view! { <th scope="col" class="desk-num">{words}</th> }.into_any(),
                Kind::Hidden => view! { <th scope="col"><span class="desk-visually-hidden">{words}</span></th> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <div class="desk-table-wrap">
            <table class="desk-stack" id=id>
                <caption>{move || lang().pick(caption.0, caption.1)}</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
