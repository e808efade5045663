//! Reading typed values out of a JSON document. Every problem is collected with its
//! JSON path (`questions[2].scale.max: expected an integer, found a string`), so a
//! marketer sees all of them at once, not only the first.

use super::form_error::FormError;
use super::json::Value;
use super::names::Named;
use super::num::Num;
use super::text::Text;

#[derive(Default)]
pub struct Decoder {
    pub errors: Vec<FormError>,
}

/// An object's members, checked against the fields its place allows.
pub struct Members<'v> {
    path: String,
    members: &'v [(String, Value)],
}

/// `parent.key`, or `key` at the top.
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

impl<'v> Members<'v> {
    /// The member `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null)
    }

    pub fn path(&self, key: &str) -> String {
        child(&self.path, key)
    }

    /// The keys given (a `null` member counts as absent), in order.
    pub fn keys(&self) -> impl Iterator<Item = &'v str> + '_ {
        self.members.iter().filter(|(_, v)| *v != Value::Null).map(|(k, _)| k.as_str())
    }
}

impl Decoder {
    pub fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FormError::new(path, message));
    }

    fn expected(&mut self, path: &str, what: &str, v: &Value) {
        self.err(path, format!("expected {what}, found {}", v.kind()));
    }

    /// The members of the object at `path`; a member not in `fields` is an error.
    pub fn members<'v>(&mut self, path: &str, v: &'v Value, fields: &[&str]) -> Option<Members<'v>> {
        let Some(members) = v.as_object() else {
            self.expected(path, "an object", v);
            return None;
        };
        for (k, _) in members {
            if !fields.contains(&k.as_str()) {
                self.err(child(path, k), format!("unknown field `{k}`; the fields here are {}", fields.join(", ")));
            }
        }
        Some(Members { path: path.to_owned(), members })
    }

    /// A required member, read by `read`; missing is an error at the object's path.
    pub fn req<'v, T>(
        &mut self,
        m: &Members<'v>,
        key: &str,
        read: impl FnOnce(&mut Self, &str, &'v Value) -> Option<T>,
    ) -> Option<T> {
        match m.get(key) {
            Some(v) => read(self, &m.path(key), v),
            None => {
                self.err(m.path.clone(), format!("missing field `{key}`"));
                None
            }
        }
    }

    /// An optional member: `Ok(None)` when absent, `Err(())` when present but wrong.
    pub fn opt<'v, T>(
        &mut self,
        m: &Members<'v>,
        key: &str,
        read: impl FnOnce(&mut Self, &str, &'v Value) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match m.get(key) {
            Some(v) => read(self, &m.path(key), v).map(Some).ok_or(()),
            None => Ok(None),
        }
    }

    pub fn string(&mut self, path: &str, v: &Value) -> Option<String> {
        let s = v.as_str().map(str::to_owned);
        if s.is_none() {
            self.expected(path, "a string", v);
        }
        s
    }

    pub fn bool(&mut self, path: &str, v: &Value) -> Option<bool> {
        let b = v.as_bool();
        if b.is_none() {
            self.expected(path, "true or false", v);
        }
        b
    }

    pub fn int(&mut self, path: &str, v: &Value) -> Option<i64> {
        let n = v.as_i64();
        if n.is_none() {
            self.expected(path, "an integer", v);
        }
        n
    }

    /// A whole number from 0 to u32::MAX.
    pub fn count(&mut self, path: &str, v: &Value) -> Option<u32> {
        let n = v.as_i64().and_then(|n| u32::try_from(n).ok());
        if n.is_none() {
            self.expected(path, "a whole number of at least 0", v);
        }
        n
    }

    /// A decimal number with at most 6 decimals.
    pub fn number(&mut self, path: &str, v: &Value) -> Option<Num> {
        let n = match v {
            Value::Number(n) => Num::parse(n),
            _ => None,
        };
        if n.is_none() {
            self.expected(path, "a number with at most 6 decimals", v);
        }
        n
    }

    /// An object's members, whatever their keys.
    pub fn object<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v [(String, Value)]> {
        let members = v.as_object();
        if members.is_none() {
            self.expected(path, "an object", v);
        }
        members
    }

    pub fn list<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v [Value]> {
        let items = v.as_array();
        if items.is_none() {
            self.expected(path, "a list", v);
        }
        items
    }

    /// Each item of the list at `path`, read by `read`; `None` if any is wrong.
    pub fn each<T>(&mut self, path: &str, v: &Value, mut read: impl FnMut(&mut Self, &str, &Value) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        let ok = self.each_item(path, v, &mut |d, p, item| read(d, p, item).map(|t| out.push(t)).is_some());
        ok.then_some(out)
    }

    /// The loop of [`Decoder::each`], written once for every item type: `read` reads the
    /// item at a path and says whether it was right; whether the list and every item were.
    #[inline(never)]
    fn each_item(&mut self, path: &str, v: &Value, read: &mut dyn FnMut(&mut Self, &str, &Value) -> bool) -> bool {
        let Some(items) = self.list(path, v) else { return false };
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            ok &= read(self, &format!("{path}[{i}]"), item);
        }
        ok
    }

    /// One of an enum's names, such as a question type.
    pub fn named<T: Named>(&mut self, path: &str, v: &Value) -> Option<T> {
        self.one_of(path, v, T::NAMES).and_then(|i| T::ALL.get(i).copied())
    }

    /// The position of `v` in a fixed list of names.
    fn one_of(&mut self, path: &str, v: &Value, names: &[&str]) -> Option<usize> {
        let s = self.string(path, v)?;
        let found = super::names::position(names, &s);
        if found.is_none() {
            self.err(path, format!("unknown variant `{s}`, expected one of {}", names.join(", ")));
        }
        found
    }

    /// A visible string: plain, or a map of locale to string.
    pub fn text(&mut self, path: &str, v: &Value) -> Option<Text> {
        match v {
            Value::String(s) => Some(Text::Plain(s.clone())),
            Value::Object(members) => {
                let mut out = Vec::with_capacity(members.len());
                for (k, v) in members {
                    out.push((k.clone(), self.string(&child(path, k), v)?));
                }
                Some(Text::Localised(out))
            }
            _ => {
                self.expected(path, "a string or a map of locale to string", v);
                None
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json::parse;

    fn localised(pairs: &[(&str, &str)]) -> Text {
        Text::Localised(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn reads_both_shapes_and_names_the_wrong_one() {
        let mut d = Decoder::default();
        assert_eq!(d.text("t", &parse(r#""Hi""#).unwrap()), Some(Text::Plain("Hi".into())));
        assert_eq!(d.text("t", &parse(r#"{"en":"Hi"}"#).unwrap()), Some(localised(&[("en", "Hi")])));
        assert!(d.errors.is_empty());
        assert_eq!(d.text("t", &parse("12").unwrap()), None);
        assert_eq!(d.errors[0].to_string(), "t: expected a string or a map of locale to string, found a number");
        assert_eq!(d.text("t", &parse(r#"{"en":1}"#).unwrap()), None);
        assert_eq!(d.errors[1].path, "t.en");
    }
}
