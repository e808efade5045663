//! The browser edge: the only code that touches the page. It reads the embed
//! configuration, finds or fetches the form, builds the shadow host, and sends
//! responses; the views in `ui` get what they need from here through [`crate::ui::Env`].

pub mod bundles;
#[cfg(feature = "checklists")]
pub mod checklist;
pub mod crash;
pub mod delivery;
pub mod drafts;
pub mod embed;
pub mod env;
pub mod events;
pub mod fetch;
pub mod form_source;
pub mod host;
pub mod idb;
pub mod inbox;
pub mod outbox;
mod place;
#[cfg(any(feature = "attachments", feature = "checklists"))]
pub mod pictures;
pub mod sender;
pub mod shell;
pub mod status;
pub mod transport;
