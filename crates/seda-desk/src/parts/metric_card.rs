//! One figure in a card: what it is, the figure large, and what it rests on.

use leptos::prelude::*;

/// A card with a heading, its figure and, below, `children` (the figure's parts).
#[component]
pub fn MetricCard(
    /// What the figure is ("NPS").
    #[prop(into)]
    title: Signal<String>,
    /// The figure, written for the desk's language.
    #[prop(into)]
    figure: Signal<String>,
    /// The id of the card's heading (the card is labelled by it).
    id: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="desk-card desk-metric" aria-labelledby=id>
            <h3 id=id class="desk-metric-title">{move || title.get()}</h3>
            <p class="desk-metric-figure" dir="ltr">{move || figure.get()}</p>
            {children()}
        </section>
    }
}
