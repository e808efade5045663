//! The parts of the widget a survey's first screen does not need, each in its own
//! piece of wasm (a chunk) that the browser fetches the first time it is used.
//!
//! The release build (feature `split`, which index.html and tools/lean.html turn on)
//! marks each function below as a split point and tools/stamp-loader.mjs cuts the wasm
//! there: the first module keeps what the page needs before the visitor can answer.
//! Without the feature (the browser tests, `cargo check`) each is an ordinary call; a
//! split point in a module that was not cut could not even be instantiated.
//!
//! A chunk that cannot be fetched (the visitor went offline) gives [`Unloaded`]: the
//! caller says so and loses nothing the visitor has given.

use crate::core::form::Form;
use crate::core::form_error::FormError;

pub use leptos::wasm_split::SplitLoaderError as Unloaded;

/// `fn name(args) -> T { body }` as a split point in chunk `chunk`, called as
/// `name(args).await`, which gives `Result<T, Unloaded>`; with `preload = p`, also
/// `p().await`, which fetches the chunk without calling anything in it.
macro_rules! split {
    ($chunk:ident $(, preload = $preload:ident)?: $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible $(, preload(#[doc = "Fetches the chunk, once."] $preload))?)]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::platform::split::Unloaded> {
            Ok($body)
        }
        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::platform::split::Unloaded> {
            Ok($body)
        }
        $(
            /// Fetches the chunk, once (nothing to fetch in a build that is not cut).
            #[cfg(not(feature = "split"))]
            $vis async fn $preload() -> Result<(), $crate::platform::split::Unloaded> {
                Ok(())
            }
        )?
    };
}
pub(crate) use split;

split! { checker:
    /// The semantic checks of a site's own form (a built-in template is checked by the
    /// tests): the form back, with what is wrong in it.
    pub fn check(form: Form) -> (Form, Vec<FormError>) {
        let errors = crate::core::check::check(&form);
        (form, errors)
    }
}
