//! When a form appears (`data-trigger`) and to whom (`data-include`, `data-exclude`,
//! `data-sample`, `data-recontact`). seda.js acts on these before the widget's code is
//! downloaded, so it reads them itself, by these rules: `tests/e2e/tag-rules.spec.mjs`
//! runs its readers over the cases of `crates/seda-core/tests/fixtures/tag-rules.json`,
//! which `tests/core_tag_rules.rs` runs these over. A value seda.js cannot read it lets
//! through (a trigger it reports itself), so the widget names the mistake.

/// When the form appears (`data-trigger`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Trigger {
    /// `load` (the default): once the page has loaded.
    #[default]
    Load,
    /// `delay:5s`, `delay:0.5s`: that long after the page has loaded, in milliseconds
    /// (digits past the third decimal dropped).
    Delay { ms: u64 },
    /// `scroll:50%`: once the visitor has scrolled that far down the page.
    Scroll { percent: u16 },
    /// `exit`: the pointer leaves through the top of the window (on touch screens,
    /// scrolling back up by half a screen).
    Exit,
    /// `manual`: only `Seda.open()`.
    Manual,
}

/// Who sees the form: the page's path, the visitor's draw and when they last saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Targeting {
    /// `data-include`: the patterns of the pages the form shows on (all when empty).
    pub include: Vec<String>,
    /// `data-exclude`: the patterns of the pages it never shows on.
    pub exclude: Vec<String>,
    /// `data-sample`: the share of visitors who see it, in hundredths of a percent.
    pub sample: Option<u32>,
    /// `data-recontact`: days before it is offered again; `u32::MAX` for `never`.
    pub recontact_days: Option<u32>,
}

/// `data-trigger`: `load`, `delay:<seconds>s`, `scroll:<percent>%`, `exit` or `manual`.
pub fn trigger(value: &str) -> Option<Trigger> {
    let value = value.trim();
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    match value {
        "load" => return Some(Trigger::Load),
        "exit" => return Some(Trigger::Exit),
        "manual" => return Some(Trigger::Manual),
        _ => {}
    }
    if let Some(seconds) = value.strip_prefix("delay:").and_then(|rest| rest.strip_suffix('s')) {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
        if !digits(whole) || !digits(fraction) {
            return None;
        }
        // An absurd delay (past u64) saturates: it never comes, as in seda.js.
        let whole: u64 = whole.parse().unwrap_or(u64::MAX);
        return Some(Trigger::Delay { ms: whole.saturating_mul(1000).saturating_add(u64::from(leading(fraction, 3))) });
    }
    let percent = value.strip_prefix("scroll:")?.strip_suffix('%')?;
    (digits(percent) && percent.len() <= 3).then(|| Trigger::Scroll { percent: percent.parse().unwrap_or_default() })
}

/// `data-include`, `data-exclude`: comma-separated patterns, blanks left out.
pub fn patterns(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|pattern| !pattern.is_empty()).map(str::to_owned).collect()
}

/// `data-sample`: a percentage from 0 to 100, with or without `%` (`25`, `12.5%`), in
/// hundredths of a percent (`1250`; digits past the second decimal dropped). Read without
/// floating point, whose parser would cost the widget more than all of this file.
pub fn sample_percent(value: &str) -> Option<u32> {
    let trimmed = value.trim();
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |text: &str, most: usize| (1..=most).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole, 3) || !digits(fraction, usize::MAX) {
        return None;
    }
    let total = whole.parse::<u32>().ok()? * 100 + leading(fraction, 2);
    let beyond = fraction.bytes().skip(2).any(|byte| byte != b'0');
    (total < 10_000 || (total == 10_000 && !beyond)).then_some(total)
}

/// The first `places` digits of a decimal fraction as a whole number, padded with
/// zeros (`leading("5", 3)` is 500): no floating point, whose parser would cost more.
fn leading(fraction: &str, places: usize) -> u32 {
    fraction.bytes().chain(std::iter::repeat(b'0')).take(places).fold(0, |number, digit| number * 10 + u32::from(digit - b'0'))
}

/// `data-recontact`: whole days (`30`, `30d`), or `never` (`u32::MAX`).
pub fn recontact_days(value: &str) -> Option<u32> {
    let value = value.trim();
    if value == "never" {
        return Some(u32::MAX);
    }
    let number = value.strip_suffix('d').unwrap_or(value).trim_end();
    if !(1..=5).contains(&number.len()) || !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}
