//! A case's states and the moves between them.

/// Where a complaint's case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Received,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
    Reopened,
}

impl Status {
    pub const ALL: [Status; 6] = [Status::Received, Status::Acknowledged, Status::InProgress, Status::Resolved, Status::Closed, Status::Reopened];

    /// The name stored and sent (`in_progress`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Acknowledged => "acknowledged",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Reopened => "reopened",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The states a case in this state may move to.
    pub fn moves(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[Acknowledged, InProgress, Resolved],
            Acknowledged => &[InProgress, Resolved],
            InProgress => &[Resolved],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
            Reopened => &[InProgress, Resolved],
        }
    }

    pub fn can_move_to(self, to: Status) -> bool {
        self.moves().contains(&to)
    }

    /// Resolved or closed: no longer waiting on anyone, so never overdue, and the
    /// complainant may be asked how it went.
    pub fn is_settled(self) -> bool {
        matches!(self, Status::Resolved | Status::Closed)
    }

    /// Whether a case in this state, due at `due_at`, is overdue at `now`.
    pub fn overdue(self, due_at: i64, now: i64) -> bool {
        !self.is_settled() && due_at < now
    }
}

#[cfg(test)]
mod tests {
    use super::Status::{self, *};

    #[test]
    fn names_read_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
        }
        assert_eq!(Status::parse("open"), None);
        assert_eq!(Status::parse("In_Progress"), None);
    }

    #[test]
    fn only_the_listed_moves_are_allowed() {
        let allowed = [
            (Received, Acknowledged),
            (Received, InProgress),
            (Received, Resolved),
            (Acknowledged, InProgress),
            (Acknowledged, Resolved),
            (InProgress, Resolved),
            (Resolved, Closed),
            (Resolved, Reopened),
            (Closed, Reopened),
            (Reopened, InProgress),
            (Reopened, Resolved),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(from.can_move_to(to), allowed.contains(&(from, to)), "{} → {}", from.name(), to.name());
            }
        }
    }

    #[test]
    fn overdue_is_open_and_past_due() {
        for (status, due_at, now, overdue) in [
            (Received, 10, 11, true),
            (Received, 10, 10, false),
            (InProgress, 10, 9, false),
            (Reopened, 10, 11, true),
            (Resolved, 10, 11, false),
            (Closed, 10, 11, false),
        ] {
            assert_eq!(status.overdue(due_at, now), overdue, "{} due {due_at} at {now}", status.name());
        }
    }
}
