//! [`words!`]: a table of the widget's own words, declared once. It gives the struct of
//! `&'static str` fields, the fields' names in order and access by position, so a form's
//! `strings` ([`crate::form_strings`]) can name any of them without a list kept by hand.

/// Declares a struct of `&'static str` fields with `NAMES`, `get` and `set`.
macro_rules! words {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: &'static str,)* }) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name { $($(#[$field_meta])* pub $field: &'static str,)* }

        impl $name {
            /// The strings' names, as a form's `strings` gives them.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The string named `NAMES[at]`.
            pub fn get(&self, at: usize) -> &'static str {
                [$(self.$field),*][at]
            }

            /// Puts `value` in place of the string named `NAMES[at]`.
            pub fn set(&mut self, at: usize, value: &'static str) {
                *[$(&mut self.$field),*][at] = value;
            }
        }
    };
}
