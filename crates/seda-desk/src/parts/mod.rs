//! Pieces the pages share.

pub mod case_facts;
pub mod case_field;
pub mod case_history;
pub mod case_notes;
pub mod case_owner;
pub mod case_reply;
pub mod case_status;
pub mod changing;
pub mod chart;
pub mod comments;
pub mod deliveries;
pub mod fetched;
pub mod metric_card;
pub mod pager;
pub mod problem;
pub mod score_cards;
pub mod stack_table;
pub mod survey_charts;
pub mod survey_filters;
pub mod visit_card;
pub mod visit_review;
pub mod webhook_form;
