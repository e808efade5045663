//! Pieces the pages share.

pub mod chart;
pub mod problem;
