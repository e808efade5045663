//! Leptos views over the core. They read the session and form, and reach the page
//! only through the [`Env`] the platform gives them.
//!
//! The modules import one another without a circle (tests/ui_imports.rs): what many
//! views share lives in a module that imports no view: [`env`] (the edge), [`erased`]
//! (boxed types), [`widget_state`] and [`checklist_state`] (each widget's shared state)
//! and [`question_parts`] (a question's words and ids).

#[cfg(feature = "attachments")]
pub mod attachments;
#[cfg(feature = "checklists")]
pub mod checklist;
#[cfg(feature = "checklists")]
mod checklist_done;
#[cfg(feature = "checklists")]
pub mod checklist_item;
#[cfg(feature = "checklists")]
mod checklist_nav;
#[cfg(feature = "checklists")]
mod checklist_review;
#[cfg(feature = "checklists")]
pub mod checklist_state;
#[cfg(feature = "checklists")]
mod checklist_visit;
pub mod choice_list;
pub mod env;
pub mod erased;
pub mod error_box;
mod frame;
pub mod fields;
pub mod jalali_date;
pub mod matrix;
pub mod option;
pub mod question;
pub mod question_parts;
pub mod resume;
pub mod scale;
pub mod status_lookup;
pub mod step;
pub mod text_field;
pub mod thanks;
pub mod widget;
pub mod widget_state;

pub use env::{Deliver, Env, FileError, LookUp, Pictures, SendResult, StatusEnv};
pub use error_box::ErrorBox;
pub use widget::Widget;
