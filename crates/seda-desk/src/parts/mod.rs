//! Pieces the pages share.

pub mod problem;
