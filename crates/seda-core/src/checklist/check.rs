//! The checklist's semantic check: what reads but must not be, by JSON path.

use super::*;

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
