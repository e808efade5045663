//! The checklist's reader: `sections`, `scoring` and `visit` into a [`Checklist`],
//! each problem by its JSON path.

use super::*;

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
