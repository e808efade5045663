//! Seda's desk: survey results, complaint cases followed to closure and mystery-shop
//! visits reviewed, in the browser. A client-side Leptos app the receiver serves at
//! `/desk/`; it reads and changes everything through the receiver's `/admin/desk/…` API.
//!
//! The pure parts (words in two languages, numbers, CSV) build and test natively;
//! the views (`app`, `pages`, `parts`) and the browser edge (`api`, `browser`) exist
//! only in the wasm build.

pub mod answers;
pub mod cases;
pub mod csv;
pub mod format;
pub mod i18n;
pub mod visit_report;
pub mod visits;
pub mod model;
pub mod plot;
pub mod when;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod parts;
