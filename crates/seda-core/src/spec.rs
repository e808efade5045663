//! The fields a question type (or a checklist item type) has of its own, declared
//! once with [`spec!`]: one line per field gives the struct's field, its JSON name,
//! how it is read and what the JSON Schema says of it. [`kinds!`] then lists the
//! types, each with its declaration, so that the reader, the semantic check's "not
//! used by a … question" and the schema all take a type's fields from one place.

use super::decode::{Decoder, Members};
use super::json::Value;
use super::num::Num;
use super::text::Text;

/// How a field is written in JSON, as the JSON Schema describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Boolean,
    /// A whole number from `min`, up to `max` when there is one.
    Count { min: u32, max: Option<u32> },
    Number,
    String,
    /// A visible string: plain, or a map of locale to string.
    Text,
    /// A list of strings.
    Strings,
    /// One of these names.
    Names(&'static [&'static str]),
    /// `true`, or a visible string.
    TrueOrText,
    /// A list of options, each with an id and a label.
    Choices,
    /// `{"min": integer, "max": integer}`.
    Scale,
    /// `{"min": text, "max": text}`: the words under the ends of a scale.
    EndLabels,
    /// A percentage, 0 to 100, with at most 2 decimals.
    Percent,
    /// A checklist item's options, each with an id, a label and points.
    ScoredOptions,
    /// A measured item's standard: `at_most`, `at_least` or `between`, and a `limit`.
    Standard,
}

/// A field's type: how it is read, and what its absence means (its `Default`).
pub trait FieldValue: Sized + Default + PartialEq {
    const SHAPE: Shape;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self>;
}

impl FieldValue for bool {
    const SHAPE: Shape = Shape::Boolean;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.bool(path, v)
    }
}

impl FieldValue for u32 {
    const SHAPE: Shape = Shape::Count { min: 0, max: None };
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.count(path, v)
    }
}

impl FieldValue for Option<u32> {
    const SHAPE: Shape = Shape::Count { min: 0, max: None };
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.count(path, v).map(Some)
    }
}

impl FieldValue for Option<Num> {
    const SHAPE: Shape = Shape::Number;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.number(path, v).map(Some)
    }
}

impl FieldValue for Option<String> {
    const SHAPE: Shape = Shape::String;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.string(path, v).map(Some)
    }
}

impl FieldValue for Option<Vec<String>> {
    const SHAPE: Shape = Shape::Strings;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.each(path, v, Decoder::string).map(Some)
    }
}

impl FieldValue for Option<Text> {
    const SHAPE: Shape = Shape::Text;
    fn read(d: &mut Decoder, path: &str, v: &Value) -> Option<Self> {
        d.text(path, v).map(Some)
    }
}

/// The field `key` of `m`: its default when absent, and when wrong too, with `ok` cleared
/// (the error is in `d`). One function per field type, not one per field: the readers
/// [`spec!`] writes are a call per field.
#[inline(never)]
pub fn field<T: FieldValue>(d: &mut Decoder, m: &Members, key: &str, ok: &mut bool) -> T {
    match m.get(key) {
        None => T::default(),
        Some(v) => T::read(d, &m.path(key), v).unwrap_or_else(|| {
            *ok = false;
            T::default()
        }),
    }
}

/// Reads one field as [`field`] does and says whether it holds something other than its
/// default: `None` when it is wrong (the error is in `d`).
pub type Given = fn(&mut Decoder, &Members, &str) -> Option<bool>;

/// The [`Given`] of a field of type `T`.
pub fn given<T: FieldValue>(d: &mut Decoder, m: &Members, key: &str) -> Option<bool> {
    let mut ok = true;
    let value: T = field(d, m, key, &mut ok);
    ok.then(|| value != T::default())
}

/// One field of a declaration as the JSON Schema describes it.
#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub name: &'static str,
    pub shape: Shape,
    /// The field's doc comment, line by line.
    pub about: &'static [&'static str],
}

impl FieldInfo {
    /// The doc comment as one line.
    pub fn description(&self) -> String {
        self.about.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
    }
}

/// The fields of one type, declared with [`spec!`].
pub trait Spec: Sized + Default + PartialEq {
    /// The JSON names, in the order declared.
    const FIELDS: &'static [&'static str];
    /// For each field (in [`Spec::FIELDS`]' order), [`given`] for its type.
    const GIVEN: &'static [Given];
    /// Reads the fields from an object's members (absent ones take their default).
    fn read(d: &mut Decoder, m: &Members) -> Option<Self>;
    /// The fields as the JSON Schema describes them (the schema's only; not used by the widget).
    fn schema_fields() -> Vec<FieldInfo>;
}

/// Declares a type's own fields: `/// doc` then `name: Type`, optionally `as Shape`
/// where the JSON Schema says more than the type does (bounds). The JSON name is the
/// Rust name; an absent field is the type's `Default`.
macro_rules! spec {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $field:ident : $ty:ty $(as $shape:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        impl $crate::spec::Spec for $name {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            const GIVEN: &'static [$crate::spec::Given] = &[$($crate::spec::given::<$ty>),*];

            #[allow(unused_variables)]
            fn read(d: &mut $crate::decode::Decoder, m: &$crate::decode::Members) -> Option<Self> {
                let mut ok = true;
                let read = $name { $( $field: $crate::spec::field(d, m, stringify!($field), &mut ok), )* };
                ok.then_some(read)
            }

            fn schema_fields() -> Vec<$crate::spec::FieldInfo> {
                vec![$(
                    $crate::spec::FieldInfo {
                        name: stringify!($field),
                        shape: spec!(@shape $ty $(, $shape)?),
                        about: &[$($doc),*],
                    }
                ),*]
            }
        }
    };
    (@shape $ty:ty) => { <$ty as $crate::spec::FieldValue>::SHAPE };
    (@shape $ty:ty, $shape:expr) => { $shape };
}

/// Lists the types of a thing (questions, checklist items): a [`named_enum!`] of the
/// types' names, and an enum of the types each with its [`spec!`] declaration, with
/// what the reader and the schema need to know of each type's fields.
macro_rules! kinds {
    (
        $(#[$types_meta:meta])*
        pub enum $types:ident;
        $(#[$kinds_meta:meta])*
        pub enum $kinds:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $text:literal $(($spec:ident))? ),+ $(,)?
        }
    ) => {
        named_enum! {
            $(#[$types_meta])*
            pub enum $types {
                $( $(#[doc = $doc])* $variant = $text ),+
            }
        }

        $(#[$kinds_meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $kinds {
            $( $(#[doc = $doc])* $variant $(($spec))? ),+
        }

        impl $kinds {
            /// Which type this is.
            pub fn type_of(&self) -> $types {
                match self {
                    $( $kinds::$variant { .. } => $types::$variant ),+
                }
            }

            /// The JSON names of a type's own fields.
            pub fn fields(t: $types) -> &'static [&'static str] {
                match t {
                    $( $types::$variant => kinds!(@fields $($spec)?) ),+
                }
            }

            /// Reads a type's own fields from an object's members.
            pub fn read(t: $types, d: &mut $crate::decode::Decoder, m: &$crate::decode::Members) -> Option<Self> {
                match t {
                    $( $types::$variant => Some($kinds::$variant $( (<$spec as $crate::spec::Spec>::read(d, m)?) )?) ),+
                }
            }

            /// What says whether each of a type's own fields is given (see [`crate::spec::Given`]).
            pub fn given(t: $types) -> &'static [$crate::spec::Given] {
                match t {
                    $( $types::$variant => kinds!(@given $($spec)?) ),+
                }
            }

            /// The fields of other types given a value in `m`, for the semantic check
            /// to name (see [`crate::spec::misplaced`]).
            pub fn misplaced(t: $types, d: &mut $crate::decode::Decoder, m: &$crate::decode::Members) -> Option<Vec<&'static str>> {
                let all = <$types as $crate::names::Named>::ALL;
                let owners: Vec<(&'static [&'static str], &'static [$crate::spec::Given])> = all.iter().map(|o| (Self::fields(*o), Self::given(*o))).collect();
                $crate::spec::misplaced(d, m, Self::fields(t), &owners)
            }

            /// A type's own fields as the JSON Schema describes them.
            pub fn schema_fields(t: $types) -> Vec<$crate::spec::FieldInfo> {
                match t {
                    $( $types::$variant => kinds!(@schema_fields $($spec)?) ),+
                }
            }
        }
    };
    (@fields) => { &[] };
    (@fields $spec:ident) => { <$spec as $crate::spec::Spec>::FIELDS };
    (@given) => { &[] };
    (@given $spec:ident) => { <$spec as $crate::spec::Spec>::GIVEN };
    (@schema_fields) => { Vec::new() };
    (@schema_fields $spec:ident) => { <$spec as $crate::spec::Spec>::schema_fields() };
}

/// The fields given in `m` (in the order given) that are not `own` but belong to
/// another type (`owners[i]` lists type `i`'s fields, each with its [`Given`]) and hold
/// something other than their default there: `"scale"` on an `nps` question. A field
/// given its default (`"multiple": false`) is let be, as it always was; a wrong one is
/// an error in `d` (and `None`), as it is for the type it belongs to.
pub fn misplaced(d: &mut Decoder, m: &Members, own: &[&str], owners: &[(&'static [&'static str], &'static [Given])]) -> Option<Vec<&'static str>> {
    let mut out = Vec::new();
    let mut ok = true;
    for key in m.keys() {
        if own.contains(&key) {
            continue;
        }
        let Some((name, given)) = owners.iter().find_map(|(fields, given)| fields.iter().position(|f| *f == key).map(|j| (fields[j], given[j]))) else {
            continue;
        };
        match given(d, m, name) {
            Some(true) => out.push(name),
            Some(false) => {}
            None => ok = false,
        }
    }
    ok.then_some(out)
}
