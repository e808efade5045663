//! One module a page of the desk.

pub mod alerts;
pub mod case;
pub mod complaints;
pub mod forms;
pub mod not_found;
pub mod response;
pub mod sign_in;
pub mod survey;
pub mod visit;
pub mod visit_report;
pub mod visits;
