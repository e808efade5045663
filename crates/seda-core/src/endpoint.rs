//! The endpoint's options and how a response is encoded for it.

use super::answer::Answer;
use super::base64::unbase64;
use super::json::Value;
use super::pairs::Pairs;
use super::response::Response;

named_enum! {
    /// `data-endpoint-format`.
    pub enum Format {
        /// `application/json`: the payload as documented.
        Json = "json",
        /// `application/x-www-form-urlencoded`, for form back-ends and spreadsheet web apps:
        /// sent as a CORS simple request (no custom header), so no preflight is made.
        Form = "form",
        /// `multipart/form-data`: the JSON payload in a part `payload`, each attached file
        /// in a part of its own (the payload names it in place of the file's `data`).
        Multipart = "multipart",
    }
}

impl Format {
    /// Whether a send carries the `Idempotency-Key` header. A form send carries no
    /// header of its own, so the browser makes no preflight: its `id` field is the key.
    pub fn sends_idempotency_key(self) -> bool {
        self != Format::Form
    }
}

named_enum! {
    /// `data-endpoint-redirect`: what a 3xx answer to a send means.
    pub enum Redirect {
        /// Not delivery: the endpoint has moved; the response waits and the site owner is told.
        Error = "error",
        /// The endpoint redirects after processing (spreadsheet web apps do): the redirect
        /// is followed and only a final 2xx counts as delivered.
        Follow = "follow",
    }
}

named_enum! {
    /// `data-endpoint-credentials`.
    pub enum Credentials {
        Omit = "omit",
        Include = "include",
    }
}

/// Where and how responses are sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub url: String,
    pub format: Format,
    /// Extra headers (public keys only: anyone can read them in the page).
    pub headers: Pairs<String>,
    pub credentials: Credentials,
    /// How long one attempt may take before it is abandoned.
    pub timeout_ms: u64,
    pub redirect: Redirect,
}

pub const DEFAULT_TIMEOUT_MS: u64 = 15_000;

/// The content type and body for `response` in `format`. A multipart record keeps
/// the JSON payload as its body and is turned into parts as it is sent ([`multipart`]),
/// so the outbox stores text and every attempt sends the same bytes.
pub fn encode(response: &Response, format: Format) -> (String, String) {
    match format {
        Format::Json => ("application/json".to_owned(), response.to_json()),
        Format::Form => ("application/x-www-form-urlencoded".to_owned(), form_urlencode(&form_fields(response))),
        Format::Multipart => {
            let json = response.to_json();
            let mut boundary = format!("seda-{}", response.id);
            while json.contains(&boundary) {
                boundary.push('x');
            }
            (format!("multipart/form-data; boundary={boundary}"), json)
        }
    }
}

/// The `multipart/form-data` body of a JSON payload: a part `payload`
/// (`application/json`) where each attached file's `data` is replaced by `part`, the
/// name of the part that carries its bytes (`answers.<question id>.<n>`, with its
/// file name and type). `None` if the payload is not one.
pub fn multipart(json: &str, boundary: &str) -> Option<Vec<u8>> {
    let mut payload = super::json::parse(json).ok()?;
    let mut files = Vec::new();
    if let Some(Value::Object(answers)) = payload_answers(&mut payload) {
        for (id, answer) in answers.iter_mut() {
            let Value::Array(items) = answer else { continue };
            for (i, item) in items.iter_mut().enumerate() {
                let Value::Object(members) = item else { continue };
                let Some(pos) = members.iter().position(|(k, _)| k == "data") else { continue };
                let data = members.remove(pos).1;
                let part = format!("answers.{id}.{i}");
                let field = |k: &str| members.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.as_str()).unwrap_or_default().to_owned();
                files.push((part.clone(), field("name"), field("type"), unbase64(data.as_str()?)?));
                members.push(("part".to_owned(), Value::from(part)));
            }
        }
    }
    let mut out = Vec::new();
    let head = |out: &mut Vec<u8>, name: &str, file: Option<&str>, mime: &str| {
        out.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"", quote(name)).as_bytes());
        if let Some(f) = file {
            out.extend_from_slice(format!("; filename=\"{}\"", quote(f)).as_bytes());
        }
        out.extend_from_slice(format!("\r\nContent-Type: {mime}\r\n\r\n").as_bytes());
    };
    head(&mut out, "payload", None, "application/json");
    out.extend_from_slice(payload.to_json().as_bytes());
    for (part, name, mime, bytes) in &files {
        out.extend_from_slice(b"\r\n");
        let mime = if mime.is_empty() || mime.contains(['\r', '\n']) { "application/octet-stream" } else { mime };
        head(&mut out, part, Some(name), mime);
        out.extend_from_slice(bytes);
    }
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Some(out)
}

fn payload_answers(payload: &mut Value) -> Option<&mut Value> {
    match payload {
        Value::Object(members) => members.iter_mut().find(|(k, _)| k == "answers").map(|(_, v)| v),
        _ => None,
    }
}

/// A name or file name inside a quoted header parameter, as browsers write it.
fn quote(s: &str) -> String {
    s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// The payload as flat key/value pairs: `meta.locale`, `answers.<id>`; a multiple
/// choice repeats its key once per picked id; a matrix has `answers.<id>.<row>`.
pub fn form_fields(r: &Response) -> Vec<(String, String)> {
    let mut fields = vec![
        ("id".to_owned(), r.id.clone()),
        ("form_id".to_owned(), r.form_id.clone()),
        ("form_version".to_owned(), r.form_version.to_string()),
        ("kind".to_owned(), r.kind.name().to_owned()),
    ];
    if let Some(code) = &r.reference {
        fields.push(("reference".to_owned(), code.clone()));
    }
    if let Some(c) = r.nps_category {
        fields.push(("nps_category".to_owned(), c.name().to_owned()));
    }
    for (k, v) in [
        ("meta.started_at", &r.meta.started_at),
        ("meta.submitted_at", &r.meta.submitted_at),
        ("meta.locale", &r.meta.locale),
        ("meta.page_url", &r.meta.page_url),
    ] {
        fields.push((k.to_owned(), v.clone()));
    }
    for (id, value) in r.hidden.iter() {
        fields.push((format!("hidden.{id}"), value.clone()));
    }
    for (id, answer) in r.answers.iter() {
        let key = format!("answers.{id}");
        match answer {
            Answer::Number(n) => fields.push((key, n.to_string())),
            Answer::Text(s) => fields.push((key, s.clone())),
            Answer::Choices(list) => fields.extend(list.iter().map(|c| (key.clone(), c.clone()))),
            Answer::Decimal(n) => fields.push((key, n.clone())),
            Answer::Bool(b) => fields.push((key, b.to_string())),
            Answer::Rows(rows) => fields.extend(rows.iter().map(|(row, col)| (format!("{key}.{row}"), col.clone()))),
            Answer::Files(files) => {
                for (i, f) in files.iter().enumerate() {
                    for (part, value) in [("name", f.name.clone()), ("type", f.mime.clone()), ("size", f.size.to_string()), ("data", f.data.clone())] {
                        fields.push((format!("{key}.{i}.{part}"), value));
                    }
                }
            }
        }
    }
    fields
}

/// `application/x-www-form-urlencoded` as the URL standard serialises it.
pub fn form_urlencode(fields: &[(String, String)]) -> String {
    fn push(out: &mut String, s: &str) {
        for b in s.bytes() {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
    }
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push(&mut out, k);
        out.push('=');
        push(&mut out, v);
    }
    out
}

/// A header name the page may set: an HTTP token, not one the widget or the browser owns
/// (the Fetch standard's forbidden request headers, which a browser silently drops, are
/// refused here so the site owner hears of it).
pub fn header_name_allowed(name: &str) -> bool {
    const RESERVED: [&str; 25] = [
        // The widget's own.
        "content-type", "idempotency-key",
        // The browser's (Fetch: forbidden request-headers).
        "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
        "access-control-request-private-network", "connection", "content-length", "cookie", "cookie2", "date", "dnt",
        "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding",
        "upgrade", "via",
        // Would change the request's method behind the browser's back.
        "x-http-method-override",
    ];
    let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let lower = name.to_ascii_lowercase();
    token
        && !RESERVED.contains(&lower.as_str())
        && !lower.starts_with("sec-")
        && !lower.starts_with("proxy-")
        && !matches!(lower.as_str(), "x-http-method" | "x-method-override")
}

/// What makes `value` a header value no browser will send, if anything: a line break or
/// NUL (which would end the header), or a character beyond Latin-1 (headers are bytes).
pub fn header_value_problem(value: &str) -> Option<&'static str> {
    if value.contains(['\r', '\n', '\0']) {
        Some("contains a line break or NUL character")
    } else if value.chars().any(|c| u32::from(c) > 0xFF) {
        Some("has characters beyond Latin-1 (a header carries bytes: percent-encode the value)")
    } else {
        None
    }
}
