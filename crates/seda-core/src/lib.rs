//! The pure engine: form schema, validation, the survey session and the response
//! payload. Nothing here touches the browser; every piece is tested natively. The
//! widget (the package `seda`) uses it as `seda::core` and passes its `checklists` and
//! `attachments` features on to it.

#[macro_use]
pub mod names;

pub mod answer;
pub mod check;
pub mod complaint;
pub mod checklist;
pub mod checklist_schema;
pub mod checklist_text;
pub mod config;
pub mod decode;
pub mod delivery;
pub mod draft;
pub mod endpoint;
pub mod form;
pub mod i18n;
pub mod id;
pub mod json;
pub mod logic;
pub mod outbox;
pub mod pairs;
pub mod response;
pub mod retry;
pub mod score;
pub mod schema;
pub mod session;
pub mod templates;
pub mod text;
pub mod theme;
pub mod time;
pub mod validate;
pub mod visit;
