//! Checklists (`"kind": "checklist"`): sections of items scored against the
//! business's own service standards, filled in by a mystery shopper.
//!
//! This module is the definition; its reader is in `read`, its semantic check in
//! `check`, scoring in [`crate::score`] and the visit in progress in [`crate::visit`].
//! Weights, points and percentages are kept in integer hundredths.

use super::decode::{Decoder, Members};
use super::form_error::FormError;
use super::json::Value;
use super::names::Named;
use super::question::{Choice, Scale};
use super::spec::{FieldValue, Shape};
use super::num::{Num, NUM_SCALE};
use super::text::Text;

mod check;
mod read;

pub use check::check;
pub use read::read;

/// The checklist part of a form: its sections, its scoring and its visit record.
#[derive(Clone, Debug, PartialEq)]
pub struct Checklist {
    pub sections: Vec<Section>,
    /// Overall score bands, lowest first (may be empty: no band is reported).
    pub bands: Vec<Band>,
    /// Whether the overall score is capped at 100 % (bonus items can lift it above).
    pub cap: bool,
    pub visit: VisitSpec,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    /// Hundredths; when sections have weights, the overall score is the weighted
    /// mean of the section scores instead of the pooled one.
    pub weight: Option<i64>,
    /// Hundredths of a percent: a section scoring below it fails the visit.
    pub pass_mark: Option<i64>,
    /// What a failed section-critical item does to its section.
    pub on_critical_fail: CriticalEffect,
    pub items: Vec<Item>,
    pub path: String,
}

named_enum! {
    pub enum CriticalEffect {
        /// The section scores 0 (its possible points still count).
        Zero = "zero",
        /// The section fails, and with it the visit.
        Fail = "fail",
    }
}

named_enum! {
    pub enum Critical {
        None = "none",
        Section = "section",
        Form = "form",
    }
}

named_enum! {
    /// When evidence (a photo, a comment) is required.
    pub enum Evidence {
        Never = "never",
        Always = "always",
        WhenFailed = "when_failed",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    /// The type, with the fields of its own.
    pub kind: ItemKind,
    pub title: Text,
    pub description: Option<Text>,
    /// Hundredths of a point, more than 0.
    pub weight: i64,
    /// A required item left blank earns 0 of its weight (default true).
    pub required: bool,
    /// The shopper may answer N/A ("did not happen" for a measure).
    pub na: bool,
    pub critical: Critical,
    /// Adds to the earned points only.
    pub bonus: bool,
    pub photo: Evidence,
    pub comment: Evidence,
    /// The fewest characters a required comment needs.
    pub comment_min_length: u32,
    /// Fields of other types given a value here; the semantic check names each.
    pub misplaced: Vec<&'static str>,
    pub path: String,
}

/// The fields every item has.
pub const ITEM_COMMON_FIELDS: &[&str] =
    &["id", "type", "title", "description", "weight", "required", "na", "critical", "bonus", "photo", "comment", "comment_min_length"];

kinds! {
    pub enum ItemType;
    /// An item's type and the fields of its own.
    pub enum ItemKind {
        YesNo = "yes_no",
        Options = "options" (OptionsSpec),
        Multi = "multi" (MultiSpec),
        Rating = "rating" (RatingItemSpec),
        Measure = "measure" (MeasureSpec),
    }
}

spec! {
    /// The fields of an `options` item: one option is picked.
    pub struct OptionsSpec {
        /// The options and their points.
        options: Vec<ScoredOption>,
        /// A credit below this percentage fails the item (default 50).
        fail_below: FailBelow,
    }
}

spec! {
    /// The fields of a `multi` item: every option that applies is picked.
    pub struct MultiSpec {
        /// The options and their points.
        options: Vec<ScoredOption>,
        /// A credit below this percentage fails the item (default 50).
        fail_below: FailBelow,
    }
}

spec! {
    /// The fields of a `rating` item.
    pub struct RatingItemSpec {
        /// The lowest and highest points of the scale, e.g. {"min": 1, "max": 5}.
        scale: Option<Scale>,
        /// A credit below this percentage fails the item (default 50).
        fail_below: FailBelow,
    }
}

spec! {
    /// The fields of a `measure` item.
    pub struct MeasureSpec {
        /// What is measured.
        unit: Option<Unit>,
        /// The standard the measure meets: at_most, at_least or between, with an optional limit that grades it.
        standard: Option<Standard>,
        /// A graded measure's credit below this percentage fails the item (default 50); past the limit it always fails.
        fail_below: FailBelow,
    }
}

/// A credit below this (hundredths of a percent) marks an item failed; default 50 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailBelow(pub i64);

impl Default for FailBelow {
    fn default() -> Self {
        FailBelow(5000)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoredOption {
    pub id: String,
    pub label: Text,
    /// Hundredths of a point, 0 or more.
    pub points: i64,
}

named_enum! {
    pub enum Unit {
        Seconds = "seconds",
        Minutes = "minutes",
        Count = "count",
        Percent = "percent",
        Metres = "metres",
        Celsius = "celsius",
    }
}

impl Unit {
    /// Whether a stopwatch can fill it in.
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Seconds | Unit::Minutes)
    }
}

/// A measured item's standard. With a limit it is graded (full credit at the
/// target, none at the limit, linear between); without one it is pass/fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    AtMost { target: Num, limit: Option<Num> },
    AtLeast { target: Num, limit: Option<Num> },
    Between { low: Num, high: Num, limit: Option<(Num, Num)> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub id: String,
    pub label: Option<Text>,
    /// Hundredths of a percent, inclusive.
    pub min: i64,
    /// Hundredths of a percent, exclusive; `None` for the top band.
    pub below: Option<i64>,
    pub pass: bool,
    pub path: String,
}

/// The visit record the shopper fills in besides the items.
#[derive(Clone, Debug, PartialEq)]
pub struct VisitSpec {
    /// The stores or lines to pick from (may be empty: then the URL names it).
    pub locations: Vec<Choice>,
    /// The URL parameters the location, shopper id and assignment id are read from.
    pub location_param: String,
    pub shopper_param: String,
    pub assignment_param: String,
    /// Offer to record where the visit was (off by default; asks consent first).
    pub geolocation: bool,
    /// A field for the names of the staff met (off by default: privacy law).
    pub staff_names: bool,
}

impl Default for VisitSpec {
    fn default() -> Self {
        VisitSpec {
            locations: Vec::new(),
            location_param: "location".into(),
            shopper_param: "shopper".into(),
            assignment_param: "assignment".into(),
            geolocation: false,
            staff_names: false,
        }
    }
}

impl Checklist {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// Whether the overall score is the weighted mean of section scores.
    pub fn weighted(&self) -> bool {
        self.sections.iter().any(|s| s.weight.is_some())
    }
}

impl Item {
    pub fn item_type(&self) -> ItemType {
        self.kind.type_of()
    }

    /// The options of an `options` or `multi` item.
    pub fn options(&self) -> &[ScoredOption] {
        match &self.kind {
            ItemKind::Options(s) => &s.options,
            ItemKind::Multi(s) => &s.options,
            _ => &[],
        }
    }

    /// Hundredths of a percent: a credit below it marks the item failed.
    pub fn fail_below(&self) -> i64 {
        match &self.kind {
            ItemKind::Options(s) => s.fail_below.0,
            ItemKind::Multi(s) => s.fail_below.0,
            ItemKind::Rating(s) => s.fail_below.0,
            ItemKind::Measure(s) => s.fail_below.0,
            _ => FailBelow::default().0,
        }
    }

    /// The scale of a `rating` item.
    pub fn scale(&self) -> Option<Scale> {
        match &self.kind {
            ItemKind::Rating(s) => s.scale,
            _ => None,
        }
    }

    /// The unit and standard of a `measure` item.
    pub fn measure(&self) -> Option<&MeasureSpec> {
        match &self.kind {
            ItemKind::Measure(s) => Some(s),
            _ => None,
        }
    }

    /// The points of the best option (`options`) or of all options (`multi`).
    pub fn max_points(&self) -> i64 {
        match self.kind {
            ItemKind::Multi(_) => self.options().iter().map(|o| o.points).sum(),
            _ => self.options().iter().map(|o| o.points).max().unwrap_or(0),
        }
    }
}

/// Every field of any item type, each once.
pub fn item_fields() -> Vec<&'static str> {
    let mut all = ITEM_COMMON_FIELDS.to_vec();
    for t in ItemType::ALL {
        for f in ItemKind::fields(*t) {
            if !all.contains(f) {
                all.push(f);
            }
        }
    }
    all
}

pub const FIELDS: &[&str] = &["sections", "scoring", "visit"];
pub const SECTION_FIELDS: &[&str] = &["id", "title", "description", "weight", "pass_mark", "on_critical_fail", "items"];
pub const OPTION_FIELDS: &[&str] = &["id", "label", "points"];
pub const STANDARD_FIELDS: &[&str] = &["at_most", "at_least", "between", "limit"];
pub const SCORING_FIELDS: &[&str] = &["bands", "cap"];
pub const BAND_FIELDS: &[&str] = &["id", "label", "min", "below", "pass"];
pub const VISIT_FIELDS: &[&str] =
    &["locations", "location_param", "shopper_param", "assignment_param", "geolocation", "staff_names"];

/// The outcomes that are not bands (a band may not take these ids).
pub const CRITICAL_FAIL: &str = "critical_fail";
pub const SECTION_FAIL: &str = "section_fail";

/// The most items a checklist may have.
pub const MAX_ITEMS: usize = 500;

/// Hundredths as plain decimal text: 8235 -> "82.35", 50 -> "0.5", -7 -> "-0.07".
pub fn hundredths_text(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let (int, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
    match frac {
        0 => format!("{sign}{int}"),
        f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
        f => format!("{sign}{int}.{f:02}"),
    }
}
