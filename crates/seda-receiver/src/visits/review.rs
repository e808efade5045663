//! A visit's review, as ODK Central reviews submissions: `received` (no review
//! yet), `has_issues`, `approved` or `rejected`. Any state may follow any other (a
//! rejected visit may be looked at again); saying what is wrong is required for
//! `has_issues` and `rejected`. Setting the state a visit already has is a note
//! when it comes with a comment, and nothing at all without one.

/// The longest comment a review keeps, in characters.
pub const MAX_COMMENT_CHARS: usize = 5000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    Received,
    HasIssues,
    Approved,
    Rejected,
}

impl ReviewState {
    pub const ALL: [ReviewState; 4] = [ReviewState::Received, ReviewState::HasIssues, ReviewState::Approved, ReviewState::Rejected];

    pub fn name(self) -> &'static str {
        match self {
            ReviewState::Received => "received",
            ReviewState::HasIssues => "has_issues",
            ReviewState::Approved => "approved",
            ReviewState::Rejected => "rejected",
        }
    }

    pub fn parse(name: &str) -> Option<ReviewState> {
        ReviewState::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The state stored for a visit: no row (or a name this version does not know) is `received`.
    pub fn of_stored(name: Option<&str>) -> ReviewState {
        name.and_then(ReviewState::parse).unwrap_or(ReviewState::Received)
    }

    /// Whether moving to this state needs a comment.
    pub fn needs_comment(self) -> bool {
        matches!(self, ReviewState::HasIssues | ReviewState::Rejected)
    }
}

/// What a review request comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The same state, no comment: nothing to record.
    Unchanged,
    /// Record this change (or, to the same state, this note).
    Record { from: ReviewState, to: ReviewState, comment: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("a review to {} must say why: send a comment", .0.name())]
    CommentRequired(ReviewState),
    #[error("the comment is over {MAX_COMMENT_CHARS} characters")]
    CommentTooLong,
}

/// Decides a review from `from` to `to` with `comment` (trimmed; blank is none).
pub fn decide(from: ReviewState, to: ReviewState, comment: Option<&str>) -> Result<Decision, ReviewError> {
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        return Err(ReviewError::CommentTooLong);
    }
    if to.needs_comment() && comment.is_none() {
        return Err(ReviewError::CommentRequired(to));
    }
    if from == to && comment.is_none() {
        return Ok(Decision::Unchanged);
    }
    Ok(Decision::Record { from, to, comment: comment.map(str::to_owned) })
}

#[cfg(test)]
mod tests {
    use super::ReviewState::*;
    use super::*;

    #[test]
    fn names_read_back() {
        for s in ReviewState::ALL {
            assert_eq!(ReviewState::parse(s.name()), Some(s));
        }
        assert_eq!(ReviewState::parse("hasIssues"), None);
        assert_eq!(ReviewState::of_stored(None), Received);
        assert_eq!(ReviewState::of_stored(Some("approved")), Approved);
    }

    #[test]
    fn the_comment_rule_and_unchanged_states() {
        let record = |from, to, c: Option<&str>| Ok(Decision::Record { from, to, comment: c.map(str::to_owned) });
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        let longest = "ی".repeat(MAX_COMMENT_CHARS);
        // (from, to, comment, decision).
        let cases = [
            (Received, Approved, None, record(Received, Approved, None)),
            (Received, HasIssues, Some("  photo of the till is blurred "), record(Received, HasIssues, Some("photo of the till is blurred"))),
            (Received, HasIssues, None, Err(ReviewError::CommentRequired(HasIssues))),
            (Approved, Rejected, Some("   "), Err(ReviewError::CommentRequired(Rejected))),
            (HasIssues, Approved, Some("fixed"), record(HasIssues, Approved, Some("fixed"))),
            (Rejected, Received, None, record(Rejected, Received, None)),
            (Approved, Approved, None, Ok(Decision::Unchanged)),
            (Approved, Approved, Some("checked twice"), record(Approved, Approved, Some("checked twice"))),
            (Received, Received, Some(""), Ok(Decision::Unchanged)),
            (Received, Approved, Some(long.as_str()), Err(ReviewError::CommentTooLong)),
            // 5000 characters (10 000 bytes in UTF-8) is within the limit.
            (Received, Rejected, Some(longest.as_str()), record(Received, Rejected, Some(longest.as_str()))),
        ];
        for (from, to, comment, expected) in cases {
            assert_eq!(decide(from, to, comment), expected, "{from:?} -> {to:?} with {comment:?}");
        }
    }
}
