//! Addresses: the endpoint a tag names (where a browser will send), the page's address
//! as a response carries it, its query parameters, and whether the page is one the site
//! owner develops on.

use crate::pairs::Pairs;

use super::ConfigError;

/// The page's address as a response carries it (`meta.page_url`): without the fragment,
/// and without the query but for the parameters named in `keep` (`data-page-params`),
/// in the page's order. Query strings and fragments carry tokens (`?reset_token=`,
/// `#access_token=`) that an endpoint has no business receiving.
pub fn payload_page_url(url: &str, keep: &[String]) -> String {
    let url = url.split('#').next().unwrap_or_default();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|part| {
            let name = part.split('=').next().unwrap_or_default();
            !part.is_empty() && keep.iter().any(|kept| percent_decode(name) == *kept)
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// `?a=1&b=x+y` (with or without the `?`) as decoded pairs; the first of a repeated name wins.
pub fn query_params(query: &str) -> Pairs<String> {
    let mut out = Pairs::new();
    for part in query.trim_start_matches('?').split('&').filter(|part| !part.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = percent_decode(name);
        if !out.contains_key(&name) {
            out.insert(name, percent_decode(value));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |byte: u8| (byte as char).to_digit(16);
        match bytes[at] {
            b'+' => out.push(b' '),
            b'%' if at + 2 < bytes.len() => match (hex(bytes[at + 1]), hex(bytes[at + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    at += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Accepts `https:` anywhere and `http:` only on this machine (for development), and
/// only a URL a browser will send to: no user name or password, a port from 1 to 65535.
pub fn check_endpoint(url: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::BadEndpoint { url: url.to_owned() };
    if url.chars().any(|character| character.is_control() || character == ' ') {
        return Err(bad());
    }
    let parts = url_parts(url).ok_or_else(bad)?;
    if parts.host.is_empty() {
        return Err(bad());
    }
    if parts.userinfo {
        return Err(ConfigError::EndpointCredentials { url: url.to_owned() });
    }
    if let Some(port) = parts.port {
        if !(1..=5).contains(&port.len()) || !port.bytes().all(|byte| byte.is_ascii_digit()) || !(1..=65535).contains(&port.parse::<u32>().unwrap_or(0)) {
            return Err(ConfigError::BadPort { url: url.to_owned() });
        }
    }
    match parts.scheme.as_str() {
        "https" => Ok(url.to_owned()),
        "http" if matches!(parts.host.as_str(), "localhost" | "127.0.0.1" | "[::1]") => Ok(url.to_owned()),
        "http" => Err(ConfigError::InsecureEndpoint { url: url.to_owned() }),
        _ => Err(bad()),
    }
}

/// The parts of an absolute URL's authority that decide where it may be sent.
struct UrlParts {
    /// Lower-cased.
    scheme: String,
    /// Lower-cased; an IPv6 address with its brackets.
    host: String,
    /// What follows the host's `:`, as written (`Some("")` for a bare colon).
    port: Option<String>,
    /// Whether a `user:password@` comes before the host.
    userinfo: bool,
}

fn url_parts(url: &str) -> Option<UrlParts> {
    let lower = url.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://")?;
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((_, h)) => (true, h),
        None => (false, authority),
    };
    let (host, port) = if host_port.starts_with('[') {
        // An IPv6 address: hex digits, colons and dots in brackets, then a port or nothing.
        let end = host_port.find(']')? + 1;
        let (host, after) = host_port.split_at(end);
        if !host[1..end - 1].bytes().all(|byte| byte.is_ascii_hexdigit() || byte == b':' || byte == b'.') || !(after.is_empty() || after.starts_with(':')) {
            return None;
        }
        (host, after.strip_prefix(':'))
    } else {
        let (host, port) = match host_port.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        };
        // The URL standard's forbidden host code points.
        if host.contains(|c: char| c.is_control() || " #%/:<>?@[\\]^|".contains(c)) {
            return None;
        }
        (host, port)
    };
    Some(UrlParts { scheme: scheme.to_owned(), host: host.to_owned(), port: port.map(str::to_owned), userinfo })
}

/// The scheme and host of an absolute URL, lower-cased (`None` without `://`).
fn scheme_and_host(url: &str) -> Option<(String, String)> {
    url_parts(url).map(|parts| (parts.scheme, parts.host))
}

/// Whether setup errors are drawn on the page for the site owner, or only logged
/// (console and `seda:error`) so visitors never see them. `data-debug="true"` or
/// `"false"` (`debug`) decides; without it they are drawn on a development page: a `file:`
/// page, localhost, `*.localhost`, 127.0.0.1 or [::1], or any page whose URL
/// contains `seda-debug` (`?seda-debug`, `#seda-debug`).
pub fn shows_errors(debug: Option<bool>, page_url: &str) -> bool {
    match debug {
        Some(drawn) => drawn,
        None => {
            let development = scheme_and_host(page_url).is_some_and(|(scheme, host)| {
                scheme == "file" || matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost")
            });
            development || page_url.contains("seda-debug")
        }
    }
}
