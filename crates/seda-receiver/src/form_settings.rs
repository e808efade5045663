//! A form's abuse and privacy settings: the sites that may post its responses, and how
//! long its responses are kept. Read once from the admin API or the command line into
//! a checked [`FormSettings`].

use serde::{Deserialize, Serialize};

use crate::error::{AppError, PathProblem, Reason};

/// A form without settings takes responses from any site and keeps them forever.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSettings {
    /// The `Origin`s (`https://shop.example`) whose pages may post responses; `None`
    /// for any. An empty list lets no browser page post (server-side posts only).
    #[serde(default)]
    pub allowed_origins: Option<Vec<String>>,
    /// Responses older than this many days are deleted; `None` keeps them.
    #[serde(default)]
    pub retention_days: Option<i64>,
}

/// A century: longer is a typo.
const MAX_RETENTION_DAYS: i64 = 36_500;

impl FormSettings {
    /// Checks the settings and writes each origin as browsers send it (lowercase, no
    /// default port, no trailing slash); every problem with its path.
    pub fn checked(self) -> Result<FormSettings, AppError> {
        let mut problems = Vec::new();
        let allowed_origins = self.allowed_origins.map(|list| {
            let mut out = Vec::new();
            for (i, o) in list.iter().enumerate() {
                match normalise_origin(o) {
                    Ok(n) if !out.contains(&n) => out.push(n),
                    Ok(_) => {}
                    Err(message) => problems.push(PathProblem { path: format!("allowed_origins[{i}]"), message }),
                }
            }
            out
        });
        if let Some(days) = self.retention_days.filter(|d| !(1..=MAX_RETENTION_DAYS).contains(d)) {
            problems.push(PathProblem {
                path: "retention_days".into(),
                message: format!("{days} is not a number of days from 1 to {MAX_RETENTION_DAYS} (null keeps responses)"),
            });
        }
        if !problems.is_empty() {
            let detail = problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect::<Vec<_>>().join("; ");
            return Err(AppError::with_problems(Reason::BadQuery, detail, problems));
        }
        Ok(FormSettings { allowed_origins, retention_days: self.retention_days })
    }

    /// Whether a request with this `Origin` header may post a response. A request
    /// without one (not from a browser page) is not the browser's to refuse.
    pub fn allows(&self, origin: Option<&str>) -> bool {
        match (&self.allowed_origins, origin) {
            (None, _) | (Some(_), None) => true,
            (Some(list), Some(origin)) => normalise_origin(origin).is_ok_and(|o| list.contains(&o)),
        }
    }
}

/// `scheme://host[:port]` as a browser's `Origin` header writes it, or `null`.
fn normalise_origin(text: &str) -> Result<String, String> {
    let t = text.trim().trim_end_matches('/').to_ascii_lowercase();
    if t == "null" {
        return Ok(t);
    }
    let (scheme, rest) = t.split_once("://").ok_or_else(|| format!("{text:?} is not an origin such as https://shop.example"))?;
    if scheme != "https" && scheme != "http" {
        return Err(format!("{text:?}: an origin is http or https"));
    }
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ', '*']) {
        return Err(format!("{text:?}: an origin is a scheme and a host (and maybe a port), with no path or wildcard"));
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    Ok(format!("{scheme}://{}", rest.strip_suffix(default_port).unwrap_or(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_written_as_browsers_send_them() {
        for (given, expected) in [
            ("https://Shop.Example/", Ok("https://shop.example")),
            ("https://shop.example:443", Ok("https://shop.example")),
            ("http://localhost:8080", Ok("http://localhost:8080")),
            ("null", Ok("null")),
            ("shop.example", Err(())),
            ("ftp://shop.example", Err(())),
            ("https://shop.example/path", Err(())),
            ("https://*.shop.example", Err(())),
        ] {
            assert_eq!(normalise_origin(given).map_err(|_| ()), expected.map(str::to_owned), "{given}");
        }
    }

    #[test]
    fn allowed_origins() {
        let s = FormSettings { allowed_origins: Some(vec!["https://shop.example".into()]), retention_days: None }.checked().unwrap();
        assert!(s.allows(Some("https://shop.example")));
        assert!(s.allows(Some("https://SHOP.example:443")));
        assert!(!s.allows(Some("https://evil.example")));
        assert!(!s.allows(Some("null")));
        assert!(s.allows(None));
        assert!(FormSettings::default().allows(Some("https://evil.example")));
        let none = FormSettings { allowed_origins: Some(vec![]), retention_days: None };
        assert!(!none.allows(Some("https://shop.example")));
    }

    #[test]
    fn problems_name_their_paths() {
        let bad = FormSettings { allowed_origins: Some(vec!["https://ok.example".into(), "nope".into()]), retention_days: Some(0) };
        let Err(AppError::Rejected { problems, .. }) = bad.checked() else { panic!("accepted") };
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["allowed_origins[1]", "retention_days"]);
    }
}
