//! Enums that forms and payloads spell by name (`"yes_no"`, `"when_failed"`): each is
//! declared once, with its names, by [`named_enum!`].

/// A fieldless enum with one name per variant, as forms and payloads write it.
pub trait Named: Copy + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// Every name, in the same order as [`Named::ALL`].
    const NAMES: &'static [&'static str];

    fn name(self) -> &'static str;

    fn from_name(name: &str) -> Option<Self> {
        position(Self::NAMES, name).and_then(|i| Self::ALL.get(i).copied())
    }
}

/// Where `name` is in `names`: the search every [`Named`] type shares, written once.
#[inline(never)]
pub fn position(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

/// Declares a fieldless enum and its names: `Variant = "name"`. The enum gets
/// `Clone, Copy, Debug, PartialEq, Eq`, an inherent `name()` and [`Named`].
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// The name forms and payloads write.
            pub fn name(self) -> &'static str {
                <Self as $crate::names::Named>::NAMES[self as usize]
            }
        }

        impl $crate::names::Named for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            fn name(self) -> &'static str {
                $name::name(self)
            }
        }
    };
}
