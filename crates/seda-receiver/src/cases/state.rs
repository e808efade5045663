//! A case's states and the moves between them: the engine's [`CaseState`], which the
//! receiver calls a case's status (`cases.status`), declared once for the receiver, the
//! desk and the complaint-status lookup.

pub use seda_core::status::CaseState as Status;
