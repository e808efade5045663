//! [`words!`]: a table of the widget's own words, declared once. It gives the struct of
//! `&'static str` fields, the fields' names in order and access by position, so a form's
//! `strings` ([`crate::form_strings`]) can name any of them without a list kept by hand.

/// Declares a struct of `&'static str` fields with `NAMES`, `slot` and `get`. Fields after
/// the words, each marked `@other`, are not words (a form cannot name them).
macro_rules! words {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$field_meta:meta])* pub $field:ident: &'static str,)*
        $(@other $(#[$other_meta:meta])* pub $other:ident: $other_ty:ty,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: &'static str,)*
            $($(#[$other_meta])* pub $other: $other_ty,)*
        }

        impl $name {
            /// The strings' names, as a form's `strings` gives them.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The string named `NAMES[at]`, to read or to put another in its place.
            /// (One function for both: each is a list of every field in the wasm.)
            pub fn slot(&mut self, at: usize) -> Option<&mut &'static str> {
                [$(&mut self.$field),*].into_iter().nth(at)
            }

            /// The string named `NAMES[at]`.
            pub fn get(&self, at: usize) -> &'static str {
                self.clone().slot(at).map_or("", |s| *s)
            }
        }
    };
}
