//! Forms built into the widget, chosen with `data-form="template:NAME"`.
//! Each is ordinary form JSON in `templates/`, in English and Persian.

/// The template names, in the order the docs list them.
pub const NAMES: [&str; 6] = ["nps", "csat", "ces", "five-needs", "complaint", "mystery-shop"];

/// The JSON of the template called `name`.
pub fn get(name: &str) -> Option<&'static str> {
    Some(match name {
        "nps" => include_str!("templates/nps.json"),
        "csat" => include_str!("templates/csat.json"),
        "ces" => include_str!("templates/ces.json"),
        "five-needs" => include_str!("templates/five-needs.json"),
        "complaint" => include_str!("templates/complaint.json"),
        "mystery-shop" => include_str!("templates/mystery-shop.json"),
        _ => return None,
    })
}
