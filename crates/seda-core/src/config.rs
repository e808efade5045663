//! The embed configuration: what the `data-*` attributes of the script tag say, read
//! once, here, into one typed [`EmbedConfig`] and checked before anything is drawn. Every
//! malformed value is a named [`ConfigError`]. The widget's code past its entry point
//! reads this value, never the attributes; seda.js, which acts on the trigger and the
//! targeting before the widget is downloaded, reads those by the same rules
//! ([`targeting`]).

mod address;
mod error;
pub mod targeting;

use std::fmt;

use thiserror::Error;

use super::endpoint::{header_name_allowed, header_value_problem, Credentials, Endpoint, Format, Redirect, DEFAULT_TIMEOUT_MS};
use super::form::Form;
use super::form_source::{FormSource, FormSourceError};
use super::json;
use super::locale::valid_locale;
use super::names::Named;
use super::pairs::Pairs;
use super::status;
use super::theme::{self, Scheme, ThemeOverrides};

pub use address::{check_endpoint, payload_page_url, query_params, shows_errors};
pub use error::ConfigError;
pub use targeting::{recontact_days, sample_percent, Targeting, Trigger};

/// The checked embed configuration: every attribute of the tag, typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    /// `data-form` as written (trimmed): seda.js keys the visitor's memory of the form
    /// (`seda:seen:<this>`) and the copy of its first screen by it.
    pub form_attribute: String,
    /// `data-form`, read.
    pub form: FormSource,
    /// `data-endpoint` and its options; `None` keeps responses in the browser's local inbox.
    pub endpoint: Option<Endpoint>,
    /// Where `template:complaint-status` looks a case up: `data-status-endpoint`, else
    /// `data-endpoint` with its last path segment `responses` replaced by
    /// `complaint-status` ([`status::default_endpoint`]). Always there for that form (a
    /// tag with neither is refused); for another form, only when the tag gives it.
    pub status_endpoint: Option<String>,
    /// `data-mode` with `data-target`: where the form is drawn.
    pub mode: Mode,
    /// `data-locale`: overrides the page's language.
    pub locale: Option<String>,
    /// `data-page-params`: the query parameters `meta.page_url` keeps (none by default).
    pub page_params: Vec<String>,
    /// `data-debug`: `Some(true)` draws setup errors on the page, `Some(false)` never;
    /// `None` leaves it to the page ([`shows_errors`]).
    pub debug: Option<bool>,
    /// `data-theme-brand`, `data-theme-radius`, `data-theme-font` and `data-theme`,
    /// over the form's own theme.
    pub theme: ThemeOverrides,
    /// `data-hidden-<id>`: hidden fields' values by id (`data-hidden-order-id` gives
    /// `order-id`); the form keeps those it declares ([`hidden_values`]).
    pub hidden: Pairs<String>,
    /// `data-offer-complaint`: the complaint form (a `data-form` value) a survey offers.
    pub offer_complaint: Option<String>,
    /// `data-trigger` (seda.js acts on it).
    pub trigger: Trigger,
    /// `data-include`, `data-exclude`, `data-sample` and `data-recontact` (seda.js acts on them).
    pub targeting: Targeting,
    /// Focus moves into the form once shown: it was opened from another form's button
    /// (the `focus` key, which only the widget sets when it hands a form over).
    pub focus: bool,
    /// The dataset this was read from, kept unread for the hand-over.
    pub dataset: Dataset,
}

/// The tag's dataset as [`EmbedConfig::from_dataset`] read it, kept for one use: a lean
/// build hands a form it cannot show to the full bundle (through seda.js) as this (or as
/// [`Dataset::offered`] makes it), and the full bundle reads it itself. Nothing reads it
/// past the entry point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset(Pairs<String>);

impl Dataset {
    /// The attributes, by their dataset names, to hand over.
    pub fn as_pairs(&self) -> &Pairs<String> {
        &self.0
    }
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

impl Mode {
    /// The names of the modes drawn over the page, as `data-mode` spells them.
    const OVERLAYS: [(&'static str, Mode); 4] = [("slide-in", Mode::SlideIn), ("popup", Mode::Popup), ("page", Mode::Page), ("launcher", Mode::Launcher)];
}

impl EmbedConfig {
    /// Reads the script tag's dataset (keys as the DOM gives them: `form`, `endpoint`,
    /// `target`, `mode`, `locale`, `debug`, `endpointFormat`, `hiddenOrderId`...): the
    /// one place the tag's attributes are read. `endpoint` must already be resolved
    /// against the page into an absolute URL. Keys it does not know are left alone.
    pub fn from_dataset(data: &Pairs<String>) -> Result<Self, ConfigError> {
        // A blank attribute is one left out.
        let get = |key: &str| data.get(key).map(|value| value.trim()).filter(|value| !value.is_empty());
        let form_attribute = get("form").unwrap_or_default().to_owned();
        let form = FormSource::parse(&form_attribute)?;
        let endpoint = match get("endpoint") {
            None => None,
            Some(url) => Some(endpoint_options(check_endpoint(url)?, &get)?),
        };
        let status_endpoint = match get("statusEndpoint") {
            Some(url) => Some(check_endpoint(url).map_err(|problem| ConfigError::BadStatusEndpoint(Box::new(problem)))?),
            None if form == FormSource::StatusLookup => match &endpoint {
                Some(endpoint) => Some(status::default_endpoint(&endpoint.url).ok_or(ConfigError::NoStatusEndpoint { endpoint: true })?),
                None => return Err(ConfigError::NoStatusEndpoint { endpoint: false }),
            },
            None => None,
        };
        let target = match data.get("target") {
            Some(target) if target.trim().is_empty() => return Err(ConfigError::EmptyTarget),
            Some(target) => Some(target.trim().to_owned()),
            None => None,
        };
        let mode_name = data.get("mode").map(|mode| mode.trim());
        let overlay = Mode::OVERLAYS.iter().find(|(name, _)| Some(*name) == mode_name).map(|(_, mode)| mode.clone());
        let mode = match (mode_name, target, overlay) {
            (None | Some("inline"), Some(target), _) => Mode::Inline { target },
            (Some("inline"), None, _) => return Err(ConfigError::InlineNeedsTarget),
            (None, None, _) => Mode::SlideIn,
            (Some(_), None, Some(overlay)) => overlay,
            (Some(name), Some(_), Some(_)) => return Err(ConfigError::TargetWithOverlay { mode: name.to_owned() }),
            (Some(other), _, None) => return Err(ConfigError::UnknownMode { value: other.to_owned() }),
        };
        let locale = match get("locale") {
            Some(locale) if !valid_locale(locale) => return Err(ConfigError::BadLocale { locale: locale.to_owned() }),
            locale => locale.map(str::to_owned),
        };
        let debug = parse_debug(data.get("debug").map(String::as_str))?;
        let page_params = get("pageParams").map(targeting::patterns).unwrap_or_default();
        let offer_complaint = match get("offerComplaint") {
            Some(value) => match FormSource::parse_offered(value) {
                Ok(_) => Some(value.to_owned()),
                Err(problem) => return Err(ConfigError::BadOfferComplaint { value: value.to_owned(), problem: problem.to_string() }),
            },
            None => None,
        };
        let trigger = match get("trigger") {
            Some(value) => targeting::trigger(value).ok_or_else(|| ConfigError::BadTrigger { value: value.to_owned() })?,
            None => Trigger::Load,
        };
        let sample = data.get("sample").map(|value| sample_percent(value).ok_or_else(|| ConfigError::BadSample { value: value.clone() })).transpose()?;
        let recontact_days = data.get("recontact").map(|value| recontact_days(value).ok_or_else(|| ConfigError::BadRecontact { value: value.clone() })).transpose()?;
        let targeting = Targeting {
            include: get("include").map(targeting::patterns).unwrap_or_default(),
            exclude: get("exclude").map(targeting::patterns).unwrap_or_default(),
            sample,
            recontact_days,
        };
        Ok(EmbedConfig {
            form_attribute,
            form,
            endpoint,
            status_endpoint,
            mode,
            locale,
            page_params,
            debug,
            theme: theme_overrides(&get)?,
            hidden: hidden_attributes(data),
            offer_complaint,
            trigger,
            targeting,
            focus: data.get("focus").is_some(),
            dataset: Dataset(data.clone()),
        })
    }

    /// Where seda.js keeps when this visitor last answered or closed the form
    /// (`data-recontact`): keyed by the tag's `data-form`, which it knows before it loads anything.
    pub fn seen_key(&self) -> String {
        format!("seda:seen:{}", self.form_attribute)
    }

    /// This tag's configuration for another form opened in the form's place (a survey's
    /// complaint offer): `form` (a `data-form` value) with the tag's hidden values and
    /// `carried` over them (the survey's score, page and response id), shown at once with
    /// focus in it; the launcher was opened already, so in the corner. Its `dataset` is
    /// still the tag's: [`Dataset::offered`] makes the one to hand over.
    pub fn for_offer(self, form: &str, carried: Pairs<String>) -> Result<Self, ConfigError> {
        let mut next = self;
        next.form = FormSource::parse_offered(form)?;
        next.form_attribute = form.trim().to_owned();
        for (id, value) in carried.iter() {
            next.hidden.insert(id, value.clone());
        }
        next.offer_complaint = None;
        next.trigger = Trigger::Load;
        next.focus = true;
        if next.mode == Mode::Launcher {
            next.mode = Mode::SlideIn;
        }
        Ok(next)
    }
}

impl Dataset {
    /// The dataset of `offer`, a configuration [`EmbedConfig::for_offer`] made from the
    /// one read from this: it reads back as `offer` (but for its `dataset`). Only a lean
    /// build, which hands the offered form to the full bundle, needs it.
    pub fn offered(&self, offer: &EmbedConfig) -> Dataset {
        let mut data = self.0.clone();
        data.retain(|key, _| !key.starts_with("hidden") && key != "trigger" && key != "offerComplaint");
        data.insert("form", offer.form_attribute.clone());
        data.insert("focus", "true".to_owned());
        for (id, value) in offer.hidden.iter() {
            data.insert(hidden_key(id), value.clone());
        }
        if offer.mode == Mode::SlideIn {
            // Was the launcher, perhaps: opened already.
            data.insert("mode", "slide-in".to_owned());
        }
        Dataset(data)
    }
}

/// `data-debug`: `true`, `false`, or left out (`None`).
pub fn parse_debug(value: Option<&str>) -> Result<Option<bool>, ConfigError> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(ConfigError::BadDebug { value: value.unwrap_or_default().to_owned() }),
    }
}

/// `data-theme-brand`, `data-theme-radius` (`8` or `8px`), `data-theme-font`, `data-theme`.
fn theme_overrides<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Result<ThemeOverrides, ConfigError> {
    let brand = match get("themeBrand") {
        Some(value) => Some(theme::parse_color(value).ok_or_else(|| ConfigError::BadThemeBrand { value: value.to_owned() })?),
        None => None,
    };
    let radius = match get("themeRadius") {
        Some(value) => {
            let radius = value.trim_end_matches("px").parse::<i64>().ok().and_then(theme::check_radius);
            Some(radius.ok_or_else(|| ConfigError::BadThemeRadius { value: value.to_owned() })?)
        }
        None => None,
    };
    let font = match get("themeFont") {
        Some(value) if theme::valid_font(value) => Some(value.to_owned()),
        Some(value) => return Err(ConfigError::BadThemeFont { value: value.to_owned() }),
        None => None,
    };
    let scheme = match get("theme") {
        Some(value) => Some(Scheme::from_name(value).ok_or_else(|| ConfigError::BadTheme { value: value.to_owned() })?),
        None => None,
    };
    Ok(ThemeOverrides { brand, radius, font, scheme })
}

/// The `data-hidden-<id>` attributes, by id: the DOM's camelCase back to the
/// attribute's dashes (`hiddenOrderId` is `order-id`).
fn hidden_attributes(data: &Pairs<String>) -> Pairs<String> {
    data.iter()
        .filter_map(|(key, value)| {
            let rest = key.strip_prefix("hidden").filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))?;
            let mut id = String::new();
            for (at, character) in rest.chars().enumerate() {
                if character.is_ascii_uppercase() {
                    if at > 0 {
                        id.push('-');
                    }
                    id.push(character.to_ascii_lowercase());
                } else {
                    id.push(character);
                }
            }
            Some((id, value.clone()))
        })
        .collect()
}

/// The dataset key of hidden field `id`, as the DOM spells `data-hidden-<id>`
/// (`order-id` is `hiddenOrderId`).
fn hidden_key(id: &str) -> String {
    // The DOM's rule: a dash before a lower-case ASCII letter goes, the letter is upper-cased.
    let attribute = format!("hidden-{id}");
    let mut key = String::new();
    let mut characters = attribute.chars().peekable();
    while let Some(character) = characters.next() {
        match characters.peek() {
            Some(next) if character == '-' && next.is_ascii_lowercase() => {
                key.push(next.to_ascii_uppercase());
                characters.next();
            }
            _ => key.push(character),
        }
    }
    key
}

/// `data-endpoint-*`: how responses are sent to `url`.
fn endpoint_options<'a>(url: String, get: &impl Fn(&str) -> Option<&'a str>) -> Result<Endpoint, ConfigError> {
    let format = match get("endpointFormat") {
        None => Format::Json,
        Some(value) => Format::from_name(value).ok_or_else(|| ConfigError::BadFormat { value: value.to_owned() })?,
    };
    let credentials = match get("endpointCredentials") {
        None => Credentials::Omit,
        Some(value) => Credentials::from_name(value).ok_or_else(|| ConfigError::BadCredentials { value: value.to_owned() })?,
    };
    let timeout_ms = match get("endpointTimeout") {
        None => DEFAULT_TIMEOUT_MS,
        Some(value) => match value.parse::<u64>() {
            Ok(secs @ 1..=120) => secs * 1000,
            _ => return Err(ConfigError::BadTimeout { value: value.to_owned() }),
        },
    };
    let headers = match get("endpointHeaders") {
        None => Default::default(),
        Some(json) => {
            let bad = |problem: String| ConfigError::BadHeaders { problem };
            let map = string_map(json)
                .map_err(|problem| bad(format!("expected a JSON object of header names to strings ({problem})")))?;
            if let Some(name) = map.keys().find(|name| !header_name_allowed(name)) {
                return Err(bad(format!("\"{name}\" is not a header a page may set")));
            }
            if let Some((name, problem)) = map.iter().find_map(|(name, value)| Some((name, header_value_problem(value)?))) {
                return Err(bad(format!("the value of \"{name}\" {problem}")));
            }
            map
        }
    };
    if format == Format::Form && get("endpointHeaders").is_some() {
        return Err(ConfigError::HeadersWithForm);
    }
    let redirect = match get("endpointRedirect") {
        None => Redirect::Error,
        Some(value) => Redirect::from_name(value).ok_or_else(|| ConfigError::BadRedirect { value: value.to_owned() })?,
    };
    Ok(Endpoint { url, format, headers, credentials, timeout_ms, redirect })
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
        .map(|(key, value)| match value.as_str() {
            Some(text) => Ok((key.clone(), text.to_owned())),
            None => Err(StringMapError::NotAString { key: key.clone(), kind: value.kind() }),
        })
        .collect()
}

/// The longest value a hidden field keeps.
pub const MAX_HIDDEN_CHARS: usize = 500;

/// The hidden fields' values: from the tag's `data-hidden-<id>` attributes (`from_tag`,
/// [`EmbedConfig::hidden`]), else from the URL query parameter the form names. Only
/// fields the form declares are kept.
pub fn hidden_values(form: &Form, from_tag: &Pairs<String>, query: &str) -> Pairs<String> {
    let params = query_params(query);
    form.hidden
        .iter()
        .filter_map(|field| {
            let value = from_tag.get(&field.id).or_else(|| params.get(field.url_param.as_deref()?))?;
            Some((field.id.as_str(), value.chars().filter(|c| !c.is_control()).take(MAX_HIDDEN_CHARS).collect()))
        })
        .collect()
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
        .find(|locale| valid_locale(locale) && speaks(locale))
        .unwrap_or(form_default)
        .to_owned()
}
