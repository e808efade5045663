//! Seda: an embeddable voice-of-customer widget.
//!
//! Three rooms: [`core`] is the pure engine (form schema, validation, the response
//! payload), the crate `seda-core` (crates/seda-core), which compiles and tests natively;
//! `ui` holds the Leptos views over it and `platform` is the browser edge (embedding,
//! shadow DOM, transport, storage). Only the wasm build has the last two.

pub use seda_core as core;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod split;
#[cfg(target_arch = "wasm32")]
pub mod ui;
