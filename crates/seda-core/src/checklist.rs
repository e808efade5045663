//! Checklists (`"kind": "checklist"`): sections of items scored against the
//! business's own service standards, filled in by a mystery shopper.
//!
//! This module is the definition, its reader and its semantic check; scoring is in
//! [`crate::score`], the visit in progress in [`crate::visit`].
//! Weights, points and percentages are kept in integer hundredths.

use super::decode::{Decoder, Members};
use super::form_error::FormError;
use super::json::Value;
use super::names::Named;
use super::question::{Choice, Scale};
use super::spec::{FieldValue, Shape};
use super::num::{Num, NUM_SCALE};
use super::text::Text;

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

impl FieldValue for FailBelow {
    const SHAPE: Shape = Shape::Percent;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        hundredths(d, path, v).map(FailBelow)
    }
}

impl FieldValue for Vec<ScoredOption> {
    const SHAPE: Shape = Shape::ScoredOptions;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.each(path, v, |d, p, v| {
            let m = d.members(p, v, OPTION_FIELDS)?;
            let id = d.req(&m, "id", Decoder::string);
            let label = d.req(&m, "label", Decoder::text);
            let points = d.opt(&m, "points", hundredths);
            Some(ScoredOption { id: id?, label: label?, points: points.ok()?.unwrap_or(100) })
        })
    }
}

impl FieldValue for Option<Unit> {
    const SHAPE: Shape = Shape::Names(Unit::NAMES);
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.named(path, v).map(Some)
    }
}

impl FieldValue for Option<Standard> {
    const SHAPE: Shape = Shape::Standard;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        standard(d, path, v).map(Some)
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

/// Reads the checklist members of a form object (`sections`, `scoring`, `visit`).
/// `None` when anything could not be read (each problem is in `d.errors`).
pub fn read(d: &mut Decoder, m: &Members) -> Option<Checklist> {
    let sections = d.req(m, "sections", |d, p, v| d.each(p, v, section));
    let scoring = d.opt(m, "scoring", |d, p, v| {
        let m = d.members(p, v, SCORING_FIELDS)?;
        let bands = d.opt(&m, "bands", |d, p, v| d.each(p, v, band));
        let cap = d.opt(&m, "cap", Decoder::bool);
        Some((bands.ok()?.unwrap_or_default(), cap.ok()?.unwrap_or(true)))
    });
    let visit = d.opt(m, "visit", visit_spec);
    let (bands, cap) = scoring.ok()?.unwrap_or((Vec::new(), true));
    Some(Checklist { sections: sections?, bands, cap, visit: visit.ok()?.unwrap_or_default() })
}

/// A number in hundredths (at most two decimals).
fn hundredths(d: &mut Decoder, at: &str, v: &Value) -> Option<i64> {
    let n = match v {
        Value::Number(n) => Num::parse(n).filter(|n| n.decimals() <= 2 && n.0.abs() <= 1_000_000 * NUM_SCALE),
        _ => None,
    };
    if n.is_none() {
        d.err(at, format!("expected a number with at most 2 decimals, found {}", v.kind()));
    }
    n.map(|n| (n.0 / (NUM_SCALE / 100)) as i64)
}

fn number_pair(d: &mut Decoder, at: &str, v: &Value) -> Option<(Num, Num)> {
    let list = d.each(at, v, Decoder::number)?;
    match list[..] {
        [a, b] => Some((a, b)),
        _ => {
            d.err(at, format!("expected two numbers [low, high], found {}", list.len()));
            None
        }
    }
}

fn section(d: &mut Decoder, at: &str, v: &Value) -> Option<Section> {
    let m = d.members(at, v, SECTION_FIELDS)?;
    let id = d.req(&m, "id", Decoder::string);
    let title = d.req(&m, "title", Decoder::text);
    let description = d.opt(&m, "description", Decoder::text);
    let weight = d.opt(&m, "weight", hundredths);
    let pass_mark = d.opt(&m, "pass_mark", hundredths);
    let effect = d.opt(&m, "on_critical_fail", |d, p, v| d.named(p, v));
    let items = d.req(&m, "items", |d, p, v| d.each(p, v, item));
    Some(Section {
        id: id?,
        title: title?,
        description: description.ok()?,
        weight: weight.ok()?,
        pass_mark: pass_mark.ok()?,
        on_critical_fail: effect.ok()?.unwrap_or(CriticalEffect::Zero),
        items: items?,
        path: at.to_owned(),
    })
}

fn item(d: &mut Decoder, at: &str, v: &Value) -> Option<Item> {
    let m = d.members(at, v, &item_fields())?;
    let id = d.req(&m, "id", Decoder::string);
    let kind = d.req(&m, "type", Decoder::named::<ItemType>);
    let title = d.req(&m, "title", Decoder::text);
    let description = d.opt(&m, "description", Decoder::text);
    let weight = d.opt(&m, "weight", hundredths);
    let required = d.opt(&m, "required", Decoder::bool);
    let na = d.opt(&m, "na", Decoder::bool);
    let critical = d.opt(&m, "critical", Decoder::named);
    let bonus = d.opt(&m, "bonus", Decoder::bool);
    let photo = d.opt(&m, "photo", Decoder::named);
    let comment = d.opt(&m, "comment", Decoder::named);
    let comment_min_length = d.opt(&m, "comment_min_length", Decoder::count);
    let t = kind?;
    let own = ItemKind::read(t, d, &m);
    let others = ItemKind::misplaced(t, d, &m);
    Some(Item {
        id: id?,
        kind: own?,
        title: title?,
        description: description.ok()?,
        weight: weight.ok()?.unwrap_or(100),
        required: required.ok()?.unwrap_or(true),
        na: na.ok()?.unwrap_or(false),
        critical: critical.ok()?.unwrap_or(Critical::None),
        bonus: bonus.ok()?.unwrap_or(false),
        photo: photo.ok()?.unwrap_or(Evidence::Never),
        comment: comment.ok()?.unwrap_or(Evidence::Never),
        comment_min_length: comment_min_length.ok()?.unwrap_or(0),
        misplaced: others?,
        path: at.to_owned(),
    })
}

fn standard(d: &mut Decoder, at: &str, v: &Value) -> Option<Standard> {
    let m = d.members(at, v, STANDARD_FIELDS)?;
    let at_most = d.opt(&m, "at_most", Decoder::number).ok()?;
    let at_least = d.opt(&m, "at_least", Decoder::number).ok()?;
    let between = d.opt(&m, "between", number_pair).ok()?;
    let limit = m.get("limit");
    let given = usize::from(at_most.is_some()) + usize::from(at_least.is_some()) + usize::from(between.is_some());
    if given != 1 {
        d.err(at, "give exactly one of at_most, at_least or between");
        return None;
    }
    if let Some((low, high)) = between {
        let limit = match limit {
            Some(v) => Some(number_pair(d, &m.path("limit"), v)?),
            None => None,
        };
        return Some(Standard::Between { low, high, limit });
    }
    let limit = match limit {
        Some(v) => Some(d.number(&m.path("limit"), v)?),
        None => None,
    };
    Some(match (at_most, at_least) {
        (Some(target), _) => Standard::AtMost { target, limit },
        (_, Some(target)) => Standard::AtLeast { target, limit },
        _ => unreachable!("exactly one standard is given"),
    })
}

fn band(d: &mut Decoder, at: &str, v: &Value) -> Option<Band> {
    let m = d.members(at, v, BAND_FIELDS)?;
    let id = d.req(&m, "id", Decoder::string);
    let label = d.opt(&m, "label", Decoder::text);
    let min = d.req(&m, "min", hundredths);
    let below = d.opt(&m, "below", hundredths);
    let pass = d.req(&m, "pass", Decoder::bool);
    Some(Band { id: id?, label: label.ok()?, min: min?, below: below.ok()?, pass: pass?, path: at.to_owned() })
}

fn visit_spec(d: &mut Decoder, at: &str, v: &Value) -> Option<VisitSpec> {
    let m = d.members(at, v, VISIT_FIELDS)?;
    let locations = d.opt(&m, "locations", |d, p, v| {
        d.each(p, v, |d, p, v| {
            let m = d.members(p, v, &["id", "label"])?;
            let id = d.req(&m, "id", Decoder::string);
            let label = d.req(&m, "label", Decoder::text);
            Some(Choice { id: id?, label: label? })
        })
    });
    let param = |d: &mut Decoder, key: &str| d.opt(&m, key, Decoder::string);
    let (location_param, shopper_param, assignment_param) =
        (param(d, "location_param"), param(d, "shopper_param"), param(d, "assignment_param"));
    let geolocation = d.opt(&m, "geolocation", Decoder::bool);
    let staff_names = d.opt(&m, "staff_names", Decoder::bool);
    let default = VisitSpec::default();
    Some(VisitSpec {
        locations: locations.ok()?.unwrap_or_default(),
        location_param: location_param.ok()?.unwrap_or(default.location_param),
        shopper_param: shopper_param.ok()?.unwrap_or(default.shopper_param),
        assignment_param: assignment_param.ok()?.unwrap_or(default.assignment_param),
        geolocation: geolocation.ok()?.unwrap_or(false),
        staff_names: staff_names.ok()?.unwrap_or(false),
    })
}

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

/// The semantic check of a checklist: what reads but must not be, by JSON path.
/// `text` checks a visible string as the rest of the form's are checked.
pub fn check(c: &Checklist, mut id: impl FnMut(&str, &str, &mut Vec<FormError>), mut text: impl FnMut(&str, &Text, &mut Vec<FormError>)) -> Vec<FormError> {
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<FormError>, path: String, message: String| errors.push(FormError::new(path, message));
    if c.sections.is_empty() {
        err(&mut errors, "sections".into(), "a checklist needs at least one section".into());
    }
    let count = c.items().count();
    if count > MAX_ITEMS {
        err(&mut errors, "sections".into(), format!("{count} items; the most is {MAX_ITEMS}"));
    }
    let weighted = c.weighted();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (si, s) in c.sections.iter().enumerate() {
        let at = &s.path;
        id(&format!("{at}.id"), &s.id, &mut errors);
        if c.sections[..si].iter().any(|o| o.id == s.id) {
            err(&mut errors, format!("{at}.id"), format!("duplicate section id \"{}\"", s.id));
        }
        text(&format!("{at}.title"), &s.title, &mut errors);
        if let Some(t) = &s.description {
            text(&format!("{at}.description"), t, &mut errors);
        }
        match s.weight {
            Some(w) if w <= 0 => err(&mut errors, format!("{at}.weight"), "must be more than 0".into()),
            None if weighted => err(
                &mut errors,
                format!("{at}.weight"),
                "missing: when one section has a weight, every section needs one".into(),
            ),
            _ => {}
        }
        if let Some(p) = s.pass_mark {
            if !(0..=10_000).contains(&p) {
                err(&mut errors, format!("{at}.pass_mark"), "must be a percentage from 0 to 100".into());
            }
        }
        if s.items.is_empty() {
            err(&mut errors, format!("{at}.items"), "a section needs at least one item".into());
        }
        for item in &s.items {
            if let Some((_, first)) = seen.iter().find(|(i, _)| *i == item.id) {
                err(&mut errors, format!("{}.id", item.path), format!("duplicate item id \"{}\" (first used at {first})", item.id));
            }
            seen.push((&item.id, &item.path));
            check_item(item, &mut id, &mut text, &mut errors);
        }
    }
    check_bands(&c.bands, &mut id, &mut text, &mut errors);
    for (i, l) in c.visit.locations.iter().enumerate() {
        id(&format!("visit.locations[{i}].id"), &l.id, &mut errors);
        text(&format!("visit.locations[{i}].label"), &l.label, &mut errors);
    }
    for (key, p) in [
        ("location_param", &c.visit.location_param),
        ("shopper_param", &c.visit.shopper_param),
        ("assignment_param", &c.visit.assignment_param),
    ] {
        if p.trim().is_empty() {
            err(&mut errors, format!("visit.{key}"), "must not be empty".into());
        }
    }
    errors
}

fn check_item(
    item: &Item,
    id: &mut impl FnMut(&str, &str, &mut Vec<FormError>),
    text: &mut impl FnMut(&str, &Text, &mut Vec<FormError>),
    errors: &mut Vec<FormError>,
) {
    let at = item.path.as_str();
    let name = item.item_type().name();
    for field in &item.misplaced {
        errors.push(FormError::new(format!("{at}.{field}"), format!("not used by a {name} item")));
    }
    id(&format!("{at}.id"), &item.id, errors);
    text(&format!("{at}.title"), &item.title, errors);
    if let Some(t) = &item.description {
        text(&format!("{at}.description"), t, errors);
    }
    let mut err = |path: String, message: String| errors.push(FormError::new(path, message));
    if item.weight <= 0 {
        err(format!("{at}.weight"), "must be more than 0".into());
    }
    if item.bonus && item.critical != Critical::None {
        err(format!("{at}.critical"), "a bonus item cannot be critical".into());
    }
    if !(0..=10_000).contains(&item.fail_below()) {
        err(format!("{at}.fail_below"), "must be a percentage from 0 to 100".into());
    }
    if item.comment_min_length > 0 && item.comment == Evidence::Never {
        err(format!("{at}.comment_min_length"), "the comment is never required: set comment to always or when_failed".into());
    }
    if item.comment_min_length > 2_000 {
        err(format!("{at}.comment_min_length"), "at most 2000".into());
    }
    match &item.kind {
        ItemKind::Options(_) | ItemKind::Multi(_) => {
            if item.options().len() < 2 {
                err(format!("{at}.options"), format!("a {name} item needs at least two options, each with points"));
            }
            for (j, o) in item.options().iter().enumerate() {
                let p = format!("{at}.options[{j}]");
                id(&format!("{p}.id"), &o.id, errors);
                text(&format!("{p}.label"), &o.label, errors);
                if o.points < 0 {
                    errors.push(FormError::new(format!("{p}.points"), "must be 0 or more"));
                }
                if item.options()[..j].iter().any(|e| e.id == o.id) {
                    errors.push(FormError::new(format!("{p}.id"), format!("duplicate option id \"{}\"", o.id)));
                }
            }
            if item.options().len() >= 2 && item.max_points() <= 0 {
                errors.push(FormError::new(format!("{at}.options"), "no option has any points, so no answer can earn anything"));
            }
        }
        ItemKind::Rating(spec) => match spec.scale {
            None => err(format!("{at}.scale"), "a rating item needs a scale, e.g. {\"min\": 1, \"max\": 5}".into()),
            Some(s) if s.min >= s.max || s.max - s.min > 10 => {
                err(format!("{at}.scale"), format!("min ({}) must be less than max ({}), at most 11 points", s.min, s.max))
            }
            Some(_) => {}
        },
        ItemKind::Measure(spec) => {
            if spec.unit.is_none() {
                err(format!("{at}.unit"), "a measure item needs a unit (seconds, minutes, count, ...)".into());
            }
            match spec.standard {
                None => err(
                    format!("{at}.standard"),
                    "a measure item needs a standard: at_most, at_least or between, e.g. {\"at_most\": 30}".into(),
                ),
                Some(Standard::AtMost { target, limit: Some(limit) }) if limit <= target => {
                    err(format!("{at}.standard.limit"), format!("must be more than at_most ({})", target.to_text()))
                }
                Some(Standard::AtLeast { target, limit: Some(limit) }) if limit >= target => {
                    err(format!("{at}.standard.limit"), format!("must be less than at_least ({})", target.to_text()))
                }
                Some(Standard::Between { low, high, .. }) if low > high => {
                    err(format!("{at}.standard.between"), format!("{} is more than {}", low.to_text(), high.to_text()))
                }
                Some(Standard::Between { low, high, limit: Some((l, h)) }) if l >= low || h <= high => err(
                    format!("{at}.standard.limit"),
                    format!("must lie outside the range: below {} and above {}", low.to_text(), high.to_text()),
                ),
                Some(_) => {}
            }
        }
        ItemKind::YesNo => {}
    }
}

fn check_bands(
    bands: &[Band],
    id: &mut impl FnMut(&str, &str, &mut Vec<FormError>),
    text: &mut impl FnMut(&str, &Text, &mut Vec<FormError>),
    errors: &mut Vec<FormError>,
) {
    for (i, b) in bands.iter().enumerate() {
        let at = &b.path;
        id(&format!("{at}.id"), &b.id, errors);
        if let Some(l) = &b.label {
            text(&format!("{at}.label"), l, errors);
        }
        if b.id == CRITICAL_FAIL || b.id == SECTION_FAIL {
            errors.push(FormError::new(format!("{at}.id"), format!("\"{}\" is an outcome of its own; give the band another id", b.id)));
        }
        if bands[..i].iter().any(|o| o.id == b.id) {
            errors.push(FormError::new(format!("{at}.id"), format!("duplicate band id \"{}\"", b.id)));
        }
        if let Some(below) = b.below {
            if below <= b.min {
                errors.push(FormError::new(format!("{at}.below"), format!("must be more than min ({})", hundredths_text(b.min))));
            }
        }
        match (i, bands.get(i.wrapping_sub(1))) {
            (0, _) if b.min != 0 => errors.push(FormError::new(
                format!("{at}.min"),
                format!("the lowest band must start at 0; scores from 0 to {} have no band", hundredths_text(b.min)),
            )),
            (_, Some(prev)) => match prev.below {
                None => errors.push(FormError::new(
                    format!("{at}"),
                    format!("overlaps band \"{}\", which has no `below` and so runs to 100", prev.id),
                )),
                Some(below) if b.min < below => errors.push(FormError::new(
                    format!("{at}.min"),
                    format!("{} overlaps band \"{}\", which runs below {}", hundredths_text(b.min), prev.id, hundredths_text(below)),
                )),
                Some(below) if b.min > below => errors.push(FormError::new(
                    format!("{at}.min"),
                    format!("leaves a gap: scores from {} to {} have no band", hundredths_text(below), hundredths_text(b.min)),
                )),
                Some(_) => {}
            },
            _ => {}
        }
    }
    if let Some(last) = bands.last() {
        if last.below.is_some_and(|b| b <= 10_000) {
            errors.push(FormError::new(
                format!("{}.below", last.path),
                "the top band must reach 100: leave out `below` (scores up to 100 fall in it)",
            ));
        }
    }
}
