//! The embed configuration: what the `data-*` attributes of the script tag say,
//! checked before anything is drawn.

use thiserror::Error;

use super::locale::valid_locale;
use super::endpoint::{header_name_allowed, header_value_problem, Credentials, Endpoint, Format, DEFAULT_TIMEOUT_MS};
use super::names::Named;
use super::json;
use super::form::Form;
use super::form_source::{FormSource, FormSourceError};
use super::pairs::Pairs;

/// The checked embed configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    pub form: FormSource,
    /// `data-endpoint` and its options; `None` keeps responses in the browser's local inbox.
    pub endpoint: Option<Endpoint>,
    /// `data-mode` with `data-target`: where the form is drawn.
    pub mode: Mode,
    /// `data-locale`: overrides the page's language.
    pub locale: Option<String>,
    /// `data-page-params`: the query parameters `meta.page_url` keeps (none by default).
    pub page_params: Vec<String>,
}

/// Where the form is drawn (`data-mode`; without it, `data-target` decides).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `inline`: inside the element the CSS selector `target` (`data-target`) matches.
    Inline { target: String },
    /// `slide-in`: a card in the bottom corner (a bottom sheet on phones), shown on load.
    SlideIn,
    /// `popup`: a modal dialog over the page, which stays behind a dimmed backdrop.
    Popup,
    /// `page`: the whole viewport, for a link sent by email or SMS.
    Page,
    /// `launcher`: a "Feedback" button in the corner that opens the corner card.
    Launcher,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error(transparent)]
    Form(#[from] FormSourceError),
    #[error("data-endpoint=\"{url}\": an endpoint must use https: (http: only for localhost and 127.0.0.1)")]
    InsecureEndpoint { url: String },
    #[error("data-endpoint=\"{url}\": not an absolute http(s) URL")]
    BadEndpoint { url: String },
    #[error("data-endpoint=\"{url}\": an endpoint URL must not carry a user name or password (browsers refuse to send to it); use data-endpoint-headers for a public key")]
    EndpointCredentials { url: String },
    #[error("data-endpoint=\"{url}\": the port must be a number from 1 to 65535")]
    BadPort { url: String },
    #[error("data-target is empty: give a CSS selector such as \"#feedback\", or leave the attribute out for the corner card")]
    EmptyTarget,
    #[error("data-target=\"{selector}\": no element on the page matches it")]
    TargetNotFound { selector: String },
    #[error("data-mode=\"inline\" needs data-target: a CSS selector of the element to draw the form in")]
    InlineNeedsTarget,
    #[error("data-mode=\"{mode}\" draws the form over the page: leave out data-target, or use data-mode=\"inline\"")]
    TargetWithOverlay { mode: String },
    #[error("data-mode=\"{value}\": use \"inline\" (with data-target), \"slide-in\", \"popup\", \"page\" or \"launcher\"")]
    UnknownMode { value: String },
    #[error("data-debug=\"{value}\": use \"true\" (show setup errors on the page) or \"false\" (only log them)")]
    BadDebug { value: String },
    #[error("data-locale=\"{locale}\": not a locale such as \"en\" or \"fa\"")]
    BadLocale { locale: String },
    #[error("data-endpoint-format=\"{value}\": use \"json\" (the default), \"form\" or \"multipart\"")]
    BadFormat { value: String },
    #[error("data-endpoint-credentials=\"{value}\": use \"omit\" (the default) or \"include\"")]
    BadCredentials { value: String },
    #[error("data-endpoint-timeout=\"{value}\": give the seconds one attempt may take, 1 to 120")]
    BadTimeout { value: String },
    #[error("data-endpoint-headers: {problem}")]
    BadHeaders { problem: String },
    #[error("data-sample=\"{value}\": give the percentage of visitors who see the form, from 0 to 100, such as \"25\" or \"25%\"")]
    BadSample { value: String },
    #[error("data-recontact=\"{value}\": give the days before the form is offered again to a visitor who answered or closed it, such as \"30\" or \"30d\", or \"never\"")]
    BadRecontact { value: String },
}

impl EmbedConfig {
    /// Reads the script tag's dataset (keys as the DOM gives them: `form`,
    /// `endpoint`, `target`, `mode`, `locale`, `debug`, `endpointFormat`...). `endpoint` must already be resolved
    /// against the page into an absolute URL.
    pub fn from_dataset(data: &Pairs<String>) -> Result<Self, ConfigError> {
        let get = |k: &str| data.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let form = FormSource::parse(get("form").unwrap_or_default())?;
        let endpoint = match get("endpoint") {
            None => None,
            Some(url) => Some(endpoint_options(check_endpoint(url)?, &get)?),
        };
        let target = match data.get("target") {
            Some(t) if t.trim().is_empty() => return Err(ConfigError::EmptyTarget),
            Some(t) => Some(t.trim().to_owned()),
            None => None,
        };
        let mode = match (data.get("mode").map(|m| m.trim()), target) {
            (None | Some("inline"), Some(target)) => Mode::Inline { target },
            (Some("inline"), None) => return Err(ConfigError::InlineNeedsTarget),
            (None | Some("slide-in"), None) => Mode::SlideIn,
            (Some("popup"), None) => Mode::Popup,
            (Some("page"), None) => Mode::Page,
            (Some("launcher"), None) => Mode::Launcher,
            (Some(m @ ("slide-in" | "popup" | "page" | "launcher")), Some(_)) => return Err(ConfigError::TargetWithOverlay { mode: m.to_owned() }),
            (Some(other), _) => return Err(ConfigError::UnknownMode { value: other.to_owned() }),
        };
        let locale = match get("locale") {
            Some(l) if !valid_locale(l) => return Err(ConfigError::BadLocale { locale: l.to_owned() }),
            l => l.map(str::to_owned),
        };
        if let Some(value) = data.get("debug").filter(|v| !matches!(v.trim(), "true" | "false")) {
            return Err(ConfigError::BadDebug { value: value.clone() });
        }
        if let Some(value) = data.get("sample").filter(|v| sample_percent(v).is_none()) {
            return Err(ConfigError::BadSample { value: value.clone() });
        }
        if let Some(value) = data.get("recontact").filter(|v| recontact_days(v).is_none()) {
            return Err(ConfigError::BadRecontact { value: value.clone() });
        }
        let page_params = get("pageParams")
            .map(|list| list.split(',').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default();
        Ok(EmbedConfig { form, endpoint, mode, locale, page_params })
    }
}

fn endpoint_options<'a>(url: String, get: &impl Fn(&str) -> Option<&'a str>) -> Result<Endpoint, ConfigError> {
    let format = match get("endpointFormat") {
        None => Format::Json,
        Some(v) => Format::from_name(v).ok_or_else(|| ConfigError::BadFormat { value: v.to_owned() })?,
    };
    let credentials = match get("endpointCredentials") {
        None => Credentials::Omit,
        Some(v) => Credentials::from_name(v).ok_or_else(|| ConfigError::BadCredentials { value: v.to_owned() })?,
    };
    let timeout_ms = match get("endpointTimeout") {
        None => DEFAULT_TIMEOUT_MS,
        Some(v) => match v.parse::<u64>() {
            Ok(secs @ 1..=120) => secs * 1000,
            _ => return Err(ConfigError::BadTimeout { value: v.to_owned() }),
        },
    };
    let headers = match get("endpointHeaders") {
        None => Default::default(),
        Some(json) => {
            let bad = |problem: String| ConfigError::BadHeaders { problem };
            let map = string_map(json)
                .map_err(|e| bad(format!("expected a JSON object of header names to strings ({e})")))?;
            if let Some(name) = map.keys().find(|n| !header_name_allowed(n)) {
                return Err(bad(format!("\"{name}\" is not a header a page may set")));
            }
            if let Some((name, problem)) = map.iter().find_map(|(n, v)| Some((n, header_value_problem(v)?))) {
                return Err(bad(format!("the value of \"{name}\" {problem}")));
            }
            map
        }
    };
    Ok(Endpoint { url, format, headers, credentials, timeout_ms })
}

/// `data-sample`: a percentage from 0 to 100, with or without `%` (`25`, `12.5%`), in
/// hundredths of a percent (`1250`). Read without floating point, whose parser would
/// cost the widget more than all of this file.
pub fn sample_percent(value: &str) -> Option<u32> {
    let trimmed = value.trim();
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |s: &str, most: usize| (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole, 3) || !digits(fraction, 20) {
        return None;
    }
    let hundredths = fraction.bytes().chain(std::iter::repeat(b'0')).take(2).fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    let total = whole.parse::<u32>().ok()? * 100 + hundredths;
    let beyond = fraction.bytes().skip(2).any(|b| b != b'0');
    (total < 10_000 || (total == 10_000 && !beyond)).then_some(total)
}

/// `data-recontact`: whole days (`30`, `30d`), or `never` (`u32::MAX`).
pub fn recontact_days(value: &str) -> Option<u32> {
    let value = value.trim();
    if value == "never" {
        return Some(u32::MAX);
    }
    let number = value.strip_suffix('d').unwrap_or(value).trim_end();
    if !(1..=5).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// Why a text is not a JSON object of strings.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StringMapError {
    #[error("{0}")]
    Syntax(String),
    #[error("found {0}")]
    NotAnObject(&'static str),
    #[error("\"{key}\" is {kind}, not a string")]
    NotAString { key: String, kind: &'static str },
}

/// A JSON object whose values are all strings, such as the script tag's dataset.
pub fn string_map(text: &str) -> Result<Pairs<String>, StringMapError> {
    let doc = json::parse(text).map_err(|e| StringMapError::Syntax(e.to_string()))?;
    let members = doc.as_object().ok_or_else(|| StringMapError::NotAnObject(doc.kind()))?;
    members
        .iter()
        .map(|(k, v)| match v.as_str() {
            Some(s) => Ok((k.clone(), s.to_owned())),
            None => Err(StringMapError::NotAString { key: k.clone(), kind: v.kind() }),
        })
        .collect()
}

/// The longest value a hidden field keeps.
pub const MAX_HIDDEN_CHARS: usize = 500;

/// The hidden fields' values: from `data-hidden-<id>` attributes (given in the
/// dataset as `hiddenOrderId` for `data-hidden-order-id`), else from the URL query
/// parameter the form names. Only fields the form declares are kept.
pub fn hidden_values(form: &Form, dataset: &Pairs<String>, query: &str) -> Pairs<String> {
    let from_tag: Pairs<String> = dataset
        .iter()
        .filter_map(|(k, v)| {
            let rest = k.strip_prefix("hidden").filter(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))?;
            // The DOM's camelCase back to the attribute's dashes: OrderId -> order-id.
            let mut id = String::new();
            for (i, c) in rest.chars().enumerate() {
                if c.is_ascii_uppercase() {
                    if i > 0 {
                        id.push('-');
                    }
                    id.push(c.to_ascii_lowercase());
                } else {
                    id.push(c);
                }
            }
            Some((id, v.clone()))
        })
        .collect();
    let params = query_params(query);
    form.hidden
        .iter()
        .filter_map(|h| {
            let value = from_tag.get(&h.id).or_else(|| params.get(h.url_param.as_deref()?))?;
            Some((h.id.as_str(), value.chars().filter(|c| !c.is_control()).take(MAX_HIDDEN_CHARS).collect()))
        })
        .collect()
}

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
            !part.is_empty() && keep.iter().any(|k| percent_decode(name) == *k)
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
    for part in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let k = percent_decode(k);
        if !out.contains_key(&k) {
            out.insert(k, percent_decode(v));
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Accepts `https:` anywhere and `http:` only on this machine (for development), and
/// only a URL a browser will send to: no user name or password, a port from 1 to 65535.
pub fn check_endpoint(url: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::BadEndpoint { url: url.to_owned() };
    if url.chars().any(|c| c.is_control() || c == ' ') {
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
        if !(1..=5).contains(&port.len()) || !port.bytes().all(|b| b.is_ascii_digit()) || !(1..=65535).contains(&port.parse::<u32>().unwrap_or(0)) {
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
        if !host[1..end - 1].bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') || !(after.is_empty() || after.starts_with(':')) {
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
    url_parts(url).map(|p| (p.scheme, p.host))
}

/// Whether setup errors are drawn on the page for the site owner, or only logged
/// (console and `seda:error`) so visitors never see them. `data-debug="true"` or
/// `"false"` decides; without it they are drawn on a development page: a `file:`
/// page, localhost, `*.localhost`, 127.0.0.1 or [::1], or any page whose URL
/// contains `seda-debug` (`?seda-debug`, `#seda-debug`).
pub fn shows_errors(debug: Option<&str>, page_url: &str) -> bool {
    match debug.map(str::trim) {
        Some("true") => true,
        Some("false") => false,
        _ => {
            let development = scheme_and_host(page_url).is_some_and(|(scheme, host)| {
                scheme == "file" || matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost")
            });
            development || page_url.contains("seda-debug")
        }
    }
}

/// The locale to show: `data-locale`, else the page's `<html lang>`, else the
/// browser's, else the form's own. A candidate counts only if it is a valid locale
/// that the form `speaks` (has strings for); otherwise the next one is tried.
pub fn pick_locale<'a>(
    candidates: impl IntoIterator<Item = Option<&'a str>>,
    speaks: impl Fn(&str) -> bool,
    form_default: &str,
) -> String {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|l| valid_locale(l) && speaks(l))
        .unwrap_or(form_default)
        .to_owned()
}
