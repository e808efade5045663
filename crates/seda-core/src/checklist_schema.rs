//! The JSON Schema of a checklist's members (`sections`, `scoring`, `visit`), built
//! from the reader's field lists and each item type's declaration in
//! [`crate::checklist`], like the rest of the schema.

use super::checklist::{
    Critical, CriticalEffect, Evidence, ItemKind, ItemType, BAND_FIELDS, ITEM_COMMON_FIELDS, SCORING_FIELDS, SECTION_FIELDS, VISIT_FIELDS,
};
use super::json::Value;
use super::json_schema::{closed, declared, list_of, names, obj, one_of_names, percent, reference, s, typed};
use super::names::Named;

fn positive(d: &str) -> Value {
    obj(vec![("type", s("number")), ("exclusiveMinimum", Value::from(0u32)), ("description", s(d))])
}

/// The schema of a field every item has.
fn common_item_field(f: &str) -> Value {
    match f {
        "id" => typed("string", "Stable id: the key of this item's answer."),
        "title" | "description" => reference("text"),
        "weight" => positive("Points the item is worth (default 1, at most 2 decimals)."),
        "required" => typed("boolean", "Left blank, it earns 0 of its weight (default true)."),
        "na" => typed("boolean", "N/A may be answered (\"did not happen\" for a measure); it counts neither way."),
        "critical" => one_of_names(names::<Critical>(), "A failure fails the section or the whole visit."),
        "bonus" => typed("boolean", "Adds to the earned points only."),
        "photo" | "comment" => one_of_names(names::<Evidence>(), "When this evidence is required."),
        "comment_min_length" => obj(vec![("type", s("integer")), ("minimum", Value::from(0u32)), ("description", s("The fewest characters."))]),
        other => panic!("the schema does not describe item field {other}"),
    }
}

/// An item: one of the types, told apart by `type`, each with the common fields and
/// the fields its declaration lists.
fn item() -> Value {
    let types = ItemType::ALL
        .iter()
        .map(|t| {
            let own = ItemKind::schema_fields(*t);
            let fields = [ITEM_COMMON_FIELDS, ItemKind::fields(*t)].concat();
            closed(&fields, &["id", "type", "title"], |f| match f {
                "type" => obj(vec![("const", s(t.name()))]),
                f => own.iter().find(|o| o.name == f).map_or_else(|| common_item_field(f), declared),
            })
        })
        .collect();
    obj(vec![
        ("type", s("object")),
        ("properties", obj(vec![("type", one_of_names(names::<ItemType>(), "How the item is answered."))])),
        ("required", Value::Array(vec![s("type")])),
        ("oneOf", Value::Array(types)),
    ])
}

/// The schema of a checklist member of the form.
pub fn field(f: &str) -> Value {
    match f {
        "sections" => list_of(
            closed(SECTION_FIELDS, &["id", "title", "items"], |f| match f {
                "id" => typed("string", "Stable id."),
                "title" | "description" => reference("text"),
                "weight" => positive("With weights on every section, overall is their weighted mean."),
                "pass_mark" => percent("A section scoring below it fails the visit."),
                "on_critical_fail" => one_of_names(names::<CriticalEffect>(), "What a failed section-critical item does (default zero)."),
                _ => list_of(item(), "The items."),
            }),
            "checklist: the sections, one screen each.",
        ),
        "scoring" => closed(SCORING_FIELDS, &[], |f| match f {
            "cap" => typed("boolean", "Cap the overall score at 100 % (default true)."),
            _ => list_of(
                closed(BAND_FIELDS, &["id", "min", "pass"], |f| match f {
                    "id" => typed("string", "The outcome's name."),
                    "label" => reference("text"),
                    "pass" => typed("boolean", "Whether a score in this band passes."),
                    _ => percent("min (inclusive) and below (exclusive), in percent."),
                }),
                "Contiguous bands from 0 to 100, lowest first.",
            ),
        }),
        "visit" => closed(VISIT_FIELDS, &[], |f| match f {
            "locations" => list_of(reference("choice"), "The locations to pick from."),
            "geolocation" => typed("boolean", "Offer to record the position, with consent (default false)."),
            "staff_names" => typed("boolean", "A field for staff names (default false: privacy)."),
            _ => typed("string", "The URL parameter it is read from."),
        }),
        other => panic!("the schema does not describe checklist field {other}"),
    }
}
