//! Split points: the parts of the widget a survey's first screen does not need, each in
//! its own piece of wasm (a chunk) that the browser fetches the first time it is used:
//! the fields past the scales (`ui::fields`), the outbox and the sender
//! (`platform::delivery`) and the checker of a site's own form (`platform::form_source`).
//!
//! The release build (feature `split`, which index.html and tools/lean.html turn on)
//! marks each function made with [`split!`] as a split point and tools/stamp-loader.mjs
//! cuts the wasm there: the first module keeps what the page needs before the visitor
//! can answer. Neither a view nor the browser edge: the views and the edge both use it.
//! Without the feature (the browser tests, `cargo check`) each is an ordinary call; a
//! split point in a module that was not cut could not even be instantiated.
//!
//! A chunk that cannot be fetched (the visitor went offline) gives [`Unloaded`]: the
//! caller says so and loses nothing the visitor has given.

pub use leptos::wasm_split::SplitLoaderError as Unloaded;

/// `fn name(args) -> T { body }` as a split point in chunk `chunk`, called as
/// `name(args).await`, which gives `Result<T, Unloaded>`; with `preload = p`, also
/// `p().await`, which fetches the chunk without calling anything in it.
macro_rules! split {
    ($chunk:ident $(, preload = $preload:ident)?: $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible $(, preload(#[doc = "Fetches the chunk, once."] $preload))?)]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::split::Unloaded> {
            Ok($body)
        }
        $(#[$attr])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::split::Unloaded> {
            Ok($body)
        }
        $(
            /// Fetches the chunk, once (nothing to fetch in a build that is not cut).
            #[cfg(not(feature = "split"))]
            $vis async fn $preload() -> Result<(), $crate::split::Unloaded> {
                Ok(())
            }
        )?
    };
}
pub(crate) use split;
