//! Forms built into the widget, chosen with `data-form="template:NAME"`.
//! Each is ordinary form JSON in `templates/`, in English and Persian, built in
//! without its whitespace (the crate's `build.rs`).
//!
//! A build without the `attachments` feature (the lean bundle) leaves out the
//! complaint templates (the complaint asks for photos; `complaint-csat` is asked by the
//! complaint-status lookup, which only the full bundle draws) and one without
//! `checklists` the mystery-shop checklist: their names stay known, and the widget hands
//! such a form over to the full bundle (see [`full_only`]).
//!
//! `template:complaint-status` is not a form definition: it names the complaint-status
//! lookup ([`crate::status`]), which the views draw themselves; [`crate::form_source`]
//! reads it as [`FormSource::StatusLookup`](crate::form_source::FormSource::StatusLookup).

/// The form templates' names, in the order the docs list them (every build knows all of them).
pub const NAMES: [&str; 7] = ["nps", "csat", "ces", "five-needs", "complaint", "complaint-csat", "mystery-shop"];

/// The name of the complaint-status lookup (`data-form="template:complaint-status"`).
pub const STATUS_LOOKUP: &str = "complaint-status";

/// The JSON of the template called `name`, if this build has it.
pub fn get(name: &str) -> Option<&'static str> {
    Some(match name {
        "nps" => include_str!(concat!(env!("OUT_DIR"), "/nps.json")),
        "csat" => include_str!(concat!(env!("OUT_DIR"), "/csat.json")),
        "ces" => include_str!(concat!(env!("OUT_DIR"), "/ces.json")),
        "five-needs" => include_str!(concat!(env!("OUT_DIR"), "/five-needs.json")),
        #[cfg(feature = "attachments")]
        "complaint" => include_str!(concat!(env!("OUT_DIR"), "/complaint.json")),
        #[cfg(feature = "attachments")]
        "complaint-csat" => include_str!(concat!(env!("OUT_DIR"), "/complaint-csat.json")),
        #[cfg(feature = "checklists")]
        "mystery-shop" => include_str!(concat!(env!("OUT_DIR"), "/mystery-shop.json")),
        _ => return None,
    })
}

/// Whether `name` is a template this build leaves out (only the full bundle has it).
pub fn full_only(name: &str) -> bool {
    NAMES.contains(&name) && get(name).is_none()
}
