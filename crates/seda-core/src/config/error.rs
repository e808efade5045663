//! [`ConfigError`]: each malformed attribute of the tag, named, with what to write instead.

use super::*;

/// A malformed attribute, named in the message (which `seda:error` carries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Form(FormSourceError),
    InsecureEndpoint { url: String },
    BadEndpoint { url: String },
    EndpointCredentials { url: String },
    BadPort { url: String },
    EmptyTarget,
    TargetNotFound { selector: String },
    InlineNeedsTarget,
    TargetWithOverlay { mode: String },
    UnknownMode { value: String },
    BadDebug { value: String },
    BadLocale { locale: String },
    BadFormat { value: String },
    BadCredentials { value: String },
    BadTimeout { value: String },
    BadHeaders { problem: String },
    /// `data-endpoint-headers` with `data-endpoint-format="form"`.
    HeadersWithForm,
    BadRedirect { value: String },
    BadSample { value: String },
    BadRecontact { value: String },
    BadTrigger { value: String },
    BadThemeBrand { value: String },
    BadThemeRadius { value: String },
    BadThemeFont { value: String },
    BadTheme { value: String },
    BadOfferComplaint { value: String, problem: String },
    /// `data-status-endpoint` is wrong as an endpoint would be (the problem inside).
    BadStatusEndpoint(Box<ConfigError>),
    /// `template:complaint-status` without `data-status-endpoint` and without a
    /// `data-endpoint` ending in `/responses` (`endpoint`: whether there is one).
    NoStatusEndpoint { endpoint: bool },
}

impl From<FormSourceError> for ConfigError {
    fn from(error: FormSourceError) -> Self {
        ConfigError::Form(error)
    }
}

impl std::error::Error for ConfigError {}

// Written out rather than derived with thiserror: every message but the form's is
// `data-<attribute>="<value>"` (or without the value) and what to give, so one write
// path serves them all, where a derived Display formats each message on its own path.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ConfigError::*;
        // A status endpoint's problem is an endpoint's, told of its own attribute.
        let (error, status) = match self {
            BadStatusEndpoint(inner) => (&**inner, true),
            error => (error, false),
        };
        let (attribute, value, advice): (&str, Option<&str>, &str) = match error {
            Form(error) => return error.fmt(f),
            InsecureEndpoint { url } => ("endpoint", Some(url), ": an endpoint must use https: (http: only for localhost and 127.0.0.1)"),
            BadEndpoint { url } => ("endpoint", Some(url), ": not an absolute http(s) URL"),
            EndpointCredentials { url } => (
                "endpoint",
                Some(url),
                ": an endpoint URL must not carry a user name or password (browsers refuse to send to it); use data-endpoint-headers for a public key",
            ),
            BadPort { url } => ("endpoint", Some(url), ": the port must be a number from 1 to 65535"),
            EmptyTarget => ("target", None, " is empty: give a CSS selector such as \"#feedback\", or leave the attribute out for the corner card"),
            TargetNotFound { selector } => ("target", Some(selector), ": no element on the page matches it"),
            InlineNeedsTarget => ("mode", Some("inline"), " needs data-target: a CSS selector of the element to draw the form in"),
            TargetWithOverlay { mode } => ("mode", Some(mode), " draws the form over the page: leave out data-target, or use data-mode=\"inline\""),
            UnknownMode { value } => ("mode", Some(value), ": use \"inline\" (with data-target), \"slide-in\", \"popup\", \"page\" or \"launcher\""),
            BadDebug { value } => ("debug", Some(value), ": use \"true\" (show setup errors on the page) or \"false\" (only log them)"),
            BadLocale { locale } => ("locale", Some(locale), ": not a locale such as \"en\" or \"fa\""),
            BadFormat { value } => ("endpoint-format", Some(value), ": use \"json\" (the default), \"form\" or \"multipart\""),
            BadCredentials { value } => ("endpoint-credentials", Some(value), ": use \"omit\" (the default) or \"include\""),
            BadTimeout { value } => ("endpoint-timeout", Some(value), ": give the seconds one attempt may take, 1 to 120"),
            BadHeaders { problem } => ("endpoint-headers", None, problem),
            HeadersWithForm => (
                "endpoint-headers",
                None,
                " cannot be used with data-endpoint-format=\"form\": a header would make the browser send a preflight, which form back-ends do not answer",
            ),
            BadRedirect { value } => (
                "endpoint-redirect",
                Some(value),
                ": use \"error\" (the default) or \"follow\"",
            ),
            BadSample { value } => ("sample", Some(value), ": give the percentage of visitors who see the form, from 0 to 100, such as \"25\" or \"25%\""),
            BadRecontact { value } => (
                "recontact",
                Some(value),
                ": give the days before the form is offered again to a visitor who answered or closed it, such as \"30\" or \"30d\", or \"never\"",
            ),
            BadTrigger { value } => ("trigger", Some(value), ": use load, delay:5s, scroll:50%, exit or manual"),
            BadThemeBrand { value } => ("theme-brand", Some(value), ": give a colour such as \"#4338ca\""),
            BadThemeRadius { value } => ("theme-radius", Some(value), ": give pixels from 0 to "),
            BadThemeFont { value } => ("theme-font", Some(value), ": give a font-family list such as \"Georgia, serif\""),
            BadTheme { value } => ("theme", Some(value), ": use light, dark or auto"),
            BadOfferComplaint { value, problem } => ("offer-complaint", Some(value), problem),
            BadStatusEndpoint(_) => ("status-endpoint", None, ""),
            NoStatusEndpoint { endpoint: false } => (
                "status-endpoint",
                None,
                " is missing: template:complaint-status looks complaints up there, or, without it, at data-endpoint with its last path segment \"responses\" replaced by \"complaint-status\"",
            ),
            NoStatusEndpoint { endpoint: true } => (
                "status-endpoint",
                None,
                " is missing: template:complaint-status looks complaints up there, and data-endpoint does not end in /responses to find it from",
            ),
        };
        let attribute = if status { "status-endpoint" } else { attribute };
        f.write_str("data-")?;
        f.write_str(attribute)?;
        if let Some(value) = value {
            f.write_str("=\"")?;
            f.write_str(value)?;
            f.write_str("\"")?;
        }
        // The two whose advice is another problem's message.
        if let BadHeaders { .. } | BadOfferComplaint { .. } = error {
            f.write_str(": ")?;
        }
        f.write_str(advice)?;
        if let BadThemeRadius { .. } = error {
            fmt::Display::fmt(&theme::MAX_RADIUS, f)?;
        }
        Ok(())
    }
}
