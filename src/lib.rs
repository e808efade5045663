//! Seda: an embeddable voice-of-customer widget.
//!
//! Three rooms: [`core`] is the pure engine (form schema, validation, the response
//! payload) and compiles and tests natively; `ui` holds the Leptos views over it and
//! `platform` is the browser edge (embedding, shadow DOM, transport, storage). Only
//! the wasm build has the last two.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
