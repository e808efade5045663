//! A checklist visit in progress: each item's answer with its comment, photos and
//! the time it was given, and the visit record (where, who, when). It is saved on
//! every change (see [`Visit::to_json`]) so a reload or a closed browser loses nothing.

use super::answer::Answer;
use super::checklist::{Checklist, Item, ItemType};
use super::json::{self, Value};
use super::num::Num;
use super::pairs::Pairs;

/// One item's answer. N/A ("did not happen" for a measure) counts neither way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    Na,
    Yes(bool),
    /// `options`: the option id.
    Pick(String),
    /// `multi`: the option ids picked (possibly none).
    Picks(Vec<String>),
    Rating(i64),
    Measure(Num),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub mark: Option<Mark>,
    pub comment: String,
    /// The photos, in the order they were added (at most [`MAX_PHOTOS`]).
    pub photos: Vec<Photo>,
    /// RFC 3339, UTC: when the answer was last given or changed.
    pub at: String,
}

/// The most photos one item keeps.
pub const MAX_PHOTOS: usize = 5;

/// One photo of an item's evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Photo {
    /// A `data:image/...;base64,` URL (already made small).
    pub data: String,
    /// RFC 3339, UTC: when it was taken (added to the visit).
    pub at: String,
}

impl Photo {
    /// `{"data", "at"}`, as the draft and the payload write it.
    pub fn to_value(&self) -> Value {
        Value::object([("data", Value::from(self.data.as_str())), ("at", Value::from(self.at.as_str()))])
    }
}

/// An item's photos as the draft and the payload write them.
pub fn photos_value(photos: &[Photo]) -> Value {
    Value::Array(photos.iter().map(Photo::to_value).collect())
}

/// An item's photos read from its JSON: the list `photos` of `{data, at}`, or an older
/// single `photo` (taken at the answer's time `at`). Anything that is not an image's
/// data URL is dropped, and at most [`MAX_PHOTOS`] are kept.
pub fn photos_of(e: &Value) -> Vec<Photo> {
    let image = |v: Option<&Value>| v.and_then(Value::as_str).filter(|d| d.starts_with("data:image/")).map(str::to_owned);
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut out: Vec<Photo> = match e.get("photos").and_then(Value::as_array) {
        Some(list) => list.iter().filter_map(|p| Some(Photo { data: image(p.get("data"))?, at: text(p, "at") })).collect(),
        None => image(e.get("photo")).map(|data| Photo { data, at: text(e, "at") }).into_iter().collect(),
    };
    out.truncate(MAX_PHOTOS);
    out
}

/// Where, who and when.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub location: String,
    pub shopper: String,
    pub assignment: String,
    pub time_in: String,
    pub time_out: String,
    pub staff: String,
    /// "lat,lon,accuracy_m", only when the shopper agreed to share it.
    pub geo: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visit {
    pub form_id: String,
    pub form_version: u32,
    pub response_id: String,
    pub started_at: String,
    /// The section on screen; `sections.len()` is the review screen.
    pub section: usize,
    pub entries: Pairs<Entry>,
    pub record: Record,
}

impl Mark {
    /// The raw answer as the payload carries it: `"n/a"`, true/false, an option id,
    /// a list of ids, a number.
    pub fn to_value(&self) -> Value {
        match self {
            Mark::Na => Value::from("n/a"),
            Mark::Yes(b) => Value::Bool(*b),
            Mark::Pick(id) => Value::from(id.as_str()),
            Mark::Picks(ids) => Value::Array(ids.iter().map(|i| Value::from(i.as_str())).collect()),
            Mark::Rating(n) => Value::from(*n),
            Mark::Measure(n) => Value::Number(n.to_text()),
        }
    }

    /// The same as an [`Answer`], for the response's `answers`.
    pub fn to_answer(&self) -> Answer {
        match self {
            Mark::Na => Answer::Text("n/a".into()),
            Mark::Yes(b) => Answer::Bool(*b),
            Mark::Pick(id) => Answer::Text(id.clone()),
            Mark::Picks(ids) => Answer::Choices(ids.clone()),
            Mark::Rating(n) => Answer::Number(*n),
            Mark::Measure(n) => match n.decimals() {
                0 => Answer::Number(n.units() as i64),
                _ => Answer::Decimal(n.to_text()),
            },
        }
    }

    /// Reads a raw answer for `item`; `None` when it does not fit the item (a
    /// changed form, a hand-edited draft).
    pub fn from_value(item: &Item, v: &Value) -> Option<Mark> {
        if v.as_str() == Some("n/a") {
            return item.na.then_some(Mark::Na);
        }
        let mark = match (item.item_type(), v) {
            (ItemType::YesNo, Value::Bool(b)) => Mark::Yes(*b),
            (ItemType::Options, Value::String(id)) => Mark::Pick(id.clone()),
            (ItemType::Multi, Value::Array(list)) => Mark::Picks(list.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<_>>()?),
            (ItemType::Rating, v) => Mark::Rating(v.as_i64()?),
            (ItemType::Measure, Value::Number(n)) => Mark::Measure(Num::parse(n)?),
            _ => return None,
        };
        mark.fits(item).then_some(mark)
    }

    /// Whether this answer is one `item` accepts.
    pub fn fits(&self, item: &Item) -> bool {
        let option = |id: &str| item.options().iter().any(|o| o.id == id);
        match (item.item_type(), self) {
            (_, Mark::Na) => item.na,
            (ItemType::YesNo, Mark::Yes(_)) => true,
            (ItemType::Options, Mark::Pick(id)) => option(id),
            (ItemType::Multi, Mark::Picks(ids)) => ids.iter().all(|i| option(i)),
            (ItemType::Rating, Mark::Rating(n)) => item.scale().is_some_and(|s| (s.min..=s.max).contains(n)),
            // Measures are counts and durations: never negative, at most 2 decimals.
            (ItemType::Measure, Mark::Measure(n)) => n.0 >= 0 && n.decimals() <= 2 && n.units() < 1_000_000_000,
            _ => false,
        }
    }
}

impl Visit {
    pub fn new(form_id: &str, form_version: u32, response_id: String, started_at: String) -> Self {
        Visit { form_id: form_id.into(), form_version, response_id, started_at, ..Visit::default() }
    }

    pub fn entry(&self, item: &str) -> Option<&Entry> {
        self.entries.get(item)
    }

    pub fn mark(&self, item: &str) -> Option<&Mark> {
        self.entries.get(item)?.mark.as_ref()
    }

    fn entry_mut(&mut self, item: &str) -> &mut Entry {
        if !self.entries.contains_key(item) {
            self.entries.insert(item, Entry::default());
        }
        self.entries.get_mut(item).expect("just inserted")
    }

    /// Sets (or with `None` clears) an item's answer and stamps it with `now`.
    /// An answer the item does not accept is ignored.
    pub fn set_mark(&mut self, item: &Item, mark: Option<Mark>, now: &str) {
        if mark.as_ref().is_some_and(|m| !m.fits(item)) {
            return;
        }
        let e = self.entry_mut(&item.id);
        e.mark = mark;
        e.at = now.to_owned();
    }

    /// An item's comment (control characters dropped, at most 2 000 characters).
    pub fn set_comment(&mut self, item: &str, text: &str) {
        let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').take(2_000).collect();
        self.entry_mut(item).comment = text;
    }

    /// Adds a photo taken at `at` to an item's evidence; `false` (and nothing added)
    /// when the item already has [`MAX_PHOTOS`].
    pub fn add_photo(&mut self, item: &str, data: String, at: &str) -> bool {
        let photos = &mut self.entry_mut(item).photos;
        let room = photos.len() < MAX_PHOTOS;
        if room {
            photos.push(Photo { data, at: at.to_owned() });
        }
        room
    }

    /// Removes an item's photo number `n` (from 0), if it has one.
    pub fn remove_photo(&mut self, item: &str, n: usize) {
        if let Some(e) = self.entries.get_mut(item).filter(|e| n < e.photos.len()) {
            e.photos.remove(n);
        }
    }

    /// Drops answers the checklist no longer accepts (a draft made before it changed).
    pub fn retain_valid(&mut self, c: &Checklist) {
        self.entries.retain(|id, e| c.item(id).is_some_and(|i| e.mark.as_ref().is_none_or(|m| m.fits(i))));
        self.section = self.section.min(c.sections.len());
    }

    /// The draft as JSON (the raw answers as the payload writes them).
    pub fn to_json(&self) -> String {
        let r = &self.record;
        let entries = self.entries.iter().map(|(id, e)| {
            let mut m = vec![("at", Value::from(e.at.as_str()))];
            if let Some(mark) = &e.mark {
                m.push(("answer", mark.to_value()));
            }
            if !e.comment.is_empty() {
                m.push(("comment", Value::from(e.comment.as_str())));
            }
            if !e.photos.is_empty() {
                m.push(("photos", photos_value(&e.photos)));
            }
            (id, Value::object(m))
        });
        Value::object([
            ("form_id", Value::from(self.form_id.as_str())),
            ("form_version", Value::from(self.form_version)),
            ("response_id", Value::from(self.response_id.as_str())),
            ("started_at", Value::from(self.started_at.as_str())),
            ("section", Value::from(self.section as i64)),
            ("items", Value::object(entries)),
            ("visit", record_value(r, true)),
        ])
        .to_json()
    }

    /// Reads a saved visit for checklist `c`; `None` for anything that is not one.
    pub fn from_json(text: &str, c: &Checklist) -> Option<Visit> {
        let v = json::parse(text).ok()?;
        let s = |k: &str| v.get(k)?.as_str().map(str::to_owned);
        let mut visit = Visit {
            form_id: s("form_id")?,
            form_version: u32::try_from(v.get("form_version")?.as_i64()?).ok()?,
            response_id: s("response_id")?,
            started_at: s("started_at")?,
            section: usize::try_from(v.get("section")?.as_i64()?).ok()?,
            entries: Pairs::new(),
            record: Record::default(),
        };
        for (id, e) in v.get("items")?.as_object()? {
            let Some(item) = c.item(id) else { continue };
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
            let entry = Entry {
                mark: e.get("answer").and_then(|a| Mark::from_value(item, a)),
                comment: text("comment"),
                photos: photos_of(e),
                at: text("at"),
            };
            visit.entries.insert(id.as_str(), entry);
        }
        if let Some(r) = v.get("visit") {
            let t = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
            visit.record = Record {
                location: t("location"),
                shopper: t("shopper"),
                assignment: t("assignment"),
                time_in: t("time_in"),
                time_out: t("time_out"),
                staff: t("staff"),
                geo: t("geo"),
            };
        }
        visit.retain_valid(c);
        Some(visit)
    }
}

/// The visit record as the payload writes it: only the parts that are known
/// (`all` writes every part, for the draft).
pub fn record_value(r: &Record, all: bool) -> Value {
    let mut m: Vec<(&str, Value)> = Vec::new();
    for (k, v) in [
        ("location", &r.location),
        ("shopper", &r.shopper),
        ("assignment", &r.assignment),
        ("time_in", &r.time_in),
        ("time_out", &r.time_out),
        ("staff", &r.staff),
    ] {
        if all || !v.is_empty() {
            m.push((k, Value::from(v.as_str())));
        }
    }
    if all {
        m.push(("geo", Value::from(r.geo.as_str())));
    } else if let [lat, lon, acc] = r.geo.split(',').collect::<Vec<_>>()[..] {
        let num = |s: &str| Num::parse(s).map_or(Value::Null, |n| Value::Number(n.to_text()));
        m.push(("geo", Value::object([("lat", num(lat)), ("lon", num(lon)), ("accuracy_m", num(acc))])));
    }
    Value::object(m)
}

/// The storage key of a checklist's saved visit.
pub fn key(form_id: &str) -> String {
    format!("seda:visit:{form_id}")
}
