//! Mystery-shop visits on the desk: a visit is a stored response of kind
//! `checklist`. The pure parts live here (review rules, figures and the report's
//! aggregation, photos in data URLs; the periods are `crate::period`); the SQL is in `store/visits.rs`
//! and the routes in `routes/visits.rs` and `routes/visit_report.rs`.

pub mod card;
pub mod numbers;
pub mod photo;
pub mod report;
pub mod review;
