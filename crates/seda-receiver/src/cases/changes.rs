//! What a person may change on a case, checked before anything is written: a status
//! move (closing needs a root cause), a note, a public reply, an owner.

use seda_core::names::Named;

use super::state::Status;
use crate::error::{AppError, Reason};

/// The longest note or reply, in characters.
pub const MAX_TEXT_CHARS: usize = 5000;

/// A status move as asked for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub from: Status,
    pub to: Status,
    pub root_cause: Option<String>,
    pub note: Option<String>,
}

impl Move {
    /// Checks moving a case in `from` to `to` (a state's name), with a root cause from
    /// `root_causes` (closing needs one, given now or before: `has_root_cause`) and a note.
    pub fn check(from: Status, to: &str, root_cause: Option<&str>, has_root_cause: bool, note: Option<&str>, root_causes: &[String]) -> Result<Move, AppError> {
        let allowed = || from.moves().iter().map(|s| s.name()).collect::<Vec<_>>().join(", ");
        let Some(to) = Status::parse(to) else {
            let names = <Status as Named>::NAMES.join(", ");
            return Err(AppError::at(Reason::InvalidField, "to", format!("{to:?} is not a state: one of {names}")));
        };
        if !from.can_move_to(to) {
            return Err(AppError::at(
                Reason::InvalidTransition,
                "to",
                format!("a case that is {} cannot move to {}; it may move to: {}", from.name(), to.name(), allowed()),
            ));
        }
        let root_cause = root_cause.map(str::trim).filter(|c| !c.is_empty());
        if let Some(cause) = root_cause {
            if !root_causes.iter().any(|c| c == cause) {
                return Err(AppError::at(Reason::InvalidField, "root_cause", format!("{cause:?} is not a root cause: one of {}", root_causes.join(", "))));
            }
        } else if to == Status::Closed && !has_root_cause {
            return Err(AppError::at(Reason::InvalidField, "root_cause", format!("closing needs a root cause: one of {}", root_causes.join(", "))));
        }
        // An empty note box is no note.
        let note = note.filter(|n| !n.trim().is_empty()).map(|n| text(n, "note")).transpose()?;
        Ok(Move { from, to, root_cause: root_cause.map(str::to_owned), note })
    }
}

/// A note or a reply: 1 to [`MAX_TEXT_CHARS`] characters, not only spaces.
pub fn text(value: &str, path: &str) -> Result<String, AppError> {
    let chars = value.chars().count();
    if value.trim().is_empty() || chars > MAX_TEXT_CHARS {
        return Err(AppError::at(Reason::InvalidField, path, format!("must be 1 to {MAX_TEXT_CHARS} characters, not only spaces (it is {chars})")));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::DEFAULT_ROOT_CAUSES;

    fn causes() -> Vec<String> {
        DEFAULT_ROOT_CAUSES.map(str::to_owned).to_vec()
    }

    /// (from, to, root cause) → Ok, or the error's slug and path.
    #[test]
    fn moves_are_checked() {
        use Status::*;
        for (from, to, cause, had, expected) in [
            (Received, "acknowledged", None, false, Ok(())),
            (Received, "closed", Some("staff"), false, Err(("invalid-transition", "to"))),
            (Resolved, "closed", None, false, Err(("invalid-field", "root_cause"))),
            (Resolved, "closed", Some("  "), false, Err(("invalid-field", "root_cause"))),
            (Resolved, "closed", Some("weather"), true, Err(("invalid-field", "root_cause"))),
            (Resolved, "closed", Some("process"), false, Ok(())),
            (Resolved, "closed", None, true, Ok(())),
            (InProgress, "resolved", Some("staff"), false, Ok(())),
            (Closed, "reopened", None, true, Ok(())),
            (Closed, "in_progress", None, true, Err(("invalid-transition", "to"))),
            (Received, "done", None, false, Err(("invalid-field", "to"))),
        ] {
            let got = Move::check(from, to, cause, had, None, &causes()).map(|_| ()).map_err(|e| match e {
                AppError::Rejected { reason, path, .. } => (reason.slug(), path.unwrap_or_default()),
                other => panic!("{other}"),
            });
            let expected = expected.map_err(|(slug, path)| (slug, path.to_owned()));
            assert_eq!(got, expected, "{} → {to} with {cause:?} (one before: {had})", from.name());
        }
    }

    #[test]
    fn an_invalid_move_names_the_allowed_ones() {
        let e = Move::check(Status::Acknowledged, "closed", Some("staff"), false, None, &causes()).unwrap_err();
        let detail = e.to_string();
        assert!(detail.contains("acknowledged") && detail.contains("closed") && detail.contains("in_progress, resolved"), "{detail}");
    }

    #[test]
    fn texts_are_one_to_5000_characters() {
        for (value, ok) in [("a", true), ("   ", false), ("", false), (&"ی".repeat(5000) as &str, true), (&"a".repeat(5001) as &str, false)] {
            assert_eq!(text(value, "text").is_ok(), ok, "{} characters", value.chars().count());
        }
        assert_eq!(Move::check(Status::Received, "in_progress", None, false, Some(" "), &causes()).unwrap().note, None);
        let note = Move::check(Status::Received, "in_progress", None, false, Some(&"a".repeat(5001)), &causes()).unwrap_err();
        assert!(matches!(note, AppError::Rejected { path: Some(p), .. } if p == "note"));
    }
}
