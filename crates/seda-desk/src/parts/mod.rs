//! Pieces the pages share.

pub mod chart;
pub mod comments;
pub mod deliveries;
pub mod fetched;
pub mod metric_card;
pub mod pager;
pub mod problem;
pub mod score_cards;
pub mod survey_charts;
pub mod survey_filters;
pub mod webhook_form;
