//! The pure engine: form schema, validation, the survey session and the response
//! payload. Nothing here touches the browser; every piece is tested natively. The
//! widget (the package `seda`) uses it as `seda::core` and passes its `checklists` and
//! `attachments` features on to it.

#[macro_use]
pub mod names;
#[macro_use]
pub mod spec;
#[macro_use]
mod words;

pub mod answer;
pub mod attachments;
pub mod base64;
pub mod check;
pub mod checklist;
pub mod checklist_schema;
pub mod checklist_text;
pub mod complaint;
pub mod config;
pub mod decode;
pub mod definition;
pub mod delivery;
pub mod digits;
pub mod draft;
pub mod endpoint;
pub mod form;
pub mod form_error;
pub mod form_source;
pub mod form_strings;
pub mod i18n;
pub mod id;
pub mod jalali;
pub mod jalali_pick;
pub mod json;
pub mod json_schema;
pub mod limits;
pub mod locale;
pub mod logic;
pub mod nps;
pub mod num;
pub mod offer;
pub mod outbox;
pub mod pairs;
pub mod question;
pub mod response;
pub mod retry;
pub mod schema;
pub mod score;
pub mod session;
pub mod status;
pub mod templates;
pub mod text;
pub mod theme;
pub mod time;
pub mod validate;
pub mod visit;
