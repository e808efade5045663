//! The receiver's answers as the desk reads them (`/admin/desk/…`), and what the pages
//! work out from them without the browser: the words for a figure, the rows of a CSV.
//! Every member a page may go without has a default, so a newer receiver that adds
//! members, or an older one that lacks some, is still read.

pub mod alerts;
pub mod forms;
pub mod response;
pub mod survey;
pub mod survey_query;
