//! Pieces the pages share.

pub mod case_facts;
pub mod case_field;
pub mod case_history;
pub mod case_notes;
pub mod case_owner;
pub mod case_reply;
pub mod case_status;
pub mod chart;
pub mod problem;
pub mod visit_card;
pub mod visit_review;
