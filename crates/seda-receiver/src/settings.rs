//! The receiver's settings, from the command line and the environment.

use std::time::Duration;

use crate::cases::intake::DueTimes;

/// What happens to a response to a form the receiver does not know (neither
/// registered nor a built-in template).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum UnknownForms {
    /// Store it with verification `unknown_form` (the default: nothing is lost).
    #[default]
    Accept,
    /// Answer 422 `unknown-form`; the widget then keeps it as refused.
    Reject,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub unknown_forms: UnknownForms,
    /// The bearer token of the admin API (`SEDA_ADMIN_TOKEN`); without one the admin API answers 401.
    pub admin_token: Option<String>,
    /// The largest JSON or form-encoded body taken (files travel inside it, base64).
    pub max_body_bytes: usize,
    /// The largest multipart body taken.
    pub max_multipart_bytes: usize,
    /// `Cache-Control: max-age` of `GET /forms/{id}`.
    pub form_max_age: u32,
    /// Requests per client address to `POST /responses`, and to `POST /session`.
    pub rate_limit: crate::limits::Rate,
    pub sign_in_limit: crate::limits::Rate,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_forwarded_for: bool,
    /// How long a sign-in lasts, in seconds.
    pub session_seconds: i64,
    /// How soon after receipt an urgent, and any other, complaint's case is due.
    pub due: DueTimes,
    /// The root causes a case may be closed with.
    pub root_causes: Vec<String>,
    /// A failed webhook delivery is retried after this, times 4 for each attempt before.
    pub webhook_backoff: Duration,
}

/// `serve --root-causes`' default.
pub const DEFAULT_ROOT_CAUSES: [&str; 10] =
    ["staff", "process", "product", "price", "delivery", "communication", "facility", "third_party", "no_fault", "other"];
/// `serve --due-urgent` and `--due-normal`'s defaults.
pub const DEFAULT_DUE: DueTimes = DueTimes { urgent: Duration::from_secs(24 * 3600), normal: Duration::from_secs(5 * 86_400) };
/// The first retry of a failed webhook delivery waits this long.
pub const DEFAULT_WEBHOOK_BACKOFF: Duration = Duration::from_secs(30);

/// Where the database is unless `--database` or `SEDA_DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE: &str = "sqlite://./data/seda.db";

/// 10 MiB of files in base64, plus the 64 KiB payload, plus slack.
pub const DEFAULT_MAX_BODY_BYTES: usize = 14 * 1024 * 1024;
/// 10 MiB of files, plus a checklist's 2 MiB payload, plus slack.
pub const DEFAULT_MAX_MULTIPART_BYTES: usize = 13 * 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            unknown_forms: UnknownForms::Accept,
            admin_token: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_multipart_bytes: DEFAULT_MAX_MULTIPART_BYTES,
            form_max_age: 300,
            rate_limit: crate::limits::Rate::DEFAULT_RESPONSES,
            sign_in_limit: crate::limits::Rate::DEFAULT_SIGN_IN,
            trust_forwarded_for: false,
            session_seconds: 12 * 60 * 60,
            due: DEFAULT_DUE,
            root_causes: DEFAULT_ROOT_CAUSES.map(str::to_owned).to_vec(),
            webhook_backoff: DEFAULT_WEBHOOK_BACKOFF,
        }
    }
}
