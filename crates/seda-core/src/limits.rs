//! Limits that keep a hand-written or hostile definition from swamping the widget.

/// Larger definitions are refused before they are read.
pub const MAX_JSON_BYTES: usize = 256 * 1024;
pub const MAX_QUESTIONS: usize = 500;
pub const MAX_PAGES: usize = 200;
pub const MAX_CHOICES: usize = 100;
pub const MAX_HIDDEN: usize = 50;
pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_ID_CHARS: usize = 64;
/// The widest rating scale (0-10 has eleven points).
pub const MAX_SCALE_POINTS: i64 = 11;
/// The longest answer a text question may allow.
pub const MAX_ANSWER_CHARS: u32 = 10_000;
/// The most decimal places a number question may take.
pub const MAX_DECIMALS: u32 = 6;
/// The most files one attachments question takes.
pub const MAX_FILES: u32 = 10;
/// The most bytes (after downscaling) one response's attachments may have together.
pub const MAX_ATTACHMENT_BYTES: u32 = 10 * 1024 * 1024;
