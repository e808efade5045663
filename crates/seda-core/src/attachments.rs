//! Attached files: the types an attachments question takes and its default caps.

/// An attachments question's default cap on files (at most [`crate::limits::MAX_FILES`]).
pub const DEFAULT_MAX_FILES: u32 = 5;
/// An attachments question's default cap on bytes (at most [`crate::limits::MAX_ATTACHMENT_BYTES`]).
pub const DEFAULT_MAX_BYTES: u32 = 5 * 1024 * 1024;
/// The types an attachments question takes unless it says otherwise.
pub const DEFAULT_ACCEPT: &[&str] = &["image/*", "application/pdf"];
/// Pictures are downscaled in the browser to this long edge (px) and sent as JPEG.
pub const LONG_EDGE: u32 = 1600;

/// Whether a MIME type is one `accept` lists (`image/*` takes any image).
pub fn accepts(accept: &[String], mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    let list: Vec<&str> = if accept.is_empty() { DEFAULT_ACCEPT.to_vec() } else { accept.iter().map(String::as_str).collect() };
    list.iter().any(|a| match a.strip_suffix("/*") {
        Some(major) => mime.split('/').next() == Some(major) && mime.contains('/'),
        None => a.eq_ignore_ascii_case(&mime),
    })
}

/// Whether `s` is a MIME type or a `type/*` pattern.
pub fn is_mime_pattern(s: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b));
    s.split_once('/').is_some_and(|(major, minor)| token(major) && (minor == "*" || token(minor)))
}
